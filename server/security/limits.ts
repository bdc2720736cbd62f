/**
 * Abuse limits (docs/security.md), counted by rate-limiter-flexible: in Redis when REDIS_URL is set,
 * so every app process shares one count, and in memory otherwise. If Redis is unreachable the
 * process falls back to its own memory count rather than failing requests.
 */
import { createClient } from "redis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { AppConfig } from "@/server/config";
import { tooManyRequests, type AppError } from "@/server/errors";

export interface Limiters {
  /** Changes per user per minute. */
  writes: RateLimiterAbstract | null;
  /** Failed sign-ins per handle per 15 minutes (reset by a success). */
  signInFailures: RateLimiterAbstract | null;
  /** Sign-in attempts per client address per 15 minutes. */
  signInsByClient: RateLimiterAbstract | null;
  /** New accounts per client address per hour. */
  signUpsByClient: RateLimiterAbstract | null;
}

const REDIS = Symbol.for("cruxible.limits.redis");
const holder = globalThis as typeof globalThis & {
  [REDIS]?: Map<string, ReturnType<typeof createClient>>;
};

/** One Redis connection per URL per process, shared by every limiter. */
function redisFor(url: string) {
  const clients = (holder[REDIS] ??= new Map());
  let client = clients.get(url);
  if (!client) {
    client = createClient({ url, disableOfflineQueue: true });
    client.on("error", (err: Error) => console.error(`[limits] redis: ${err.message}`));
    void client.connect().catch(() => undefined);
    clients.set(url, client);
  }
  return client;
}

function limiter(
  config: AppConfig,
  keyPrefix: string,
  points: number,
  duration: number,
): RateLimiterAbstract | null {
  if (points <= 0) return null;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!config.redisUrl) return memory;
  return new RateLimiterRedis({
    storeClient: redisFor(config.redisUrl),
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
    keyPrefix: `cruxible:${keyPrefix}`,
    points,
    duration,
  });
}

const cache = new WeakMap<AppConfig, Limiters>();

/** The limiters for a configuration (built once per configuration object). */
export function limitersFor(config: AppConfig): Limiters {
  let found = cache.get(config);
  if (!found) {
    const l = config.limits;
    found = {
      writes: limiter(config, "writes", l.writesPerMinute, 60),
      signInFailures: limiter(config, "signin-handle", l.signInsPerHandle, 15 * 60),
      signInsByClient: limiter(config, "signin-client", l.signInsPerClient, 15 * 60),
      signUpsByClient: limiter(config, "signup-client", l.signUpsPerClient, 60 * 60),
    };
    cache.set(config, found);
  }
  return found;
}

/** Takes one point, or throws a 429 (with Retry-After) whose message says how long to wait. */
export async function take(
  l: RateLimiterAbstract | null,
  key: string,
  refusal: (seconds: number) => string,
): Promise<void> {
  if (!l) return;
  try {
    await l.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw limited(refusal, err.msBeforeNext);
    throw err;
  }
}

/** Throws the 429 when the key has no points left, without taking one. */
export async function ensureLeft(
  l: RateLimiterAbstract | null,
  key: string,
  refusal: (seconds: number) => string,
): Promise<void> {
  if (!l) return;
  const state = await l.get(key);
  if (state && state.remainingPoints <= 0) throw limited(refusal, state.msBeforeNext);
}

function limited(refusal: (seconds: number) => string, ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return tooManyRequests(refusal(seconds), seconds);
}

/** "42 s" or "3 min" */
export const wait = (seconds: number) =>
  seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
