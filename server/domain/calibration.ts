/**
 * Calibration (docs/scoring.md): how often forecasts in each tenth of the scale resolved YES.
 * Buckets are chosen by integer arithmetic on basis points, never by comparing floats to float edges:
 * 0.1 + 0.2 = 0.30000000000000004 would land on the wrong side of a float edge at 0.3.
 */

export const CALIBRATION_BUCKETS = 10;
const BASIS_POINTS = 10_000;
const BUCKET_WIDTH = BASIS_POINTS / CALIBRATION_BUCKETS; // 1000 basis points

export interface CalibrationBucket {
  /** Lower edge as a fraction, e.g. 0.3 (included). */
  from: number;
  /** Upper edge as a fraction, e.g. 0.4 (excluded, except 1.0 for the last bucket). */
  to: number;
  count: number;
  /** Share of the bucket's forecasts that resolved YES; null for an empty bucket. */
  yesFraction: number | null;
}

/** Bucket index 0..9 of a probability: Math.round(p * 10000) basis points, 1000 per bucket, 10000 in the last. */
export function calibrationBucketOf(p: number): number {
  if (!Number.isFinite(p) || p < 0 || p > 1)
    throw new RangeError(`calibration: probability must be within 0..1, got ${p}`);
  const basisPoints = Math.round(p * BASIS_POINTS);
  return Math.min(CALIBRATION_BUCKETS - 1, Math.floor(basisPoints / BUCKET_WIDTH));
}

export function calibrationBuckets(
  resolved: readonly { p: number; outcome: boolean }[],
): CalibrationBucket[] {
  const counts = Array.from({ length: CALIBRATION_BUCKETS }, () => ({ count: 0, yes: 0 }));
  for (const r of resolved) {
    const tally = counts[calibrationBucketOf(r.p)]!;
    tally.count += 1;
    if (r.outcome) tally.yes += 1;
  }
  // i / 10 is the double nearest the decimal (3 / 10 === 0.3), so edges print as written.
  return counts.map((c, i) => ({
    from: i / CALIBRATION_BUCKETS,
    to: (i + 1) / CALIBRATION_BUCKETS,
    count: c.count,
    yesFraction: c.count === 0 ? null : c.yes / c.count,
  }));
}
