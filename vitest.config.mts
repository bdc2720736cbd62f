import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration-postgres",
          include: ["tests/integration/**/*.test.ts"],
          // Tests sign up fresh accounts and write a lot: probation is tested on its own.
          env: { TEST_DB: "postgres", PROBATION_MINUTES: "0" },
          testTimeout: 30_000,
          // Dropping a test's databases can wait on a busy machine (`next build` runs alongside).
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-pglite",
          include: ["tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/**/*.postgres.test.ts"],
          env: { TEST_DB: "pglite", PROBATION_MINUTES: "0" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          env: { PROBATION_MINUTES: "0" },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file starts real server processes; running them one at a time keeps a 2-core box responsive.
          fileParallelism: false,
        },
      },
    ],
  },
});
