import { describe, expect, it } from "vitest";
import { formatScore, formatShare, formatSigned, MISSING } from "@/server/domain/format";

describe("formatScore", () => {
  it("prints fixed decimals", () => {
    expect(formatScore(23.50018, 1)).toBe("23.5");
    expect(formatScore(-23.46, 1)).toBe("-23.5");
    expect(formatScore(0.0399, 3)).toBe("0.040");
    expect(formatScore(7)).toBe("7.0");
  });

  it("never prints negative zero", () => {
    expect(formatScore(-0, 1)).toBe("0.0");
    expect(formatScore(-0.04, 1)).toBe("0.0");
    expect(formatScore(-0.049999, 1)).toBe("0.0");
    expect(formatScore(-0.0004, 3)).toBe("0.000");
    expect(formatScore(-0.4, 0)).toBe("0");
    expect(formatScore(-1e-12, 1)).toBe("0.0");
    // Only values that round to zero lose their sign.
    expect(formatScore(-0.05, 1)).toBe("-0.1");
    expect(formatScore(-0.06, 1)).toBe("-0.1");
  });

  it("prints a dash for missing and non-finite values", () => {
    expect(formatScore(null, 1)).toBe(MISSING);
    expect(formatScore(undefined, 1)).toBe(MISSING);
    expect(formatScore(Number.NaN, 1)).toBe(MISSING);
    expect(formatScore(Number.POSITIVE_INFINITY, 1)).toBe(MISSING);
    expect(MISSING).toBe("—");
  });
});

describe("formatSigned", () => {
  it("adds a plus only to what stays positive once rounded", () => {
    expect(formatSigned(12)).toBe("+12");
    expect(formatSigned(-5)).toBe("-5");
    expect(formatSigned(0)).toBe("0");
    expect(formatSigned(-0)).toBe("0");
    expect(formatSigned(0.04, 1)).toBe("0.0");
    expect(formatSigned(-0.04, 1)).toBe("0.0");
    expect(formatSigned(0.06, 1)).toBe("+0.1");
    expect(formatSigned(Number.NaN)).toBe(MISSING);
    expect(formatSigned(null)).toBe(MISSING);
  });
});

describe("formatShare", () => {
  it("prints whole percents in the middle and one decimal near the ends", () => {
    expect(formatShare(0.5)).toBe("50%");
    expect(formatShare(1 / 3)).toBe("33%");
    expect(formatShare(0.001)).toBe("0.1%");
    expect(formatShare(1 / 72)).toBe("1%");
    expect(formatShare(0.0025)).toBe("0.3%");
    expect(formatShare(0.005)).toBe("0.5%");
    expect(formatShare(0.994)).toBe("99.4%");
    expect(formatShare(0.999)).toBe("99.9%");
  });

  it("never rounds onto an end it has not reached", () => {
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(-0)).toBe("0%");
    expect(formatShare(0.0002)).toBe("under 0.1%");
    expect(formatShare(0.9996)).toBe("over 99.9%");
    expect(formatShare(1)).toBe("100%");
  });

  it("prints a dash for missing values", () => {
    expect(formatShare(null)).toBe(MISSING);
    expect(formatShare(Number.NaN)).toBe(MISSING);
  });
});
