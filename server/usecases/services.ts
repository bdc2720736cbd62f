import type { Db, Tx } from "@/db/client";
import type { DebateEvent } from "@/server/domain/events";

/** What every use-case needs: the database, and where committed events go (socket.io rooms). */
export interface Services {
  db: Db;
  publish: (events: readonly DebateEvent[]) => void;
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
  const { value, events } = await services.db.transaction(work);
  services.publish(events);
  return value;
}
