import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, ensureAuthSecret, env } from "@/server/config";

const vars = process.env as Record<string, string | undefined>;
const setEnv = (values: Record<string, string | undefined>) => {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) Reflect.deleteProperty(vars, k);
    else vars[k] = v;
  }
};

const keys = ["NODE_ENV", "ALLOW_DEMO_LOGIN", "NEXTAUTH_SECRET", "DATABASE_URL"];
const saved = Object.fromEntries(keys.map((k) => [k, vars[k]]));
afterEach(() => setEnv(saved));

describe("demo login", () => {
  it("is allowed outside production", () => {
    setEnv({ NODE_ENV: "development", ALLOW_DEMO_LOGIN: undefined });
    expect(env.demoLoginAllowed()).toBe(true);
  });
  it("is refused in production unless explicitly allowed", () => {
    setEnv({ NODE_ENV: "production", ALLOW_DEMO_LOGIN: undefined });
    expect(env.demoLoginAllowed()).toBe(false);
    setEnv({ ALLOW_DEMO_LOGIN: "1" });
    expect(env.demoLoginAllowed()).toBe(true);
  });
});

describe("ensureAuthSecret", () => {
  it("generates a secret once for local runs and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crx-secret-"));
    setEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: undefined });
    const first = ensureAuthSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    setEnv({ NEXTAUTH_SECRET: undefined });
    expect(ensureAuthSecret(dir)).toBe(first);
    expect(fs.readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(first);
  });

  it("refuses to make one up in production on a real database", () => {
    setEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: undefined,
      DATABASE_URL: "postgres://x@127.0.0.1/db",
    });
    expect(() => ensureAuthSecret(fs.mkdtempSync(path.join(os.tmpdir(), "crx-secret-")))).toThrow(
      ConfigError,
    );
    expect(() => ensureAuthSecret()).toThrow(/NEXTAUTH_SECRET/);
  });
});

describe("sign-in providers", () => {
  it("offers GitHub only when its keys are configured", async () => {
    const { authOptions } = await import("@/server/auth");
    setEnv({ GITHUB_ID: undefined, GITHUB_SECRET: undefined });
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials"]);
    setEnv({ GITHUB_ID: "id", GITHUB_SECRET: "secret" });
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials", "github"]);
    setEnv({ GITHUB_ID: undefined, GITHUB_SECRET: undefined });
  });
});
