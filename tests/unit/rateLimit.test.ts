import { describe, expect, it } from "vitest";
import { takeToken, type Bucket } from "@/server/domain/rateLimit";

const rule = { perMinute: 60, capacity: 3 };

describe("takeToken", () => {
  it("allows a burst up to the capacity, then refuses with the wait until the next token", () => {
    let bucket: Bucket | undefined;
    const results = [];
    for (let i = 0; i < 4; i++) {
      const r = takeToken(bucket, 1_000, rule);
      bucket = r.bucket;
      results.push(r.allowed);
    }
    expect(results).toEqual([true, true, true, false]);
    // 60 a minute is one a second: the fourth write waits exactly 1,000 ms.
    expect(takeToken(bucket, 1_000, rule).retryAfterMs).toBe(1_000);
  });

  it("refills over time, never above the capacity", () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(takeToken(empty, 999, rule).allowed).toBe(false);
    expect(takeToken(empty, 1_000, rule).allowed).toBe(true);
    expect(takeToken(empty, 3_600_000, rule).bucket.tokens).toBe(2);
  });
});
