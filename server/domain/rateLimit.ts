/** A token bucket: `capacity` writes at once, refilled at `perMinute` a minute. Pure: time is a parameter. */

export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateRule {
  perMinute: number;
  capacity: number;
}

export function takeToken(
  bucket: Bucket | undefined,
  now: number,
  rule: RateRule,
): { allowed: boolean; bucket: Bucket; retryAfterMs: number } {
  const refillPerMs = rule.perMinute / 60_000;
  const previous = bucket ?? { tokens: rule.capacity, updatedAt: now };
  const tokens = Math.min(
    rule.capacity,
    previous.tokens + Math.max(0, now - previous.updatedAt) * refillPerMs,
  );
  if (tokens >= 1)
    return { allowed: true, bucket: { tokens: tokens - 1, updatedAt: now }, retryAfterMs: 0 };
  return {
    allowed: false,
    bucket: { tokens, updatedAt: now },
    retryAfterMs: Math.ceil((1 - tokens) / refillPerMs),
  };
}
