import { AsyncLocalStorage } from "node:async_hooks";
import type { Db, Tx } from "@/db/client";
import type { AppConfig } from "@/server/config";
import type { DebateEvent } from "@/server/domain/events";
import { writeEvents, type PendingEvent } from "./events";

/** What every use-case needs: the database, and where committed events go (socket.io rooms). */
export interface Services {
  db: Db;
  config: AppConfig;
  publish: (events: readonly DebateEvent[]) => void;
  /** Tells these users' open pages that they have new notifications (after commit). */
  notifyUsers?: (userIds: readonly number[]) => void;
  /** Tells moderators' open queue pages that the queue changed (after commit; no payload). */
  moderationChanged?: () => void;
}

/** The signed-in user a use-case acts for. */
export interface Actor {
  id: number;
  handle: string;
  isAdmin: boolean;
}

/** How often a transaction that lost a deadlock or a serialization race is run again. */
export const MAX_ATTEMPTS = 6;

/** PostgreSQL's "deadlock detected" and "could not serialize access". */
const RETRYABLE = new Set(["40P01", "40001"]);

/** The SQLSTATE when the error (or a cause of it: drizzle wraps the driver's) is worth a retry. */
export function retryableCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one transaction, writes the events it caused as its last step (the debate's counter row is
 * locked last, docs/locking.md), then hands them to the live layer after commit. A transaction
 * that loses a deadlock or serialization race is rolled back whole and run again (a few times,
 * with jitter): safe because nothing of it was kept, and money operations are idempotent.
 */
export async function commit<T>(
  services: Services,
  work: (tx: Tx) => Promise<{ value: T; events: PendingEvent[] }>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const notified: number[] = [];
    try {
      const { value, events } = await services.db.transaction((tx) =>
        pendingNotifications.run(notified, async () => {
          const result = await work(tx);
          return { value: result.value, events: await writeEvents(tx, result.events) };
        }),
      );
      services.publish(events);
      if (notified.length > 0) services.notifyUsers?.([...new Set(notified)]);
      return value;
    } catch (err) {
      const code = retryableCode(err);
      if (attempt >= MAX_ATTEMPTS || code === null) throw err;
      console.warn(`[cruxible] transaction retried after ${code} (attempt ${attempt})`);
      await pause(Math.random() * 20 * 2 ** attempt);
    }
  }
}

/** commit(), then a word to moderators' open queues (reports filed or closed, claims hidden). */
export async function commitForModerators<T>(
  services: Services,
  work: (tx: Tx) => Promise<{ value: T; events: PendingEvent[] }>,
): Promise<T> {
  const value = await commit(services, work);
  services.moderationChanged?.();
  return value;
}

/**
 * Users notified inside the current transaction, so commit() can ping their pages afterwards
 * without every use-case threading the list through.
 */
export const pendingNotifications = new AsyncLocalStorage<number[]>();
