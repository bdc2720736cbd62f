/** Probabilities are P(YES) in [MIN_P, MAX_P]. Parsing accepts what people type; formatting is short. */

export const MIN_P = 0.001;
export const MAX_P = 0.999;

export const ACCEPTED_FORMS =
  'a percentage ("37%"), a decimal ("0.37"), "1 in 20", or odds for YES ("3:1")';

export class ProbabilityError extends Error {
  constructor(detail: string) {
    super(`${detail}. Enter a probability between 0.1% and 99.9% as ${ACCEPTED_FORMS}.`);
    this.name = "ProbabilityError";
  }
}

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const PERCENT = new RegExp(`^${NUMBER}\\s*%$`);
const DECIMAL = new RegExp(`^${NUMBER}$`);
const ONE_IN = new RegExp(`^${NUMBER}\\s+in\\s+${NUMBER}$`, "i");
const ODDS = new RegExp(`^${NUMBER}\\s*:\\s*${NUMBER}$`);

/** Checks a number is a usable P(YES); throws a ProbabilityError naming the problem otherwise. */
export function checkProbability(p: number): number {
  if (!Number.isFinite(p)) throw new ProbabilityError("That is not a number");
  // Rounding first removes float noise such as 99.9 / 100 = 0.9990000000000001; four decimals
  // (hundredths of a percent) are finer than anything the app shows.
  const clean = Math.round(p * 1e9) / 1e9;
  if (clean < MIN_P || clean > MAX_P)
    throw new ProbabilityError(`${formatRaw(p)} is outside the allowed range`);
  return Math.round(clean * 10_000) / 10_000;
}

function formatRaw(p: number): string {
  return `${+(p * 100).toPrecision(6)}%`;
}

/** Parses "37%", "0.37", "1 in 20" or "3:1" (odds for YES) into P(YES). */
export function parseProbability(input: string): number {
  const text = input.trim();
  let match: RegExpMatchArray | null;
  if ((match = text.match(PERCENT))) return checkProbability(Number(match[1]) / 100);
  if ((match = text.match(ONE_IN))) {
    const [k, n] = [Number(match[1]), Number(match[2])];
    if (n === 0 || k > n)
      throw new ProbabilityError(
        `"${text}" is not a chance: the second number must be at least the first and not zero`,
      );
    return checkProbability(k / n);
  }
  if ((match = text.match(ODDS))) {
    const [yes, no] = [Number(match[1]), Number(match[2])];
    if (yes + no === 0) throw new ProbabilityError(`"${text}" has no odds on either side`);
    return checkProbability(yes / (yes + no));
  }
  if ((match = text.match(DECIMAL))) {
    const value = Number(match[1]);
    if (value > 1)
      throw new ProbabilityError(`"${text}" is more than 1 (write "${text}%" for a percentage)`);
    return checkProbability(value);
  }
  throw new ProbabilityError(`"${input}" is not a probability`);
}

/** "37%", "0.5%", "99.9%": whole percents where that is exact enough, one decimal near the ends. */
export function formatProbability(p: number): string {
  const percent = p * 100;
  if (percent >= 1 && percent <= 99) return `${Math.round(percent)}%`;
  return `${Math.round(percent * 10) / 10}%`;
}
