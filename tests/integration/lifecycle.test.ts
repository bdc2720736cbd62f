/**
 * The crux lifecycle end to end on a real database: conditions cascading, undo, disputes and
 * decisions, debts from undone payouts, and the history. Each numbered case of issue 7 has a test.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cruxes, debates } from "@/db/schema";
import type { UserRecord } from "@/server/usecases/accounts";
import { checkLedger } from "@/server/usecases/ledger";
import { finalizeDue } from "@/server/usecases/lifecycle/scheduler";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
// Numbered, not random, titles: a random number could contain a value a test looks for.
let cruxNumber = 0;
let creator: UserRecord;
let arbiter: UserRecord;
let bettor: UserRecord;
let other: UserRecord;
let admin: UserRecord;
const slug = "lifecycle";
const HOUR = 3600_000;
const inAYear = () => new Date(Date.now() + 365 * 24 * HOUR).toISOString();
/** Runs `work` with a zero-length dispute window: a proposal finalizes at once. */
async function withoutWindow<T>(work: () => Promise<T>): Promise<T> {
  t.services.config.disputeWindowMs = 0;
  try {
    return await work();
  } finally {
    t.services.config.disputeWindowMs = 48 * HOUR;
  }
}
/** Runs the timer as if the dispute window (48 h here) had passed. */
const windowEnds = () => finalizeDue(t.services, Date.now() + 49 * HOUR);

beforeAll(async () => {
  t = await openTestDb();
  t.services.config.disputeWindowMs = 48 * HOUR;
  await t.handle.db.insert(debates).values({ slug, title: "Lifecycle" });
  creator = await makeUser(t);
  arbiter = await makeUser(t);
  bettor = await makeUser(t);
  other = await makeUser(t);
  admin = await makeUser(t, { isAdmin: true });
});
afterAll(() => t.close());
afterEach(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

const as = (u: UserRecord | null) => callerFor(t, u);
const newCrux = (extra: Record<string, unknown> = {}, by = creator) =>
  as(by).cruxes.create({
    debateSlug: slug,
    title: `Will it happen? #${++cruxNumber}`,
    resolutionCriteria: "r",
    closesAt: inAYear(),
    ...extra,
  });
const wallet = (u: UserRecord) => as(u).bets.wallet();
const balance = async (u: UserRecord) => (await wallet(u)).balance;
const crux = (id: number, viewer: UserRecord | null = null) => as(viewer).cruxes.get({ id });

/** A bet on `id`: `maker` backs `side` at `price` with `stake`, `taker` takes `take` credits. */
async function bet(
  id: number,
  maker: UserRecord,
  taker: UserRecord,
  o: { side: "yes" | "no"; price: number; stake: number; take: number },
) {
  const offer = await as(maker).bets.offer({ id, side: o.side, price: o.price, stake: o.stake });
  const fill = await as(taker).bets.accept({ id: offer.id, stake: o.take });
  return { offer, fill };
}

describe("1. a conditional crux whose condition fails", () => {
  it("is annulled at once from any state, its stakes refunded and nothing more accepted", async () => {
    const condition = await newCrux();
    const open = await newCrux({ conditionCruxId: condition.id });
    const resolving = await newCrux({ conditionCruxId: condition.id });
    await as(bettor).cruxes.forecast({ id: open.id, probability: 0.7 });
    const before = { bettor: await balance(bettor), other: await balance(other) };
    // An open bet with an unmatched rest, and one on a crux already being resolved.
    await bet(open.id, bettor, other, { side: "yes", price: 60, stake: 120, take: 40 });
    await bet(resolving.id, other, bettor, { side: "no", price: 50, stake: 30, take: 30 });
    await as(creator).resolution.propose({ id: resolving.id, outcome: "no" });
    // The condition finalizes at once (no dispute window) while the dependent is still in its window.
    await withoutWindow(() => as(creator).resolution.propose({ id: condition.id, outcome: "no" }));

    for (const id of [open.id, resolving.id])
      expect(await crux(id)).toMatchObject({
        status: "annulled",
        outcome: "annulled",
        annulledByCondition: true,
      });
    expect(await balance(bettor)).toBe(before.bettor);
    expect(await balance(other)).toBe(before.other);
    expect((await wallet(bettor)).locked).toBe(0);
    await rejects(
      as(bettor).cruxes.forecast({ id: open.id, probability: 0.5 }),
      "CONFLICT",
      /annulled/,
    );
    await rejects(
      as(other).bets.offer({ id: open.id, side: "no", price: 50, stake: 10 }),
      "CONFLICT",
      /annulled/,
    );
    const history = await as(null).resolution.history({ id: open.id });
    expect(history.transitions.at(-1)).toMatchObject({
      from: "open",
      to: "annulled",
      action: "condition-final",
      actor: null,
      causedByCruxId: condition.id,
    });
  });

  it("annuls a chain of dependents transitively", async () => {
    const a = await newCrux();
    const b = await newCrux({ conditionCruxId: a.id });
    const c = await newCrux({ conditionCruxId: b.id });
    const before = await balance(other);
    await bet(c.id, other, bettor, { side: "yes", price: 50, stake: 20, take: 20 });
    await as(creator).resolution.propose({ id: a.id, outcome: "annulled" });
    await windowEnds();
    expect((await crux(b.id)).status).toBe("annulled");
    expect((await crux(c.id)).status).toBe("annulled");
    expect(await balance(other)).toBe(before);
  });
});

describe("2. undo of an overturned proposal", () => {
  it("returns to a dispute that only a new decision ends; the timer leaves it alone", async () => {
    const c = await newCrux();
    await as(bettor).cruxes.forecast({ id: c.id, probability: 0.2 });
    await as(creator).resolution.propose({ id: c.id, outcome: "yes", note: "It happened" });
    await as(bettor).resolution.dispute({ id: c.id, reason: "It did not" });
    await as(admin).resolution.decide({ id: c.id, outcome: "no", note: "The report says no" });
    expect(await as(admin).resolution.undo({ id: c.id, note: "Wrong report" })).toEqual({
      cruxId: c.id,
      status: "disputed",
    });
    expect(await windowEnds()).toBe(0);
    expect(await crux(c.id)).toMatchObject({
      status: "disputed",
      outcome: null,
      decidedOutcome: null,
    });
    // The history keeps everything, the dispute included.
    const state = await as(null).resolution.state({ id: c.id });
    expect(state.disputes).toEqual([expect.objectContaining({ reason: "It did not" })]);
    expect((await as(null).resolution.history({ id: c.id })).transitions).toEqual([
      expect.objectContaining({ from: null, to: "open", action: "create", actor: creator.handle }),
      expect.objectContaining({
        to: "resolving",
        action: "propose",
        outcome: "yes",
        note: "It happened",
      }),
      expect.objectContaining({
        to: "disputed",
        action: "dispute",
        actor: bettor.handle,
        note: "It did not",
      }),
      expect.objectContaining({
        to: "resolved",
        action: "decide",
        actor: admin.handle,
        outcome: "no",
      }),
      expect.objectContaining({
        from: "resolved",
        to: "disputed",
        action: "undo",
        note: "Wrong report",
      }),
    ]);
    await as(creator).resolution.decide({ id: c.id, outcome: "yes" });
    expect(await crux(c.id)).toMatchObject({ status: "resolved", outcome: "yes" });
  });
});

describe("3. a condition is fixed once people commit", () => {
  it("refuses re-pointing a condition mid-resolution, so nobody can void a decision", async () => {
    const c = await newCrux({}, creator);
    await as(creator).cruxes.setCondition({ id: c.id, conditionCruxId: null }); // nothing committed yet: fine
    const mine = await newCrux({}, creator);
    await as(creator).cruxes.setCondition({ id: c.id, conditionCruxId: mine.id });
    await as(creator).cruxes.setCondition({ id: c.id, conditionCruxId: null });
    const named = await newCrux({ arbiterHandle: arbiter.handle }, creator);
    await as(bettor).cruxes.forecast({ id: named.id, probability: 0.9 });
    await rejects(
      as(creator).cruxes.setCondition({ id: named.id, conditionCruxId: mine.id }),
      "CONFLICT",
      /already forecast or bet on this crux, so its condition is fixed/,
    );
    await as(arbiter).resolution.propose({ id: named.id, outcome: "yes" });
    await rejects(
      as(creator).cruxes.setCondition({ id: named.id, conditionCruxId: mine.id }),
      "CONFLICT",
      /condition is fixed/,
    );
    await rejects(
      as(bettor).cruxes.setCondition({ id: c.id, conditionCruxId: mine.id }),
      "FORBIDDEN",
      /creator/,
    );
  });

  it("refuses a condition that is already final", async () => {
    const done = await newCrux();
    await as(creator).resolution.propose({ id: done.id, outcome: "no" });
    await windowEnds();
    await rejects(newCrux({ conditionCruxId: done.id }), "CONFLICT", /already resolved/);
  });
});

describe("4. no escrow is ever stranded", () => {
  it("refuses removing the condition of a crux waiting on it", async () => {
    const condition = await newCrux();
    const c = await newCrux({ conditionCruxId: condition.id });
    await bet(c.id, bettor, other, { side: "yes", price: 50, stake: 100, take: 100 });
    await as(creator).resolution.propose({ id: c.id, outcome: "yes" });
    await windowEnds();
    expect((await crux(c.id)).status).toBe("awaiting-condition");
    await rejects(
      as(creator).cruxes.setCondition({ id: c.id, conditionCruxId: null }),
      "CONFLICT",
      /condition is fixed/,
    );
    // The condition resolving YES releases the money to the recorded outcome.
    const before = await balance(bettor);
    await as(creator).resolution.propose({ id: condition.id, outcome: "yes" });
    await windowEnds();
    expect(await crux(c.id)).toMatchObject({ status: "resolved", outcome: "yes" });
    expect(await balance(bettor)).toBe(before + 200);
  });

  it("ledger:check names a final crux still holding escrow and a crux stuck awaiting", async () => {
    const condition = await newCrux();
    const c = await newCrux({ conditionCruxId: condition.id });
    await bet(c.id, bettor, other, { side: "yes", price: 50, stake: 10, take: 10 });
    // Corrupt it as the old bug did: drop the condition of a crux waiting on it.
    await as(creator).resolution.propose({ id: c.id, outcome: "no" });
    await windowEnds();
    await t.handle.db.update(cruxes).set({ conditionCruxId: null }).where(eq(cruxes.id, c.id));
    expect(await checkLedger(t.handle.db)).toContainEqual({
      invariant: "no-stuck-awaiting-condition",
      detail: `crux ${c.id} awaits a condition it does not have`,
    });
    await t.handle.db
      .update(cruxes)
      .set({ status: "annulled", outcome: "annulled" })
      .where(eq(cruxes.id, c.id));
    expect(await checkLedger(t.handle.db)).toContainEqual({
      invariant: "no-escrow-on-final-crux",
      detail: `crux ${c.id} is annulled but its escrow holds 20`,
    });
    // Put it back the way it was, so the ledger is whole again for the check after each test.
    await t.handle.db
      .update(cruxes)
      .set({ status: "awaiting-condition", outcome: null, conditionCruxId: condition.id })
      .where(eq(cruxes.id, c.id));
  });
});

describe("5. undo of a condition", () => {
  it("re-evaluates its dependents: decided NO afterwards, they are annulled and refunded", async () => {
    const condition = await newCrux();
    const d = await newCrux({ conditionCruxId: condition.id });
    const start = { bettor: await balance(bettor), other: await balance(other) };
    await bet(d.id, bettor, other, { side: "yes", price: 50, stake: 50, take: 50 });
    await as(creator).resolution.propose({ id: d.id, outcome: "yes" });
    await windowEnds();
    await as(creator).resolution.propose({ id: condition.id, outcome: "yes" });
    await windowEnds();
    expect(await crux(d.id)).toMatchObject({ status: "resolved", outcome: "yes" });
    expect(await balance(bettor)).toBe(start.bettor + 50);

    await as(admin).resolution.undo({ id: condition.id });
    // The dependent's own outcome stands, waiting for the condition again, with the pot in escrow.
    expect(await crux(d.id)).toMatchObject({
      status: "awaiting-condition",
      outcome: null,
      decidedOutcome: "yes",
    });
    expect(await balance(bettor)).toBe(start.bettor - 50);
    await as(admin).resolution.decide({ id: condition.id, outcome: "no" });
    expect(await crux(d.id)).toMatchObject({ status: "annulled", annulledByCondition: true });
    expect(await balance(bettor)).toBe(start.bettor);
    expect(await balance(other)).toBe(start.other);
  });

  it("puts a dependent the cascade annulled back where it was, offers and dispute window included", async () => {
    const condition = await newCrux();
    const open = await newCrux({ conditionCruxId: condition.id });
    const resolving = await newCrux({ conditionCruxId: condition.id });
    const { offer } = await bet(open.id, bettor, other, {
      side: "yes",
      price: 50,
      stake: 30,
      take: 10,
    });
    await as(bettor).cruxes.forecast({ id: resolving.id, probability: 0.4 });
    await as(creator).resolution.propose({ id: resolving.id, outcome: "no" });
    const windowBefore = (await as(null).resolution.state({ id: resolving.id })).proposal!
      .disputeUntil;
    await withoutWindow(() => as(creator).resolution.propose({ id: condition.id, outcome: "no" }));
    expect((await crux(open.id)).status).toBe("annulled");
    expect((await crux(resolving.id)).status).toBe("annulled");
    await as(admin).resolution.undo({ id: condition.id });
    expect(await crux(open.id)).toMatchObject({ status: "open", annulledByCondition: false });
    expect((await as(null).bets.offers({ id: open.id })).offers).toEqual([
      expect.objectContaining({ id: offer.id, remaining: 20, status: "open" }),
    ]);
    expect((await crux(resolving.id)).status).toBe("resolving");
    // The window gets back the time it had left when the cascade interrupted it.
    const windowAfter = (await as(null).resolution.state({ id: resolving.id })).proposal!
      .disputeUntil;
    expect(Date.parse(windowAfter)).toBeGreaterThanOrEqual(Date.parse(windowBefore));
    const history = (await as(null).resolution.history({ id: open.id })).transitions;
    expect(history.at(-1)).toMatchObject({
      from: "annulled",
      to: "open",
      action: "condition-undone",
      causedByCruxId: condition.id,
    });
    // Undoing the dependent itself is refused: the condition is what to undo.
    await as(admin).resolution.decide({ id: condition.id, outcome: "no" });
    await rejects(as(admin).resolution.undo({ id: open.id }), "CONFLICT", /undo the condition/);
  });
});

describe("6. decisions only decide disputes", () => {
  it("refuses a decision on an undisputed proposal: it finalizes when its window ends", async () => {
    const c = await newCrux();
    await bet(c.id, creator, other, { side: "yes", price: 50, stake: 10, take: 10 });
    await as(creator).resolution.propose({ id: c.id, outcome: "yes" });
    await rejects(
      as(creator).resolution.decide({ id: c.id, outcome: "yes" }),
      "CONFLICT",
      /Only a disputed resolution is decided/,
    );
    await rejects(
      as(admin).resolution.decide({ id: c.id, outcome: "yes" }),
      "CONFLICT",
      /finalizes when its dispute window ends/,
    );
    expect((await crux(c.id)).status).toBe("resolving");
    // The creator bet on it, so a dispute goes to an admin, and the page is told.
    await as(other).resolution.dispute({ id: c.id, reason: "Not yet" });
    expect(await crux(c.id, creator)).toMatchObject({
      disputesDecidedByAdmin: true,
      can: expect.objectContaining({ decide: false }),
    });
    await rejects(
      as(creator).resolution.decide({ id: c.id, outcome: "yes" }),
      "FORBIDDEN",
      /an admin decides/,
    );
    expect((await crux(c.id, admin)).can.decide).toBe(true);
    await as(admin).resolution.decide({ id: c.id, outcome: "no" });
    expect((await crux(c.id)).outcome).toBe("no");
  });
});

describe("7. undo after the winnings were spent", () => {
  it("always goes through, leaves a debt the wallet explains, blocks betting until repaid", async () => {
    const [winner, loser] = [await makeUser(t), await makeUser(t)];
    const c = await newCrux();
    await bet(c.id, winner, loser, { side: "yes", price: 50, stake: 1000, take: 1000 });
    await as(creator).resolution.propose({ id: c.id, outcome: "yes" });
    await windowEnds();
    expect(await balance(winner)).toBe(2000);
    // The winner spends it all on another bet.
    const elsewhere = await newCrux();
    const spent = await as(winner).bets.offer({
      id: elsewhere.id,
      side: "no",
      price: 50,
      stake: 2000,
    });
    expect(await balance(winner)).toBe(0);

    expect(await as(admin).resolution.undo({ id: c.id })).toMatchObject({ status: "disputed" });
    const w = await wallet(winner);
    expect(w).toMatchObject({ balance: 0, debt: 2000 });
    expect(w.entries[0]).toMatchObject({ kind: "reverse", account: "debt", amount: -2000 });
    expect(w.entries[0]!.memo).toMatch(/Undo of a resolution/);
    expect((await as(winner).account.me()).debt).toBe(2000);
    await rejects(
      as(winner).bets.offer({ id: elsewhere.id, side: "yes", price: 50, stake: 1 }),
      "CONFLICT",
      /You owe 2000 credits/,
    );
    expect((await crux(elsewhere.id, winner)).can).toMatchObject({ offer: false, forecast: true });

    // Credits that come back repay the debt first: cancelling the offer returns 2000.
    await as(winner).bets.cancel({ id: spent.id });
    expect(await wallet(winner)).toMatchObject({ balance: 0, debt: 0 });
    // Decided the other way, the loser of the first decision wins.
    await as(admin).resolution.decide({ id: c.id, outcome: "no" });
    expect(await balance(loser)).toBe(2000);
  });
});

describe("9. evidence", () => {
  it("is refused on a final crux and accepted again after an undo", async () => {
    const c = await newCrux();
    await as(creator).resolution.propose({ id: c.id, outcome: "no" });
    await windowEnds();
    const evidence = {
      id: c.id,
      title: "Late news",
      url: "https://example.test/late",
      direction: "yes" as const,
    };
    await rejects(as(other).resolution.addEvidence(evidence), "CONFLICT", /evidence is closed/);
    expect((await crux(c.id, other)).can.addEvidence).toBe(false);
    await as(admin).resolution.undo({ id: c.id });
    expect((await as(other).resolution.addEvidence(evidence)).title).toBe("Late news");
  });
});

describe("the viewer's permissions", () => {
  it("follow the lifecycle for each role", async () => {
    const c = await newCrux({ arbiterHandle: arbiter.handle });
    await as(bettor).cruxes.forecast({ id: c.id, probability: 0.3 });
    expect((await crux(c.id)).can).toEqual({
      forecast: false,
      offer: false,
      take: false,
      propose: false,
      dispute: false,
      decide: false,
      undo: false,
      addEvidence: false,
      setCondition: false,
    });
    expect((await crux(c.id, arbiter)).can).toMatchObject({ propose: true, forecast: true });
    expect((await crux(c.id, creator)).can).toMatchObject({ propose: false, setCondition: false });
    await as(arbiter).resolution.propose({ id: c.id, outcome: "yes" });
    expect((await crux(c.id, bettor)).can).toMatchObject({ dispute: true, forecast: false });
    expect((await crux(c.id, other)).can.dispute).toBe(false);
  });
});
