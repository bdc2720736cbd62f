/**
 * A PostgreSQL server of a test's own, in a temporary folder on a free port, that the test may stop
 * and start (never the shared one). PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server";

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error(`no PostgreSQL binaries under ${root}`);
  return path.join(root, version, "bin");
}

const asRoot = process.getuid?.() === 0;

function run(tool: string, args: string[]): string {
  const bin = path.join(binDir(), tool);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", bin, ...args], { encoding: "utf8" })
    : execFileSync(bin, args, { encoding: "utf8" });
}

export interface OwnPostgres {
  url: string;
  start(): void;
  stop(): void;
  remove(): void;
}

export async function createOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crx-pg-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
  const pg: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => void run("pg_ctl", ["-D", data, "-o", options, "-l", `${dir}/log`, "-w", "start"]),
    stop: () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  pg.start();
  return pg;
}
