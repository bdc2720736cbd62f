import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  baselineScore,
  brierScore,
  logScore,
  peerScores,
  timeAveragedBaselineScore,
  windowCoverage,
} from "@/server/domain/scoring";

// Hand-derived constants: log2(1.6) = 0.678071905, log2(0.4) = -1.321928095, ln(0.8/0.5) = 0.470003629.
const B08_YES = 67.8071905;
const B08_NO = -132.1928095;
const window = { openAt: 0, scheduledCloseAt: 100, closedAt: 100 };

describe("single-forecast scores", () => {
  it("Brier is (p - o)^2", () => {
    expect(brierScore(0.8, true)).toBeCloseTo(0.04, 12);
    expect(brierScore(0.8, false)).toBeCloseTo(0.64, 12);
  });
  it("log score is ln q", () => {
    expect(logScore(0.8, true)).toBeCloseTo(-0.22314355, 8);
    expect(logScore(0.8, false)).toBeCloseTo(-1.60943791, 8);
  });
  it("baseline is 100 log2(2q): 0 at 50%", () => {
    expect(baselineScore(0.5, true)).toBe(0);
    expect(baselineScore(0.8, true)).toBeCloseTo(B08_YES, 6);
    expect(baselineScore(0.8, false)).toBeCloseTo(B08_NO, 6);
  });
});

describe("timeAveragedBaselineScore", () => {
  it("weights each forecast by how long it stood", () => {
    const r = timeAveragedBaselineScore(
      [
        { at: 0, p: 0.8 },
        { at: 50, p: 0.5 },
      ],
      window,
      true,
    );
    expect(r.score).toBeCloseTo(B08_YES / 2, 6);
    expect(r.coverage).toBe(1);
  });

  it("counts nothing before a late forecaster joined", () => {
    const r = timeAveragedBaselineScore([{ at: 75, p: 0.8 }], window, true);
    expect(r.score).toBeCloseTo(B08_YES / 4, 6);
    expect(r.coverage).toBe(0.25);
  });

  it("counts time after an early close as zero and ignores forecasts after it", () => {
    const early = { openAt: 0, scheduledCloseAt: 100, closedAt: 50 };
    const r = timeAveragedBaselineScore(
      [
        { at: 0, p: 0.8 },
        { at: 60, p: 0.1 },
      ],
      early,
      false,
    );
    expect(r.score).toBeCloseTo(B08_NO / 2, 6);
    expect(r.coverage).toBe(0.5);
  });

  it("lets the last of several forecasts at the same instant stand", () => {
    const r = timeAveragedBaselineScore(
      [
        { at: 0, p: 0.2 },
        { at: 0, p: 0.8 },
      ],
      window,
      true,
    );
    expect(r.score).toBeCloseTo(B08_YES, 6);
  });

  it("clamps forecasts made before opening and accepts any input order", () => {
    const r = timeAveragedBaselineScore(
      [
        { at: 50, p: 0.5 },
        { at: -10, p: 0.8 },
      ],
      window,
      true,
    );
    expect(r.score).toBeCloseTo(B08_YES / 2, 6);
    expect(r.coverage).toBe(1);
  });
});

describe("windowCoverage", () => {
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  it("is 1 for a forecast held from the open to the scheduled close", () => {
    expect(windowCoverage([{ at: 0, p: 0.3 }], window)).toBe(1);
  });

  it("is 1/72 for a forecast made an hour before a 3-day crux was resolved", () => {
    // Opened at 0, scheduled to close after 3 days, resolved (closed early) after 2 days.
    const early = { openAt: 0, scheduledCloseAt: 3 * DAY, closedAt: 2 * DAY };
    const history = [{ at: 2 * DAY - HOUR, p: 0.9 }];
    expect(windowCoverage(history, early)).toBeCloseTo(1 / 72, 12);
    // The time-averaged baseline is that share of the full-window score: 100·log2(1.8)/72.
    expect(timeAveragedBaselineScore(history, early, true).score).toBeCloseTo(
      (100 * Math.log2(1.8)) / 72,
      9,
    );
  });

  it("does not change with updates, only with the time held", () => {
    const updates = [
      { at: 20, p: 0.2 },
      { at: 30, p: 0.9 },
      { at: 45, p: 0.6 },
    ];
    expect(windowCoverage(updates, window)).toBe(0.8);
  });

  it("leaves out time after a withdrawal until the next forecast, and after an early close", () => {
    const early = { openAt: 0, scheduledCloseAt: 100, closedAt: 70 };
    const history = [
      { at: 10, p: 0.4 },
      { at: 25, p: null },
      { at: 60, p: 0.7 },
      { at: 90, p: 0.1 },
    ];
    // Held 10..25 and 60..70: 25 of 100.
    expect(windowCoverage(history, early)).toBe(0.25);
  });

  it("is 0 with no forecast, only a withdrawal, or only forecasts after the close", () => {
    expect(windowCoverage([], window)).toBe(0);
    expect(windowCoverage([{ at: 10, p: null }], window)).toBe(0);
    const early = { openAt: 0, scheduledCloseAt: 100, closedAt: 40 };
    expect(windowCoverage([{ at: 50, p: 0.5 }], early)).toBe(0);
  });

  it("agrees with the coverage the baseline and peer scores report", () => {
    const a = [
      { at: 5, p: 0.8 },
      { at: 40, p: null },
      { at: 55, p: 0.3 },
    ];
    const b = [{ at: 30, p: 0.6 }];
    const early = { openAt: 0, scheduledCloseAt: 100, closedAt: 80 };
    // a: 5..40 and 55..80 = 60; b: 30..80 = 50.
    expect(windowCoverage(a, early)).toBe(0.6);
    expect(timeAveragedBaselineScore(a, early, false).coverage).toBe(0.6);
    const peer = peerScores({ a, b }, early, false);
    expect(peer.a?.coverage).toBeCloseTo(0.6, 12);
    expect(peer.b?.coverage).toBeCloseTo(0.5, 12);
  });
});

describe("peerScores", () => {
  it("gives a lone forecaster 0", () => {
    expect(peerScores({ a: [{ at: 0, p: 0.8 }] }, window, true)).toEqual({
      a: { score: 0, coverage: 1 },
    });
  });

  it("compares two forecasters: 100 ln(q_a / q_b), and the scores sum to zero", () => {
    const r = peerScores({ a: [{ at: 0, p: 0.8 }], b: [{ at: 0, p: 0.5 }] }, window, true);
    expect(r.a?.score).toBeCloseTo(47.0003629, 6);
    expect(r.b?.score).toBeCloseTo(-47.0003629, 6);
  });

  it("scores a late joiner only while both stand", () => {
    const r = peerScores({ a: [{ at: 0, p: 0.8 }], b: [{ at: 50, p: 0.5 }] }, window, true);
    expect(r.a).toEqual({ score: expect.closeTo(23.50018145, 6), coverage: 1 });
    expect(r.b).toEqual({ score: expect.closeTo(-23.50018145, 6), coverage: 0.5 });
  });

  it("uses the mean of the others for three forecasters (outcome NO)", () => {
    // ln q: a ln .2 = -1.6094379, b ln .5 = -0.6931472, c ln .8 = -0.2231436.
    const r = peerScores(
      { a: [{ at: 0, p: 0.8 }], b: [{ at: 0, p: 0.5 }], c: [{ at: 0, p: 0.2 }] },
      window,
      false,
    );
    expect(r.a?.score).toBeCloseTo(-115.129255, 5);
    expect(r.b?.score).toBeCloseTo(22.314355, 5);
    expect(r.c?.score).toBeCloseTo(92.8149, 5);
    expect((r.a?.score ?? 0) + (r.b?.score ?? 0) + (r.c?.score ?? 0)).toBeCloseTo(0, 9);
  });

  it("stops at an early close and sums to zero with updates along the way", () => {
    const early = { openAt: 0, scheduledCloseAt: 100, closedAt: 60 };
    const r = peerScores(
      {
        a: [
          { at: 0, p: 0.8 },
          { at: 30, p: 0.6 },
        ],
        b: [{ at: 10, p: 0.3 }],
        c: [
          { at: 20, p: 0.5 },
          { at: 70, p: 0.99 },
        ],
      },
      early,
      true,
    );
    expect(r.a?.coverage).toBeCloseTo(0.6, 12);
    expect(r.b?.coverage).toBeCloseTo(0.5, 12);
    expect(r.c?.coverage).toBeCloseTo(0.4, 12);
    expect((r.a?.score ?? 0) + (r.b?.score ?? 0) + (r.c?.score ?? 0)).toBeCloseTo(0, 9);
    // 10..20: a .8 vs b .3 -> a gets 100 ln(.8/.3) * 0.1 = 9.80829
    // 20..30: a .8, b .3, c .5 -> a: 100 (ln .8 - (ln .3 + ln .5)/2) * 0.1 = 7.254163
    // 30..60: a .6, b .3, c .5 -> a: 100 (ln .6 - (ln .3 + ln .5)/2) * 0.3 = 13.132025
    expect(r.a?.score).toBeCloseTo(9.808293 + 7.254163 + 13.132025, 4);
  });
});

describe("withdrawals", () => {
  it("hold no forecast from the withdrawal until the next forecast", () => {
    // 0..25 at .8, withdrawn 25..75, .8 again from 75: held for half the window.
    const history = [
      { at: 0, p: 0.8 },
      { at: 25, p: null },
      { at: 75, p: 0.8 },
    ];
    const r = timeAveragedBaselineScore(history, window, true);
    expect(r.coverage).toBe(0.5);
    expect(r.score).toBeCloseTo(B08_YES / 2, 6);
  });

  it("leave the others comparing among themselves while withdrawn", () => {
    // a withdraws for 50..100, so b stands alone then and scores 0 for that half.
    const r = peerScores(
      {
        a: [
          { at: 0, p: 0.8 },
          { at: 50, p: null },
        ],
        b: [{ at: 0, p: 0.5 }],
      },
      window,
      true,
    );
    expect(r.a).toEqual({ score: expect.closeTo(47.0003629 / 2, 6), coverage: 0.5 });
    expect(r.b).toEqual({ score: expect.closeTo(-47.0003629 / 2, 6), coverage: 1 });
  });
});

/**
 * The definition, computed slowly: cut the window at every forecast, and in each slice score each
 * standing user against the mean of the others. The fast sweep must agree with it.
 */
function peerScoresByDefinition(
  forecasts: Record<string, { at: number; p: number | null }[]>,
  w: { openAt: number; scheduledCloseAt: number; closedAt: number },
  outcome: boolean,
) {
  const standingAt = (list: { at: number; p: number | null }[], t: number) => {
    let p: number | null = null;
    for (const f of list) if (f.at <= t) p = f.p;
    return p;
  };
  const times = [
    ...new Set([
      w.openAt,
      w.closedAt,
      ...Object.values(forecasts).flatMap((l) =>
        l.map((f) => Math.min(Math.max(f.at, w.openAt), w.closedAt)),
      ),
    ]),
  ].sort((a, b) => a - b);
  const result: Record<string, { score: number; coverage: number }> = {};
  for (const u of Object.keys(forecasts)) result[u] = { score: 0, coverage: 0 };
  for (let k = 0; k + 1 < times.length; k++) {
    const [from, to] = [times[k]!, times[k + 1]!];
    const standing = Object.entries(forecasts).flatMap(([u, list]) => {
      const p = standingAt(list, from);
      return p === null ? [] : [{ u, logQ: Math.log(outcome ? p : 1 - p) }];
    });
    const weight = (to - from) / (w.scheduledCloseAt - w.openAt);
    const sum = standing.reduce((a, s) => a + s.logQ, 0);
    for (const s of standing) {
      result[s.u]!.coverage += weight;
      if (standing.length > 1)
        result[s.u]!.score += 100 * (s.logQ - (sum - s.logQ) / (standing.length - 1)) * weight;
    }
  }
  return result;
}

describe("peerScores against its definition", () => {
  it("agrees on random histories (withdrawals, ties, forecasts before the window)", () => {
    const history = fc.array(
      fc.record({
        at: fc.integer({ min: -20, max: 120 }),
        p: fc.option(
          fc.integer({ min: 1, max: 999 }).map((n) => n / 1000),
          { freq: 5 },
        ),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e"), history),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        (raw, closedAt, outcome) => {
          // Histories are in time order, as the database gives them.
          const forecasts = Object.fromEntries(
            Object.entries(raw).map(([u, l]) => [u, [...l].sort((a, b) => a.at - b.at)]),
          );
          const w = { openAt: 0, scheduledCloseAt: 100, closedAt };
          const fast = peerScores(forecasts, w, outcome);
          const slow = peerScoresByDefinition(forecasts, w, outcome);
          for (const u of Object.keys(forecasts)) {
            expect(fast[u]!.score).toBeCloseTo(slow[u]!.score, 6);
            expect(fast[u]!.coverage).toBeCloseTo(slow[u]!.coverage, 9);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
