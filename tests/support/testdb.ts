/**
 * Integration tests run against real PostgreSQL (TEST_DB=postgres, a fresh database per file) and
 * against PGlite (TEST_DB=pglite, a fresh temp folder per file): same schema, same migrations.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { loadConfig } from "@/server/config";
import { seedAll } from "@/db/seed";
import type { DebateEvent } from "@/server/domain/events";
import { createCaller } from "@/server/trpc/router";
import { createUser, type UserRecord } from "@/server/usecases/accounts";
import type { Services } from "@/server/usecases/services";
import { createFreshDatabase } from "./postgres";

export interface TestDb {
  handle: DatabaseHandle;
  /** Events handed to the live layer after commit, in order. */
  published: DebateEvent[];
  /** The fresh database's URL on PostgreSQL (undefined on PGlite). */
  databaseUrl: string | undefined;
  services: Services;
  close(): Promise<void>;
}

export async function openTestDb(options: { seed?: boolean } = {}): Promise<TestDb> {
  const kind = process.env.TEST_DB === "pglite" ? "pglite" : "postgres";
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    const fresh = await createFreshDatabase();
    databaseUrl = fresh.url;
    handle = await openDatabase({ databaseUrl: fresh.url });
    cleanup = fresh.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crx-pglite-"));
    handle = await openDatabase({ pgliteDir: path.join(dir, "db") });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  if (options.seed) await seedAll(handle);
  const published: DebateEvent[] = [];
  return {
    handle,
    published,
    databaseUrl,
    // A configuration of its own that a test may change (e.g. services.config.disputeWindowMs).
    services: {
      db: handle.db,
      // Every call here comes from one "client": per-client limits would trip; tests of the
      // limits lower them on their own.
      config: loadConfig({
        ...process.env,
        RATE_LIMIT_SIGNUPS_PER_CLIENT: "100000",
        RATE_LIMIT_SIGNINS_PER_CLIENT: "100000",
        // Fresh accounts write a lot at once; probation is tested on its own.
        PROBATION_MINUTES: "0",
      }),
      publish: (events) => published.push(...events),
    },
    async close() {
      await handle.close();
      await cleanup();
    },
  };
}

let counter = 0;
/** A unique handle per call, so tests in one database never collide. */
export const uniqueHandle = (prefix = "user") => `${prefix}-${process.pid}-${++counter}`;

export async function makeUser(
  t: TestDb,
  overrides: { isAdmin?: boolean } = {},
): Promise<UserRecord> {
  return createUser(t.handle.db, {
    handle: uniqueHandle(),
    password: "correct horse",
    ...overrides,
  });
}

/** A tRPC caller acting as `user` (or anonymous), exactly as the HTTP adapters would build it. */
export function callerFor(t: TestDb, user: UserRecord | null | "invalid-api-key") {
  return createCaller({
    ...t.services,
    caller: user,
    clientAddress: "test",
    authenticatedBy: user && user !== "invalid-api-key" ? "session" : null,
  });
}
