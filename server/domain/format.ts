/**
 * How scores, profits and shares are printed (docs/scoring.md, "Display"). One rule everywhere:
 * a value that rounds to zero prints as zero, never "-0.0" (a time-averaged score of -0.04 is
 * "0.0", not a loss), and a missing or non-finite value prints as an em dash.
 */

export const MISSING = "—";

const isNumber = (v: number | null | undefined): v is number =>
  typeof v === "number" && Number.isFinite(v);

/** "-0.0", "-0", "-0.000": what toFixed makes of a negative value that rounds to zero. */
const NEGATIVE_ZERO = /^-0(?:\.0+)?$/;

/** A score with `digits` decimals: 23.5 → "23.5", -0.04 → "0.0", -0 → "0.0", null/NaN → "—". */
export function formatScore(value: number | null | undefined, digits = 1): string {
  if (!isNumber(value)) return MISSING;
  const text = value.toFixed(digits);
  return NEGATIVE_ZERO.test(text) ? text.slice(1) : text;
}

/** Like formatScore, with a "+" on values that stay above zero once rounded: "+12", "0", "-5". */
export function formatSigned(value: number | null | undefined, digits = 0): string {
  const text = formatScore(value, digits);
  return isNumber(value) && value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/**
 * A share of something (0..1) as a percentage, e.g. the coverage of a scoring window: whole
 * percents from 1% to 99%, one decimal outside that, and never rounded onto an end it has not
 * reached: 0.0002 is "under 0.1%", not "0%", and 0.9996 is "over 99.9%", not "100%".
 */
export function formatShare(share: number | null | undefined): string {
  if (!isNumber(share)) return MISSING;
  if (share <= 0) return "0%";
  if (share >= 1) return "100%";
  const percent = share * 100;
  if (percent < 0.05) return "under 0.1%";
  if (percent >= 99.95) return "over 99.9%";
  if (percent >= 1 && percent <= 99) return `${Math.round(percent)}%`;
  return `${(Math.round(percent * 10) / 10).toFixed(1).replace(/\.0$/, "")}%`;
}
