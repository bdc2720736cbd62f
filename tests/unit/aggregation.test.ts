import { describe, expect, it } from "vitest";
import { communityPrediction } from "@/server/domain/aggregation";

describe("communityPrediction", () => {
  it("is null with no forecasts", () => {
    expect(communityPrediction([])).toBeNull();
  });

  it("is the one forecast when there is one", () => {
    expect(communityPrediction([{ at: 5, p: 0.3 }])).toBe(0.3);
  });

  it("averages the two middle values when the weights split exactly in half (N = 2, equal weights)", () => {
    expect(
      communityPrediction([
        { at: 1, p: 0.6 },
        { at: 2, p: 0.2 },
      ]),
    ).toBeCloseTo(0.4, 12);
  });

  it("weights recent forecasts more: oldest .1, .2, then .8, newest .9 gives .8, not the plain median .5", () => {
    // N = 4: w = e^(1-2), e^(√2-2), e^(√3-2), e^0 = .367879, .556674, .764935, 1 (sum 2.689488).
    // Sorted by value the cumulative shares are .1368, .3438, .6282, 1: the first >= .5 and the first > .5 are both .8.
    const latest = [
      { at: 1, p: 0.1 },
      { at: 2, p: 0.2 },
      { at: 3, p: 0.8 },
      { at: 4, p: 0.9 },
    ];
    expect(communityPrediction(latest)).toBe(0.8);
  });

  it("orders by time, not by input order", () => {
    const shuffled = [
      { at: 4, p: 0.9 },
      { at: 1, p: 0.1 },
      { at: 3, p: 0.8 },
      { at: 2, p: 0.2 },
    ];
    expect(communityPrediction(shuffled)).toBe(0.8);
  });

  it("lets the oldest forecasts win when they are the recent ones", () => {
    // Same values, reversed in time: .9 oldest ... .1 newest. Weights by value .1→1, .2→.764935, .8→.556674, .9→.367879:
    // cumulative shares .3718, .6562: the median is .2.
    const latest = [
      { at: 1, p: 0.9 },
      { at: 2, p: 0.8 },
      { at: 3, p: 0.2 },
      { at: 4, p: 0.1 },
    ];
    expect(communityPrediction(latest)).toBe(0.2);
  });

  it("handles forecasts at the same instant", () => {
    expect(
      communityPrediction([
        { at: 1, p: 0.3 },
        { at: 1, p: 0.5 },
        { at: 1, p: 0.7 },
      ]),
    ).toBe(0.5);
  });
});
