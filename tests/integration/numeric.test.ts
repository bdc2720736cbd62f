/**
 * Numeric cruxes on a real database (docs/numeric-cruxes.md): made with a range, forecast as
 * distributions, read with the community percentiles and "who is where" (hidden until you forecast
 * when the crux hides its crowd), never bet on directly; a range disagreement becomes a threshold
 * crux that two people bet on; resolving the numeric crux to a number scores it and resolves, settles
 * and scores its threshold cruxes in the same transaction; an undo unwinds them all; bad input is a
 * 400 naming the problem with nothing written.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cruxes, debates, forecasts, scores } from "@/db/schema";
import type { UserRecord } from "@/server/usecases/accounts";
import { checkLedger } from "@/server/usecases/ledger";
import { rejects } from "../support/rejects";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";

const slug = "numeric-cruxes";
let t: TestDb;
let creator: UserRecord;
let ana: UserRecord;
let ben: UserRecord;
let cara: UserRecord;
let admin: UserRecord;
let n = 0;

beforeAll(async () => {
  t = await openTestDb();
  t.services.config.disputeWindowMs = 0;
  await t.handle.db.insert(debates).values({ slug, title: "Numeric" });
  creator = await makeUser(t);
  ana = await makeUser(t);
  ben = await makeUser(t);
  cara = await makeUser(t);
  admin = await makeUser(t, { isAdmin: true });
});
afterAll(() => t.close());
afterEach(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

const as = (u: UserRecord | null) => callerFor(t, u);
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
/** The thread's question: weeks, log scale 0.1 to 100, open above. */
const weeks = (extra: Record<string, unknown> = {}) =>
  as(creator).cruxes.create({
    debateSlug: slug,
    title: `How many weeks sooner? #${++n}`,
    resolutionCriteria: "A stated panel's median estimate on 2030-01-01.",
    closesAt: inAYear(),
    kind: "numeric",
    unit: "weeks",
    min: 0.1,
    max: 100,
    openLower: false,
    openUpper: true,
    scale: "log",
    ...extra,
  });
const countRows = async (table: typeof cruxes | typeof forecasts) =>
  (await t.handle.db.select({ n: count() }).from(table))[0]!.n;
const balance = async (u: UserRecord) => (await as(u).bets.wallet()).balance;

/** "1 to 4 weeks, most likely 2" and "8 to 16 weeks, most likely 11". */
async function disagree(id: number) {
  await as(ana).cruxes.forecast({ id, median: 2, low: 1, high: 4 });
  await as(ben).cruxes.forecast({ id, median: 11, low: 8, high: 16 });
}

describe("making a numeric crux", () => {
  it("stores its range and shows it", async () => {
    const c = await weeks();
    expect(c).toMatchObject({
      kind: "numeric",
      status: "open",
      percentiles: null,
      derivedFromCruxId: null,
      numeric: { unit: "weeks", min: 0.1, max: 100, openUpper: true, scale: "log", mine: null },
    });
    expect(c.can).toMatchObject({ forecast: true, offer: false, take: false });
  });

  it("refuses bad ranges with a 400 naming the problem, writing nothing", async () => {
    const before = await countRows(cruxes);
    await rejects(weeks({ min: 10, max: 10 }), "BAD_REQUEST", /range: .*minimum.*below/i);
    await rejects(weeks({ min: 0, max: 10 }), "BAD_REQUEST", /range: .*log/i);
    await rejects(weeks({ min: -1, max: 10 }), "BAD_REQUEST", /range: .*log/i);
    await rejects(weeks({ max: undefined }), "BAD_REQUEST", /max: a numeric crux needs/);
    await rejects(
      as(creator).cruxes.create({
        debateSlug: slug,
        title: "Yes or no?",
        resolutionCriteria: "r",
        closesAt: inAYear(),
        unit: "weeks",
      }),
      "BAD_REQUEST",
      /unit: only a numeric crux/,
    );
    const numeric = await weeks();
    await rejects(
      as(creator).cruxes.create({
        debateSlug: slug,
        title: "If the number...",
        resolutionCriteria: "r",
        closesAt: inAYear(),
        conditionCruxId: numeric.id,
      }),
      "BAD_REQUEST",
      /conditionCruxId: .*numeric/,
    );
    expect(await countRows(cruxes)).toBe(before + 1);
  });
});

describe("forecasting a distribution", () => {
  it("stores the CDF and the input, and shows percentiles, who is where and your own", async () => {
    const c = await weeks();
    const placed = await as(ana).cruxes.forecast({ id: c.id, median: 2, low: 1, high: 4 });
    expect(placed.probability).toBeNull();
    expect(placed.percentiles!.p50).toBeCloseTo(2, 1);
    expect(placed.percentiles!.p10).toBeCloseTo(1, 1);
    expect(placed.percentiles!.p90).toBeCloseTo(4, 1);
    await as(ben).cruxes.forecast({
      id: c.id,
      components: [{ center: 11, spread: 0.2, weight: 1 }],
    });
    const [row] = await t.handle.db
      .select({
        cdf: forecasts.cdf,
        distribution: forecasts.distribution,
        p: forecasts.probability,
      })
      .from(forecasts)
      .where(eq(forecasts.id, placed.id));
    expect(row!.cdf).toHaveLength(201);
    expect(row!.distribution).toEqual({ median: 2, low: 1, high: 4 });
    expect(row!.p).toBeNull();

    const view = await as(ana).cruxes.get({ id: c.id });
    expect(view.forecasterCount).toBe(2);
    expect(view.percentiles!.p10).toBeGreaterThan(0.5);
    expect(view.percentiles!.p90).toBeLessThan(30);
    expect(view.numeric!.forecasters.map((f) => f.handle)).toEqual([ana.handle, ben.handle]);
    expect(view.numeric!.mine).toMatchObject({ input: { median: 2, low: 1, high: 4 } });
    expect(view.numeric!.community!.cdf).toHaveLength(201);
    expect(view.numeric!.community!.density.length).toBeGreaterThan(0);
    expect(view.numeric!.myHistory).toHaveLength(1);
    expect(view.numeric!.communityHistory.at(-1)!.forecasters).toBe(2);

    // Editing it again: a new row, the latest counts.
    await as(ana).cruxes.forecast({ id: c.id, median: 3, low: 1, high: 6 });
    const again = await as(ana).cruxes.get({ id: c.id });
    expect(again.numeric!.mine!.input).toEqual({ median: 3, low: 1, high: 6 });
    expect(again.forecasterCount).toBe(2);

    // Withdrawing leaves one forecaster.
    await as(ben).cruxes.withdraw({ id: c.id });
    expect((await as(null).cruxes.get({ id: c.id })).forecasterCount).toBe(1);
  });

  it("refuses bad distributions and the wrong kind of forecast with a 400, writing nothing", async () => {
    const c = await weeks({ openUpper: false });
    const binary = await as(creator).cruxes.create({
      debateSlug: slug,
      title: "Yes?",
      resolutionCriteria: "r",
      closesAt: inAYear(),
    });
    const before = await countRows(forecasts);
    const f = (input: Record<string, unknown>) =>
      as(ana).cruxes.forecast({ id: c.id, ...input } as { id: number });
    await rejects(f({ median: 5, low: 1, high: 4 }), "BAD_REQUEST", /distribution: .*median/i);
    await rejects(f({ median: 50, low: 20, high: 500 }), "BAD_REQUEST", /distribution: /);
    await rejects(f({ median: 2, low: 1 }), "BAD_REQUEST", /median: give median, low and high/);
    await rejects(f({ probability: 0.4 }), "BAD_REQUEST", /probability: this is a numeric crux/);
    await rejects(f({}), "BAD_REQUEST", /median: this is a numeric crux/);
    await rejects(
      f({ components: [{ center: 2, spread: -1, weight: 1 }] }),
      "BAD_REQUEST",
      /distribution: /,
    );
    await rejects(
      as(ana).cruxes.forecast({ id: binary.id, median: 2, low: 1, high: 4 }),
      "BAD_REQUEST",
      /probability: this is a yes\/no crux/,
    );
    expect(await countRows(forecasts)).toBe(before);
  });

  it("hides the crowd's distributions until you forecast, when the crux says so", async () => {
    const c = await weeks({ hideCrowdUntilForecast: true });
    await as(ana).cruxes.forecast({ id: c.id, median: 2, low: 1, high: 4 });
    const hidden = await as(cara).cruxes.get({ id: c.id });
    expect(hidden.crowdHidden).toBe(true);
    expect(hidden.percentiles).toBeNull();
    expect(hidden.numeric!.community).toBeNull();
    expect(hidden.numeric!.forecasters).toEqual([]);
    expect(hidden.numeric!.communityHistory).toEqual([]);
    expect(hidden.forecasterCount).toBe(1);
    await rejects(
      as(cara).cruxes.thresholdWith({ id: c.id, with: ana.handle }),
      "NOT_FOUND",
      /You have no forecast/,
    );
    // The live event says only that the count changed: no handle, no percentiles.
    const hiddenEvent = (await as(null).debates.events({ slug, after: 0 })).events
      .filter((e) => e.type === "forecast.placed" && e.data.cruxId === c.id)
      .at(-1);
    expect(hiddenEvent!.data).toEqual({ cruxId: c.id, forecasterCount: 1 });
    await as(cara).cruxes.forecast({ id: c.id, median: 20, low: 10, high: 40 });
    const shown = await as(cara).cruxes.get({ id: c.id });
    expect(shown.percentiles).not.toBeNull();
    expect(shown.numeric!.forecasters).toHaveLength(2);
  });

  it("sends the forecaster's and the community's percentiles live on a public crux", async () => {
    const c = await weeks();
    await as(ana).cruxes.forecast({ id: c.id, median: 2, low: 1, high: 4 });
    const event = (await as(null).debates.events({ slug, after: 0 })).events
      .filter((e) => e.type === "forecast.placed" && e.data.cruxId === c.id)
      .at(-1)!;
    expect(event.data).toMatchObject({
      cruxId: c.id,
      forecasterCount: 1,
      handle: ana.handle,
      probability: null,
      percentiles: { p50: expect.any(Number) },
      communityPercentiles: { p50: expect.any(Number) },
    });
  });

  it("refuses bets on the numeric crux itself", async () => {
    const c = await weeks();
    await rejects(
      as(ana).bets.offer({ id: c.id, side: "yes", price: 50, stake: 10 }),
      "CONFLICT",
      /numeric crux directly/,
    );
  });
});

describe("threshold cruxes", () => {
  it("finds where two people disagree most and suggests the bet between them", async () => {
    const c = await weeks();
    await disagree(c.id);
    const s = await as(ana).cruxes.thresholdWith({ id: c.id, with: ben.handle });
    expect(s.threshold).toBeGreaterThan(4);
    expect(s.threshold).toBeLessThan(8);
    expect(s.myProbability).toBeLessThan(0.2);
    expect(s.theirProbability).toBeGreaterThan(0.8);
    expect(s.price).toBeGreaterThan(Math.round(s.myProbability * 100));
    expect(s.price).toBeLessThan(Math.round(s.theirProbability * 100));
    expect(s.mySide).toBe("no");
    expect(s.title).toMatch(/: more than .* weeks\?$/);
    expect(s.cruxId).toBeNull();
    const list = await as(ana).cruxes.thresholdSuggestions({ id: c.id });
    expect(list.suggestions).toEqual([s]);
    expect((await as(cara).cruxes.thresholdSuggestions({ id: c.id })).suggestions).toEqual([]);

    await rejects(
      as(ana).cruxes.thresholdWith({ id: c.id, with: cara.handle }),
      "NOT_FOUND",
      /has no forecast/,
    );
    await rejects(
      as(ana).cruxes.thresholdWith({ id: c.id, with: "nobody-at-all" }),
      "NOT_FOUND",
      /No user/,
    );
    await as(cara).cruxes.forecast({ id: c.id, median: 2, low: 1, high: 4 });
    await rejects(
      as(ana).cruxes.thresholdWith({ id: c.id, with: cara.handle }),
      "BAD_REQUEST",
      /do not disagree enough/,
    );
  });

  it("makes the derived crux once, with the parent's terms and no copied forecasts", async () => {
    const c = await weeks();
    await disagree(c.id);
    const s = await as(ana).cruxes.thresholdWith({ id: c.id, with: ben.handle });
    const made = await as(ana).cruxes.createThreshold({
      id: c.id,
      threshold: s.threshold,
      with: ben.handle,
    });
    expect(made).toMatchObject({ created: true, threshold: s.threshold, price: s.price });
    expect(made.myProbability).toBeCloseTo(s.myProbability, 9);
    expect(made.theirProbability).toBeCloseTo(s.theirProbability, 9);
    const again = await as(ben).cruxes.createThreshold({ id: c.id, threshold: s.threshold });
    expect(again).toMatchObject({ created: false, cruxId: made.cruxId });
    const derived = await as(null).cruxes.get({ id: made.cruxId });
    expect(derived).toMatchObject({
      kind: "binary",
      derivedFromCruxId: c.id,
      threshold: s.threshold,
      closesAt: c.closesAt,
      resolverHandle: creator.handle,
      forecasterCount: 0,
    });
    expect(derived.title).toBe(s.title);
    expect((await as(null).cruxes.get({ id: c.id })).numeric!.thresholdCruxes).toEqual([
      { id: made.cruxId, threshold: s.threshold, title: s.title, status: "open", outcome: null },
    ]);
    expect(derived.resolutionCriteria).toContain(c.resolutionCriteria);
    expect((await as(ana).cruxes.thresholdWith({ id: c.id, with: ben.handle })).cruxId).toBe(
      made.cruxId,
    );

    await rejects(
      as(ana).cruxes.createThreshold({ id: c.id, threshold: 0 }),
      "BAD_REQUEST",
      /threshold: /,
    );
    await rejects(
      as(ana).cruxes.createThreshold({ id: made.cruxId, threshold: 3 }),
      "BAD_REQUEST",
      /only a numeric crux has threshold cruxes/,
    );
    // Nobody resolves a threshold crux on its own.
    await rejects(
      as(creator).resolution.propose({ id: made.cruxId, outcome: "yes" }),
      "CONFLICT",
      /resolves by itself/,
    );
  });
});

describe("resolving a numeric crux", () => {
  async function withBet() {
    const c = await weeks();
    await disagree(c.id);
    const s = await as(ana).cruxes.thresholdWith({ id: c.id, with: ben.handle });
    const { cruxId } = await as(ana).cruxes.createThreshold({ id: c.id, threshold: s.threshold });
    await as(ana).cruxes.forecast({ id: cruxId, probability: s.myProbability });
    await as(ben).cruxes.forecast({ id: cruxId, probability: s.theirProbability });
    // Ben backs YES at the suggested price p with p credits; Ana takes the NO side: 100 - p.
    const offer = await as(ben).bets.offer({
      id: cruxId,
      side: "yes",
      price: s.price!,
      stake: s.price!,
    });
    const fill = await as(ana).bets.accept({ id: offer.id, stake: 100 - s.price! });
    return { c, derivedId: cruxId, s, offer, fill };
  }

  it("scores it and resolves, settles and scores its threshold cruxes at once; undo unwinds all", async () => {
    const before = { ana: await balance(ana), ben: await balance(ben) };
    const { c, derivedId, s } = await withBet();
    const p = s.price!;
    await rejects(
      as(creator).resolution.propose({ id: c.id, outcome: "yes" }),
      "BAD_REQUEST",
      /value: a numeric crux resolves to a number/,
    );
    await rejects(
      as(creator).resolution.propose({ id: c.id, value: 0.01 }),
      "BAD_REQUEST",
      /value: .*closed minimum/,
    );
    await as(creator).resolution.propose({ id: c.id, value: 10, note: "The panel said 10." });
    const parent = await as(null).cruxes.get({ id: c.id });
    expect(parent).toMatchObject({ status: "resolved", outcome: "value", resolvedValue: 10 });
    expect(Object.keys(parent.numericScores ?? {}).sort()).toEqual([ana.handle, ben.handle].sort());
    // Ben's 8-16 weeks was nearer 10 than Ana's 1-4.
    expect(parent.numericScores![ben.handle]!.peer).toBeGreaterThan(0);
    expect(parent.numericScores![ana.handle]!.peer).toBeLessThan(0);
    expect(parent.numericScores![ben.handle]!.finalMedian).toBeCloseTo(11, 0);

    const derived = await as(null).cruxes.get({ id: derivedId });
    expect(derived).toMatchObject({ status: "resolved", outcome: "yes" });
    expect(Object.keys(derived.scores ?? {}).sort()).toEqual([ana.handle, ben.handle].sort());
    expect(await balance(ben)).toBe(before.ben + (100 - p));
    expect(await balance(ana)).toBe(before.ana - (100 - p));
    const history = await as(null).resolution.history({ id: derivedId });
    expect(history.transitions.at(-1)).toMatchObject({
      action: "parent-final",
      outcome: "yes",
      causedByCruxId: c.id,
    });
    const record = await as(null).people.user({ handle: ben.handle });
    expect(record.resolvedNumeric).toContainEqual(
      expect.objectContaining({ cruxId: c.id, resolvedValue: 10, unit: "weeks" }),
    );
    expect(record.resolved).toContainEqual(expect.objectContaining({ cruxId: derivedId }));

    // Threshold cruxes cannot be undone on their own; undoing the numeric crux unwinds them.
    await rejects(
      as(admin).resolution.undo({ id: derivedId }),
      "CONFLICT",
      /undo that crux's resolution instead/,
    );
    await as(admin).resolution.undo({ id: c.id });
    expect(await as(null).cruxes.get({ id: c.id })).toMatchObject({
      status: "disputed",
      outcome: null,
      resolvedValue: null,
    });
    expect(await as(null).cruxes.get({ id: derivedId })).toMatchObject({
      status: "open",
      outcome: null,
    });
    const left = await t.handle.db
      .select({ n: count() })
      .from(scores)
      .where(eq(scores.cruxId, derivedId));
    expect(left[0]!.n).toBe(0);
    expect(await balance(ben)).toBe(before.ben - p);
    expect(await balance(ana)).toBe(before.ana - (100 - p));

    // Decided again below the threshold: NO this time.
    await as(creator).resolution.decide({ id: c.id, value: 3 });
    expect(await as(null).cruxes.get({ id: derivedId })).toMatchObject({
      status: "resolved",
      outcome: "no",
    });
    expect(await balance(ana)).toBe(before.ana + p);
    expect(await balance(ben)).toBe(before.ben - p);
  });

  it("annulled, it annuls its threshold cruxes and refunds their bets", async () => {
    const before = { ana: await balance(ana), ben: await balance(ben) };
    const { c, derivedId } = await withBet();
    await as(creator).resolution.propose({ id: c.id, outcome: "annulled" });
    expect(await as(null).cruxes.get({ id: c.id })).toMatchObject({
      status: "annulled",
      outcome: "annulled",
      resolvedValue: null,
    });
    expect(await as(null).cruxes.get({ id: derivedId })).toMatchObject({
      status: "annulled",
      outcome: "annulled",
    });
    expect(await balance(ana)).toBe(before.ana);
    expect(await balance(ben)).toBe(before.ben);
  });

  it("conditional: waits for its condition with its threshold cruxes, and follows its undo", async () => {
    const before = { ana: await balance(ana), ben: await balance(ben) };
    const condition = await as(creator).cruxes.create({
      debateSlug: slug,
      title: "Condition?",
      resolutionCriteria: "r",
      closesAt: inAYear(),
    });
    const c = await weeks({ conditionCruxId: condition.id });
    await disagree(c.id);
    const { cruxId: derivedId } = await as(ana).cruxes.createThreshold({ id: c.id, threshold: 6 });
    expect((await as(null).cruxes.get({ id: derivedId })).conditionCruxId).toBe(condition.id);
    const offer = await as(ben).bets.offer({ id: derivedId, side: "yes", price: 50, stake: 50 });
    await as(ana).bets.accept({ id: offer.id, stake: 50 });

    await as(creator).resolution.propose({ id: c.id, value: 10 });
    expect(await as(null).cruxes.get({ id: c.id })).toMatchObject({
      status: "awaiting-condition",
      decidedOutcome: "value",
    });
    expect((await as(null).cruxes.get({ id: derivedId })).status).toBe("open");

    await as(creator).resolution.propose({ id: condition.id, outcome: "yes" });
    expect(await as(null).cruxes.get({ id: c.id })).toMatchObject({
      status: "resolved",
      resolvedValue: 10,
    });
    expect(await as(null).cruxes.get({ id: derivedId })).toMatchObject({
      status: "resolved",
      outcome: "yes",
    });
    expect(await balance(ben)).toBe(before.ben + 50);

    // Undoing the condition unwinds both; deciding it NO annuls both and refunds the bet.
    await as(admin).resolution.undo({ id: condition.id });
    expect((await as(null).cruxes.get({ id: c.id })).status).toBe("awaiting-condition");
    expect(await balance(ben)).toBe(before.ben - 50);
    await as(creator).resolution.decide({ id: condition.id, outcome: "no" });
    expect((await as(null).cruxes.get({ id: c.id })).status).toBe("annulled");
    expect(await as(null).cruxes.get({ id: derivedId })).toMatchObject({
      status: "annulled",
      annulledByCondition: true,
    });
    expect(await balance(ana)).toBe(before.ana);
    expect(await balance(ben)).toBe(before.ben);
  });

  it("beyond an open bound takes any number; a yes/no crux takes no number", async () => {
    const c = await weeks();
    await as(ana).cruxes.forecast({ id: c.id, median: 2, low: 1, high: 4 });
    await as(creator).resolution.propose({ id: c.id, value: 250 });
    expect(await as(null).cruxes.get({ id: c.id })).toMatchObject({ resolvedValue: 250 });
    const binary = await as(creator).cruxes.create({
      debateSlug: slug,
      title: "Yes?",
      resolutionCriteria: "r",
      closesAt: inAYear(),
    });
    await rejects(
      as(creator).resolution.propose({ id: binary.id, value: 3 }),
      "BAD_REQUEST",
      /value: a yes\/no crux resolves YES, NO or ANNULLED/,
    );
    await rejects(
      as(creator).resolution.propose({ id: binary.id }),
      "BAD_REQUEST",
      /outcome: give outcome yes, no or annulled/,
    );
    expect((await as(null).cruxes.get({ id: binary.id })).status).toBe("open");
  });
});
