import { describe, expect, it } from "vitest";
import { fullTime, timeTickFormatter } from "@/lib/timeTicks";

const HOUR = 3600_000;
const t = Date.parse("2026-11-30T14:05:00Z");

describe("timeTickFormatter", () => {
  it("labels a chart of minutes with seconds", () => {
    expect(timeTickFormatter(10 * 60_000)(t + 7_000)).toBe("14:05:07");
  });

  it("labels a same-day chart with times, so two ticks never read the same date", () => {
    const f = timeTickFormatter(3 * HOUR);
    expect(f(t)).toBe("14:05");
    expect(f(t + HOUR)).toBe("15:05");
  });

  it("labels a few days with the day and time", () => {
    expect(timeTickFormatter(3 * 24 * HOUR)(t)).toBe("Nov 30 14:05");
  });

  it("labels months with the day and longer spans with dates", () => {
    expect(timeTickFormatter(60 * 24 * HOUR)(t)).toBe("Nov 30");
    expect(timeTickFormatter(400 * 24 * HOUR)(t)).toBe("2026-11-30");
  });

  it("fullTime gives the instant in UTC for the tooltip", () => {
    expect(fullTime(t)).toBe("2026-11-30 14:05 UTC");
  });
});
