/**
 * Scores on a real database: a crux resolved early, with forecasts held for part of its window
 * (a withdrawal and a last-minute forecast among them), stores each forecaster's coverage with the
 * score; undo removes every score and a new decision stores them again, consistently, also for a
 * dependent crux scored through its condition's cascade. Track records and leaderboards agree.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruxes, debates, forecasts, scores } from "@/db/schema";
import type { UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const slug = "scores-coverage";

let t: TestDb;
let creator: UserRecord;
let admin: UserRecord;
let ana: UserRecord;
let ben: UserRecord;
let cara: UserRecord;
let cruxNumber = 0;

beforeAll(async () => {
  t = await openTestDb();
  // Proposals finalize at once: this file is about scores, not the dispute window.
  t.services.config.disputeWindowMs = 0;
  await t.handle.db.insert(debates).values({ slug, title: "Scores" });
  creator = await makeUser(t);
  admin = await makeUser(t, { isAdmin: true });
  ana = await makeUser(t);
  ben = await makeUser(t);
  cara = await makeUser(t);
});
afterAll(() => t.close());

const as = (u: UserRecord | null) => callerFor(t, u);

/** A crux that opened a day ago and is scheduled to close in two days: a 3-day window. */
async function cruxOpenedADayAgo(now: number, extra: Record<string, unknown> = {}) {
  const crux = await as(creator).cruxes.create({
    debateSlug: slug,
    title: `Will it happen? #${++cruxNumber}`,
    resolutionCriteria: "r",
    closesAt: new Date(now + 2 * DAY).toISOString(),
    ...extra,
  });
  await t.handle.db
    .update(cruxes)
    .set({ createdAt: new Date(now - DAY) })
    .where(eq(cruxes.id, crux.id));
  return crux;
}

/**
 * Forecasts (or withdrawals, p = null) through the API, then dated back to `at`: the history a
 * crux would have after days of use, without waiting days.
 */
async function history(
  cruxId: number,
  user: UserRecord,
  steps: readonly { at: number; p: number | null }[],
) {
  for (const s of steps)
    if (s.p === null) await as(user).cruxes.withdraw({ id: cruxId });
    else await as(user).cruxes.forecast({ id: cruxId, probability: s.p });
  const rows = await t.handle.db
    .select({ id: forecasts.id })
    .from(forecasts)
    .where(and(eq(forecasts.cruxId, cruxId), eq(forecasts.userId, user.id)))
    .orderBy(asc(forecasts.id));
  expect(rows).toHaveLength(steps.length);
  for (const [i, row] of rows.entries())
    await t.handle.db
      .update(forecasts)
      .set({ createdAt: new Date(steps[i]!.at) })
      .where(eq(forecasts.id, row.id));
}

async function windowOf(cruxId: number) {
  const [row] = await t.handle.db
    .select({ openAt: cruxes.createdAt, closesAt: cruxes.closesAt, closedAt: cruxes.closedAt })
    .from(cruxes)
    .where(eq(cruxes.id, cruxId));
  expect(row?.closedAt).toBeInstanceOf(Date);
  return {
    openAt: row!.openAt.getTime(),
    length: row!.closesAt.getTime() - row!.openAt.getTime(),
    closedAt: row!.closedAt!.getTime(),
  };
}

const storedScores = (cruxId: number) =>
  t.handle.db.select().from(scores).where(eq(scores.cruxId, cruxId)).orderBy(asc(scores.userId));

describe("coverage", () => {
  it("is stored with each score: the share of the window each forecast stood", async () => {
    const now = Date.now();
    const c = await cruxOpenedADayAgo(now);
    // Ana from the open; Ben for three hours, withdrawn, then again for the last hour; Cara a
    // minute before the crux was resolved, two days before its scheduled close.
    await history(c.id, ana, [{ at: now - DAY, p: 0.8 }]);
    await history(c.id, ben, [
      { at: now - 6 * HOUR, p: 0.3 },
      { at: now - 3 * HOUR, p: null },
      { at: now - HOUR, p: 0.6 },
    ]);
    await history(c.id, cara, [{ at: now - MINUTE, p: 0.9 }]);
    await as(creator).resolution.propose({ id: c.id, outcome: "yes" });
    expect((await as(null).cruxes.get({ id: c.id })).status).toBe("resolved");

    const w = await windowOf(c.id);
    expect(w.length).toBeCloseTo(3 * DAY, -4);
    expect(w.closedAt).toBeGreaterThanOrEqual(now);
    const expected = {
      [ana.handle]: (w.closedAt - (now - DAY)) / w.length,
      [ben.handle]: (3 * HOUR + (w.closedAt - (now - HOUR))) / w.length,
      [cara.handle]: (w.closedAt - (now - MINUTE)) / w.length,
    };
    // Roughly a third, 4/72 and 1/4320 of the window.
    expect(expected[ana.handle]).toBeCloseTo(1 / 3, 3);
    expect(expected[ben.handle]).toBeCloseTo(4 / 72, 3);
    expect(expected[cara.handle]).toBeLessThan(0.001);

    const state = await as(null).resolution.state({ id: c.id });
    expect(Object.keys(state.scores).sort()).toEqual(Object.keys(expected).sort());
    for (const [handle, coverage] of Object.entries(expected))
      expect(state.scores[handle]?.coverage).toBeCloseTo(coverage, 6);
    // Held for a minute, Cara's 90% on a YES earns a baseline score of almost nothing.
    expect(state.scores[cara.handle]?.baseline).toBeGreaterThan(0);
    expect(state.scores[cara.handle]?.baseline).toBeLessThan(0.1);
    // Ben's final forecast is what Brier scores; the withdrawal in between is not a forecast.
    expect(state.scores[ben.handle]?.finalProbability).toBe(0.6);
    const peerSum = Object.values(state.scores).reduce((sum, s) => sum + s.peer, 0);
    expect(peerSum).toBeCloseTo(0, 9);

    // The track record shows it per crux and as a simple mean.
    const record = await as(null).people.user({ handle: ben.handle });
    expect(record.resolved).toEqual([
      expect.objectContaining({ cruxId: c.id, coverage: expect.closeTo(expected[ben.handle]!, 6) }),
    ]);
    expect(record.track.coverage).toBeCloseTo(expected[ben.handle]!, 6);
    const boards = await as(null).people.leaderboards({ debate: slug });
    expect(boards.peer.find((r) => r.handle === cara.handle)?.coverage).toBeCloseTo(
      expected[cara.handle]!,
      6,
    );
  });
});

describe("undo", () => {
  it("removes every score and a new decision stores them again on the same window", async () => {
    const now = Date.now();
    const c = await cruxOpenedADayAgo(now);
    await history(c.id, ana, [{ at: now - 12 * HOUR, p: 0.7 }]);
    await history(c.id, ben, [{ at: now - 2 * HOUR, p: 0.2 }]);
    await as(creator).resolution.propose({ id: c.id, outcome: "yes" });
    const first = await storedScores(c.id);
    expect(first).toHaveLength(2);
    const before = await as(null).people.user({ handle: ana.handle });
    expect(before.resolved.map((r) => r.cruxId)).toContain(c.id);

    await as(admin).resolution.undo({ id: c.id, note: "Wrong outcome" });
    expect(await storedScores(c.id)).toEqual([]);
    expect((await as(null).resolution.state({ id: c.id })).scores).toEqual({});
    const undone = await as(null).people.user({ handle: ana.handle });
    expect(undone.resolved.map((r) => r.cruxId)).not.toContain(c.id);
    expect(undone.track.resolvedForecasts).toBe(before.track.resolvedForecasts - 1);

    // Decided the other way: the same forecasts over the same window, so the same coverage,
    // Brier and baseline for the other outcome, and peer scores that still sum to zero.
    await as(creator).resolution.decide({ id: c.id, outcome: "no" });
    const second = await storedScores(c.id);
    expect(second).toHaveLength(2);
    for (const [i, s] of second.entries()) {
      const old = first[i]!;
      expect(s.userId).toBe(old.userId);
      expect(s.outcome).toBe(false);
      expect(s.coverage).toBeCloseTo(old.coverage, 12);
      expect(s.finalProbability).toBe(old.finalProbability);
      expect(s.brier).toBeCloseTo(old.finalProbability! ** 2, 12);
    }
    expect(second[0]!.coverage).toBeCloseTo(12 / 72, 3);
    expect(second[0]!.peer + second[1]!.peer).toBeCloseTo(0, 9);
    const after = await as(null).people.user({ handle: ana.handle });
    expect(after.track.resolvedForecasts).toBe(before.track.resolvedForecasts);
  });

  it("of a condition removes its dependent's scores; deciding it again restores them exactly", async () => {
    const now = Date.now();
    const condition = await cruxOpenedADayAgo(now);
    const dependent = await cruxOpenedADayAgo(now, { conditionCruxId: condition.id });
    await history(dependent.id, ana, [{ at: now - 18 * HOUR, p: 0.65 }]);
    await history(dependent.id, cara, [
      { at: now - 20 * HOUR, p: 0.4 },
      { at: now - 10 * HOUR, p: 0.1 },
    ]);
    // The dependent is decided first and waits for its condition, closed from this moment on.
    await as(creator).resolution.propose({ id: dependent.id, outcome: "yes" });
    expect((await as(null).cruxes.get({ id: dependent.id })).status).toBe("awaiting-condition");
    expect(await storedScores(dependent.id)).toEqual([]);
    await as(creator).resolution.propose({ id: condition.id, outcome: "yes" });
    const scored = await storedScores(dependent.id);
    expect(scored).toHaveLength(2);
    const w = await windowOf(dependent.id);
    const anaScore = scored.find((s) => s.userId === ana.id)!;
    expect(anaScore.coverage).toBeCloseTo((w.closedAt - (now - 18 * HOUR)) / w.length, 6);

    await as(admin).resolution.undo({ id: condition.id });
    expect((await as(null).cruxes.get({ id: dependent.id })).status).toBe("awaiting-condition");
    expect(await storedScores(dependent.id)).toEqual([]);

    await as(creator).resolution.decide({ id: condition.id, outcome: "yes" });
    expect((await as(null).cruxes.get({ id: dependent.id })).status).toBe("resolved");
    const again = await storedScores(dependent.id);
    expect(again).toHaveLength(2);
    for (const [i, s] of again.entries())
      for (const key of ["brier", "log", "baseline", "peer", "coverage"] as const)
        expect(s[key]).toBeCloseTo(scored[i]![key]!, 9);
  });
});
