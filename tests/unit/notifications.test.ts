import { describe, expect, it } from "vitest";
import { reviewStandingDistribution } from "@/server/domain/forecasts";
import { cdfFromInput } from "@/server/domain/numeric";
import {
  audience,
  closingSoon,
  crowdMoved,
  DEFAULT_PREFERENCES,
  forecastIsStale,
  NOTIFICATION_KINDS,
  KIND_LABELS,
  reminderEpisode,
  wants,
} from "@/server/domain/notifications";

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe("crowd moved since the last look", () => {
  it("counts a move of at least the threshold, either way, without float noise", () => {
    expect(crowdMoved(0.3, 0.4, 10)).toBe(true);
    expect(crowdMoved(0.4, 0.3, 10)).toBe(true);
    expect(crowdMoved(0.1, 0.1 + 0.2 - 0.1 + 0.0999999999, 20)).toBe(true);
    expect(crowdMoved(0.3, 0.399, 10)).toBe(false);
    expect(crowdMoved(0.5, 0.75, 25)).toBe(true);
  });
  it("says nothing without a baseline or a crowd", () => {
    expect(crowdMoved(null, 0.9, 1)).toBe(false);
    expect(crowdMoved(0.2, null, 1)).toBe(false);
  });
});

describe("closing soon", () => {
  const now = 1_000 * DAY;
  it("is an open crux closing within the window, not one already past its close", () => {
    expect(closingSoon({ open: true, closesAt: now + 24 * HOUR }, now, 24)).toBe(true);
    expect(closingSoon({ open: true, closesAt: now + 25 * HOUR }, now, 24)).toBe(false);
    expect(closingSoon({ open: true, closesAt: now }, now, 24)).toBe(false);
    expect(closingSoon({ open: false, closesAt: now + HOUR }, now, 24)).toBe(false);
  });
});

describe("stale forecasts", () => {
  it("is stale from the chosen age on", () => {
    expect(forecastIsStale(0, 30 * DAY, 30)).toBe(true);
    expect(forecastIsStale(0, 30 * DAY - 1, 30)).toBe(false);
  });
  it("is a new episode per forecast and per close time", () => {
    expect(reminderEpisode.staleForecast(0)).not.toBe(reminderEpisode.staleForecast(1000));
    expect(reminderEpisode.closingSoon(DAY)).toBe(new Date(DAY).toISOString());
  });
});

describe("kinds and preferences", () => {
  it("names every kind; a turned-off kind is not wanted", () => {
    for (const k of NOTIFICATION_KINDS) expect(KIND_LABELS[k]).toBeTruthy();
    expect(wants(DEFAULT_PREFERENCES, "crowd-move")).toBe(true);
    expect(wants({ ...DEFAULT_PREFERENCES, off: ["crowd-move"] }, "crowd-move")).toBe(false);
  });
  it("tells each person once and never the one who acted", () => {
    expect(audience([[3, 1], new Set([1, 2]), [5]], 5)).toEqual([1, 2, 3]);
    expect(audience([[1]], null)).toEqual([1]);
  });
});

describe("a standing numeric forecast under review", () => {
  const range = { min: 0, max: 20, openLower: false, openUpper: false, scale: "linear" } as const;
  const entry = (user: string, at: number, median: number | null) => {
    const input = median === null ? null : { median, low: median - 2, high: median + 2 };
    return { user, at, input, cdf: input && cdfFromInput(range, input) };
  };
  it("has the community median just after it and now; a withdrawal is no forecast", () => {
    const history = [entry("ana", 1, 4), entry("ben", 2, 14)];
    const review = reviewStandingDistribution(history, "ana", range)!;
    expect(review.input).toEqual({ median: 4, low: 2, high: 6 });
    expect(review.communityThen).toBeCloseTo(4, 0);
    expect(review.communityNow!).toBeGreaterThan(6);
    expect(reviewStandingDistribution([...history, entry("ana", 3, null)], "ana", range)).toBe(
      null,
    );
    expect(reviewStandingDistribution(history, "cy", range)).toBe(null);
  });
});
