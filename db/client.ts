import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle a transaction callback receives; use it, never the outer db, inside a transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbExecutor = Db | Tx;

/** Runs hand-written SQL (a statement drizzle's builders can't express) and returns its rows. */
export async function queryRows<T>(db: DbExecutor, query: SQL): Promise<T[]> {
  // Both drivers' results carry `rows`; the generic result type doesn't say so.
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives: a redacted URL or a folder. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  pgliteDir?: string | undefined;
  poolSize?: number;
}

// Read at run time from the checkout; the turbopackIgnore hints keep Next from tracing the whole tree.
/** Arbitrary constants naming the advisory locks that serialise start-up work across processes. */
const MIGRATION_LOCK = 727_001;
export const SEED_LOCK = 727_002;

const migrationsFolder = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.pgliteDir ?? defaultPgliteDir());
}

export function defaultPgliteDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite");
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // During an outage, fail fast (a 503 the client can retry) rather than queue requests forever.
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client dropped by the server (restart, failover) must not crash the process.
  pool.on("error", (err) => console.error(`[db] idle connection error: ${err.message}`));
  const db = drizzle(pool, { schema });
  // Several app processes may start at once on an empty database: one migrates, the others wait.
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return {
    db: db as unknown as Db,
    kind: "postgres",
    location: redactUrl(url),
    close: () => pool.end(),
  };
}

/**
 * PGlite has no cross-process lock on its folder and corrupts data if two processes open it,
 * so we keep a pid lock file beside it and refuse a second opener with a clear message.
 */
async function openPglite(dir: string): Promise<DatabaseHandle> {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "..", `${path.basename(dir)}.lock`);
  acquireLock(lockFile, dir);
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite(dir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    location: dir,
    close: async () => {
      await client.close();
      releaseLock(lockFile);
    },
  };
}

export class DatabaseInUseError extends Error {}

function acquireLock(lockFile: string, dir: string): void {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    process.once("exit", () => releaseLock(lockFile));
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const holder = Number(fs.readFileSync(lockFile, "utf8"));
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new DatabaseInUseError(
      `The embedded database in ${dir} is in use by process ${holder} (probably the running server). ` +
        `Stop that process first, or set DATABASE_URL to use PostgreSQL.`,
    );
  }
  // Stale lock from a process that died: take it over.
  fs.writeFileSync(lockFile, String(process.pid));
  process.once("exit", () => releaseLock(lockFile));
}

function releaseLock(lockFile: string): void {
  try {
    if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
