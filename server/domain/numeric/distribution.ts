/**
 * From what a person enters (a median and an 80% interval, or up to three weighted logistic
 * components) to the stored CDF, and the checks on both (docs/numeric-cruxes.md).
 */
import { type Cdf, cdfAt } from "./cdf";
import {
  BINS,
  CDF_POINTS,
  type NumericRange,
  gridScaleValues,
  rangeProblem,
  toScale,
} from "./range";

/** An 80% interval: low = 10th percentile, high = 90th percentile. */
export interface IntervalInput {
  median: number;
  low: number;
  high: number;
}

/**
 * A logistic component in scale space: `center` in value units; `spread` is the logistic's scale
 * parameter in scale-space units (value units on a linear scale, natural-log units on a log scale),
 * so the component alone puts 80% of its mass within center ± spread·ln 9 (≈ 2.2 spreads) in scale
 * space; `weight` > 0, weights are normalised to sum to 1.
 */
export interface DistributionComponent {
  center: number;
  spread: number;
  weight: number;
}

export type DistributionInput = IntervalInput | { components: DistributionComponent[] };

export const MAX_COMPONENTS = 3;
/** Share of probability spread uniformly over the range, so no bin is ever empty (log scores stay finite). */
export const UNIFORM_SHARE = 0.01;
/** Minimum probability kept beyond each open bound. */
export const MIN_TAIL_MASS = 0.001;
/** Every bin holds at least this much: the uniform share spread over the 200 bins. */
export const MIN_BIN_MASS = UNIFORM_SHARE / BINS;
/** Slack in cdfProblem's minimums, so a CDF stored with ~7 decimals still passes (2% of MIN_BIN_MASS). */
const TOLERANCE = 1e-7;

const isComponents = (input: DistributionInput): input is { components: DistributionComponent[] } =>
  "components" in input && input.components !== undefined;

function intervalProblem(range: NumericRange, input: IntervalInput): string | null {
  const { median, low, high } = input;
  for (const [name, v] of [
    ["median", median],
    ["low end of the 80% interval", low],
    ["high end of the 80% interval", high],
  ] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) return `The ${name} must be a finite number.`;
    if (range.scale === "log" && !(v > 0))
      return `On a log scale every value must be above zero; the ${name} is ${v}.`;
  }
  if (!(low < median && median < high))
    return `The median (${median}) must lie strictly inside the 80% interval (${low} to ${high}): low < median < high.`;
  // Each stretch (closed bound to interval end, interval end to median) must span at least one of
  // the 200 grid bins, or the stored CDF cannot show it (the grid's resolution).
  const bin = (toScale(range, range.max) - toScale(range, range.min)) / BINS;
  const room = (a: number, b: number) => toScale(range, b) - toScale(range, a) >= bin * (1 - 1e-6);
  const binWords = `1/200 of the range${range.scale === "log" ? " (on the log scale)" : ""}`;
  if (!range.openLower && !(low > range.min && room(range.min, low)))
    return `The low end of the 80% interval (${low}) must be above the range's minimum (${range.min}) by at least ${binWords}: the range is closed there, so nothing can fall below it, yet 10% should fall below the low end.`;
  if (!range.openUpper && !(high < range.max && room(high, range.max)))
    return `The high end of the 80% interval (${high}) must be below the range's maximum (${range.max}) by at least ${binWords}: the range is closed there, so nothing can lie above it, yet 10% should lie above the high end.`;
  if (!room(low, median) || !room(median, high))
    return `The 80% interval (${low} to ${high}) is too narrow around the median (${median}) for the range's resolution: each side must span at least ${binWords}. Widen the interval.`;
  return null;
}

function componentsProblem(range: NumericRange, components: unknown): string | null {
  if (!Array.isArray(components) || components.length === 0)
    return "Give at least one component (center, spread, weight).";
  if (components.length > MAX_COMPONENTS)
    return `Give at most ${MAX_COMPONENTS} components (got ${components.length}).`;
  for (const [k, c] of (components as DistributionComponent[]).entries()) {
    const which = `Component ${k + 1}`;
    if (typeof c !== "object" || c === null)
      return `${which} must have a center, spread and weight.`;
    for (const key of ["center", "spread", "weight"] as const)
      if (typeof c[key] !== "number" || !Number.isFinite(c[key]))
        return `${which}'s ${key} must be a finite number.`;
    if (range.scale === "log" && !(c.center > 0))
      return `${which}'s center must be above zero on a log scale (got ${c.center}).`;
    if (!(c.spread > 0)) return `${which}'s spread must be above zero (got ${c.spread}).`;
    if (!(c.weight > 0)) return `${which}'s weight must be above zero (got ${c.weight}).`;
  }
  return null;
}

/** null when fine, else a message a person can act on. */
export function distributionProblem(range: NumericRange, input: DistributionInput): string | null {
  const rp = rangeProblem(range);
  if (rp) return rp;
  if (typeof input !== "object" || input === null)
    return "Give either a median with an 80% interval (median, low, high) or up to 3 components.";
  const problem = isComponents(input)
    ? componentsProblem(range, input.components)
    : intervalProblem(range, input);
  if (problem) return problem;
  if (isComponents(input) && keptMass(range, rawDistribution(range, input)) < 1e-9)
    return `The distribution puts almost no probability inside the range (${range.min} to ${range.max}) and the range is closed; move it into the range.`;
  return null;
}

/** A distribution in scale space: cdf(t) and its upper tail 1 - cdf(t), computed separately for precision. */
interface RawDistribution {
  cdf: (t: number) => number;
  survival: (t: number) => number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/** Piecewise-linear logit through (knots[k], logits[k]), extended linearly past the end knots. */
function piecewiseLogistic(knots: readonly number[], logits: readonly number[]): RawDistribution {
  const last = knots.length - 1;
  const z = (t: number) => {
    let k = 0;
    while (k < last - 1 && t > knots[k + 1]!) k++;
    const slope = (logits[k + 1]! - logits[k]!) / (knots[k + 1]! - knots[k]!);
    return logits[k]! + slope * (t - knots[k]!);
  };
  return { cdf: (t) => sigmoid(z(t)), survival: (t) => sigmoid(-z(t)) };
}

function logisticMixture(range: NumericRange, components: readonly DistributionComponent[]) {
  const total = components.reduce((s, c) => s + c.weight, 0);
  const parts = components.map((c) => ({
    w: c.weight / total,
    at: toScale(range, c.center),
    s: c.spread,
  }));
  return {
    cdf: (t: number) => parts.reduce((sum, p) => sum + p.w * sigmoid((t - p.at) / p.s), 0),
    survival: (t: number) => parts.reduce((sum, p) => sum + p.w * sigmoid((p.at - t) / p.s), 0),
  };
}

/** The interval's low, median and high in scale space. */
const intervalKnots = (range: NumericRange, input: IntervalInput) =>
  [input.low, input.median, input.high].map((x) => toScale(range, x));
const TARGETS = [0.1, 0.5, 0.9];

function rawDistribution(
  range: NumericRange,
  input: { components: DistributionComponent[] },
): RawDistribution {
  return logisticMixture(range, input.components);
}

function keptMass(range: NumericRange, raw: RawDistribution): number {
  const lo = toScale(range, range.min);
  const hi = toScale(range, range.max);
  const below = range.openLower ? raw.cdf(lo) : 0;
  const above = range.openUpper ? raw.survival(hi) : 0;
  return below + Math.max(0, raw.cdf(hi) - raw.cdf(lo)) + above;
}

/**
 * The raw distribution on the grid: mass beyond a closed bound is dropped and the rest renormalised
 * (so it moves into the range), then mixed with UNIFORM_SHARE spread evenly over the range and
 * MIN_TAIL_MASS kept beyond each open bound:
 *   cdf_i = MIN_TAIL_MASS·[lower open] + UNIFORM_SHARE·i/200 + (1 - UNIFORM_SHARE - MIN_TAIL_MASS·#open)·G_i
 * where G is the renormalised raw CDF (G_0 = its mass below min, 1 - G_200 its mass above max).
 */
function gridCdf(range: NumericRange, raw: RawDistribution): number[] {
  const ts = gridScaleValues(range);
  const lo = ts[0]!;
  const hi = ts[BINS]!;
  const below = range.openLower ? raw.cdf(lo) : 0;
  const above = range.openUpper ? raw.survival(hi) : 0;
  const base = raw.cdf(lo);
  const inside = Math.max(0, raw.cdf(hi) - base);
  const total = below + inside + above;
  const openCount = Number(range.openLower) + Number(range.openUpper);
  const share = 1 - UNIFORM_SHARE - MIN_TAIL_MASS * openCount;
  const floor = range.openLower ? MIN_TAIL_MASS : 0;
  const cdf: number[] = [];
  for (let i = 0; i < CDF_POINTS; i++) {
    const g =
      i === 0
        ? below / total
        : i === BINS
          ? 1 - above / total
          : (below + Math.min(inside, Math.max(0, raw.cdf(ts[i]!) - base))) / total;
    const v = floor + (UNIFORM_SHARE * i) / BINS + share * g;
    cdf.push(Math.min(1, Math.max(i > 0 ? cdf[i - 1]! : 0, v)));
  }
  if (!range.openLower) cdf[0] = 0;
  if (!range.openUpper) cdf[BINS] = 1;
  return cdf;
}

/**
 * The stored CDF for an interval (docs/numeric-cruxes.md#entering-a-distribution). In scale space the
 * logit of G is a straight line through (low, logit g_low), (median, logit g_median), (high, logit g_high)
 * on each side of the median, extended past low and high with the slope of the nearest side: a
 * two-piece logistic. The g_k are chosen so that after the mix
 *   cdf = MIN_TAIL_MASS·[lower open] + UNIFORM_SHARE·(fraction of the range) + share·G
 * the CDF is 0.1, 0.5 and 0.9 at low, median and high. Beyond a CLOSED bound the logistic's tail mass
 * is moved into the stretch between that bound and the nearest interval end, proportionally (the
 * tail is truncated and rescaled to end at exactly 0 or 1 at the bound), so the percentiles stay
 * exactly where they were typed. Reading the percentiles back off the grid interpolates linearly
 * between grid points, which the curved G does not; a few rounds of moving each g_k by the gap left
 * at its knot close that (a knot beyond an open bound is not on the grid and keeps its g_k).
 */
function intervalCdf(range: NumericRange, input: IntervalInput): number[] {
  const ts = gridScaleValues(range);
  const lo = ts[0]!;
  const hi = ts[BINS]!;
  const knots = intervalKnots(range, input);
  const openCount = Number(range.openLower) + Number(range.openUpper);
  const share = 1 - UNIFORM_SHARE - MIN_TAIL_MASS * openCount;
  const floor = range.openLower ? MIN_TAIL_MASS : 0;
  const inRange = (t: number) => t >= lo && t <= hi;
  // Beyond an open bound the uniform share counts as wholly below (above max) or above (below min) the knot.
  const mixed = (p: number, t: number) =>
    (p - floor - UNIFORM_SHARE * Math.min(1, Math.max(0, (t - lo) / (hi - lo)))) / share;
  const g = knots.map((t, k) => mixed(TARGETS[k]!, t));

  const build = (targets: readonly number[]) => {
    const raw = piecewiseLogistic(knots, targets.map(logit));
    const [l, , h] = knots as [number, number, number];
    const [gl, , gh] = targets as [number, number, number];
    const belowLow = raw.cdf(lo);
    const aboveHigh = raw.survival(hi);
    const G = (t: number): number => {
      if (t < l && !range.openLower) return (gl * (raw.cdf(t) - belowLow)) / (gl - belowLow);
      if (t > h && !range.openUpper)
        return 1 - ((1 - gh) * (raw.survival(t) - aboveHigh)) / (1 - gh - aboveHigh);
      return raw.cdf(t);
    };
    const cdf: number[] = [];
    for (let i = 0; i < CDF_POINTS; i++) {
      const gi =
        i === 0 && !range.openLower
          ? 0
          : i === BINS && !range.openUpper
            ? 1
            : i === BINS
              ? 1 - aboveHigh
              : G(ts[i]!);
      const v = floor + (UNIFORM_SHARE * i) / BINS + share * Math.min(1, Math.max(0, gi));
      cdf.push(Math.min(1, Math.max(i > 0 ? cdf[i - 1]! : 0, v)));
    }
    if (!range.openLower) cdf[0] = 0;
    if (!range.openUpper) cdf[BINS] = 1;
    return cdf;
  };

  const values = [input.low, input.median, input.high];
  const gapsOf = (cdf: Cdf) =>
    knots.map((t, k) => (inRange(t) ? TARGETS[k]! - cdfAt(range, cdf, values[k]!) : 0));
  const worstOf = (gaps: readonly number[]) => Math.max(...gaps.map(Math.abs));
  const first = build(g);
  let best = { g, cdf: first, gaps: gapsOf(first) };
  // Damped: a round that makes things worse is undone and the step halved (knots within a bin or
  // two of each other pull on the same grid values).
  let step = 1;
  for (let round = 0; round < 40 && worstOf(best.gaps) > 1e-13 && step > 1e-3; round++) {
    const next = best.g.map((gk, k) => gk + (step * best.gaps[k]!) / share);
    const ordered = 0 < next[0]! && next[0]! < next[1]! && next[1]! < next[2]! && next[2]! < 1;
    const cdf = ordered ? build(next) : null;
    const gaps = cdf ? gapsOf(cdf) : null;
    if (cdf && gaps && worstOf(gaps) < worstOf(best.gaps)) best = { g: next, cdf, gaps };
    else step /= 2;
  }
  return best.cdf;
}

/** The stored CDF for an input (see gridCdf and intervalCdf). Throws Error(problem) on bad input. */
export function cdfFromInput(range: NumericRange, input: DistributionInput): Cdf {
  const problem = distributionProblem(range, input);
  if (problem) throw new Error(problem);
  return isComponents(input)
    ? gridCdf(range, rawDistribution(range, input))
    : intervalCdf(range, input);
}

/** null when the CDF is usable as stored for this range, else what is wrong with it. */
export function cdfProblem(range: NumericRange, cdf: readonly number[]): string | null {
  const rp = rangeProblem(range);
  if (rp) return rp;
  if (!Array.isArray(cdf) || cdf.length !== CDF_POINTS)
    return `A CDF must have exactly ${CDF_POINTS} values (got ${Array.isArray(cdf) ? cdf.length : "none"}).`;
  for (const [i, v] of cdf.entries()) {
    if (typeof v !== "number" || !Number.isFinite(v))
      return `CDF value ${i} is not a finite number.`;
    if (v < 0 || v > 1) return `CDF value ${i} (${v}) is outside 0 to 1.`;
    if (i > 0 && v < cdf[i - 1]!)
      return `The CDF decreases at value ${i} (${cdf[i - 1]} then ${v}); it must never go down.`;
  }
  if (!range.openLower && cdf[0] !== 0)
    return `The lower bound is closed, so nothing may lie below it: the CDF must start at 0 (got ${cdf[0]}).`;
  if (!range.openUpper && cdf[BINS] !== 1)
    return `The upper bound is closed, so nothing may lie above it: the CDF must end at 1 (got ${cdf[BINS]}).`;
  if (range.openLower && cdf[0]! < MIN_TAIL_MASS - TOLERANCE)
    return `The lower bound is open: at least ${MIN_TAIL_MASS} must lie below it (got ${cdf[0]}).`;
  if (range.openUpper && 1 - cdf[BINS]! < MIN_TAIL_MASS - TOLERANCE)
    return `The upper bound is open: at least ${MIN_TAIL_MASS} must lie above it (got ${1 - cdf[BINS]!}).`;
  for (let i = 1; i < CDF_POINTS; i++)
    if (cdf[i]! - cdf[i - 1]! < MIN_BIN_MASS - TOLERANCE)
      return `Every part of the range needs some probability (at least ${MIN_BIN_MASS} per 1/200 of the range); bin ${i} has ${cdf[i]! - cdf[i - 1]!}.`;
  return null;
}
