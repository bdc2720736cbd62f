/**
 * The e2e web server, run by Playwright's `webServer` entry (playwright.config.ts):
 *
 *   node --import tsx tests/e2e/support/web-server.ts
 *
 * 1. creates a fresh PostgreSQL database (the server migrates and seeds it on start),
 * 2. starts the real production server (`node --import tsx server/main.ts`) on E2E_PORT,
 *    serving the build in NEXT_DIST_DIR (default `.next`; run `npm run build` first),
 * 3. on SIGTERM/SIGINT (Playwright sends SIGTERM to the process group when the run ends), stops
 *    the server and drops the database, then exits.
 */
import fs from "node:fs";
import path from "node:path";
import { createFreshDatabase } from "../../support/postgres";
import { startServer, type RunningServer } from "../../support/server";

const port = Number(process.env.E2E_PORT ?? 3100);
const distDir = process.env.NEXT_DIST_DIR || ".next";
/** Where the run's database URL is left for tests that check the ledger. */
export const E2E_DATABASE_FILE = "test-results/e2e-database-url";

function log(message: string): void {
  process.stdout.write(`[e2e-server] ${message}\n`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(process.cwd(), distDir, "BUILD_ID"))) {
    throw new Error(
      `No production build in ${distDir}/. Run \`npm run build\` first ` +
        `(or \`NEXT_DIST_DIR=${distDir} npm run build\` to build into ${distDir}).`,
    );
  }

  const database = await createFreshDatabase("crx_e2e");
  log(`created database ${database.name}`);
  // Tests that move credits run `ledger:check` against this database at the end.
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync(E2E_DATABASE_FILE, database.url);

  let server: RunningServer | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> =>
    (stopping ??= (async () => {
      log(`${reason}: stopping the server and dropping ${database.name}`);
      await server?.stop().catch(() => undefined);
      await database.drop().catch((err: unknown) => {
        log(`could not drop ${database.name}: ${err instanceof Error ? err.message : String(err)}`);
      });
      log("done");
    })());

  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => void stop(signal).then(() => process.exit(0)));
  }

  try {
    server = await startServer({
      mode: "production",
      port,
      timeoutMs: 120_000,
      env: {
        DATABASE_URL: database.url,
        NEXTAUTH_SECRET: `e2e-secret-${database.name}-not-for-production`,
        NEXT_DIST_DIR: distDir,
        // Keep a developer's shell settings out of the run.
        REDIS_URL: undefined,
        GITHUB_ID: undefined,
        GITHUB_SECRET: undefined,
        // The seeded debate's own people take part in some tests (the thread's Sydney bet).
        ALLOW_DEMO_LOGIN: "1",
        // Resolutions finalize at once so a test can watch payouts and scores arrive.
        DISPUTE_WINDOW_HOURS: "0",
        // Every test signs up new people from this one machine.
        RATE_LIMIT_SIGNUPS_PER_CLIENT: "10000",
        RATE_LIMIT_SIGNINS_PER_CLIENT: "10000",
        // Every test signs up new people who write a lot at once (probation: docs/moderation.md).
        PROBATION_MINUTES: "0",
        // Webhook tests deliver to a receiver on this machine.
        WEBHOOKS_ALLOW_PRIVATE: "1",
      },
    });
  } catch (err) {
    await stop("start-up failed");
    throw err;
  }

  process.stdout.write(server.output());
  server.process.stdout?.on("data", (d: Buffer) => process.stdout.write(d));
  server.process.stderr?.on("data", (d: Buffer) => process.stderr.write(d));
  server.process.once("exit", (code) => {
    if (stopping) return;
    log(`server exited unexpectedly with code ${code}`);
    void stop("server exit").then(() => process.exit(1));
  });
  log(`serving ${distDir} at ${server.url}`);
}

main().catch((err: unknown) => {
  console.error("[e2e-server]", err instanceof Error ? err.message : err);
  process.exit(1);
});
