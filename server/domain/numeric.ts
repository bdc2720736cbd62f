/** TEMPORARY stub of the numeric-domain contract (replaced by the real file on merge). */
export type NumericScale = "linear" | "log";
export interface NumericRange {
  min: number;
  max: number;
  openLower: boolean;
  openUpper: boolean;
  scale: NumericScale;
}
export const CDF_POINTS = 201;
export type Cdf = readonly number[];
export interface IntervalInput {
  median: number;
  low: number;
  high: number;
}
export interface DistributionComponent {
  center: number;
  spread: number;
  weight: number;
}
export type DistributionInput = IntervalInput | { components: DistributionComponent[] };

const toS = (r: NumericRange, x: number) => (r.scale === "log" ? Math.log(x) : x);
const fromS = (r: NumericRange, s: number) => (r.scale === "log" ? Math.exp(s) : s);

export function rangeProblem(range: NumericRange): string | null {
  if (!(range.min < range.max)) return "The range's minimum must be below its maximum";
  if (range.scale === "log" && range.min <= 0) return "A log scale needs a minimum above zero";
  return null;
}
export function distributionProblem(range: NumericRange, input: DistributionInput): string | null {
  if ("components" in input) {
    if (input.components.length < 1 || input.components.length > 3)
      return "Use one to three components";
    for (const c of input.components) {
      if (!(c.spread > 0)) return "Each component's spread must be above zero";
      if (!(c.weight > 0)) return "Each component's weight must be above zero";
      if (range.scale === "log" && c.center <= 0) return "On a log scale the center must be above zero";
    }
    return null;
  }
  const { low, median, high } = input;
  if (![low, median, high].every(Number.isFinite)) return "Enter numbers for low, median and high";
  if (!(low < median && median < high))
    return "The median must be inside the interval: low < median < high";
  if (range.scale === "log" && low <= 0) return "On a log scale every value must be above zero";
  if (!range.openLower && low < range.min) return `The low end is below the range's minimum (${range.min})`;
  if (!range.openUpper && high > range.max) return `The high end is above the range's maximum (${range.max})`;
  return null;
}
export function gridValues(range: NumericRange): number[] {
  const a = toS(range, range.min);
  const b = toS(range, range.max);
  return Array.from({ length: CDF_POINTS }, (_, i) => fromS(range, a + ((b - a) * i) / (CDF_POINTS - 1)));
}
const logistic = (z: number) => 1 / (1 + Math.exp(-z));
export function cdfFromInput(range: NumericRange, input: DistributionInput): Cdf {
  const problem = rangeProblem(range) ?? distributionProblem(range, input);
  if (problem) throw new Error(problem);
  let F: (s: number) => number;
  if ("components" in input) {
    const total = input.components.reduce((t, c) => t + c.weight, 0);
    F = (s) =>
      input.components.reduce(
        (t, c) => t + (c.weight / total) * logistic((s - toS(range, c.center)) / c.spread),
        0,
      );
  } else {
    const m = toS(range, input.median);
    const sl = (m - toS(range, input.low)) / Math.log(9);
    const sh = (toS(range, input.high) - m) / Math.log(9);
    F = (s) => logistic((s - m) / (s < m ? sl : sh));
  }
  const xs = gridValues(range).map((x) => toS(range, x));
  let raw = xs.map(F);
  const lo = range.openLower ? 0 : raw[0]!;
  const hi = range.openUpper ? 1 : raw.at(-1)!;
  raw = raw.map((v) => (v - lo) / (hi - lo));
  return raw.map((v) => Math.min(1, Math.max(0, v)));
}
export function cdfAt(range: NumericRange, cdf: Cdf, x: number): number {
  const a = toS(range, range.min);
  const b = toS(range, range.max);
  const t = ((toS(range, x) - a) / (b - a)) * (CDF_POINTS - 1);
  if (t <= 0) return cdf[0]!;
  if (t >= CDF_POINTS - 1) return cdf.at(-1)!;
  const i = Math.floor(t);
  return cdf[i]! + (cdf[i + 1]! - cdf[i]!) * (t - i);
}
export const probabilityAbove = (range: NumericRange, cdf: Cdf, x: number) => 1 - cdfAt(range, cdf, x);
export function quantile(range: NumericRange, cdf: Cdf, q: number): number {
  const xs = gridValues(range);
  if (q <= cdf[0]!) return range.min;
  for (let i = 1; i < cdf.length; i++)
    if (cdf[i]! >= q) {
      const f = (q - cdf[i - 1]!) / (cdf[i]! - cdf[i - 1]! || 1);
      return fromS(range, toS(range, xs[i - 1]!) + f * (toS(range, xs[i]!) - toS(range, xs[i - 1]!)));
    }
  return range.max;
}
export const percentiles = (range: NumericRange, cdf: Cdf) => ({
  p10: quantile(range, cdf, 0.1),
  p50: quantile(range, cdf, 0.5),
  p90: quantile(range, cdf, 0.9),
});
export function densityPoints(range: NumericRange, cdf: Cdf): { x: number; density: number }[] {
  const xs = gridValues(range);
  return xs.slice(1).map((x, i) => ({
    x: fromS(range, (toS(range, x) + toS(range, xs[i]!)) / 2),
    density: (cdf[i + 1]! - cdf[i]!) * (CDF_POINTS - 1),
  }));
}
export function communityCdf(latest: readonly { at: number; cdf: Cdf }[]): Cdf | null {
  if (latest.length === 0) return null;
  return latest[0]!.cdf.map((_, i) => latest.reduce((t, f) => t + f.cdf[i]!, 0) / latest.length);
}
export function disagreementThreshold(range: NumericRange, a: Cdf, b: Cdf) {
  let best = 0;
  let at = 0;
  a.forEach((v, i) => {
    if (Math.abs(v - b[i]!) > best) {
      best = Math.abs(v - b[i]!);
      at = i;
    }
  });
  if (best < 0.2) return null;
  const threshold = Number(gridValues(range)[at]!.toPrecision(2));
  return { threshold, aAbove: probabilityAbove(range, a, threshold), bAbove: probabilityAbove(range, b, threshold) };
}
export function formatNumericValue(value: number, unit: string): string {
  const n = Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : String(Number(value.toPrecision(2)));
  return unit ? `${n} ${unit}` : n;
}
