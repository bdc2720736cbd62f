/**
 * Numeric ranges and the fixed grid every numeric forecast is stored on (docs/numeric-cruxes.md).
 * "Scale space" is the value itself on a linear scale and its natural log on a log scale: the grid is
 * evenly spaced there, densities are measured there, and interpolation happens there.
 */

export type NumericScale = "linear" | "log";

export interface NumericRange {
  /** min < max; a log scale needs min > 0. */
  min: number;
  max: number;
  /** Open: values beyond the bound are possible and carry probability. */
  openLower: boolean;
  openUpper: boolean;
  scale: NumericScale;
}

/** Grid points x_0 = min ... x_200 = max, so 200 bins. */
export const CDF_POINTS = 201;
export const BINS = CDF_POINTS - 1;

/** null when fine, else a message a person can act on. */
export function rangeProblem(range: NumericRange): string | null {
  const { min, max, scale } = range;
  if (!Number.isFinite(min)) return "The range's minimum must be a finite number.";
  if (!Number.isFinite(max)) return "The range's maximum must be a finite number.";
  if (scale !== "linear" && scale !== "log") return 'The range\'s scale must be "linear" or "log".';
  if (!(min < max)) return `The range's minimum (${min}) must be below its maximum (${max}).`;
  if (scale === "log" && !(min > 0))
    return `A log scale needs a minimum above zero (got ${min}); use a linear scale or raise the minimum.`;
  return null;
}

/** Throws Error(problem) when the range is unusable. */
export function assertRange(range: NumericRange): void {
  const problem = rangeProblem(range);
  if (problem) throw new Error(problem);
}

/** A value in scale space: x on a linear scale, ln x on a log scale (-Infinity for x <= 0). */
export function toScale(range: NumericRange, x: number): number {
  if (range.scale === "linear") return x;
  return x > 0 ? Math.log(x) : -Infinity;
}

export function fromScale(range: NumericRange, t: number): number {
  return range.scale === "linear" ? t : Math.exp(t);
}

/** Where x sits along the range in scale space: 0 at min, 1 at max (outside 0..1 beyond the bounds). */
export function rangeFraction(range: NumericRange, x: number): number {
  const lo = toScale(range, range.min);
  return (toScale(range, x) - lo) / (toScale(range, range.max) - lo);
}

/** The scale-space coordinates t_0 ... t_200 of the grid. */
export function gridScaleValues(range: NumericRange): number[] {
  const lo = toScale(range, range.min);
  const hi = toScale(range, range.max);
  return Array.from({ length: CDF_POINTS }, (_, i) => lo + ((hi - lo) * i) / BINS);
}

/** The 201 grid values x_i, evenly spaced in scale space; x_0 and x_200 are exactly min and max. */
export function gridValues(range: NumericRange): number[] {
  assertRange(range);
  const xs = gridScaleValues(range).map((t) => fromScale(range, t));
  xs[0] = range.min;
  xs[BINS] = range.max;
  return xs;
}
