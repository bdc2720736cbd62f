import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CDF_POINTS,
  type NumericRange,
  cdfAt,
  cdfFromInput,
  disagreementThreshold,
  gridValues,
  formatNumericValue,
} from "@/server/domain/numeric";

const uniform = Array.from({ length: CDF_POINTS }, (_, i) => i / 200);
/** All the mass in the bin right after grid point `i`: 0 up to x_i, 1 from x_(i+1). */
const stepAfter = (i: number) => Array.from({ length: CDF_POINTS }, (_, k) => (k <= i ? 0 : 1));

describe("disagreementThreshold", () => {
  it('puts "1 to 4 weeks" vs "8 to 16 weeks" between 4 and 8, near the geometric middle', () => {
    // Log scale 0.1..100 weeks. A's CDF is ~0.97 above 4 weeks, B's ~0.02 below 8: the gap peaks where
    // the two densities cross, on the grid at x_118 = 0.1·1000^(118/200) = 5.888 weeks (the geometric
    // middle of 4 and 8 is √32 = 5.657). Rounded to 1 significant figure, 6 keeps a gap of 0.9484 of
    // the largest 0.9485, so the threshold is 6, with P(X > 6) ≈ 0.03 for A and ≈ 0.98 for B.
    const weeks: NumericRange = {
      min: 0.1,
      max: 100,
      openLower: false,
      openUpper: true,
      scale: "log",
    };
    const a = cdfFromInput(weeks, { median: 2, low: 1, high: 4 });
    const b = cdfFromInput(weeks, { median: 11, low: 8, high: 16 });
    const result = disagreementThreshold(weeks, a, b)!;
    expect(result.threshold).toBeGreaterThan(4);
    expect(result.threshold).toBeLessThan(8);
    expect(result.threshold).toBe(6);
    expect(result.aAbove).toBeCloseTo(0.0324, 3);
    expect(result.bAbove).toBeCloseTo(0.9807, 3);
    // Symmetric in who is a and who is b.
    expect(disagreementThreshold(weeks, b, a)).toEqual({
      threshold: 6,
      aAbove: result.bAbove,
      bAbove: result.aAbove,
    });
  });

  it("keeps two significant figures when one would lose more than 10% of the gap", () => {
    // Range 0..2 (grid step 0.01). A uniform; B all in the bin [1.13, 1.14]. The gap is x/2 up to
    // 1.13 (0.565 there, the largest) and 1 - x/2 after (0.43 at 1.14). Rounding to 1 gives a gap
    // of 0.5 < 0.9·0.565 = 0.5085: refused; 1.1 gives 0.55: kept. P(X > 1.1): A 0.45, B 1.
    const r: NumericRange = { min: 0, max: 2, openLower: false, openUpper: false, scale: "linear" };
    expect(disagreementThreshold(r, uniform, stepAfter(113))).toEqual({
      threshold: 1.1,
      aAbove: expect.closeTo(0.45, 12),
      bAbove: 1,
    });
  });

  it("rounds to one significant figure when that keeps 90% of the gap", () => {
    // B all in [0.98, 0.99]: the gap is largest at 0.98 (1 - 0.49 = 0.51); at 1 it is |0.5 - 1| = 0.5
    // >= 0.459, so the threshold is 1 with P(X > 1): A 0.5, B 0.
    const r: NumericRange = { min: 0, max: 2, openLower: false, openUpper: false, scale: "linear" };
    expect(disagreementThreshold(r, uniform, stepAfter(97))).toEqual({
      threshold: 1,
      aAbove: expect.closeTo(0.5, 12),
      bAbove: 0,
    });
  });

  it("takes the middle of a run of equal largest gaps", () => {
    // 0..200: A all just after 49, B all just after 149: the gap is 1 from x = 50 to x = 149; the
    // middle grid point is x_99 = 99, which rounds to 100 (gap still 1). P(X > 100): A 0, B 1.
    const r: NumericRange = {
      min: 0,
      max: 200,
      openLower: false,
      openUpper: false,
      scale: "linear",
    };
    expect(disagreementThreshold(r, stepAfter(49), stepAfter(149))).toEqual({
      threshold: 100,
      aAbove: 0,
      bAbove: 1,
    });
  });

  it("keeps the grid value when no rounding is close enough", () => {
    // 0..2, B all in [1.57, 1.58]: the gap peaks at 1.57 (0.785); 2 gives |1 - 1| = 0, 1.6 gives
    // |0.8 - 1| = 0.2: both refused, so 1.57 stands.
    const r: NumericRange = { min: 0, max: 2, openLower: false, openUpper: false, scale: "linear" };
    expect(disagreementThreshold(r, uniform, stepAfter(157))!.threshold).toBeCloseTo(1.57, 12);
  });

  it("is null when the largest gap is below a meaningful disagreement (0.2)", () => {
    // B = 0.05 + 0.9·A: the gap is 0.05·|1 - 2A| <= 0.05.
    const r: NumericRange = {
      min: 0,
      max: 200,
      openLower: false,
      openUpper: false,
      scale: "linear",
    };
    expect(
      disagreementThreshold(
        r,
        uniform,
        uniform.map((v) => 0.05 + 0.9 * v),
      ),
    ).toBeNull();
    expect(disagreementThreshold(r, uniform, uniform)).toBeNull();
  });
});

describe("disagreementThreshold (property)", () => {
  it("keeps at least 90% of the largest gap, inside the range, and reports each side's P(X > x)", () => {
    const r: NumericRange = { min: 1, max: 1000, openLower: true, openUpper: true, scale: "log" };
    const interval = fc
      .tuple(
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.double({ min: 0.02, max: 0.2, noNaN: true }),
        fc.double({ min: 0.02, max: 0.2, noNaN: true }),
      )
      .map(([m, l, h]) => ({
        low: 1000 ** (m - l),
        median: 1000 ** m,
        high: 1000 ** (m + h),
      }));
    fc.assert(
      fc.property(interval, interval, (x, y) => {
        const a = cdfFromInput(r, x);
        const b = cdfFromInput(r, y);
        const xs = gridValues(r);
        const best = Math.max(...xs.map((_, i) => Math.abs(a[i]! - b[i]!)));
        const result = disagreementThreshold(r, a, b);
        if (best < 0.2) {
          expect(result).toBeNull();
          return;
        }
        expect(result).not.toBeNull();
        const { threshold, aAbove, bAbove } = result!;
        expect(threshold).toBeGreaterThanOrEqual(1);
        expect(threshold).toBeLessThanOrEqual(1000);
        expect(Math.abs(aAbove - bAbove)).toBeGreaterThanOrEqual(0.9 * best - 1e-12);
        expect(aAbove).toBeCloseTo(1 - cdfAt(r, a, threshold), 12);
      }),
      { numRuns: 200 },
    );
  });
});

describe("formatNumericValue", () => {
  it.each([
    [200, "$B", "$200B"],
    [5.66, "weeks", "5.66 weeks"],
    [5.666, "weeks", "5.67 weeks"],
    [6, "weeks", "6 weeks"],
    [1234567, "people", "1,230,000 people"],
    [0.000123456, "", "0.000123"],
    [-2.5, "$", "-$2.5"],
    [1500, "$M", "$1,500M"],
    [12.5, "%", "12.5%"],
    [0, "weeks", "0 weeks"],
    [-0.0001, "", "-0.0001"],
    [Number.NaN, "weeks", "—"],
    // One of a plain plural unit is singular; other units are left as typed.
    [1, "weeks", "1 week"],
    [-1, "days", "-1 day"],
    [1.004, "weeks", "1 week"],
    [1, "status", "1 status"],
    [1, "kWh", "1 kWh"],
    [1, "US dollars", "1 US dollars"],
    [1, "$B", "$1B"],
  ])("%d %s -> %s", (value, unit, expected) => {
    expect(formatNumericValue(value, unit)).toBe(expected);
  });
});
