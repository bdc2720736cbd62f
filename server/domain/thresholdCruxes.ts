/**
 * Rules of numeric cruxes beyond the maths of server/domain/numeric.ts (docs/numeric-cruxes.md):
 * what a numeric crux may resolve to, and the wording of its threshold cruxes.
 */
import { formatNumericValue, type NumericRange } from "./numeric";

/**
 * null when `value` is a number the crux may resolve to: any finite number within its closed
 * bounds; beyond an open bound any finite number is possible (and log scales stay above zero).
 */
export function resolutionValueProblem(range: NumericRange, value: number): string | null {
  if (!Number.isFinite(value)) return "the resolved value must be a finite number";
  if (range.scale === "log" && value <= 0)
    return "a log-scale crux resolves to a number above zero";
  if (!range.openLower && value < range.min)
    return `the resolved value must be at least the range's closed minimum ${range.min}`;
  if (!range.openUpper && value > range.max)
    return `the resolved value must be at most the range's closed maximum ${range.max}`;
  return null;
}

/** The title of a threshold crux derived from a numeric crux. */
export function thresholdTitle(parentTitle: string, threshold: number, unit: string): string {
  return `${parentTitle.replace(/\?\s*$/, "")}: more than ${formatNumericValue(threshold, unit)}?`;
}

/** Its resolution criteria, from the numeric crux's. */
export function thresholdCriteria(
  parentTitle: string,
  parentCriteria: string,
  threshold: number,
  unit: string,
): string {
  return (
    `Resolves YES if the numeric crux “${parentTitle}” resolves to more than ` +
    `${formatNumericValue(threshold, unit)}, NO if it resolves to that or less, and ANNULLED if ` +
    `it is annulled. It resolves automatically when that crux does.\n\n` +
    `The numeric crux's criteria: ${parentCriteria}`
  );
}

/** "2 weeks (80%: 1 to 4 weeks)": a forecast's median and 80% interval in words. */
export function describePercentiles(
  p: { p10: number; p50: number; p90: number },
  unit: string,
): string {
  return `${formatNumericValue(p.p50, unit)} (80%: ${formatNumericValue(p.p10, "")} to ${formatNumericValue(p.p90, unit)})`;
}
