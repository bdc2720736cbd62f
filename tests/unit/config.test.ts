import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ensureAuthSecret, loadConfig } from "@/server/config";

describe("loadConfig", () => {
  it("gives every setting its default on an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      isProduction: false,
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      publicUrl: "http://localhost:3000",
      github: null,
      demoLoginAllowed: true,
      disputeWindowMs: 48 * 3600_000,
      trustProxy: false,
    });
    expect(config.limits.writesPerMinute).toBe(600);
  });

  it("reads each variable", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: "4000",
      DATABASE_URL: "postgres://u:p@db:5432/x",
      REDIS_URL: "redis://cache:6379",
      NEXTAUTH_URL: "https://cruxible.example",
      GITHUB_ID: "id",
      GITHUB_SECRET: "secret",
      ALLOW_DEMO_LOGIN: "yes",
      DISPUTE_WINDOW_HOURS: "0.5",
      RATE_LIMIT_WRITES_PER_MINUTE: "0",
      TRUST_PROXY: "1",
    });
    expect(config).toMatchObject({
      isProduction: true,
      port: 4000,
      databaseUrl: "postgres://u:p@db:5432/x",
      redisUrl: "redis://cache:6379",
      publicUrl: "https://cruxible.example",
      github: { clientId: "id", clientSecret: "secret" },
      demoLoginAllowed: true,
      disputeWindowMs: 1800_000,
      trustProxy: true,
    });
    expect(config.limits.writesPerMinute).toBe(0);
  });

  it("refuses demo logins in production unless allowed", () => {
    expect(loadConfig({ NODE_ENV: "production" }).demoLoginAllowed).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", ALLOW_DEMO_LOGIN: "1" }).demoLoginAllowed).toBe(
      true,
    );
  });

  it("names every bad variable", () => {
    const bad = () =>
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        DISPUTE_WINDOW_HOURS: "-1",
        ALLOW_DEMO_LOGIN: "maybe",
        NODE_ENV: "staging",
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT must be a whole number/);
    expect(bad).toThrow(/DATABASE_URL must be a URL like postgres:/);
    expect(bad).toThrow(/DISPUTE_WINDOW_HOURS must be a number of hours/);
    expect(bad).toThrow(/ALLOW_DEMO_LOGIN must be 1, 0, true, false, yes or no/);
    expect(bad).toThrow(/NODE_ENV/);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" })).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
    });
  });
});

describe("ensureAuthSecret", () => {
  it("generates a secret once for local runs and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crx-secret-"));
    const first = ensureAuthSecret(loadConfig({}), dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(ensureAuthSecret(loadConfig({}), dir)).toBe(first);
    expect(fs.readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(first);
  });

  it("refuses to make one up in production on a real database", () => {
    const production = loadConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://x@127.0.0.1/db",
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crx-secret-"));
    expect(() => ensureAuthSecret(production, dir)).toThrow(ConfigError);
    expect(() => ensureAuthSecret(production, dir)).toThrow(/NEXTAUTH_SECRET/);
  });
});

describe("sign-in providers", () => {
  it("offers GitHub only when its keys are configured", async () => {
    const { authOptions } = await import("@/server/auth");
    const { setConfig } = await import("@/server/runtime");
    setConfig(loadConfig({}));
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials"]);
    setConfig(loadConfig({ GITHUB_ID: "id", GITHUB_SECRET: "secret" }));
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials", "github"]);
  });
});

describe("probation settings (docs/moderation.md)", () => {
  it("default to an hour at 10 changes a minute; 0 minutes turns probation off", () => {
    expect(loadConfig({}).probation).toEqual({ minutes: 60, writesPerMinute: 10 });
    expect(loadConfig({ PROBATION_MINUTES: "0" }).probation.minutes).toBe(0);
    expect(() => loadConfig({ PROBATION_WRITES_PER_MINUTE: "0" })).toThrow(
      /PROBATION_WRITES_PER_MINUTE/,
    );
    expect(() => loadConfig({ PROBATION_MINUTES: "soon" })).toThrow(/PROBATION_MINUTES/);
  });
});
