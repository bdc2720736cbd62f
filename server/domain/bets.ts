/**
 * Bet pricing, fills and settlement (docs/ledger.md). Pure integer arithmetic on
 * credits: a price p is P(YES) in whole percent, so the YES side risks p parts to the NO side's
 * 100 - p parts, and every rounding goes down (floor) so no fill ever needs a credit nobody put up.
 */

export type Side = "yes" | "no";
export type Outcome = "yes" | "no" | "annulled";

export const MIN_PRICE = 1;
export const MAX_PRICE = 99;
/**
 * Largest stake accepted. Every product below is a stake times at most 100, so capping stakes at
 * MAX_SAFE_INTEGER / 100 keeps all intermediate values exact JS integers (no BigInt needed).
 */
export const MAX_STAKE = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/** A bet the user can fix: `field` names the input at fault ("price", "stake", "side", "p", "offer"). */
export class BetError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "BetError";
  }
}

/** floor(x / d) for a safe integer x >= 0 and d >= 1; exact, unlike Math.floor(x / d) near 2^53. */
function floorDiv(x: number, d: number): number {
  return (x - (x % d)) / d;
}

const isWhole = (n: number) => Number.isSafeInteger(n);

function checkSide(side: Side): void {
  if (side !== "yes" && side !== "no") throw new BetError("side", 'Side must be "yes" or "no".');
}

function checkPrice(price: number): void {
  if (!isWhole(price) || price < MIN_PRICE || price > MAX_PRICE)
    throw new BetError(
      "price",
      `Price must be a whole percent from ${MIN_PRICE} to ${MAX_PRICE} (the chance of YES the bet implies); got ${price}.`,
    );
}

function checkStake(stake: number): void {
  if (!isWhole(stake) || stake < 1)
    throw new BetError(
      "stake",
      `Stake must be a whole number of credits, at least 1; got ${stake}.`,
    );
  if (stake > MAX_STAKE)
    throw new BetError("stake", `Stake must be at most ${MAX_STAKE} credits; got ${stake}.`);
}

/** Validates an offer: price whole 1..99, stake whole 1..MAX_STAKE. Throws BetError naming the field. */
export function checkOffer(input: { side: Side; price: number; stake: number }): void {
  checkSide(input.side);
  checkPrice(input.price);
  checkStake(input.stake);
}

/**
 * The maker's matched stake for a taker stake t is m = floor(t * num / den):
 * maker on YES risks p per 100 - p of the taker's, maker on NO risks 100 - p per p.
 */
function makerRatio(side: Side, price: number): { num: number; den: number } {
  return side === "yes" ? { num: price, den: 100 - price } : { num: 100 - price, den: price };
}

/**
 * The smallest fill possible at this price: the least taker stake t whose m = floor(t*num/den) is
 * at least 1, i.e. t = ceil(den / num), and the m it matches. An offer (or what is left of one)
 * holding fewer than `makerStake` credits can never be filled.
 */
export function smallestFill(offer: { side: Side; price: number }): {
  takerStake: number;
  makerStake: number;
} {
  checkSide(offer.side);
  checkPrice(offer.price);
  const { num, den } = makerRatio(offer.side, offer.price);
  const takerStake = floorDiv(den + num - 1, num);
  return { takerStake, makerStake: floorDiv(takerStake * num, den) };
}

/**
 * The fill rule (docs/ledger.md). m = floor(t * p / (100 - p)) when the maker is on YES,
 * floor(t * (100 - p) / p) when on NO. When m would exceed `remaining`, t shrinks to the largest
 * t' <= t with floor(t' * num / den) <= remaining:
 *   floor(t' * num / den) <= R  <=>  t' * num < (R + 1) * den  <=>  t' <= floor(((R + 1) * den - 1) / num)
 * so the shrunk stake is computed in one integer step, and m' = floor(t' * num / den) <= R.
 * Rejects m < 1 (BetError "stake") and an offer with nothing left (BetError "offer").
 */
export function matchFill(
  offer: { side: Side; price: number; remaining: number },
  takerStake: number,
): { takerStake: number; makerStake: number; pot: number } {
  checkSide(offer.side);
  checkPrice(offer.price);
  const remaining = offer.remaining;
  // A corrupt offer row is a bug, not something the taker can fix.
  if (!isWhole(remaining) || remaining < 0 || remaining > MAX_STAKE)
    throw new Error(`matchFill: offer remaining must be a whole number 0..${MAX_STAKE}`);
  if (remaining === 0)
    throw new BetError("offer", "This offer has been fully taken; nothing is left to match.");
  checkStake(takerStake);

  const { num, den } = makerRatio(offer.side, offer.price);
  let t = takerStake;
  let shrunk = false;
  if (floorDiv(t * num, den) > remaining) {
    t = floorDiv((remaining + 1) * den - 1, num);
    shrunk = true;
  }
  const m = Math.min(remaining, floorDiv(t * num, den));
  // When the offer runs out, the taker pays only the least stake that matches what is left.
  if (shrunk && m >= 1) t = floorDiv(m * den + num - 1, num);

  if (m < 1) {
    const least = smallestFill(offer);
    if (remaining < least.makerStake)
      throw new BetError(
        "stake",
        `What is left of this offer (${remaining} credits) is too small to match at this price: ` +
          `at ${offer.price}% the smallest fill needs ${least.makerStake} credits from the maker.`,
      );
    throw new BetError(
      "stake",
      `A stake of ${takerStake} credits is too small to match at this price: ` +
        `at ${offer.price}% risk at least ${least.takerStake} credits.`,
    );
  }
  return { takerStake: t, makerStake: m, pot: t + m };
}

/** Payout of one fill: YES pays the pot to the YES side, NO to the NO side, ANNULLED refunds each its own stake. */
export function settleFill(
  fill: { makerSide: Side; makerStake: number; takerStake: number },
  outcome: Outcome,
): { maker: number; taker: number } {
  const { makerSide, makerStake, takerStake } = fill;
  if (!isWhole(makerStake) || !isWhole(takerStake) || makerStake < 0 || takerStake < 0)
    throw new Error("settleFill: stakes must be whole numbers >= 0");
  checkSide(makerSide);
  if (outcome === "annulled") return { maker: makerStake, taker: takerStake };
  if (outcome !== "yes" && outcome !== "no") throw new Error(`settleFill: unknown outcome`);
  const pot = makerStake + takerStake;
  return makerSide === outcome ? { maker: pot, taker: 0 } : { maker: 0, taker: pot };
}

/**
 * Expected gain per credit risked, for someone who believes P(YES) = p, betting `side` at price c%.
 * At price c the YES side puts up c parts of the pot and the NO side 100 - c, so each credit the
 * YES side risks wins (100 - c) / c credits with chance p and is lost with chance 1 - p:
 *   E_yes = p * (100 - c) / c - (1 - p) = (100p - c) / c.
 * Each credit the NO side risks wins c / (100 - c) with chance 1 - p and is lost with chance p:
 *   E_no = (1 - p) * c / (100 - c) - p = (c - 100p) / (100 - c).
 * The simplified forms are algebraically equal and avoid cancellation error near zero.
 */
export function expectedGain(side: Side, p: number, price: number): number {
  return side === "yes" ? (100 * p - price) / price : (price - 100 * p) / (100 - price);
}

/**
 * p as a percent, snapped to a whole percent when within float noise of one
 * (0.51 * 100 = 51.00000000000001 must count as 51, so 51 is not "strictly between" 0.50 and 0.51).
 * Snapping only ever removes candidate prices, never adds one outside the two forecasts.
 */
function percentOf(p: number): number {
  const x = p * 100;
  const whole = Math.round(x);
  return Math.abs(x - whole) < 1e-9 ? whole : x;
}

function checkForecast(p: number): void {
  if (!Number.isFinite(p) || p <= 0 || p >= 1)
    throw new BetError("p", `A forecast must be a probability strictly between 0 and 1; got ${p}.`);
}

/**
 * Suggests a bet between two forecasts: price = the log-odds midpoint
 * sigmoid((logit(lo) + logit(hi)) / 2) = sqrt(lo*hi) / (sqrt(lo*hi) + sqrt((1-lo)(1-hi))),
 * rounded to a whole percent and then clamped into the whole percents strictly between the two
 * forecasts; null if there are none. The higher forecast takes YES.
 *
 * Both expected gains are > 0: with c strictly between, 100*lo < c < 100*hi, so
 *   E_yes(hi) = (100*hi - c) / c > 0   and   E_no(lo) = (c - 100*lo) / (100 - c) > 0
 * (numerators positive, denominators c >= 1 and 100 - c >= 1).
 */
export function suggestBet(
  a: { who: string; p: number },
  b: { who: string; p: number },
): {
  price: number;
  yes: string;
  no: string;
  expectedGainYes: number;
  expectedGainNo: number;
} | null {
  checkForecast(a.p);
  checkForecast(b.p);
  const [low, high] = a.p <= b.p ? [a, b] : [b, a];
  const lowest = Math.floor(percentOf(low.p)) + 1;
  const highest = Math.ceil(percentOf(high.p)) - 1;
  if (lowest > highest) return null;

  const odds = Math.sqrt((low.p / (1 - low.p)) * (high.p / (1 - high.p)));
  const midpoint = odds / (1 + odds);
  // Rounding can step outside (e.g. 0.1% vs 1.1%: midpoint 0.33% rounds to 0), so clamp back in.
  const price = Math.min(highest, Math.max(lowest, Math.round(midpoint * 100)));
  return {
    price,
    yes: high.who,
    no: low.who,
    expectedGainYes: expectedGain("yes", high.p, price),
    expectedGainNo: expectedGain("no", low.p, price),
  };
}

/** One fill as one of its two parties sees it. */
export interface HeldFill {
  role: "maker" | "taker";
  makerSide: Side;
  makerStake: number;
  takerStake: number;
}

/** The side a party of a fill backs: the maker's side, or the other one for the taker. */
export const sideOf = (fill: Pick<HeldFill, "role" | "makerSide">): Side =>
  fill.role === "maker" ? fill.makerSide : fill.makerSide === "yes" ? "no" : "yes";

export interface PositionOutcomes {
  /** Credits this person put into the fills (their stakes, escrowed until settlement). */
  risk: number;
  /** What settlement pays them back on each outcome (settleFill, summed). */
  payout: Record<Outcome, number>;
  /** payout − risk on each outcome: what they win (> 0) or lose (< 0). */
  net: Record<Outcome, number>;
}

/**
 * What a person's fills on one crux come to on each outcome, by the settlement rule itself
 * (settleFill): YES pays the pot to the YES side, NO to the NO side, ANNULLED refunds each stake.
 * Unmatched offer stakes are not fills: they are refunded whatever happens.
 */
export function positionOutcomes(held: readonly HeldFill[]): PositionOutcomes {
  const outcomes: Outcome[] = ["yes", "no", "annulled"];
  let risk = 0;
  const payout: Record<Outcome, number> = { yes: 0, no: 0, annulled: 0 };
  for (const fill of held) {
    risk += fill.role === "maker" ? fill.makerStake : fill.takerStake;
    for (const outcome of outcomes) payout[outcome] += settleFill(fill, outcome)[fill.role];
  }
  const net = { yes: payout.yes - risk, no: payout.no - risk, annulled: payout.annulled - risk };
  return { risk, payout, net };
}
