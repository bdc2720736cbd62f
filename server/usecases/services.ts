import { AsyncLocalStorage } from "node:async_hooks";
import type { Db, Tx } from "@/db/client";
import type { DebateEvent } from "@/server/domain/events";

/** What every use-case needs: the database, and where committed events go (socket.io rooms). */
export interface Services {
  db: Db;
  publish: (events: readonly DebateEvent[]) => void;
  /** Tells these users' open pages that they have new notifications (after commit). */
  notifyUsers?: (userIds: readonly number[]) => void;
}

/** The signed-in user a use-case acts for. */
export interface Actor {
  id: number;
  handle: string;
  isAdmin: boolean;
}

/** Runs one transaction, then hands its events to the live layer (only after commit). */
export async function commit<T>(
  services: Services,
  work: (tx: Tx) => Promise<{ value: T; events: DebateEvent[] }>,
): Promise<T> {
  const notified: number[] = [];
  const { value, events } = await services.db.transaction((tx) =>
    pendingNotifications.run(notified, () => work(tx)),
  );
  services.publish(events);
  if (notified.length > 0) services.notifyUsers?.([...new Set(notified)]);
  return value;
}

/**
 * Users notified inside the current transaction, so commit() can ping their pages afterwards
 * without every use-case threading the list through.
 */
export const pendingNotifications = new AsyncLocalStorage<number[]>();
