import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CDF_POINTS,
  type CdfHistoryPoint,
  type NumericRange,
  cdfFromInput,
  numericBaselineScore,
  numericLogScore,
  numericPeerScores,
  timeAveragedNumericBaselineScore,
} from "@/server/domain/numeric";

const closed: NumericRange = {
  min: 0,
  max: 200,
  openLower: false,
  openUpper: false,
  scale: "linear",
};
const open: NumericRange = { ...closed, openLower: true, openUpper: true };

/** A CDF on 0..200 with `mass` in bin 100 ([100, 101]) and the rest spread evenly over the other 199 bins. */
function peaked(mass: number): number[] {
  const other = (1 - mass) / 199;
  const cdf = [0];
  for (let i = 0; i < 200; i++) cdf.push(cdf[i]! + (i === 100 ? mass : other));
  cdf[200] = 1;
  return cdf;
}
const uniform = Array.from({ length: CDF_POINTS }, (_, i) => i / 200);
/** Both bounds open: `below` under 0, `above` over 200, the rest even. */
const withTails = (below: number, above: number) =>
  Array.from({ length: CDF_POINTS }, (_, i) => below + ((1 - below - above) * i) / 200);

const LN4 = Math.log(4);
const LN2 = Math.log(2);

describe("numericLogScore", () => {
  it("is ln(bin probability x 200) inside the range", () => {
    // Bin 100 holds 0.02: density 0.02·200 = 4, log score ln 4 = 1.3862944.
    expect(numericLogScore(closed, peaked(0.02), 100.5)).toBeCloseTo(LN4, 12);
    // Elsewhere each bin holds 0.98/199: ln(0.98·200/199) = -0.0151902.
    expect(numericLogScore(closed, peaked(0.02), 10)).toBeCloseTo(-0.01519016549397512, 12);
    // A uniform forecast scores ln 1 = 0 everywhere.
    expect(numericLogScore(closed, uniform, 37)).toBeCloseTo(0, 12);
  });

  it("puts an outcome on a bin edge in the bin above, and max in the last bin", () => {
    expect(numericLogScore(closed, peaked(0.02), 100)).toBeCloseTo(LN4, 12);
    expect(numericLogScore(closed, peaked(0.02), 101)).toBeCloseTo(-0.01519016549397512, 10);
    expect(numericLogScore(closed, peaked(0.02), 200)).toBeCloseTo(-0.01519016549397512, 10);
  });

  it("uses the probability beyond an open bound for an outcome there", () => {
    // 0.001 below 0 and 0.1 above 200: outcome 250 scores ln 0.1, outcome -5 scores ln 0.001.
    expect(numericLogScore(open, withTails(0.001, 0.1), 250)).toBeCloseTo(Math.log(0.1), 12);
    expect(numericLogScore(open, withTails(0.001, 0.1), -5)).toBeCloseTo(Math.log(0.001), 12);
  });

  it("measures density in ln x on a log scale", () => {
    // Uniform in ln x over 1..100 scores 0 anywhere in it.
    const log: NumericRange = {
      min: 1,
      max: 100,
      openLower: false,
      openUpper: false,
      scale: "log",
    };
    expect(numericLogScore(log, uniform, 3)).toBeCloseTo(0, 12);
  });
});

describe("numericBaselineScore", () => {
  it("is 100 x (ln pdf - ln uniform pdf) / 2", () => {
    // Closed range: the uniform reference has density 1, so baseline = 50·ln 4 = 69.3147181.
    expect(numericBaselineScore(closed, peaked(0.02), 100.5)).toBeCloseTo(69.31471805599453, 10);
    // And 50·(-0.0151902) = -0.7595083 away from the peak.
    expect(numericBaselineScore(closed, peaked(0.02), 10)).toBeCloseTo(-0.759508274698756, 10);
    expect(numericBaselineScore(closed, uniform, 150)).toBeCloseTo(0, 12);
  });

  it("compares against 5% beyond each open bound and the rest spread over the range", () => {
    // Both open: the reference gives 0.05 below, 0.05 above and 0.9 inside. A forecast equal to it scores 0.
    expect(numericBaselineScore(open, withTails(0.05, 0.05), 250)).toBeCloseTo(0, 12);
    expect(numericBaselineScore(open, withTails(0.05, 0.05), 20)).toBeCloseTo(0, 12);
    // 0.1 above 200 against the reference's 0.05: 50·ln 2 = 34.6573590.
    expect(numericBaselineScore(open, withTails(0.001, 0.1), 250)).toBeCloseTo(
      34.657359027997266,
      10,
    );
    // 0.001 below 0: 50·ln(0.001/0.05) = 50·ln 0.02 = -195.6011503.
    expect(numericBaselineScore(open, withTails(0.001, 0.1), -5)).toBeCloseTo(
      -195.60115027140728,
      9,
    );
    // Inside: 50·(ln 0.899 - ln 0.9) = -0.0555864.
    expect(numericBaselineScore(open, withTails(0.001, 0.1), 100)).toBeCloseTo(
      -0.055586442634524,
      10,
    );
  });

  it("with one open bound the reference keeps 0.95 inside", () => {
    // Open above only, forecast uniform with 0.05 above: inside density 0.95, like the reference: 0.
    const oneOpen = { ...closed, openUpper: true };
    expect(numericBaselineScore(oneOpen, withTails(0, 0.05), 100)).toBeCloseTo(0, 12);
  });

  it("rewards a good interval forecast and punishes a confident miss", () => {
    const weeks: NumericRange = {
      min: 0.1,
      max: 100,
      openLower: false,
      openUpper: true,
      scale: "log",
    };
    const short = cdfFromInput(weeks, { median: 2, low: 1, high: 4 });
    expect(numericBaselineScore(weeks, short, 2)).toBeGreaterThan(50);
    expect(numericBaselineScore(weeks, short, 12)).toBeLessThan(-50);
  });
});

describe("timeAveragedNumericBaselineScore", () => {
  const window = { openAt: 0, scheduledCloseAt: 100, closedAt: 100 };
  const peak = peaked(0.02);

  it("counts each forecast for the share of the window it stood, like binary scores", () => {
    // The peaked forecast from 0, withdrawn at 50: 69.3147181·0.5 = 34.6573590, coverage 0.5.
    const history: CdfHistoryPoint[] = [
      { at: 0, cdf: peak },
      { at: 50, cdf: null },
    ];
    expect(timeAveragedNumericBaselineScore(history, window, closed, 100.5)).toEqual({
      score: expect.closeTo(34.657359027997266, 10),
      coverage: 0.5,
    });
  });

  it("divides by the scheduled window when the crux closes early", () => {
    // Forecast at 20, closed at 40 of a 100 window: 69.3147181·0.2 = 13.8629436, coverage 0.2.
    const early = { ...window, closedAt: 40 };
    expect(timeAveragedNumericBaselineScore([{ at: 20, cdf: peak }], early, closed, 100.5)).toEqual(
      { score: expect.closeTo(13.862943611198906, 10), coverage: 0.2 },
    );
  });

  it("weights an update by the time each version stood", () => {
    // Uniform (0) from 0 to 25, then peaked (69.3147181) to 100: 0.75·69.3147181 = 51.9860385.
    const history: CdfHistoryPoint[] = [
      { at: 0, cdf: uniform },
      { at: 25, cdf: peak },
    ];
    const result = timeAveragedNumericBaselineScore(history, window, closed, 100.5);
    expect(result.score).toBeCloseTo(51.9860385419959, 10);
    expect(result.coverage).toBe(1);
  });
});

describe("numericPeerScores", () => {
  const window = { openAt: 0, scheduledCloseAt: 100, closedAt: 100 };

  it("is 100 x (ln pdf_i - mean of the others' ln pdf_j) / 2, and sums to zero", () => {
    // At the outcome A has density 4 (ln 4), B 1 (ln 1 = 0), C 2 (ln 2), all for the whole window.
    // A: 50·(ln 4 - (0 + ln 2)/2) = 50·1.0397208 = 51.9860385; B: 50·(0 - (ln 4 + ln 2)/2) = -51.9860385;
    // C: 50·(ln 2 - (ln 4 + 0)/2) = 0.
    const scores = numericPeerScores(
      {
        a: [{ at: 0, cdf: peaked(0.02) }],
        b: [{ at: 0, cdf: uniform }],
        c: [{ at: 0, cdf: peaked(0.01) }],
      },
      window,
      closed,
      100.5,
    );
    const expected = 50 * (LN4 - LN2 / 2);
    expect(scores.a!.score).toBeCloseTo(expected, 10);
    expect(scores.b!.score).toBeCloseTo(-expected, 10);
    expect(scores.c!.score).toBeCloseTo(0, 10);
    expect(scores.a!.score + scores.b!.score + scores.c!.score).toBeCloseTo(0, 10);
  });

  it("scores a lone forecaster 0 and time-averages the rest", () => {
    // A alone from 0 to 50 (0), then with B from 50 to 100: A 50·ln 4·0.5 = 34.6573590, B the opposite.
    const scores = numericPeerScores(
      { a: [{ at: 0, cdf: peaked(0.02) }], b: [{ at: 50, cdf: uniform }] },
      window,
      closed,
      100.5,
    );
    expect(scores.a).toEqual({ score: expect.closeTo(34.657359027997266, 10), coverage: 1 });
    expect(scores.b).toEqual({ score: expect.closeTo(-34.657359027997266, 10), coverage: 0.5 });
  });

  it("ends a standing forecast at a withdrawal", () => {
    const scores = numericPeerScores(
      {
        a: [
          { at: 0, cdf: peaked(0.02) },
          { at: 50, cdf: null },
        ],
        b: [{ at: 0, cdf: uniform }],
      },
      window,
      closed,
      100.5,
    );
    expect(scores.a).toEqual({ score: expect.closeTo(34.657359027997266, 10), coverage: 0.5 });
    expect(scores.b).toEqual({ score: expect.closeTo(-34.657359027997266, 10), coverage: 1 });
  });
});

describe("numeric scores (properties)", () => {
  const window = { openAt: 0, scheduledCloseAt: 1000, closedAt: 800 };
  const ranges: NumericRange[] = [
    closed,
    open,
    { min: 0.1, max: 100, openLower: false, openUpper: true, scale: "log" },
  ];
  const forecast = fc.record({
    at: fc.integer({ min: -100, max: 900 }),
    withdraw: fc.boolean(),
    median: fc.double({ min: 0.3, max: 0.7, noNaN: true }),
    left: fc.double({ min: 0.05, max: 0.25, noNaN: true }),
    right: fc.double({ min: 0.05, max: 0.25, noNaN: true }),
  });

  it("peer scores sum to zero and the reference forecast's baseline is zero", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ranges),
        fc.array(fc.array(forecast, { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.double({ min: -0.2, max: 1.2, noNaN: true }),
        (r, users, where) => {
          // Values placed at fractions of the range in scale space.
          const at = (f: number) =>
            r.scale === "log" ? r.min * (r.max / r.min) ** f : r.min + (r.max - r.min) * f;
          const outcome = at(where);
          const histories = Object.fromEntries(
            users.map((history, u) => [
              `u${u}`,
              history.map((f) => ({
                at: f.at,
                cdf: f.withdraw
                  ? null
                  : cdfFromInput(r, {
                      low: at(f.median - f.left),
                      median: at(f.median),
                      high: at(f.median + f.right),
                    }),
              })),
            ]),
          );
          const peers = Object.values(numericPeerScores(histories, window, r, outcome));
          const sum = peers.reduce((s, p) => s + p.score, 0);
          expect(sum).toBeCloseTo(0, 8);
          for (const p of peers) expect(Number.isFinite(p.score)).toBe(true);

          // The uniform reference itself: 5% beyond each open bound, the rest evenly inside.
          const below = r.openLower ? 0.05 : 0;
          const above = r.openUpper ? 0.05 : 0;
          const reference = withTails(below, above);
          expect(numericBaselineScore(r, reference, outcome)).toBeCloseTo(0, 10);
        },
      ),
      { numRuns: 100 },
    );
  });
});
