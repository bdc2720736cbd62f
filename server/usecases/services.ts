import type { Db } from "@/db/client";
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
