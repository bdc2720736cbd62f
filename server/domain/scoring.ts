/**
 * Forecast scores (docs/scoring.md). q is the probability the forecast gave to what happened.
 * Time-averaged scores let each forecast hold from its time until the same user's next forecast or
 * the close; time after an early close counts zero, so the divisor is always the scheduled window.
 */

export interface ScoringWindow {
  openAt: number;
  scheduledCloseAt: number;
  /** When the crux actually closed (earlier than scheduled when resolved early). */
  closedAt: number;
}

export interface TimeAveragedScore {
  score: number;
  /** Share of the scheduled window during which the user had a standing forecast (0..1). */
  coverage: number;
}

const q = (p: number, outcome: boolean) => (outcome ? p : 1 - p);

export function brierScore(p: number, outcome: boolean): number {
  const o = outcome ? 1 : 0;
  return (p - o) ** 2;
}

export function logScore(p: number, outcome: boolean): number {
  return Math.log(q(p, outcome));
}

export function baselineScore(p: number, outcome: boolean): number {
  return 100 * Math.log2(2 * q(p, outcome));
}

/**
 * A forecast in a history. `p: null` is a withdrawal: the user holds no forecast from then until
 * their next one (the exported functions accept plain `{ at, p }` histories too).
 */
export type HistoryPoint = { at: number; p: number | null };

/** A span of time during which one forecast (its payload `value`) stood. */
export interface Segment<T> {
  from: number;
  to: number;
  value: T;
}

/**
 * One user's standing forecast as segments inside [openAt, closedAt], for any forecast payload:
 * `valueOf` reads it from a history point, null meaning a withdrawal. Forecasts at the same instant:
 * the last one given wins (input order), the earlier ones hold for zero time.
 */
export function standingSegments<F extends { at: number }, T>(
  forecasts: readonly F[],
  valueOf: (f: F) => T | null,
  window: ScoringWindow,
): Segment<T>[] {
  const ordered = forecasts.map((f, i) => ({ f, i })).sort((a, b) => a.f.at - b.f.at || a.i - b.i);
  const segments: Segment<T>[] = [];
  ordered.forEach(({ f }, k) => {
    const next = ordered[k + 1];
    const from = Math.max(f.at, window.openAt);
    const to = Math.min(next ? next.f.at : window.closedAt, window.closedAt);
    const value = valueOf(f);
    if (to > from && value !== null) segments.push({ from, to, value });
  });
  return segments;
}

const binaryValue = (f: HistoryPoint) => f.p;

function windowLength(window: ScoringWindow): number {
  const length = window.scheduledCloseAt - window.openAt;
  if (!(length > 0)) throw new Error("scoring window: scheduledCloseAt must be after openAt");
  return length;
}

function coverageOf(segments: readonly Segment<unknown>[], window: ScoringWindow): number {
  const length = windowLength(window);
  let held = 0;
  for (const s of segments) held += s.to - s.from;
  return held / length;
}

/**
 * Coverage: the share of the scheduled window (open → scheduled close) during which the user held
 * a forecast, 0..1. Time after an early close and time after a withdrawal are not held, so a
 * forecast made an hour before a 3-day crux was resolved covers 1/72 of it. A lone forecast's
 * time-averaged baseline is exactly coverage × the score of holding it all along: a score near 0
 * with low coverage means "counted for little time", not "forecast like a coin".
 */
export function windowCoverage(forecasts: readonly HistoryPoint[], window: ScoringWindow): number {
  return coverageOf(standingSegments(forecasts, binaryValue, window), window);
}

/**
 * The time average of `score` over the scheduled window for any forecast payload: each standing
 * forecast counts for its share of the window, unheld time counts zero.
 */
export function timeAveragedScoreOf<F extends { at: number }, T>(
  forecasts: readonly F[],
  valueOf: (f: F) => T | null,
  window: ScoringWindow,
  score: (value: T) => number,
): TimeAveragedScore {
  const length = windowLength(window);
  const segments = standingSegments(forecasts, valueOf, window);
  let total = 0;
  for (const s of segments) total += (score(s.value) * (s.to - s.from)) / length;
  return { score: total, coverage: coverageOf(segments, window) };
}

export function timeAveragedBaselineScore(
  forecasts: readonly HistoryPoint[],
  window: ScoringWindow,
  outcome: boolean,
): TimeAveragedScore {
  return timeAveragedScoreOf(forecasts, binaryValue, window, (p) => baselineScore(p, outcome));
}

/**
 * Time-averaged peer scores for any forecast payload: at each moment each user with a standing
 * forecast scores multiplier * (logScore_i - mean over the other standing users of logScore_j); a
 * lone forecaster scores 0. For any crux they sum to zero across users.
 */
export function peerScoresOf<F extends { at: number }, T>(
  forecasts: Readonly<Record<string, readonly F[]>>,
  valueOf: (f: F) => T | null,
  window: ScoringWindow,
  logScore: (value: T) => number,
  multiplier: number,
): Record<string, TimeAveragedScore> {
  const length = windowLength(window);
  const result: Record<string, TimeAveragedScore> = {};
  // Each segment start and end, swept in time order: between two consecutive instants the set of
  // standing forecasts is fixed, so the cost is (instants x standing users), not x segments too.
  const changes: { at: number; user: string; logQ: number | null }[] = [];
  for (const user of Object.keys(forecasts)) {
    result[user] = { score: 0, coverage: 0 };
    for (const s of standingSegments(forecasts[user] ?? [], valueOf, window)) {
      changes.push({ at: s.from, user, logQ: logScore(s.value) });
      changes.push({ at: s.to, user, logQ: null });
    }
  }
  // At one instant, ends before starts: a user's next segment begins where the last one ended.
  changes.sort((a, b) => a.at - b.at || (a.logQ === null ? 0 : 1) - (b.logQ === null ? 0 : 1));
  const standing = new Map<string, number>();
  let sum = 0;
  for (let k = 0; k < changes.length;) {
    const at = changes[k]!.at;
    for (; k < changes.length && changes[k]!.at === at; k++) {
      const c = changes[k]!;
      if (c.logQ === null) {
        sum -= standing.get(c.user) ?? 0;
        standing.delete(c.user);
      } else {
        standing.set(c.user, c.logQ);
        sum += c.logQ;
      }
    }
    const next = changes[k]?.at;
    if (next === undefined || next === at || standing.size === 0) continue;
    const weight = (next - at) / length;
    const n = standing.size;
    for (const [user, logQ] of standing) {
      const entry = result[user]!;
      entry.coverage += weight;
      if (n > 1) entry.score += multiplier * (logQ - (sum - logQ) / (n - 1)) * weight;
    }
  }
  return result;
}

/**
 * Peer scores: at each moment each user with a standing forecast scores
 * 100 * (ln q_i - mean over the other standing users of ln q_j); a lone forecaster scores 0.
 * Time-averaged like the baseline score. For any crux they sum to zero across users.
 */
export function peerScores(
  forecasts: Readonly<Record<string, readonly HistoryPoint[]>>,
  window: ScoringWindow,
  outcome: boolean,
): Record<string, TimeAveragedScore> {
  return peerScoresOf(forecasts, binaryValue, window, (p) => Math.log(q(p, outcome)), 100);
}
