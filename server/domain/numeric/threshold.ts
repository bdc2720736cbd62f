/**
 * Range disagreements turned into a yes/no question, and the compact number format used in its
 * title (docs/numeric-cruxes.md#thresholds).
 */
import { MEANINGFUL_DISAGREEMENT } from "../doubleCrux";
import { type Cdf, cdfAt, probabilityAbove } from "./cdf";
import { CDF_POINTS, type NumericRange, gridValues } from "./range";

/** A rounded threshold must keep at least this share of the largest gap. */
export const NICE_THRESHOLD_KEEPS = 0.9;

const roundSignificant = (x: number, digits: number) => Number(x.toPrecision(digits));

/**
 * The x maximising |F_a(x) - F_b(x)| on the grid (the middle of a run of equal maxima), then the
 * first of its 1- and 2-significant-figure roundings that stays in the range and keeps >= 90% of
 * that gap (else the grid value), with each side's P(X > x). Null when the largest gap is below
 * MEANINGFUL_DISAGREEMENT.
 */
export function disagreementThreshold(
  range: NumericRange,
  a: Cdf,
  b: Cdf,
): { threshold: number; aAbove: number; bAbove: number } | null {
  const xs = gridValues(range);
  const gaps = xs.map((_, i) => Math.abs(a[i]! - b[i]!));
  const best = Math.max(...gaps);
  if (!(best >= MEANINGFUL_DISAGREEMENT)) return null;
  const first = gaps.findIndex((g) => g >= best - 1e-12);
  let last = first;
  while (last + 1 < CDF_POINTS && gaps[last + 1]! >= best - 1e-12) last++;
  const gridX = xs[Math.floor((first + last) / 2)]!;
  const gapAt = (x: number) => Math.abs(cdfAt(range, a, x) - cdfAt(range, b, x));
  const nice = [1, 2]
    .map((digits) => roundSignificant(gridX, digits))
    .find((x) => x >= range.min && x <= range.max && gapAt(x) >= NICE_THRESHOLD_KEEPS * best);
  const threshold = nice ?? gridX;
  return {
    threshold,
    aAbove: probabilityAbove(range, a, threshold),
    bAbove: probabilityAbove(range, b, threshold),
  };
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/**
 * A value for people: at most 3 significant figures, thousands separators, then the unit after a
 * space ("5.66 weeks", "1,230,000 people"). A unit starting with "$" puts the "$" before the number
 * and the rest right after it ("$200B" for 200 in "$B"); "%" follows without a space. No unit: the
 * number alone. Non-finite values print as "—".
 */
export function formatNumericValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "—";
  const rounded = numberFormat.format(value === 0 ? 0 : value);
  const number = rounded === "-0" ? "0" : rounded;
  const u = unit.trim();
  if (u.startsWith("$")) {
    const negative = number.startsWith("-");
    return `${negative ? "-" : ""}$${negative ? number.slice(1) : number}${u.slice(1)}`;
  }
  if (u === "") return number;
  if (u === "%") return `${number}%`;
  return `${number} ${number === "1" || number === "-1" ? singular(u) : u}`;
}

/**
 * "weeks" → "week" after a 1. Units are free text, so only a plain lowercase plural word is made
 * singular ("1 weeks" reads wrong; "1 kWh", "1 mass" and "1 US dollars per barrel" are left alone).
 */
function singular(unit: string): string {
  return /^[a-z]{2,}[^su]s$/.test(unit) ? unit.slice(0, -1) : unit;
}
