import { describe, expect, it } from "vitest";
import { createsConditionCycle } from "@/server/domain/cruxes";
import { effectiveStatus } from "@/server/domain/lifecycle";
import { cruxStrength, findDoubleCruxes, type PersonOnCrux } from "@/server/domain/doubleCrux";
import {
  bucketOf,
  communityHistory,
  currentForecasts,
  forecastHistogram,
  forecastSpread,
} from "@/server/domain/forecasts";

describe("effectiveStatus", () => {
  it("an open crux is closed from its close time on", () => {
    expect(effectiveStatus("open", 1000, 999)).toBe("open");
    expect(effectiveStatus("open", 1000, 1000)).toBe("closed");
    expect(effectiveStatus("resolved", 1000, 500)).toBe("resolved");
  });
});

describe("createsConditionCycle", () => {
  const conditionOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
  ]);
  it("accepts a chain that ends", () => {
    expect(createsConditionCycle(null, 3, conditionOf)).toBe(false);
    expect(createsConditionCycle(4, 3, conditionOf)).toBe(false);
  });
  it("rejects a crux conditional on itself or on something conditional on it", () => {
    expect(createsConditionCycle(1, 1, conditionOf)).toBe(true);
    expect(createsConditionCycle(1, 3, conditionOf)).toBe(true);
  });
  it("rejects an existing loop it would join", () => {
    expect(
      createsConditionCycle(
        9,
        5,
        new Map([
          [5, 6],
          [6, 5],
        ]),
      ),
    ).toBe(true);
  });
});

describe("forecast histories", () => {
  const history = [
    { user: "a", at: 1, p: 0.2 },
    { user: "b", at: 2, p: 0.6 },
    { user: "a", at: 3, p: 0.4 },
    { user: "b", at: 4, p: null },
    { user: "c", at: 4, p: 0.9 },
  ];

  it("keeps each user's latest forecast and drops withdrawals", () => {
    expect([...currentForecasts(history)]).toEqual([
      ["a", { at: 3, p: 0.4 }],
      ["c", { at: 4, p: 0.9 }],
    ]);
  });

  it("gives the community prediction after every change, one point per instant", () => {
    expect(communityHistory(history)).toEqual([
      { at: 1, p: 0.2, forecasters: 1 },
      { at: 2, p: expect.closeTo(0.4, 12), forecasters: 2 },
      { at: 3, p: 0.5, forecasters: 2 },
      { at: 4, p: expect.closeTo(0.65, 12), forecasters: 2 },
    ]);
  });

  it("measures spread as the population standard deviation", () => {
    expect(forecastSpread([0.5])).toBe(0);
    expect(forecastSpread([0.2, 0.8])).toBeCloseTo(0.3, 12);
  });

  it("buckets by integer arithmetic, so 0.3 lands in 30-40%", () => {
    expect(bucketOf(0.3)).toBe(3);
    expect(bucketOf(0.1 + 0.2)).toBe(3); // 0.30000000000000004
    expect(bucketOf(0.2999)).toBe(2);
    expect(bucketOf(0.999)).toBe(9);
    expect(bucketOf(0.001)).toBe(0);
    const buckets = forecastHistogram(currentForecasts(history));
    expect(buckets[4]?.users).toEqual(["a"]);
    expect(buckets[9]?.users).toEqual(["c"]);
    expect(buckets.reduce((n, b) => n + b.users.length, 0)).toBe(2);
  });
});

describe("double cruxes", () => {
  const person = (stance: 1 | -1, ifYes: number, ifNo: number, forecast: number): PersonOnCrux => ({
    stance,
    pClaimIfYes: ifYes,
    pClaimIfNo: ifNo,
    forecast,
  });

  it("strength is the size of the conditional gap", () => {
    expect(cruxStrength(0.9, 0.3)).toBeCloseTo(0.6, 12);
    expect(cruxStrength(0.3, 0.9)).toBeCloseTo(0.6, 12);
  });

  it("pairs people who disagree on the claim, rate the crux strong, and disagree on it", () => {
    const people = new Map([
      ["ann", person(1, 0.9, 0.2, 0.8)],
      ["bob", person(-1, 0.6, 0.1, 0.3)],
      ["cat", person(-1, 0.5, 0.4, 0.1)], // weak crux for cat
      ["dan", person(-1, 0.9, 0.1, 0.75)], // agrees with ann on the crux
      ["eve", person(1, 0.8, 0.1, 0.2)],
    ]);
    const pairs = findDoubleCruxes(people);
    // eve-dan: min(.7, .8) x |.2 - .75| = .385 ranks above ann-bob: min(.7, .5) x .5 = .25.
    expect(pairs.map((p) => [p.agrees, p.disagrees])).toEqual([
      ["eve", "dan"],
      ["ann", "bob"],
    ]);
    expect(pairs[0]?.score).toBeCloseTo(0.7 * 0.55, 12);
    expect(pairs[1]?.score).toBeCloseTo(0.5 * 0.5, 12);
  });

  it("finds nothing when nobody disagrees about the claim", () => {
    expect(
      findDoubleCruxes(
        new Map([
          ["a", person(1, 0.9, 0.1, 0.9)],
          ["b", person(1, 0.9, 0.1, 0.1)],
        ]),
      ),
    ).toEqual([]);
  });
});
