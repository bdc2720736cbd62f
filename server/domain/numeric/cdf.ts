/**
 * Reading a stored CDF (docs/numeric-cruxes.md): cdf[i] = P(X <= x_i) on the 201-point grid, with
 * cdf[0] = P(X < min) and 1 - cdf[200] = P(X > max). Between grid points the CDF is linear in scale
 * space (in ln x on a log scale), which makes the density constant inside each of the 200 bins.
 */
import { BINS, CDF_POINTS, type NumericRange, fromScale, rangeFraction, toScale } from "./range";

export type Cdf = readonly number[];

/** P(X <= x). Beyond the range it is clamped to the bound: cdf[0] below min, cdf[200] above max. */
export function cdfAt(range: NumericRange, cdf: Cdf, x: number): number {
  if (Number.isNaN(x)) throw new Error("cdfAt: x must be a number");
  const f = rangeFraction(range, x) * BINS;
  if (!(f > 0)) return cdf[0]!;
  if (f >= BINS) return cdf[BINS]!;
  const i = Math.floor(f);
  const lo = cdf[i]!;
  return lo + (f - i) * (cdf[i + 1]! - lo);
}

/** P(X > x) = 1 - cdfAt. */
export function probabilityAbove(range: NumericRange, cdf: Cdf, x: number): number {
  return 1 - cdfAt(range, cdf, x);
}

/**
 * The value x with P(X <= x) = q, interpolated in scale space. A q in the mass below an open lower
 * bound (q <= cdf[0]) gives min, one in the mass above an open upper bound (q >= cdf[200]) gives
 * max: the grid does not say where beyond the bound it lies. Where the CDF is flat at q, the first x.
 */
export function quantile(range: NumericRange, cdf: Cdf, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error("quantile: q must be between 0 and 1");
  if (q <= cdf[0]!) return range.min;
  if (q >= cdf[BINS]!) return range.max;
  let i = 1;
  while (i < BINS && cdf[i]! < q) i++;
  const lo = cdf[i - 1]!;
  const hi = cdf[i]!;
  const share = hi > lo ? (q - lo) / (hi - lo) : 0;
  const tLo = toScale(range, range.min);
  const tHi = toScale(range, range.max);
  const t = tLo + ((tHi - tLo) * (i - 1 + share)) / BINS;
  return fromScale(range, t);
}

/** The 10th, 50th and 90th percentiles (see quantile for the mass beyond open bounds). */
export function percentiles(
  range: NumericRange,
  cdf: Cdf,
): { p10: number; p50: number; p90: number } {
  return {
    p10: quantile(range, cdf, 0.1),
    p50: quantile(range, cdf, 0.5),
    p90: quantile(range, cdf, 0.9),
  };
}

/**
 * For charts: one point per bin (200) at the bin's middle in scale space (the geometric middle on a
 * log scale), density = the bin's probability x 200, so a distribution uniform over the range (in
 * scale space) with nothing beyond the bounds has density 1 everywhere. Mass beyond open bounds is
 * not drawn: the area under the curve (in range fractions) is the probability inside the range.
 */
export function densityPoints(range: NumericRange, cdf: Cdf): { x: number; density: number }[] {
  const tLo = toScale(range, range.min);
  const tHi = toScale(range, range.max);
  return Array.from({ length: BINS }, (_, i) => ({
    x: fromScale(range, tLo + ((tHi - tLo) * (i + 0.5)) / BINS),
    density: (cdf[i + 1]! - cdf[i]!) * BINS,
  }));
}

/**
 * The community distribution: the recency-weighted MEAN of each forecaster's latest CDF, weights as
 * the binary community prediction (server/domain/aggregation.ts): oldest first n = 1..N,
 * w_n = exp(sqrt(n) - sqrt(N)), equal when N <= 2. Why a mean and not a median: docs/numeric-cruxes.md.
 * Null for no forecasts.
 */
export function communityCdf(latest: readonly { at: number; cdf: Cdf }[]): Cdf | null {
  const n = latest.length;
  if (n === 0) return null;
  const byTime = latest.map((f, i) => ({ ...f, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const weights = byTime.map((_, k) => (n <= 2 ? 1 : Math.exp(Math.sqrt(k + 1) - Math.sqrt(n))));
  const total = weights.reduce((s, w) => s + w, 0);
  const result = new Array<number>(CDF_POINTS).fill(0);
  byTime.forEach((f, k) => {
    const w = weights[k]! / total;
    for (let i = 0; i < CDF_POINTS; i++) result[i] = result[i]! + w * f.cdf[i]!;
  });
  // Keep exact 0 and 1 at closed bounds, and never let rounding step outside [0, 1] or go down.
  for (let i = 0; i < CDF_POINTS; i++) {
    const v = Math.min(1, Math.max(0, result[i]!));
    result[i] = i > 0 ? Math.max(v, result[i - 1]!) : v;
  }
  if (byTime.every((f) => f.cdf[0] === 0)) result[0] = 0;
  if (byTime.every((f) => f.cdf[BINS] === 1)) result[BINS] = 1;
  return result;
}
