import { describe, expect, it } from "vitest";
import {
  BetError,
  MAX_PRICE,
  MAX_STAKE,
  MIN_PRICE,
  checkOffer,
  expectedGain,
  matchFill,
  positionOutcomes,
  settleFill,
  sideOf,
  smallestFill,
  suggestBet,
  type Outcome,
  type Side,
} from "@/server/domain/bets";

/** Runs fn and returns the BetError it throws (fails the test if it throws anything else or nothing). */
function betError(fn: () => unknown): BetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BetError) return e;
    throw e;
  }
  throw new Error("expected a BetError");
}

describe("checkOffer", () => {
  it("accepts whole prices 1..99 and whole stakes >= 1", () => {
    expect(MIN_PRICE).toBe(1);
    expect(MAX_PRICE).toBe(99);
    expect(() => checkOffer({ side: "yes", price: 1, stake: 1 })).not.toThrow();
    expect(() => checkOffer({ side: "no", price: 99, stake: 500 })).not.toThrow();
    expect(() => checkOffer({ side: "no", price: 50, stake: MAX_STAKE })).not.toThrow();
  });

  it.each([0, 100, 1.5, -3, Number.NaN])("rejects price %s naming the price field", (price) => {
    const e = betError(() => checkOffer({ side: "yes", price, stake: 10 }));
    expect(e.field).toBe("price");
    expect(e.message).toContain("whole percent from 1 to 99");
  });

  it.each([0, 1.5, -3, Number.POSITIVE_INFINITY, MAX_STAKE + 1])(
    "rejects stake %s naming the stake field",
    (stake) => {
      const e = betError(() => checkOffer({ side: "yes", price: 50, stake }));
      expect(e.field).toBe("stake");
    },
  );

  it("says what a stake must be", () => {
    expect(betError(() => checkOffer({ side: "no", price: 50, stake: 0 })).message).toBe(
      "Stake must be a whole number of credits, at least 1; got 0.",
    );
  });

  it("rejects an unknown side", () => {
    const e = betError(() => checkOffer({ side: "maybe" as Side, price: 50, stake: 1 }));
    expect(e.field).toBe("side");
  });
});

describe("smallestFill", () => {
  it("is the least taker stake with m >= 1, t = ceil(den / num)", () => {
    // Maker YES at 30: m = floor(t * 30 / 70); t = ceil(70 / 30) = 3, m = floor(90 / 70) = 1.
    expect(smallestFill({ side: "yes", price: 30 })).toEqual({ takerStake: 3, makerStake: 1 });
    // Maker YES at 90: m = 9t; t = 1, m = 9.
    expect(smallestFill({ side: "yes", price: 90 })).toEqual({ takerStake: 1, makerStake: 9 });
    // Maker NO at 30: m = floor(t * 70 / 30); t = 1, m = floor(2.33) = 2.
    expect(smallestFill({ side: "no", price: 30 })).toEqual({ takerStake: 1, makerStake: 2 });
  });
});

describe("matchFill", () => {
  it("maker on YES: m = floor(t * p / (100 - p)), pot = t + m", () => {
    // 50 * 30 / 70 = 21.43 -> 21.
    expect(matchFill({ side: "yes", price: 30, remaining: 100 }, 50)).toEqual({
      takerStake: 50,
      makerStake: 21,
      pot: 71,
    });
    // 10 * 25 / 75 = 3.33 -> 3 (rounds down).
    expect(matchFill({ side: "yes", price: 25, remaining: 100 }, 10)).toEqual({
      takerStake: 10,
      makerStake: 3,
      pot: 13,
    });
  });

  it("maker on NO: m = floor(t * (100 - p) / p)", () => {
    // 10 * 70 / 30 = 23.33 -> 23.
    expect(matchFill({ side: "no", price: 30, remaining: 100 }, 10)).toEqual({
      takerStake: 10,
      makerStake: 23,
      pot: 33,
    });
    // 10 * 25 / 75 = 3.33 -> 3.
    expect(matchFill({ side: "no", price: 75, remaining: 100 }, 10)).toEqual({
      takerStake: 10,
      makerStake: 3,
      pot: 13,
    });
  });

  it("does not shrink a stake whose m fits exactly", () => {
    // floor(25 * 30 / 70) = floor(10.71) = 10 and floor(24 * 30 / 70) = floor(10.29) = 10.
    expect(matchFill({ side: "yes", price: 30, remaining: 10 }, 25)).toEqual({
      takerStake: 25,
      makerStake: 10,
      pot: 35,
    });
    expect(matchFill({ side: "yes", price: 30, remaining: 10 }, 24)).toEqual({
      takerStake: 24,
      makerStake: 10,
      pot: 34,
    });
  });

  it("shrinks t to the least stake that matches all it can of what is left (maker YES)", () => {
    // t = 100 would need floor(3000 / 70) = 42 > 10. The most that fits is m' = 10 (t up to 25),
    // and the least t with floor(30t / 70) >= 10 is ceil(700 / 30) = 24: the taker pays 24, not 25.
    expect(matchFill({ side: "yes", price: 30, remaining: 10 }, 100)).toEqual({
      takerStake: 24,
      makerStake: 10,
      pot: 34,
    });
    // At 90%, m = 9t: t' <= floor((21 * 10 - 1) / 90) = floor(209 / 90) = 2, m' = 18 <= 20.
    expect(matchFill({ side: "yes", price: 90, remaining: 20 }, 5)).toEqual({
      takerStake: 2,
      makerStake: 18,
      pot: 20,
    });
  });

  it("shrinks t for a maker on NO, and m' may be below what is left", () => {
    // m = floor(70t / 30). Largest t with 70t < 11 * 30 = 330 is 4, m' = floor(280 / 30) = 9 <= 10
    // (t = 5 would need floor(350 / 30) = 11 > 10); the least t giving 9 is ceil(270 / 70) = 4.
    expect(matchFill({ side: "no", price: 30, remaining: 10 }, 100)).toEqual({
      takerStake: 4,
      makerStake: 9,
      pot: 13,
    });
  });

  it("agrees with a brute-force search for every price, side, small remainder and stake", () => {
    // Plain comparisons collected into one list: ~400k expect() calls would take seconds.
    const wrong: string[] = [];
    for (const side of ["yes", "no"] as const)
      for (let price = 1; price <= 99; price++) {
        const [num, den] = side === "yes" ? [price, 100 - price] : [100 - price, price];
        const m = (t: number) => Math.floor((t * num) / den); // exact: small integers
        for (let remaining = 1; remaining <= 25; remaining++)
          for (let t = 1; t <= 80; t++) {
            let best = t;
            while (best > 0 && m(best) > remaining) best--;
            // When shrunk, the least stake that still matches the same amount.
            if (best < t) while (best > 1 && m(best - 1) === m(best)) best--;
            const where = `${side} ${price}% remaining ${remaining} t ${t}`;
            let fill: ReturnType<typeof matchFill> | null = null;
            try {
              fill = matchFill({ side, price, remaining }, t);
            } catch (e) {
              if (!(e instanceof BetError)) throw e;
            }
            if (best === 0 || m(best) < 1) {
              if (fill) wrong.push(`${where}: expected a rejection`);
              continue;
            }
            if (
              !fill ||
              fill.takerStake !== best ||
              fill.makerStake !== m(best) ||
              fill.pot !== best + m(best) ||
              fill.makerStake > remaining ||
              // Shrunk fills match all they can: no larger stake up to t fits under what is left.
              (best < t && m(t) <= remaining)
            )
              wrong.push(`${where}: got ${JSON.stringify(fill)}, expected t' ${best}`);
          }
      }
    expect(wrong).toEqual([]);
  });

  it("rejects a stake whose m rounds to 0, saying the least stake that works", () => {
    // floor(2 * 30 / 70) = floor(0.86) = 0; the least stake is ceil(70 / 30) = 3.
    const e = betError(() => matchFill({ side: "yes", price: 30, remaining: 100 }, 2));
    expect(e.field).toBe("stake");
    expect(e.message).toBe(
      "A stake of 2 credits is too small to match at this price: at 30% risk at least 3 credits.",
    );
    expect(matchFill({ side: "yes", price: 30, remaining: 100 }, 3).makerStake).toBe(1);
  });

  it("rejects any stake when what is left is below the smallest fill", () => {
    // At 90% a maker on YES must put up 9 per taker credit; 5 left can match nothing.
    const e = betError(() => matchFill({ side: "yes", price: 90, remaining: 5 }, 100));
    expect(e.field).toBe("stake");
    expect(e.message).toContain("too small to match at this price");
    expect(e.message).toContain("needs 9 credits");
  });

  it("rejects taker stakes that are not whole and >= 1, and a fully taken offer", () => {
    for (const t of [0, 1.5, -3, Number.NaN])
      expect(betError(() => matchFill({ side: "no", price: 50, remaining: 10 }, t)).field).toBe(
        "stake",
      );
    expect(betError(() => matchFill({ side: "no", price: 50, remaining: 0 }, 5)).field).toBe(
      "offer",
    );
    expect(betError(() => matchFill({ side: "no", price: 0, remaining: 10 }, 5)).field).toBe(
      "price",
    );
  });
});

describe("settleFill", () => {
  const makerYes = { makerSide: "yes" as const, makerStake: 21, takerStake: 50 };
  const makerNo = { makerSide: "no" as const, makerStake: 23, takerStake: 10 };

  it("YES pays the pot to the YES side, NO to the NO side", () => {
    expect(settleFill(makerYes, "yes")).toEqual({ maker: 71, taker: 0 });
    expect(settleFill(makerYes, "no")).toEqual({ maker: 0, taker: 71 });
    expect(settleFill(makerNo, "yes")).toEqual({ maker: 0, taker: 33 });
    expect(settleFill(makerNo, "no")).toEqual({ maker: 33, taker: 0 });
  });

  it("ANNULLED refunds each side its own stake", () => {
    expect(settleFill(makerYes, "annulled")).toEqual({ maker: 21, taker: 50 });
    expect(settleFill(makerNo, "annulled")).toEqual({ maker: 23, taker: 10 });
  });

  it("always pays out exactly the pot", () => {
    const outcomes: Outcome[] = ["yes", "no", "annulled"];
    for (const side of ["yes", "no"] as const)
      for (let price = 1; price <= 99; price += 7)
        for (const t of [1, 3, 17, 250]) {
          const offer = { side, price, remaining: 10_000 };
          let fill;
          try {
            fill = matchFill(offer, t);
          } catch {
            continue; // too small at this price
          }
          for (const outcome of outcomes) {
            const paid = settleFill(
              { makerSide: side, makerStake: fill.makerStake, takerStake: fill.takerStake },
              outcome,
            );
            expect(paid.maker + paid.taker).toBe(fill.pot);
          }
        }
  });
});

describe("expectedGain", () => {
  it("matches the per-credit formulas", () => {
    // YES at 40% believing 0.6: 0.6 * 60 / 40 - 0.4 = 0.9 - 0.4 = 0.5 = (60 - 40) / 40.
    expect(expectedGain("yes", 0.6, 40)).toBeCloseTo(0.5, 12);
    // NO at 40% believing 0.2: 0.8 * 40 / 60 - 0.2 = 0.5333 - 0.2 = 0.3333 = (40 - 20) / 60.
    expect(expectedGain("no", 0.2, 40)).toBeCloseTo(1 / 3, 12);
    // A fair price gains nothing.
    expect(expectedGain("yes", 0.4, 40)).toBeCloseTo(0, 12);
  });
});

describe("suggestBet", () => {
  it("meets at the log-odds midpoint; the higher forecast takes YES", () => {
    // logit 0.2 = -ln 4, logit 0.8 = ln 4: midpoint 0 -> 50%.
    // E_yes = 0.8 * 50/50 - 0.2 = 0.6; E_no = 0.8 * 50/50 - 0.2 = 0.6.
    const s = suggestBet({ who: "ann", p: 0.8 }, { who: "bob", p: 0.2 });
    expect(s).not.toBeNull();
    expect(s!.price).toBe(50);
    expect(s!.yes).toBe("ann");
    expect(s!.no).toBe("bob");
    expect(s!.expectedGainYes).toBeCloseTo(0.6, 12);
    expect(s!.expectedGainNo).toBeCloseTo(0.6, 12);
  });

  it("0.6 vs 0.9: midpoint sqrt(1.5 * 9) / (1 + sqrt(13.5)) = 0.78606 -> 79", () => {
    // odds sqrt(13.5) = 3.674235, 3.674235 / 4.674235 = 0.786061.
    const s = suggestBet({ who: "ann", p: 0.6 }, { who: "bob", p: 0.9 })!;
    expect(s.price).toBe(79);
    expect(s.yes).toBe("bob");
    expect(s.no).toBe("ann");
    // E_yes = 0.9 * 21/79 - 0.1 = (90 - 79)/79 = 11/79; E_no = 0.4 * 79/21 - 0.6 = (79 - 60)/21 = 19/21.
    expect(s.expectedGainYes).toBeCloseTo(11 / 79, 12);
    expect(s.expectedGainNo).toBeCloseTo(19 / 21, 12);
  });

  it("0.1 vs 0.3: midpoint sqrt(1/9 * 3/7) = 0.218218 odds -> 0.179129 -> 18", () => {
    expect(suggestBet({ who: "a", p: 0.1 }, { who: "b", p: 0.3 })?.price).toBe(18);
  });

  it("returns null when no whole percent lies strictly between", () => {
    expect(suggestBet({ who: "a", p: 0.5 }, { who: "b", p: 0.51 })).toBeNull();
    expect(suggestBet({ who: "a", p: 0.5 }, { who: "b", p: 0.5 })).toBeNull();
    expect(suggestBet({ who: "a", p: 0.451 }, { who: "b", p: 0.4599 })).toBeNull();
    // 0.28 * 100 = 28.000000000000004 in floats; 28 is still not strictly above 0.28.
    expect(suggestBet({ who: "a", p: 0.27 }, { who: "b", p: 0.28 })).toBeNull();
  });

  it("takes the one whole percent between close forecasts", () => {
    // 50.5% and 51.5%: only 51 lies strictly between.
    expect(suggestBet({ who: "a", p: 0.505 }, { who: "b", p: 0.515 })?.price).toBe(51);
  });

  it("clamps a midpoint that rounds outside the two forecasts", () => {
    // 0.1% vs 1.1%: midpoint 0.333% rounds to 0, but 1 lies strictly between 0.1 and 1.1.
    const s = suggestBet({ who: "a", p: 0.001 }, { who: "b", p: 0.011 })!;
    expect(s.price).toBe(1);
    // E_yes = (1.1 - 1)/1 = 0.1; E_no = (1 - 0.1)/99 = 0.9/99.
    expect(s.expectedGainYes).toBeCloseTo(0.1, 12);
    expect(s.expectedGainNo).toBeCloseTo(0.9 / 99, 12);
  });

  it("rejects forecasts outside (0, 1)", () => {
    for (const p of [0, 1, -0.2, Number.NaN])
      expect(betError(() => suggestBet({ who: "a", p }, { who: "b", p: 0.5 })).field).toBe("p");
  });

  it("gives both sides a positive expected gain at a price strictly between, over many pairs", () => {
    // Deterministic pseudo-random pairs (Park-Miller generator; products stay below 2^53), plus the ends.
    let seed = 12345;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const pairs: [number, number][] = [
      [0.001, 0.999],
      [0.001, 0.002],
      [0.998, 0.999],
    ];
    for (let i = 0; i < 20_000; i++) {
      // Mix forecasts on the stored 4-decimal grid with arbitrary floats.
      const a = i % 2 ? Math.round(next() * 998 + 1) / 1000 : next() * 0.998 + 0.001;
      const b = i % 2 ? Math.round(next() * 998 + 1) / 1000 : next() * 0.998 + 0.001;
      pairs.push([a, b]);
    }
    let suggested = 0;
    const wrong: string[] = [];
    for (const [a, b] of pairs) {
      const s = suggestBet({ who: "a", p: a }, { who: "b", p: b });
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      if (s === null) {
        // Nothing strictly between: the largest whole percent below hi is not above lo.
        if (Math.floor(hi * 100 - 1e-9) > lo * 100 + 1e-9) wrong.push(`${a} ${b}: null`);
        continue;
      }
      suggested++;
      const c = s.price;
      // The spec's unsimplified formulas must agree and be positive too.
      const eYes = (hi * (100 - c)) / c - (1 - hi);
      const eNo = ((1 - lo) * c) / (100 - c) - lo;
      if (
        !Number.isInteger(c) ||
        !(c > lo * 100 && c < hi * 100) ||
        s.yes !== (a > b ? "a" : "b") ||
        !(s.expectedGainYes > 0 && s.expectedGainNo > 0 && eYes > 0 && eNo > 0) ||
        Math.abs(eYes - s.expectedGainYes) > 1e-9 ||
        Math.abs(eNo - s.expectedGainNo) > 1e-9
      )
        wrong.push(`${a} ${b}: ${JSON.stringify(s)}`);
    }
    expect(wrong).toEqual([]);
    expect(suggested).toBeGreaterThan(15_000);
  });
});

describe("positionOutcomes", () => {
  it("is zero everywhere with no fills", () => {
    expect(positionOutcomes([])).toEqual({
      risk: 0,
      payout: { yes: 0, no: 0, annulled: 0 },
      net: { yes: 0, no: 0, annulled: 0 },
    });
  });

  it("a YES maker at 60% who risked 60 against 40 wins the pot on YES and loses the stake on NO", () => {
    const p = positionOutcomes([
      { role: "maker", makerSide: "yes", makerStake: 60, takerStake: 40 },
    ]);
    expect(p.risk).toBe(60);
    expect(p.payout).toEqual({ yes: 100, no: 0, annulled: 60 });
    expect(p.net).toEqual({ yes: 40, no: -60, annulled: 0 });
  });

  it("the taker of the same fill backs NO: the mirror image", () => {
    const p = positionOutcomes([
      { role: "taker", makerSide: "yes", makerStake: 60, takerStake: 40 },
    ]);
    expect(p.risk).toBe(40);
    expect(p.net).toEqual({ yes: -40, no: 60, annulled: 0 });
  });

  it("sums fills on both sides and as both roles, each by settleFill", () => {
    const held = [
      { role: "maker", makerSide: "yes", makerStake: 30, takerStake: 20 },
      { role: "taker", makerSide: "yes", makerStake: 10, takerStake: 90 },
      { role: "taker", makerSide: "no", makerStake: 7, takerStake: 3 },
    ] as const;
    const p = positionOutcomes(held);
    expect(p.risk).toBe(30 + 90 + 3);
    for (const outcome of ["yes", "no", "annulled"] as const) {
      const sum = held.reduce((s, f) => s + settleFill(f, outcome)[f.role], 0);
      expect(p.payout[outcome]).toBe(sum);
      expect(p.net[outcome]).toBe(sum - p.risk);
    }
    expect(p.payout).toEqual({ yes: 50 + 0 + 10, no: 0 + 100 + 0, annulled: 123 });
  });

  it("both parties' nets on one fill sum to zero on every outcome (money only moves between them)", () => {
    const fill = { makerSide: "no" as Side, makerStake: 37, takerStake: 63 };
    const maker = positionOutcomes([{ ...fill, role: "maker" }]);
    const taker = positionOutcomes([{ ...fill, role: "taker" }]);
    for (const o of ["yes", "no", "annulled"] as Outcome[])
      expect(maker.net[o] + taker.net[o]).toBe(0);
  });

  it("sideOf gives the maker's side to the maker and the other to the taker", () => {
    expect(sideOf({ role: "maker", makerSide: "yes" })).toBe("yes");
    expect(sideOf({ role: "taker", makerSide: "yes" })).toBe("no");
    expect(sideOf({ role: "taker", makerSide: "no" })).toBe("yes");
  });
});
