/**
 * End-to-end tests: Debian's Chromium against the real production server on a fresh PostgreSQL
 * database (tests/e2e/support/web-server.ts creates it, starts the server and drops it afterwards).
 *
 *   npm run build && npm run test:e2e
 *   NEXT_DIST_DIR=.next-e2e npm run build && NEXT_DIST_DIR=.next-e2e npx playwright test
 */
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// The server sets NEXTAUTH_URL to http://localhost:<port>; use the same origin for cookies.
const baseURL = `http://localhost:${port}`;
process.env.E2E_BASE_URL = baseURL;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  // One server, one database, a 2-core machine: run the tests one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "node --import tsx tests/e2e/support/web-server.ts",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: String(port), NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next" },
    reuseExistingServer: false,
    timeout: 150_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM to the process group: the server shuts down and the script drops the database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
