import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Environment variables the server reads (README "Configuration" lists them). */
export const env = {
  port: () => Number(process.env.PORT ?? 3000),
  databaseUrl: () => process.env.DATABASE_URL || undefined,
  redisUrl: () => process.env.REDIS_URL || undefined,
  isProduction: () => process.env.NODE_ENV === "production",
  github: () =>
    process.env.GITHUB_ID && process.env.GITHUB_SECRET
      ? { clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }
      : null,
  /** Demo accounts share a published password, so production refuses them unless told otherwise. */
  demoLoginAllowed: () =>
    process.env.NODE_ENV !== "production" ||
    /^(1|true|yes)$/i.test(process.env.ALLOW_DEMO_LOGIN ?? ""),
};

export class ConfigError extends Error {}

/**
 * Makes sure NEXTAUTH_SECRET is set. Local runs get one generated once and kept in .data/;
 * production on a real database must be given one (a generated secret would differ per process).
 */
export function ensureAuthSecret(
  dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), ".data"),
): string {
  const given = process.env.NEXTAUTH_SECRET;
  if (given) return given;
  if (env.isProduction() && env.databaseUrl()) {
    throw new ConfigError(
      "NEXTAUTH_SECRET is not set. In production (NODE_ENV=production with DATABASE_URL) set it to a long random string, e.g. `openssl rand -base64 32`, the same for every app process.",
    );
  }
  const file = path.join(dataDir, "auth-secret");
  let secret: string;
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = secret;
  return secret;
}
