/**
 * The server's configuration: every environment variable it reads, parsed once at start by one
 * zod schema (README "Configuration" lists them). A bad value stops the server with a message
 * naming the variable. Everything else receives the parsed `AppConfig`; nothing reads
 * `process.env` on its own.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const flag = z
  .string()
  .trim()
  .regex(/^(1|0|true|false|yes|no|)$/i, "must be 1, 0, true, false, yes or no")
  .transform((v) => /^(1|true|yes)$/i.test(v));

const count = (fallback: number, min = 0) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(1_000_000_000))
    .optional()
    .transform((v) => v ?? fallback);

const url = (protocols: RegExp, example: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.test(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL like ${example}`);

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const schema = z.object({
  NODE_ENV: z.preprocess(
    blankIsUnset,
    z.enum(["development", "production", "test"]).default("development"),
  ),
  PORT: z.preprocess(
    blankIsUnset,
    count(3000, 1).pipe(z.number().max(65535, "must be at most 65535")),
  ),
  DATABASE_URL: z.preprocess(
    blankIsUnset,
    url(/^postgres(ql)?:$/, "postgres://user:password@host:5432/db").optional(),
  ),
  PGLITE_DIR: z.preprocess(blankIsUnset, z.string().optional()),
  REDIS_URL: z.preprocess(blankIsUnset, url(/^rediss?:$/, "redis://127.0.0.1:6379").optional()),
  REDIS_PREFIX: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,40}$/, "must be 1-40 letters, digits, _ . : or -")
      .default("cruxible"),
  ),
  NEXTAUTH_SECRET: z.preprocess(
    blankIsUnset,
    z.string().min(16, "must be at least 16 characters (use `openssl rand -base64 32`)").optional(),
  ),
  NEXTAUTH_URL: z.preprocess(blankIsUnset, url(/^https?:$/, "https://cruxible.example").optional()),
  GITHUB_ID: z.preprocess(blankIsUnset, z.string().optional()),
  GITHUB_SECRET: z.preprocess(blankIsUnset, z.string().optional()),
  ALLOW_DEMO_LOGIN: z.preprocess(blankIsUnset, flag.optional()),
  WEBHOOKS_ALLOW_PRIVATE: z.preprocess(blankIsUnset, flag.optional()),
  DISPUTE_WINDOW_HOURS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, "must be a number of hours, 0 or more (e.g. 48 or 0.5)")
      .transform(Number)
      .optional()
      .transform((v) => v ?? 48),
  ),
  RATE_LIMIT_WRITES_PER_MINUTE: z.preprocess(blankIsUnset, count(600)),
  RATE_LIMIT_SIGNINS_PER_HANDLE: z.preprocess(blankIsUnset, count(10)),
  PROBATION_MINUTES: z.preprocess(blankIsUnset, count(60)),
  PROBATION_WRITES_PER_MINUTE: z.preprocess(blankIsUnset, count(10, 1)),
  RATE_LIMIT_SIGNINS_PER_CLIENT: z.preprocess(blankIsUnset, count(50)),
  RATE_LIMIT_SIGNUPS_PER_CLIENT: z.preprocess(blankIsUnset, count(5)),
  SOCKETS_PER_CLIENT: z.preprocess(blankIsUnset, count(50)),
  ROOMS_PER_SOCKET: z.preprocess(blankIsUnset, count(10)),
  REPLAY_EVENTS_PER_MINUTE: z.preprocess(blankIsUnset, count(20_000)),
  TRUST_PROXY: z.preprocess(blankIsUnset, flag.optional()),
  REMINDERS: z.preprocess(blankIsUnset, flag.optional()),
});

export interface AppConfig {
  isProduction: boolean;
  port: number;
  databaseUrl: string | undefined;
  pgliteDir: string | undefined;
  redisUrl: string | undefined;
  /** Starts every Redis key and channel, so deployments sharing one Redis never mix. */
  redisPrefix: string;
  /** Signs sessions; filled by ensureAuthSecret when unset outside production. */
  authSecret: string | undefined;
  /** The app's public URL (its origin is the only one allowed to send cookie-authenticated writes). */
  publicUrl: string;
  github: { clientId: string; clientSecret: string } | null;
  /** Demo accounts share a published password, so production refuses them unless told otherwise. */
  demoLoginAllowed: boolean;
  /** Let webhooks reach loopback and private addresses (tests, or a trusted internal network). */
  webhooksAllowPrivate: boolean;
  disputeWindowMs: number;
  limits: {
    /** Changes one user may make a minute (0: unlimited). */
    writesPerMinute: number;
    /** Failed sign-ins per handle, and sign-in attempts per client address, per 15 minutes. */
    signInsPerHandle: number;
    signInsPerClient: number;
    /** Accounts one client address may create an hour. */
    signUpsPerClient: number;
    socketsPerClient: number;
    roomsPerSocket: number;
    replayEventsPerMinute: number;
  };
  /** New accounts' first minutes, with fewer writes a minute (docs/moderation.md; 0 minutes: off). */
  probation: { minutes: number; writesPerMinute: number };
  /** Take the client's address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Run the periodic reminders once a minute (docs/notifications.md); on unless REMINDERS=0. */
  reminders: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success)
    throw new ConfigError(
      `Bad configuration: ${parsed.error.issues
        .map((i) => `${i.path.join(".")} ${i.message}`)
        .join("; ")}.`,
    );
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  return {
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    authSecret: e.NEXTAUTH_SECRET,
    publicUrl: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`,
    github:
      e.GITHUB_ID && e.GITHUB_SECRET
        ? { clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }
        : null,
    demoLoginAllowed: !isProduction || e.ALLOW_DEMO_LOGIN === true,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === true,
    disputeWindowMs: e.DISPUTE_WINDOW_HOURS * 3600_000,
    limits: {
      writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
      signInsPerHandle: e.RATE_LIMIT_SIGNINS_PER_HANDLE,
      signInsPerClient: e.RATE_LIMIT_SIGNINS_PER_CLIENT,
      signUpsPerClient: e.RATE_LIMIT_SIGNUPS_PER_CLIENT,
      socketsPerClient: e.SOCKETS_PER_CLIENT,
      roomsPerSocket: e.ROOMS_PER_SOCKET,
      replayEventsPerMinute: e.REPLAY_EVENTS_PER_MINUTE,
    },
    probation: { minutes: e.PROBATION_MINUTES, writesPerMinute: e.PROBATION_WRITES_PER_MINUTE },
    trustProxy: e.TRUST_PROXY === true,
    reminders: e.REMINDERS !== false,
  };
}

/**
 * Makes sure sessions have a secret. Local runs get one generated once and kept in .data/;
 * production on a real database must be given one (a generated secret would differ per process).
 * next-auth reads NEXTAUTH_SECRET itself, so the secret is also put back in the environment.
 */
export function ensureAuthSecret(
  config: AppConfig,
  dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), ".data"),
): string {
  if (config.authSecret) return config.authSecret;
  if (config.isProduction && config.databaseUrl)
    throw new ConfigError(
      "NEXTAUTH_SECRET is not set. In production (NODE_ENV=production with DATABASE_URL) set it to a long random string, e.g. `openssl rand -base64 32`, the same for every app process.",
    );
  const file = path.join(dataDir, "auth-secret");
  let secret: string;
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  config.authSecret = secret;
  process.env.NEXTAUTH_SECRET = secret;
  return secret;
}
