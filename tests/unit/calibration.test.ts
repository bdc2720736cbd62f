import { describe, expect, it } from "vitest";
import { calibrationBucketOf, calibrationBuckets } from "@/server/domain/calibration";

describe("calibrationBucketOf", () => {
  it("buckets on basis points, not float edges", () => {
    // 0.1 + 0.2 = 0.30000000000000004 -> round(3000.0000000000005) = 3000 -> bucket 3.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(calibrationBucketOf(0.1 + 0.2)).toBe(3);
    expect(calibrationBucketOf(0.3)).toBe(3);
    // 0.7 * 10000 = 7000.000000000001 -> 7000 -> bucket 7.
    expect(calibrationBucketOf(0.7)).toBe(7);
  });

  it("puts each edge in the bucket it starts", () => {
    expect(calibrationBucketOf(0.001)).toBe(0); // 10 bp
    expect(calibrationBucketOf(0.0999)).toBe(0); // 999 bp
    expect(calibrationBucketOf(0.1)).toBe(1); // 1000 bp
    expect(calibrationBucketOf(0.2999)).toBe(2); // 2999 bp
    expect(calibrationBucketOf(0.999)).toBe(9); // 9990 bp
    expect(calibrationBucketOf(0)).toBe(0);
    expect(calibrationBucketOf(1)).toBe(9); // 10000 bp belongs to the last bucket
  });

  it("rejects values outside 0..1", () => {
    for (const p of [-0.1, 1.1, Number.NaN])
      expect(() => calibrationBucketOf(p)).toThrow(RangeError);
  });
});

describe("calibrationBuckets", () => {
  it("returns ten buckets with exact edges, counts and YES fractions", () => {
    const buckets = calibrationBuckets([
      { p: 0.1 + 0.2, outcome: true },
      { p: 0.3, outcome: false },
      { p: 0.35, outcome: true },
      { p: 0.001, outcome: false },
      { p: 0.999, outcome: true },
      { p: 0.95, outcome: true },
      { p: 0.91, outcome: false },
      { p: 0.9, outcome: true },
    ]);
    expect(buckets).toHaveLength(10);
    expect(buckets.map((b) => [b.from, b.to])).toEqual([
      [0, 0.1],
      [0.1, 0.2],
      [0.2, 0.3],
      [0.3, 0.4],
      [0.4, 0.5],
      [0.5, 0.6],
      [0.6, 0.7],
      [0.7, 0.8],
      [0.8, 0.9],
      [0.9, 1],
    ]);
    // Bucket 0: 0.001 (NO) -> 0/1. Bucket 3: 0.3, 0.3, 0.35 -> 2 YES of 3.
    // Bucket 9: 0.999, 0.95, 0.91, 0.9 -> 3 YES of 4.
    expect(buckets.map((b) => b.count)).toEqual([1, 0, 0, 3, 0, 0, 0, 0, 0, 4]);
    expect(buckets.map((b) => b.yesFraction)).toEqual([
      0,
      null,
      null,
      2 / 3,
      null,
      null,
      null,
      null,
      null,
      0.75,
    ]);
  });

  it("gives all-empty buckets for no forecasts", () => {
    const buckets = calibrationBuckets([]);
    expect(buckets.every((b) => b.count === 0 && b.yesFraction === null)).toBe(true);
  });
});
