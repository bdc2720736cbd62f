/**
 * How a numeric crux's distributions read in words, with the unit ("1 to 4 weeks, most likely 2").
 * Presentation only: every number comes from server/domain/numeric.ts (docs/numeric-cruxes-ui.md).
 */
import { formatNumericValue } from "@/server/domain/numeric";

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

/** A value without its unit ("2", "1,200"). */
export const bare = (value: number) => formatNumericValue(value, "");

/** A value inside a phrase that names the unit once: "2" (weeks), but "$200B" and "40%" in full. */
function inner(value: number, unit: string): string {
  return /^\$|^%$/.test(unit.trim()) ? formatNumericValue(value, unit) : bare(value);
}

/** "1.1 to 4.2 weeks, most likely 2": an 80% interval and its median. */
export function intervalWords(p: Percentiles, unit: string): string {
  return `${inner(p.p10, unit)} to ${formatNumericValue(p.p90, unit)}, most likely ${inner(p.p50, unit)}`;
}

/** "1.5 to 12 weeks" (or "$200B to $500B"). */
export function rangeWords(low: number, high: number, unit: string): string {
  return `${inner(low, unit)} to ${formatNumericValue(high, unit)}`;
}

/** "10% chance below 1.1 weeks, median 2 weeks, 10% chance above 4.2 weeks". */
export function percentileWords(p: Percentiles, unit: string): string {
  return (
    `10% chance below ${formatNumericValue(p.p10, unit)}, median ${formatNumericValue(p.p50, unit)}, ` +
    `10% chance above ${formatNumericValue(p.p90, unit)}`
  );
}

/** A number typed by a person: "1,200", " 4.5 ", "2e3"; null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[,\s_]/g, "");
  if (cleaned === "") return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}
