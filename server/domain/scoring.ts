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

interface Segment {
  from: number;
  to: number;
  p: number;
}

/**
 * One user's standing forecast as segments inside [openAt, closedAt]. Forecasts at the same instant:
 * the last one given wins (input order), the earlier ones hold for zero time.
 */
/**
 * A forecast in a history. `p: null` is a withdrawal: the user holds no forecast from then until
 * their next one (the exported functions accept plain `{ at, p }` histories too).
 */
export type HistoryPoint = { at: number; p: number | null };

function standingSegments(forecasts: readonly HistoryPoint[], window: ScoringWindow): Segment[] {
  const ordered = forecasts.map((f, i) => ({ ...f, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const segments: Segment[] = [];
  ordered.forEach((f, k) => {
    const next = ordered[k + 1];
    const from = Math.max(f.at, window.openAt);
    const to = Math.min(next ? next.at : window.closedAt, window.closedAt);
    if (to > from && f.p !== null) segments.push({ from, to, p: f.p });
  });
  return segments;
}

function windowLength(window: ScoringWindow): number {
  const length = window.scheduledCloseAt - window.openAt;
  if (!(length > 0)) throw new Error("scoring window: scheduledCloseAt must be after openAt");
  return length;
}

export function timeAveragedBaselineScore(
  forecasts: readonly HistoryPoint[],
  window: ScoringWindow,
  outcome: boolean,
): TimeAveragedScore {
  const length = windowLength(window);
  let score = 0;
  let held = 0;
  for (const s of standingSegments(forecasts, window)) {
    const duration = s.to - s.from;
    score += (baselineScore(s.p, outcome) * duration) / length;
    held += duration;
  }
  return { score, coverage: held / length };
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
  const length = windowLength(window);
  const users = Object.keys(forecasts);
  const segments = new Map(users.map((u) => [u, standingSegments(forecasts[u] ?? [], window)]));
  const cuts = new Set<number>();
  for (const list of segments.values())
    for (const s of list) {
      cuts.add(s.from);
      cuts.add(s.to);
    }
  const times = [...cuts].sort((a, b) => a - b);
  const result: Record<string, TimeAveragedScore> = {};
  for (const u of users) result[u] = { score: 0, coverage: 0 };

  for (let k = 0; k + 1 < times.length; k++) {
    const from = times[k] as number;
    const to = times[k + 1] as number;
    const standing: { user: string; logQ: number }[] = [];
    for (const [user, list] of segments) {
      const s = list.find((x) => x.from <= from && x.to >= to);
      if (s) standing.push({ user, logQ: Math.log(q(s.p, outcome)) });
    }
    const weight = (to - from) / length;
    const sum = standing.reduce((acc, s) => acc + s.logQ, 0);
    for (const s of standing) {
      const entry = result[s.user] as TimeAveragedScore;
      entry.coverage += weight;
      if (standing.length > 1) {
        const othersMean = (sum - s.logQ) / (standing.length - 1);
        entry.score += 100 * (s.logQ - othersMean) * weight;
      }
    }
  }
  return result;
}
