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
  /** Changes per user per minute while the account is on probation (docs/moderation.md). */
  probationWrites: RateLimiterAbstract | null;
  /** Failed sign-ins per handle per 15 minutes (reset by a success). */
  signInFailures: RateLimiterAbstract | null;
  /** Sign-in attempts per client address per 15 minutes. */
  signInsByClient: RateLimiterAbstract | null;
  /** New accounts per client address per hour. */
  signUpsByClient: RateLimiterAbstract | null;
}

const REDIS = Symbol.for("cruxible.limits.redis");
type Redis = ReturnType<typeof createClient>;
const holder = globalThis as typeof globalThis & {
  [REDIS]?: Map<string, { client: Redis; ready: Promise<unknown> }>;
};

/** One Redis connection per URL per process, shared by every limiter. */
function redisFor(url: string) {
  const clients = (holder[REDIS] ??= new Map());
  let entry = clients.get(url);
  if (!entry) {
    const client: Redis = createClient({ url, disableOfflineQueue: true });
    client.on("error", (err: Error) => console.error(`[limits] redis: ${err.message}`));
    entry = { client, ready: client.connect().catch(() => undefined) };
    clients.set(url, entry);
  }
  return entry;
}

/** Limiters whose store is still connecting: the first counts wait for it (briefly). */
const connecting = new WeakMap<RateLimiterAbstract, Promise<unknown>>();
const CONNECT_WAIT_MS = 2_000;

async function connected(l: RateLimiterAbstract): Promise<void> {
  const ready = connecting.get(l);
  if (!ready) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    ready,
    new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS))),
  ]);
  clearTimeout(timer);
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
  const redis = redisFor(config.redisUrl);
  const shared = new RateLimiterRedis({
    storeClient: redis.client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
    keyPrefix: `${config.redisPrefix}:limit:${keyPrefix}`,
    points,
    duration,
  });
  connecting.set(shared, redis.ready);
  void redis.ready.then(() => connecting.delete(shared));
  return shared;
}

const cache = new WeakMap<AppConfig, Limiters>();

/** The limiters for a configuration (built once per configuration object). */
export function limitersFor(config: AppConfig): Limiters {
  let found = cache.get(config);
  if (!found) {
    const l = config.limits;
    found = {
      writes: limiter(config, "writes", l.writesPerMinute, 60),
      probationWrites:
        config.probation.minutes > 0
          ? limiter(config, "probation-writes", config.probation.writesPerMinute, 60)
          : null,
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
  await connected(l);
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
  await connected(l);
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
