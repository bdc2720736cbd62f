/** Forecast histories: current forecasts, the community prediction over time, spread, histogram. */
import { communityPrediction, type TimedForecast } from "./aggregation";
import { isFinal, type CruxStatus } from "./lifecycle";
import type { Percentiles } from "./events";
import {
  communityCdf,
  percentiles,
  type Cdf,
  type DistributionInput,
  type NumericRange,
} from "./numeric";

export interface HistoryEntry {
  user: string;
  /** epoch ms */
  at: number;
  /** null for a withdrawal */
  p: number | null;
}

/** Each user's standing forecast after the whole history (withdrawn ones removed). */
export function currentForecasts(history: readonly HistoryEntry[]): Map<string, TimedForecast> {
  const current = new Map<string, TimedForecast>();
  for (const entry of [...history].sort((a, b) => a.at - b.at)) {
    if (entry.p === null) current.delete(entry.user);
    else current.set(entry.user, { at: entry.at, p: entry.p });
  }
  return current;
}

export interface CommunityPoint {
  at: number;
  p: number | null;
  forecasters: number;
}

/** The community prediction after every change in the history, for the chart. */
export function communityHistory(history: readonly HistoryEntry[]): CommunityPoint[] {
  const current = new Map<string, TimedForecast>();
  const points: CommunityPoint[] = [];
  for (const entry of [...history].sort((a, b) => a.at - b.at)) {
    if (entry.p === null) current.delete(entry.user);
    else current.set(entry.user, { at: entry.at, p: entry.p });
    const point = {
      at: entry.at,
      p: communityPrediction([...current.values()]),
      forecasters: current.size,
    };
    // Several changes at one instant show as one point: the state after all of them.
    if (points.at(-1)?.at === entry.at) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

/** How much forecasters disagree: the standard deviation of current probabilities (0 for fewer than 2). */
export function forecastSpread(probabilities: readonly number[]): number {
  if (probabilities.length < 2) return 0;
  const mean = probabilities.reduce((a, b) => a + b, 0) / probabilities.length;
  const variance =
    probabilities.reduce((acc, p) => acc + (p - mean) ** 2, 0) / probabilities.length;
  return Math.sqrt(variance);
}

export const HISTOGRAM_BUCKETS = 10;

/**
 * Buckets of 10 percentage points by integer arithmetic on hundredths of a percent
 * (0-9.99%, 10-19.99%, ..., 90-99.9%), so no float edge puts 0.3 in the wrong bucket.
 */
export function bucketOf(p: number): number {
  const basisPoints = Math.round(p * 10_000);
  return Math.min(HISTOGRAM_BUCKETS - 1, Math.floor(basisPoints / (10_000 / HISTOGRAM_BUCKETS)));
}

export interface HistogramBucket {
  from: number;
  to: number;
  users: string[];
}

export function forecastHistogram(current: ReadonlyMap<string, TimedForecast>): HistogramBucket[] {
  const buckets: HistogramBucket[] = Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => ({
    from: i / HISTOGRAM_BUCKETS,
    to: (i + 1) / HISTOGRAM_BUCKETS,
    users: [],
  }));
  for (const [user, f] of current) buckets[bucketOf(f.p)]?.users.push(user);
  for (const b of buckets) b.users.sort();
  return buckets;
}

/**
 * A crux may hide its crowd (everyone's forecasts and the community numbers) from a person until
 * that person has forecast, so early forecasts stay independent; once the crux is final nothing is
 * hidden. This is the one place that rule lives; every read and every event asks it.
 */
export function crowdHiddenFrom(
  crux: { hidesCrowd: boolean; status: CruxStatus },
  viewerHasForecast: boolean,
): boolean {
  return crux.hidesCrowd && !viewerHasForecast && !isFinal(crux.status);
}

/** Whether the crux's numbers may go where anyone can read them (events, the thread, pages). */
export const crowdIsPublic = (crux: { hidesCrowd: boolean; status: CruxStatus }) =>
  !crowdHiddenFrom(crux, false);

export interface StandingForecastReview {
  p: number;
  /** When it was made (epoch ms). */
  at: number;
  /** The community prediction just after it was made, and now. */
  communityThen: number | null;
  communityNow: number | null;
}

/**
 * A user's standing forecast and how the crowd moved since they made it (the "your forecasts"
 * page's stale check); null when they hold none.
 */
export function reviewStandingForecast(
  history: readonly HistoryEntry[],
  user: string,
): StandingForecastReview | null {
  const mine = currentForecasts(history).get(user);
  if (!mine) return null;
  const points = communityHistory(history);
  const then = points.filter((pt) => pt.at <= mine.at).at(-1);
  return {
    p: mine.p,
    at: mine.at,
    communityThen: then?.p ?? null,
    communityNow: points.at(-1)?.p ?? null,
  };
}

/** One row of a numeric crux's forecast history (cdf null: a withdrawal). */
export interface DistributionEntry {
  user: string;
  at: number;
  cdf: Cdf | null;
  input: DistributionInput | null;
}

export interface StandingDistributionReview {
  at: number;
  /** What the forecast was typed as (sent again to reaffirm it). */
  input: DistributionInput;
  percentiles: Percentiles;
  /** The community median just after it was made, and now. */
  communityThen: number | null;
  communityNow: number | null;
}

/** The numeric counterpart of reviewStandingForecast: medians instead of probabilities. */
export function reviewStandingDistribution(
  history: readonly DistributionEntry[],
  user: string,
  range: NumericRange,
): StandingDistributionReview | null {
  const sorted = [...history].sort((a, b) => a.at - b.at);
  const standingAfter = (until: number) => {
    const current = new Map<string, { at: number; cdf: Cdf; input: DistributionInput | null }>();
    for (const e of sorted) {
      if (e.at > until) break;
      if (e.cdf) current.set(e.user, { at: e.at, cdf: e.cdf, input: e.input });
      else current.delete(e.user);
    }
    return current;
  };
  const medianOf = (current: ReturnType<typeof standingAfter>) => {
    const cdf = communityCdf([...current.values()]);
    return cdf ? percentiles(range, cdf).p50 : null;
  };
  const now = standingAfter(Infinity);
  const mine = now.get(user);
  if (!mine?.input) return null;
  return {
    at: mine.at,
    input: mine.input,
    percentiles: percentiles(range, mine.cdf),
    communityThen: medianOf(standingAfter(mine.at)),
    communityNow: medianOf(now),
  };
}
