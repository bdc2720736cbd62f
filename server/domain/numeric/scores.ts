/**
 * Scores for numeric cruxes, after the Metaculus rules for continuous questions
 * (docs/numeric-cruxes.md#scores). The outcome falls in one "bucket": one of the 200 bins of the
 * range, or the mass below / above an open bound. Time averaging, coverage and the peer sweep are
 * the binary ones (server/domain/scoring.ts), over CDF payloads.
 */
import {
  type ScoringWindow,
  type TimeAveragedScore,
  peerScoresOf,
  timeAveragedScoreOf,
} from "../scoring";
import type { Cdf } from "./cdf";
import { BINS, type NumericRange, assertRange, rangeFraction } from "./range";

/** A forecast in a history; `cdf: null` is a withdrawal. */
export type CdfHistoryPoint = { at: number; cdf: Cdf | null };

/** Probability a uniform reference gives beyond each open bound (Metaculus: 5%). */
export const UNIFORM_TAIL_MASS = 0.05;

type Bucket = { kind: "below" } | { kind: "above" } | { kind: "bin"; index: number };

/**
 * The outcome's bucket. Beyond an open bound: that bound's tail. Beyond a closed bound (which a
 * resolution should not produce): the edge bin. At a bin edge: the bin above it, except max itself,
 * which is in the last bin. On a log scale, an outcome <= 0 is below the minimum.
 */
function bucketOf(range: NumericRange, outcome: number): Bucket {
  if (Number.isNaN(outcome)) throw new Error("numeric score: the outcome must be a number");
  const f = rangeFraction(range, outcome);
  if (f < 0 && range.openLower) return { kind: "below" };
  if (f > 1 && range.openUpper) return { kind: "above" };
  const index = Math.min(BINS - 1, Math.max(0, Math.floor(f * BINS)));
  return { kind: "bin", index };
}

/**
 * ln of the forecast's density at the outcome, relative to the range in scale space: inside the
 * range, ln(bin probability x 200) (0 for a uniform forecast with nothing beyond the bounds); beyond
 * an open bound, ln(the probability beyond it).
 */
export function numericLogScore(range: NumericRange, cdf: Cdf, outcome: number): number {
  assertRange(range);
  const bucket = bucketOf(range, outcome);
  if (bucket.kind === "below") return Math.log(cdf[0]!);
  if (bucket.kind === "above") return Math.log(1 - cdf[BINS]!);
  return Math.log((cdf[bucket.index + 1]! - cdf[bucket.index]!) * BINS);
}

/** The uniform reference's log score: 5% beyond each open bound, the rest spread evenly over the range. */
function uniformLogScore(range: NumericRange, outcome: number): number {
  const bucket = bucketOf(range, outcome);
  if (bucket.kind !== "bin") return Math.log(UNIFORM_TAIL_MASS);
  const openCount = Number(range.openLower) + Number(range.openUpper);
  return Math.log(1 - UNIFORM_TAIL_MASS * openCount);
}

/** 100 x (ln pdf_forecast(outcome) - ln pdf_uniform(outcome)) / 2. */
export function numericBaselineScore(range: NumericRange, cdf: Cdf, outcome: number): number {
  return (100 * (numericLogScore(range, cdf, outcome) - uniformLogScore(range, outcome))) / 2;
}

const cdfValue = (f: CdfHistoryPoint) => f.cdf;

/** The baseline score time-averaged over the scheduled window, with coverage, as for binary cruxes. */
export function timeAveragedNumericBaselineScore(
  history: readonly CdfHistoryPoint[],
  window: ScoringWindow,
  range: NumericRange,
  outcome: number,
): TimeAveragedScore {
  assertRange(range);
  const uniform = uniformLogScore(range, outcome);
  return timeAveragedScoreOf(
    history,
    cdfValue,
    window,
    (cdf) => (100 * (numericLogScore(range, cdf, outcome) - uniform)) / 2,
  );
}

/**
 * Peer scores: at each moment 100 x (ln pdf_i(outcome) - mean over the other standing forecasters
 * of ln pdf_j(outcome)) / 2, time-averaged as for binary cruxes; they sum to zero across users.
 */
export function numericPeerScores(
  forecasts: Readonly<Record<string, readonly CdfHistoryPoint[]>>,
  window: ScoringWindow,
  range: NumericRange,
  outcome: number,
): Record<string, TimeAveragedScore> {
  assertRange(range);
  return peerScoresOf(
    forecasts,
    cdfValue,
    window,
    (cdf) => numericLogScore(range, cdf, outcome),
    50,
  );
}
