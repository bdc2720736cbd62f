import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CDF_POINTS,
  MIN_BIN_MASS,
  type NumericRange,
  cdfAt,
  cdfFromInput,
  cdfProblem,
  communityCdf,
  densityPoints,
  distributionProblem,
  gridValues,
  percentiles,
  probabilityAbove,
  quantile,
  rangeProblem,
} from "@/server/domain/numeric";

const closedLinear = (min: number, max: number): NumericRange => ({
  min,
  max,
  openLower: false,
  openUpper: false,
  scale: "linear",
});
const weeks: NumericRange = { min: 0.1, max: 100, openLower: false, openUpper: true, scale: "log" };
/** The uniform CDF over a closed range: each of the 200 bins holds 1/200. */
const uniform = Array.from({ length: CDF_POINTS }, (_, i) => i / 200);

describe("rangeProblem", () => {
  it("accepts a well-formed range", () => {
    expect(rangeProblem(closedLinear(0, 10))).toBeNull();
    expect(rangeProblem(weeks)).toBeNull();
  });

  it("names each problem", () => {
    expect(rangeProblem(closedLinear(5, 5))).toMatch(
      /minimum \(5\) must be below its maximum \(5\)/,
    );
    expect(rangeProblem(closedLinear(6, 5))).toMatch(/minimum .* below its maximum/);
    expect(rangeProblem(closedLinear(Number.NaN, 5))).toMatch(/minimum must be a finite number/);
    expect(rangeProblem(closedLinear(0, Infinity))).toMatch(/maximum must be a finite number/);
    expect(rangeProblem({ ...weeks, min: 0 })).toMatch(/log scale needs a minimum above zero/);
    expect(rangeProblem({ ...weeks, min: -1 })).toMatch(/log scale/);
  });
});

describe("gridValues", () => {
  it("is 201 points evenly spaced on a linear scale", () => {
    // 0..200 in 200 steps: x_i = i.
    const xs = gridValues(closedLinear(0, 200));
    expect(xs).toHaveLength(201);
    expect(xs[0]).toBe(0);
    expect(xs[57]).toBeCloseTo(57, 12);
    expect(xs[200]).toBe(200);
  });

  it("is evenly spaced in ln x on a log scale", () => {
    // 1..100: ln x_i = ln(100)·i/200, so x_100 = 10 and x_50 = 10^0.5 = 3.16228, and the ends are exact.
    const xs = gridValues({ ...weeks, min: 1, max: 100 });
    expect(xs[0]).toBe(1);
    expect(xs[50]).toBeCloseTo(3.1622776601683795, 12);
    expect(xs[100]).toBeCloseTo(10, 12);
    expect(xs[200]).toBe(100);
  });

  it("throws on a bad range", () => {
    expect(() => gridValues(closedLinear(1, 0))).toThrow(/below its maximum/);
  });
});

describe("cdfAt, probabilityAbove, quantile, percentiles", () => {
  const r = closedLinear(0, 200);

  it("interpolates linearly between grid points", () => {
    // Uniform over 0..200: F(50.5) = 50.5/200 = 0.2525.
    expect(cdfAt(r, uniform, 50.5)).toBeCloseTo(0.2525, 12);
    expect(probabilityAbove(r, uniform, 150)).toBeCloseTo(0.25, 12);
  });

  it("clamps beyond the range to the bound's value", () => {
    const open = Array.from({ length: CDF_POINTS }, (_, i) => 0.1 + (0.8 * i) / 200);
    expect(cdfAt(r, open, -5)).toBe(0.1);
    expect(cdfAt(r, open, 1000)).toBe(0.9);
  });

  it("interpolates in ln x on a log scale", () => {
    // Uniform in ln x over 1..100: F(10) = ln 10 / ln 100 = 1/2, F(√10) = 1/4; x <= 0 is below the range.
    const log: NumericRange = {
      min: 1,
      max: 100,
      openLower: false,
      openUpper: false,
      scale: "log",
    };
    expect(cdfAt(log, uniform, 10)).toBeCloseTo(0.5, 12);
    expect(cdfAt(log, uniform, Math.sqrt(10))).toBeCloseTo(0.25, 12);
    expect(cdfAt(log, uniform, 0)).toBe(0);
    expect(quantile(log, uniform, 0.5)).toBeCloseTo(10, 10);
    expect(quantile(log, uniform, 0.75)).toBeCloseTo(Math.sqrt(1000), 9);
  });

  it("inverts the CDF", () => {
    // Uniform: the q-quantile of 0..200 is 200q.
    expect(quantile(r, uniform, 0.3)).toBeCloseTo(60, 10);
    expect(quantile(r, uniform, 0)).toBe(0);
    expect(quantile(r, uniform, 1)).toBe(200);
    expect(percentiles(r, uniform)).toEqual({
      p10: expect.closeTo(20, 10),
      p50: expect.closeTo(100, 10),
      p90: expect.closeTo(180, 10),
    });
  });

  it("gives the bound for a quantile that falls in the mass beyond an open bound", () => {
    // 10% below min and 10% above max: the 5th percentile is somewhere below min; we say min.
    const open = Array.from({ length: CDF_POINTS }, (_, i) => 0.1 + (0.8 * i) / 200);
    const openRange = { ...r, openLower: true, openUpper: true };
    expect(quantile(openRange, open, 0.05)).toBe(0);
    expect(quantile(openRange, open, 0.95)).toBe(200);
    // The median: 0.1 + 0.8·i/200 = 0.5 at i = 100.
    expect(quantile(openRange, open, 0.5)).toBeCloseTo(100, 10);
  });

  it("rejects a q outside 0..1", () => {
    expect(() => quantile(r, uniform, 1.5)).toThrow();
  });
});

describe("cdfFromInput: a median and an 80% interval", () => {
  it("puts the stored CDF's 10th, 50th and 90th percentiles at low, median and high (log scale)", () => {
    // "1 to 4 weeks, most likely 2": a two-piece logistic in ln x, corrected for the 1% uniform mix and
    // the grid, so the percentiles read back off the stored CDF are the numbers typed in.
    const cdf = cdfFromInput(weeks, { median: 2, low: 1, high: 4 });
    const p = percentiles(weeks, cdf);
    expect(p.p10).toBeCloseTo(1, 8);
    expect(p.p50).toBeCloseTo(2, 8);
    expect(p.p90).toBeCloseTo(4, 8);
    expect(cdfProblem(weeks, cdf)).toBeNull();
  });

  it("fits an asymmetric interval on a linear scale: a different spread each side of the median", () => {
    // "3 to 500, most likely 10" on closed 0..600: lower spread 7/ln 9, upper 490/ln 9.
    const r = closedLinear(0, 600);
    const cdf = cdfFromInput(r, { median: 10, low: 3, high: 500 });
    const p = percentiles(r, cdf);
    expect(p.p10).toBeCloseTo(3, 6);
    expect(p.p50).toBeCloseTo(10, 6);
    expect(p.p90).toBeCloseTo(500, 6);
  });

  it("before correction the raw shape is the two-piece logistic: logit F = ±ln 9 at low/high, 0 at the median", () => {
    // Far from the bounds on an open range with grid step 0.1, the corrections are small: the median
    // is matched exactly, and between the knots F follows the logistic. At x = 2.5 with median 2 and
    // high 3, the upper spread is 1/ln 9 so logit F = 0.5·ln 9 = ln 3, F = 3/4 before the 1% uniform
    // mix and the 0.1% tails nudge it: 0.001 + 0.01·(12.5/20) + 0.988·0.75 = 0.74825 (within 0.005).
    const r: NumericRange = {
      min: -10,
      max: 10,
      openLower: true,
      openUpper: true,
      scale: "linear",
    };
    const cdf = cdfFromInput(r, { median: 2, low: 1, high: 3 });
    expect(cdfAt(r, cdf, 2)).toBeCloseTo(0.5, 9);
    expect(Math.abs(cdfAt(r, cdf, 2.5) - 0.75)).toBeLessThan(0.005);
  });

  it("moves mass beyond a closed bound into the range and keeps the percentiles", () => {
    // Median 1 just above a closed minimum of 0: the raw logistic puts mass below 0; it is moved
    // into the range, so the CDF starts at exactly 0, and the percentiles stay where typed.
    const r = closedLinear(0, 10);
    const cdf = cdfFromInput(r, { median: 1, low: 0.5, high: 3 });
    expect(cdf[0]).toBe(0);
    expect(cdf[200]).toBe(1);
    const p = percentiles(r, cdf);
    expect(p.p10).toBeCloseTo(0.5, 6);
    expect(p.p50).toBeCloseTo(1, 6);
    expect(p.p90).toBeCloseTo(3, 6);
  });

  it("moves a closed bound's tail into the stretch between the bound and the interval end", () => {
    // Closed 0..10, "0.5 to 3, most likely 1"; grid step 0.05, so 0.5, 1 and 3 are x_10, x_20, x_60.
    // cdf = 0.01·(x/10) + 0.99·G, so G must be g_l = (0.1 - 0.01·0.05)/0.99 = 0.1005051 at 0.5,
    // g_m = (0.5 - 0.001)/0.99 = 0.5040404 at 1, g_h = (0.9 - 0.003)/0.99 = 0.9060606 at 3.
    // Below the median logit G is a line of slope (logit g_m - logit g_l)/0.5 = 4.4155749, so the
    // logistic F(t) = σ(logit g_l + 4.4155749·(t - 0.5)) has F(0) = 0.0121355 below the closed 0.
    // That tail is moved into [0, 0.5]: G(t) = g_l·(F(t) - F(0))/(g_l - F(0)). At t = 0.25:
    // F = 0.0357252, G = 0.1005051·0.0235897/0.0883696 = 0.0268293, cdf_5 = 0.00025 + 0.99·G = 0.0268110.
    const r = closedLinear(0, 10);
    const cdf = cdfFromInput(r, { median: 1, low: 0.5, high: 3 });
    expect(cdf[0]).toBe(0);
    expect(cdf[5]).toBeCloseTo(0.026810959512019686, 10);
    expect(cdf[10]).toBeCloseTo(0.1, 12);
    expect(cdf[20]).toBeCloseTo(0.5, 12);
    expect(cdf[60]).toBeCloseTo(0.9, 12);
  });

  it("matches the percentiles for many random intervals (property)", () => {
    const r: NumericRange = { min: 1, max: 1000, openLower: true, openUpper: false, scale: "log" };
    fc.assert(
      fc.property(
        fc.double({ min: 0.0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        (low, left, right) => {
          // Fractions of the range in ln x; the high end stays at least 2% below the closed max.
          const at = (f: number) => 1000 ** f;
          const input = {
            low: at(low),
            median: at(low + left),
            high: at(Math.min(0.98, low + left + right)),
          };
          if (distributionProblem(r, input)) return;
          const p = percentiles(r, cdfFromInput(r, input));
          expect(Math.log(p.p10 / input.low)).toBeCloseTo(0, 6);
          expect(Math.log(p.p50 / input.median)).toBeCloseTo(0, 6);
          expect(Math.log(p.p90 / input.high)).toBeCloseTo(0, 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps mass beyond an open bound, at least 0.1%", () => {
    // 1-4 weeks on 0.1..100 (open above): a logistic in ln x with upper spread ln 2/ln 9 = 0.3155 puts
    // e^-(ln 100 - ln 2)/0.3155 ≈ 4e-6 above 100, so the floor of 0.001 applies.
    const cdf = cdfFromInput(weeks, { median: 2, low: 1, high: 4 });
    expect(1 - cdf[200]!).toBeGreaterThanOrEqual(0.001 - 1e-12);
    expect(1 - cdf[200]!).toBeLessThan(0.0011);
    // The lower bound is closed: nothing below it.
    expect(cdf[0]).toBe(0);
  });

  it("allows an interval reaching past an open bound", () => {
    // Open above 100: a high end of 150 is fine; the 90th percentile is beyond the range, so it reads as max.
    const cdf = cdfFromInput(weeks, { median: 50, low: 20, high: 150 });
    expect(percentiles(weeks, cdf).p90).toBe(100);
    expect(1 - cdf[200]!).toBeGreaterThan(0.1);
  });

  it("throws the problem on bad input", () => {
    expect(() => cdfFromInput(weeks, { median: 5, low: 1, high: 4 })).toThrow(/median \(5\)/);
  });
});

describe("cdfFromInput: weighted logistic components", () => {
  it("one component on a closed range, worked by hand", () => {
    // Center 100, spread 10 on closed 0..200: raw F(x) = σ((x - 100)/10); F(0) = σ(-10) = 4.5398e-5,
    // F(200) = 1 - 4.5398e-5. Renormalised G(x) = (F(x) - F(0)) / (F(200) - F(0)); stored
    // cdf_i = 0.01·i/200 + 0.99·G(x_i).
    // x = 100 (i = 100): G = 0.5 by symmetry, cdf = 0.005 + 0.495 = 0.5.
    // x = 120 (i = 120): σ(2) = 0.8807970780, G = (0.8807970780 - 0.0000453979)/0.9999092043
    //   = 0.8808316559, cdf = 0.006 + 0.99·0.8808316559 = 0.8780233393.
    const r = closedLinear(0, 200);
    const cdf = cdfFromInput(r, { components: [{ center: 100, spread: 10, weight: 1 }] });
    expect(cdf[0]).toBe(0);
    expect(cdf[100]).toBeCloseTo(0.5, 12);
    expect(cdf[120]).toBeCloseTo(0.8780233393102149, 12);
    expect(cdf[200]).toBe(1);
  });

  it("the same component with both bounds open keeps its tails", () => {
    // Both open: nothing is renormalised; cdf_i = 0.001 + 0.01·i/200 + 0.988·F(x_i).
    // cdf_0 = 0.001 + 0.988·4.5398e-5 = 0.0010448531; cdf_120 = 0.001 + 0.006 + 0.988·0.8807970780 = 0.8772275130.
    const r = { ...closedLinear(0, 200), openLower: true, openUpper: true };
    const cdf = cdfFromInput(r, { components: [{ center: 100, spread: 10, weight: 3 }] });
    expect(cdf[0]).toBeCloseTo(0.0010448530942780052, 12);
    expect(cdf[120]).toBeCloseTo(0.8772275130421477, 12);
    expect(1 - cdf[200]!).toBeCloseTo(0.0010448530942780052, 12);
  });

  it("mixes components by normalised weight", () => {
    // Weights 1 and 3 at 50 and 150 (spread 5, far from each other and from the bounds): a quarter of
    // the mass near 50, three quarters near 150, so F(100) = 0.01·0.5 + 0.99·0.25 = 0.2525 (tails of
    // σ(±10) and the renormalisation change this by under 1e-4).
    const r = closedLinear(0, 200);
    const cdf = cdfFromInput(r, {
      components: [
        { center: 50, spread: 5, weight: 1 },
        { center: 150, spread: 5, weight: 3 },
      ],
    });
    expect(cdf[100]).toBeCloseTo(0.2525, 4);
  });
});

describe("distributionProblem", () => {
  const r = closedLinear(0, 100);
  it("accepts good input", () => {
    expect(distributionProblem(r, { median: 50, low: 20, high: 70 })).toBeNull();
    expect(
      distributionProblem(r, { components: [{ center: 50, spread: 5, weight: 1 }] }),
    ).toBeNull();
  });

  it.each([
    [
      { median: 10, low: 20, high: 70 },
      /median \(10\) must lie strictly inside the 80% interval \(20 to 70\)/,
    ],
    [{ median: 20, low: 20, high: 70 }, /low < median < high/],
    [{ median: 50, low: 0, high: 70 }, /low end .* above the range's minimum \(0\).*closed/],
    [{ median: 50, low: -5, high: 70 }, /low end/],
    [{ median: 50, low: 20, high: 100 }, /high end .* below the range's maximum \(100\)/],
    [{ median: Number.NaN, low: 20, high: 70 }, /median must be a finite number/],
    [{ median: 50, low: 49.8, high: 70 }, /too narrow .* 1\/200 of the range/],
    // Closed 0..100: one bin is 0.5, so a low end of 0.3 leaves no room for its 10% below.
    [{ median: 50, low: 0.3, high: 70 }, /above the range's minimum \(0\) by at least 1\/200/],
    [{ median: 50, low: 20, high: 99.8 }, /below the range's maximum \(100\) by at least 1\/200/],
  ])("interval %j", (input, message) => {
    expect(distributionProblem(r, input)).toMatch(message);
  });

  it("needs positive values on a log scale", () => {
    const open = { ...weeks, openLower: true };
    expect(distributionProblem(open, { median: 2, low: -1, high: 4 })).toMatch(
      /above zero; the low end of the 80% interval is -1/,
    );
    expect(
      distributionProblem(weeks, { components: [{ center: 0, spread: 1, weight: 1 }] }),
    ).toMatch(/Component 1's center must be above zero/);
  });

  it("allows an interval beyond an open bound", () => {
    expect(
      distributionProblem({ ...r, openLower: true }, { median: 5, low: -20, high: 40 }),
    ).toBeNull();
  });

  it.each([
    [[], /at least one component/],
    [
      Array.from({ length: 4 }, () => ({ center: 50, spread: 5, weight: 1 })),
      /at most 3 components \(got 4\)/,
    ],
    [[{ center: 50, spread: 0, weight: 1 }], /Component 1's spread must be above zero/],
    [
      [
        { center: 50, spread: 1, weight: 1 },
        { center: 50, spread: 1, weight: -1 },
      ],
      /Component 2's weight must be above zero/,
    ],
    [[{ center: Infinity, spread: 1, weight: 1 }], /center must be a finite number/],
    [[{ center: 1e6, spread: 1, weight: 1 }], /almost no probability inside the range/],
  ])("components %j", (components, message) => {
    expect(distributionProblem(r, { components })).toMatch(message);
  });

  it("reports a bad range first", () => {
    expect(distributionProblem(closedLinear(1, 1), { median: 1, low: 0, high: 2 })).toMatch(
      /below its maximum/,
    );
  });
});

describe("cdfProblem", () => {
  const r = closedLinear(0, 200);
  const open = { ...r, openLower: true, openUpper: true };
  it("accepts a valid CDF", () => {
    expect(cdfProblem(r, uniform)).toBeNull();
  });

  it("names each problem", () => {
    expect(cdfProblem(r, uniform.slice(1))).toMatch(/exactly 201 values \(got 200\)/);
    expect(
      cdfProblem(
        r,
        uniform.map((v, i) => (i === 7 ? Number.NaN : v)),
      ),
    ).toMatch(/value 7 is not a finite number/);
    expect(
      cdfProblem(
        r,
        uniform.map((v, i) => (i === 9 ? 0.01 : v)),
      ),
    ).toMatch(/decreases at value 9 \(0.04 then 0.01\)/);
    expect(
      cdfProblem(
        open,
        uniform.map((v) => v * 1.2 - 0.1),
      ),
    ).toMatch(/outside 0 to 1/);
    expect(
      cdfProblem(
        r,
        uniform.map((v) => 0.01 + v * 0.98),
      ),
    ).toMatch(/lower bound is closed.*must start at 0/);
    expect(
      cdfProblem(
        r,
        uniform.map((v) => v * 0.98),
      ),
    ).toMatch(/upper bound is closed.*end at 1/);
    expect(
      cdfProblem(
        open,
        uniform.map((v) => 0.0005 + v * 0.99),
      ),
    ).toMatch(/at least 0.001 must lie below it/);
    expect(
      cdfProblem(
        open,
        uniform.map((v) => 0.005 + v * 0.9945),
      ),
    ).toMatch(/at least 0.001 must lie above it/);
    // A bin with no probability would make a log score -Infinity.
    const flat = uniform.map((v, i) => (i <= 100 ? v * (200 / 199) : (i - 1) / 199));
    expect(cdfProblem(r, flat)).toMatch(/bin 101 has 0/);
  });

  it("accepts a built CDF stored with 7 decimals", () => {
    // Rounding moves each value by at most 5e-8, so a bin can lose at most 1e-7, the allowed slack.
    const r = { ...closedLinear(0, 100), openUpper: true };
    const cdf = cdfFromInput(r, { median: 50, low: 20, high: 70 });
    expect(
      cdfProblem(
        r,
        cdf.map((v) => Math.round(v * 1e7) / 1e7),
      ),
    ).toBeNull();
  });

  it("every CDF built from input is valid (property)", () => {
    const range = fc
      .record({
        lo: fc.double({ min: 0.01, max: 100, noNaN: true }),
        span: fc.double({ min: 1.5, max: 1e4, noNaN: true }),
        openLower: fc.boolean(),
        openUpper: fc.boolean(),
        log: fc.boolean(),
      })
      .map((x): NumericRange => ({
        min: x.lo,
        max: x.lo * x.span + 1,
        openLower: x.openLower,
        openUpper: x.openUpper,
        scale: x.log ? "log" : "linear",
      }));
    fc.assert(
      fc.property(
        range,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.02, max: 0.45, noNaN: true }),
        fc.double({ min: 0.02, max: 0.45, noNaN: true }),
        (r, at, left, right) => {
          // Median at a fraction `at` of the range in scale space, the interval's sides `left`/`right` of it.
          const span = Math.log(r.max / r.min);
          const place = (f: number) =>
            r.scale === "log" ? r.min * Math.exp(span * f) : r.min + (r.max - r.min) * f;
          const input = {
            median: place(at),
            low: place(Math.max(at - left, r.openLower ? at - left : 0.001)),
            high: place(Math.min(at + right, r.openUpper ? at + right : 0.999)),
          };
          if (distributionProblem(r, input)) return;
          const cdf = cdfFromInput(r, input);
          expect(cdfProblem(r, cdf)).toBeNull();
          for (let i = 1; i < CDF_POINTS; i++)
            expect(cdf[i]! - cdf[i - 1]!).toBeGreaterThanOrEqual(MIN_BIN_MASS - 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("densityPoints", () => {
  it("is 1 everywhere for a uniform distribution, one point per bin at its middle", () => {
    // Bin i of 0..200 spans [i, i + 1]; its probability is 1/200, times 200 = 1.
    const points = densityPoints(closedLinear(0, 200), uniform);
    expect(points).toHaveLength(200);
    expect(points[0]).toEqual({ x: 0.5, density: expect.closeTo(1, 12) });
    expect(points[199]!.x).toBeCloseTo(199.5, 12);
  });

  it("puts the points at the geometric middle of each bin on a log scale", () => {
    // 1..100: bin 0 spans [1, 100^(1/200)], its middle in ln x is 100^(1/400) = 1.0115794543.
    const log: NumericRange = {
      min: 1,
      max: 100,
      openLower: false,
      openUpper: false,
      scale: "log",
    };
    expect(densityPoints(log, uniform)[0]!.x).toBeCloseTo(1.0115794542598986, 12);
  });

  it("shows only the probability inside the range", () => {
    // 10% below and 10% above: each bin holds 0.8/200, density 0.8.
    const open = Array.from({ length: CDF_POINTS }, (_, i) => 0.1 + (0.8 * i) / 200);
    expect(densityPoints(closedLinear(0, 200), open)[50]!.density).toBeCloseTo(0.8, 12);
  });
});

describe("communityCdf", () => {
  const constant = (v: number) => Array.from({ length: CDF_POINTS }, () => v);

  it("is null with no forecasts", () => {
    expect(communityCdf([])).toBeNull();
  });

  it("is the plain mean for two forecasts (equal weights when N <= 2)", () => {
    const mean = communityCdf([
      { at: 1, cdf: constant(0.2) },
      { at: 2, cdf: constant(0.6) },
    ])!;
    expect(mean[100]).toBeCloseTo(0.4, 12);
  });

  it("weights recent forecasts more, as the binary community prediction does", () => {
    // N = 3, oldest first: w = e^(1-√3), e^(√2-√3), e^0 = 0.4809217, 0.7277212, 1 (sum 2.2086429).
    // Mean at every point: (0.2·0.4809217 + 0.5·0.7277212 + 0.8·1) / 2.2086429 = 0.5705064.
    // Given out of order to show it sorts by time.
    const mean = communityCdf([
      { at: 30, cdf: constant(0.8) },
      { at: 10, cdf: constant(0.2) },
      { at: 20, cdf: constant(0.5) },
    ])!;
    expect(mean[0]).toBeCloseTo(0.5705064130522242, 12);
    expect(mean[200]).toBeCloseTo(0.5705064130522242, 12);
  });

  it("keeps the exact ends of closed bounds, and is a valid CDF when its inputs are", () => {
    const r = closedLinear(0, 100);
    const mean = communityCdf([
      { at: 1, cdf: cdfFromInput(r, { median: 20, low: 10, high: 40 }) },
      { at: 2, cdf: cdfFromInput(r, { median: 60, low: 50, high: 80 }) },
      { at: 3, cdf: cdfFromInput(r, { components: [{ center: 50, spread: 3, weight: 1 }] }) },
    ])!;
    expect(mean[0]).toBe(0);
    expect(mean[200]).toBe(1);
    expect(cdfProblem(r, mean)).toBeNull();
  });
});
