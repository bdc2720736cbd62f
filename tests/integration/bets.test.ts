import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { debates } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { UserRecord } from "@/server/usecases/accounts";
import { checkLedger } from "@/server/usecases/ledger";
import { acceptOffer } from "@/server/usecases/bets";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
// Numbered, not random, titles: a random number could contain a value a test looks for.
let cruxNumber = 0;
let ann: UserRecord;
let bob: UserRecord;
let cat: UserRecord;
const slug = "bet-debate";
const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

beforeAll(async () => {
  t = await openTestDb();
  t.services.config.disputeWindowMs = 0;
  await t.handle.db.insert(debates).values({ slug, title: "Bets" });
  ann = await makeUser(t);
  bob = await makeUser(t);
  cat = await makeUser(t);
});
afterAll(() => t.close());
// Every test that moves credits ends with the ledger checked.
afterEach(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

const newCrux = (creator: UserRecord, extra: Record<string, unknown> = {}) =>
  callerFor(t, creator).cruxes.create({
    debateSlug: slug,
    title: `Will it happen? #${++cruxNumber}`,
    resolutionCriteria: "r",
    closesAt: inAYear(),
    ...extra,
  });
const me = async (u: UserRecord) => callerFor(t, u).account.me();

describe("wallets", () => {
  it("start with 1,000 credits from the mint, each with a journal entry", async () => {
    const fresh = await makeUser(t);
    expect(await me(fresh)).toMatchObject({ balance: 1000, locked: 0 });
    const wallet = await callerFor(t, fresh).bets.wallet();
    expect(wallet.entries).toEqual([expect.objectContaining({ kind: "grant", amount: 1000 })]);
  });
});

describe("offers and fills", () => {
  it("escrows the maker's stake, fills at the price rule, and shows what each side risks", async () => {
    const crux = await newCrux(ann);
    const before = (await me(ann)).balance;
    const offer = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "yes",
      price: 60,
      stake: 120,
    });
    expect(offer).toMatchObject({
      side: "yes",
      price: 60,
      stake: 120,
      remaining: 120,
      status: "open",
      takerRiskForRemaining: 80,
    });
    expect(await me(ann)).toMatchObject({ balance: before - 120, locked: 120 });

    // Taker risks 40 on NO: maker's matched stake is floor(40 * 60 / 40) = 60; pot 100.
    const fill = await callerFor(t, bob).bets.accept({ id: offer.id, stake: 40 });
    expect(fill).toMatchObject({ takerStake: 40, makerStake: 60, pot: 100 });
    expect((await callerFor(t, null).bets.offers({ id: crux.id })).offers[0]).toMatchObject({
      remaining: 60,
    });
    // Asking for more than is left shrinks the fill: 60 left needs 40 from the taker.
    expect(await callerFor(t, cat).bets.accept({ id: offer.id, stake: 500 })).toMatchObject({
      takerStake: 40,
      makerStake: 60,
      pot: 100,
    });
    await rejects(
      callerFor(t, bob).bets.accept({ id: offer.id, stake: 10 }),
      "CONFLICT",
      /Nothing is left/,
    );
    expect((await callerFor(t, null).bets.offers({ id: crux.id })).offers).toEqual([]);
  });

  it("cancels the unmatched part and refunds it", async () => {
    const crux = await newCrux(ann);
    const offer = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "no",
      price: 25,
      stake: 90,
    });
    // Maker on NO at 25%: m = floor(t * 75 / 25) = 3t; a taker risking 10 matches 30.
    await callerFor(t, bob).bets.accept({ id: offer.id, stake: 10 });
    const before = (await me(ann)).balance;
    expect(await callerFor(t, ann).bets.cancel({ id: offer.id })).toEqual({
      status: "cancelled",
      refunded: 60,
    });
    expect((await me(ann)).balance).toBe(before + 60);
    await rejects(callerFor(t, ann).bets.cancel({ id: offer.id }), "CONFLICT", /cancelled/);
    await rejects(callerFor(t, bob).bets.cancel({ id: offer.id }), "NOT_FOUND", /./).catch(
      () => undefined,
    );
  });

  it("addresses an offer to one person, who is notified; others can't take it", async () => {
    const crux = await newCrux(ann);
    const offer = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "yes",
      price: 50,
      stake: 20,
      counterpartyHandle: bob.handle,
      note: "Terms: as written",
    });
    expect(offer.counterpartyHandle).toBe(bob.handle);
    await rejects(
      callerFor(t, cat).bets.accept({ id: offer.id, stake: 20 }),
      "FORBIDDEN",
      /addressed to someone else/,
    );
    const { items, unread } = await callerFor(t, bob).people.notifications();
    expect(unread).toBeGreaterThan(0);
    expect(items[0]?.text).toMatch(/challenged you/);
    expect(await callerFor(t, bob).bets.accept({ id: offer.id, stake: 20 })).toMatchObject({
      pot: 40,
    });
    expect((await callerFor(t, ann).people.notifications()).items[0]?.text).toMatch(
      /took 20 credits/,
    );
  });

  it("rejects bad bets with clear 4xx errors and moves nothing", async () => {
    const crux = await newCrux(ann);
    const offer = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "yes",
      price: 50,
      stake: 10,
    });
    const before = [(await me(ann)).balance, (await me(bob)).balance];
    const api = callerFor(t, ann);
    await rejects(
      api.bets.offer({ id: crux.id, side: "yes", price: 0, stake: 10 }),
      "BAD_REQUEST",
      /price/,
    );
    await rejects(
      api.bets.offer({ id: crux.id, side: "yes", price: 100, stake: 10 }),
      "BAD_REQUEST",
      /price/,
    );
    await rejects(
      api.bets.offer({ id: crux.id, side: "yes", price: 50, stake: 0 }),
      "BAD_REQUEST",
      /stake/,
    );
    await rejects(
      api.bets.offer({ id: crux.id, side: "yes", price: 50, stake: 1.5 }),
      "BAD_REQUEST",
      /stake/,
    );
    await rejects(
      api.bets.offer({ id: crux.id, side: "yes", price: 50, stake: -5 }),
      "BAD_REQUEST",
      /stake/,
    );
    await rejects(
      api.bets.offer({ id: crux.id, side: "yes", price: 50, stake: 5000 }),
      "BAD_REQUEST",
      /stake: .*available/,
    );
    await rejects(
      api.bets.offer({
        id: crux.id,
        side: "yes",
        price: 50,
        stake: 10,
        counterpartyHandle: "nobody-at-all",
      }),
      "BAD_REQUEST",
      /counterpartyHandle/,
    );
    await rejects(api.bets.accept({ id: offer.id, stake: 5 }), "FORBIDDEN", /own offer/);
    await rejects(
      callerFor(t, bob).bets.accept({ id: offer.id, stake: 0 }),
      "BAD_REQUEST",
      /stake/,
    );
    await rejects(
      callerFor(t, bob).bets.accept({ id: offer.id, stake: 1.5 }),
      "BAD_REQUEST",
      /stake/,
    );
    // A long shot: at 1% the taker risks 99 credits for each one the maker risks, more than Bob has.
    const longShot = await api.bets.offer({ id: crux.id, side: "yes", price: 1, stake: 20 });
    before[0] = (await me(ann)).balance;
    await rejects(
      callerFor(t, bob).bets.accept({ id: longShot.id, stake: 1980 }),
      "BAD_REQUEST",
      /stake: .*available/,
    );
    await rejects(callerFor(t, bob).bets.accept({ id: 999_999, stake: 5 }), "NOT_FOUND", /999999/);
    expect([(await me(ann)).balance, (await me(bob)).balance]).toEqual(before);
  });

  it("retries with the same idempotency key move credits once and return the same result", async () => {
    const crux = await newCrux(ann);
    const first = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "yes",
      price: 40,
      stake: 30,
      idempotencyKey: "offer-1",
    });
    const again = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "yes",
      price: 40,
      stake: 30,
      idempotencyKey: "offer-1",
    });
    expect(again).toEqual(first);
    const balance = (await me(bob)).balance;
    const fills = await Promise.all(
      Array.from({ length: 5 }, () =>
        callerFor(t, bob).bets.accept({ id: first.id, stake: 10, idempotencyKey: "take-1" }),
      ),
    );
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(1);
    expect((await me(bob)).balance).toBe(balance - 10);
  });
});

describe("resolution and finalization", () => {
  it("settles every fill, refunds unmatched stakes and scores forecasts in one step", async () => {
    const crux = await newCrux(ann);
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.8 });
    await callerFor(t, cat).cruxes.forecast({ id: crux.id, probability: 0.3 });
    const offer = await callerFor(t, bob).bets.offer({
      id: crux.id,
      side: "yes",
      price: 50,
      stake: 100,
    });
    await callerFor(t, cat).bets.accept({ id: offer.id, stake: 40 });
    const [bob0, cat0] = [(await me(bob)).balance, (await me(cat)).balance];
    await rejects(
      callerFor(t, bob).resolution.propose({ id: crux.id, outcome: "yes" }),
      "FORBIDDEN",
      /resolver/,
    );
    const ev = await callerFor(t, cat).resolution.addEvidence({
      id: crux.id,
      title: "It happened",
      url: "https://example.test/a",
      direction: "yes",
    });
    expect(
      await callerFor(t, ann).resolution.propose({
        id: crux.id,
        outcome: "yes",
        note: "See evidence",
        evidenceIds: [ev.id],
      }),
    ).toMatchObject({ status: "resolved" });
    // Bob (YES) wins the pot of 80; the unmatched 60 comes back to him; Cat's 40 is gone.
    expect((await me(bob)).balance).toBe(bob0 + 80 + 60);
    expect((await me(cat)).balance).toBe(cat0);
    const view = await callerFor(t, null).cruxes.get({ id: crux.id });
    expect(view).toMatchObject({ status: "resolved", outcome: "yes" });
    expect(view.scores?.[bob.handle]).toMatchObject({
      finalProbability: 0.8,
      brier: expect.closeTo(0.04, 9),
    });
    expect(view.scores?.[cat.handle]?.brier).toBeCloseTo(0.49, 9);
    expect(
      (view.scores?.[bob.handle]?.peer ?? 0) + (view.scores?.[cat.handle]?.peer ?? 0),
    ).toBeCloseTo(0, 9);
    await rejects(
      callerFor(t, ann).resolution.propose({ id: crux.id, outcome: "no" }),
      "CONFLICT",
      /resolved; a resolution can be proposed only once/,
    );
    await rejects(
      callerFor(t, cat).bets.offer({ id: crux.id, side: "yes", price: 50, stake: 10 }),
      "CONFLICT",
      /resolved/,
    );
    expect(
      (await callerFor(t, cat).people.notifications()).items.some((n) =>
        /resolved YES/.test(n.text),
      ),
    ).toBe(true);
    const track = await callerFor(t, null).people.user({ handle: bob.handle });
    // Profit is aggregated in SQL; it must agree with the settlement rule: Bob won Cat's 40.
    expect(track.track.profit).toBe(40);
    expect((await callerFor(t, null).people.user({ handle: cat.handle })).track.profit).toBe(-40);
    expect(track.bets.find((b) => b.cruxId === crux.id)).toMatchObject({
      side: "yes",
      stake: 40,
      pot: 80,
      profit: 40,
    });
    const boards = await callerFor(t, null).people.leaderboards({ debate: slug });
    expect(boards.profit.find((r) => r.handle === bob.handle)?.profit).toBe(40);
  });

  it("refunds every bet exactly when a conditional crux's condition resolves NO", async () => {
    const condition = await newCrux(ann);
    const crux = await newCrux(ann, { conditionCruxId: condition.id });
    const offer = await callerFor(t, bob).bets.offer({
      id: crux.id,
      side: "no",
      price: 30,
      stake: 70,
    });
    await callerFor(t, cat).bets.accept({ id: offer.id, stake: 10 });
    const [bob0, cat0] = [(await me(bob)).balance, (await me(cat)).balance];
    expect(
      await callerFor(t, ann).resolution.propose({ id: crux.id, outcome: "yes" }),
    ).toMatchObject({ status: "awaiting-condition" });
    await callerFor(t, ann).resolution.propose({ id: condition.id, outcome: "no" });
    expect(await callerFor(t, null).cruxes.get({ id: crux.id })).toMatchObject({
      status: "annulled",
      outcome: "annulled",
    });
    // Bob gets back his matched stake and the unmatched rest; Cat her 10.
    expect((await me(bob)).balance).toBe(bob0 + 70);
    expect((await me(cat)).balance).toBe(cat0 + 10);
  });

  it("undo then finalize with the other outcome equals finalizing that outcome directly", async () => {
    const admin = await makeUser(t, { isAdmin: true });
    const run = async (undo: boolean) => {
      const [x, y] = [await makeUser(t), await makeUser(t)];
      const crux = await newCrux(ann);
      const offer = await callerFor(t, x).bets.offer({
        id: crux.id,
        side: "yes",
        price: 70,
        stake: 140,
      });
      await callerFor(t, y).bets.accept({ id: offer.id, stake: 30 });
      if (undo) {
        await callerFor(t, ann).resolution.propose({ id: crux.id, outcome: "yes" });
        await rejects(callerFor(t, x).resolution.undo({ id: crux.id }), "FORBIDDEN", /admin/);
        // Undo leaves a dispute that only an explicit decision ends.
        expect(await callerFor(t, admin).resolution.undo({ id: crux.id })).toEqual({
          cruxId: crux.id,
          status: "disputed",
        });
        expect((await callerFor(t, null).cruxes.get({ id: crux.id })).scores).toBeUndefined();
        await callerFor(t, admin).resolution.decide({ id: crux.id, outcome: "no" });
      } else {
        await callerFor(t, ann).resolution.propose({ id: crux.id, outcome: "no" });
      }
      return [(await me(x)).balance, (await me(y)).balance];
    };
    expect(await run(true)).toEqual(await run(false));
  });
});

describe("disputes", () => {
  it("lets participants dispute within the window and the arbiter decide", async () => {
    t.services.config.disputeWindowMs = 48 * 3600_000;
    try {
      const crux = await newCrux(ann, { arbiterHandle: cat.handle });
      await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.9 });
      await rejects(
        callerFor(t, ann).resolution.propose({ id: crux.id, outcome: "no" }),
        "FORBIDDEN",
        /resolver/,
      );
      expect(
        await callerFor(t, cat).resolution.propose({ id: crux.id, outcome: "no" }),
      ).toMatchObject({ status: "resolving" });
      await rejects(
        callerFor(t, ann).resolution.dispute({ id: crux.id, reason: "no stake" }),
        "FORBIDDEN",
        /forecast or a bet/,
      );
      expect(
        await callerFor(t, bob).resolution.dispute({ id: crux.id, reason: "The report says YES" }),
      ).toEqual({ cruxId: crux.id, status: "disputed" });
      await rejects(
        callerFor(t, bob).resolution.dispute({ id: crux.id, reason: "again" }),
        "CONFLICT",
        /already disputed/,
      );
      await rejects(
        callerFor(t, bob).resolution.decide({ id: crux.id, outcome: "yes" }),
        "FORBIDDEN",
        /arbiter/,
      );
      expect(
        await callerFor(t, cat).resolution.decide({ id: crux.id, outcome: "yes" }),
      ).toMatchObject({ status: "resolved", outcome: "yes" });
      const state = await callerFor(t, null).resolution.state({ id: crux.id });
      expect(state.disputes).toEqual([
        expect.objectContaining({ handle: bob.handle, reason: "The report says YES" }),
      ]);
    } finally {
      t.services.config.disputeWindowMs = 0;
    }
  });
});

describe("API v1 for bets", () => {
  it("offers, accepts, cancels and reports wallets with the documented shapes", async () => {
    const { handleApiV1 } = await import("@/server/api/v1");
    const { setDatabase } = await import("@/server/runtime");
    const { createApiKey } = await import("@/server/usecases/accounts");
    setDatabase(t.handle);
    const keys = {
      ann: await createApiKey(t.handle.db, ann.id),
      bob: await createApiKey(t.handle.db, bob.id),
    };
    const call = async (who: keyof typeof keys, method: string, path: string, body?: unknown) => {
      const res = await handleApiV1(
        new Request(`http://localhost/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${keys[who]}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const crux = await newCrux(ann);
    const offer = await call("ann", "POST", `/cruxes/${crux.id}/offers`, {
      side: "no",
      price: 20,
      stake: 40,
      idempotencyKey: "api-1",
    });
    expect(offer.json).toMatchObject({
      side: "no",
      price: 20,
      stake: 40,
      remaining: 40,
      status: "open",
    });
    const id = offer.json.id as number;
    expect((await call("bob", "GET", `/cruxes/${crux.id}/offers`)).json.offers).toHaveLength(1);
    // Maker on NO at 20%: m = floor(t * 80 / 20) = 4t.
    expect((await call("bob", "POST", `/offers/${id}/accept`, { stake: 5 })).json).toMatchObject({
      takerStake: 5,
      makerStake: 20,
      pot: 25,
      fillId: expect.any(Number),
    });
    expect((await call("ann", "POST", `/offers/${id}/cancel`)).json).toEqual({
      status: "cancelled",
      refunded: 20,
    });
    expect((await call("bob", "POST", `/offers/${id}/accept`, { stake: 5 })).status).toBe(409);
    expect(
      (
        await call("ann", "POST", `/cruxes/${crux.id}/offers`, {
          side: "yes",
          price: 100,
          stake: 5,
        })
      ).status,
    ).toBe(400);
    expect((await call("ann", "GET", "/me")).json).toMatchObject({
      handle: ann.handle,
      balance: expect.any(Number),
      locked: expect.any(Number),
    });
    const user = (await call("bob", "GET", `/users/${ann.handle}`)).json;
    expect(Object.keys(user)).toEqual(
      expect.arrayContaining(["handle", "balance", "track", "calibration"]),
    );
    expect(user.track).toMatchObject({
      resolvedForecasts: expect.any(Number),
      profit: expect.any(Number),
    });
  });
});

describe("concurrency on real PostgreSQL", () => {
  it.runIf(process.env.TEST_DB !== "pglite")(
    "never overfills an offer when 50 takers race for it",
    async () => {
      const crux = await newCrux(ann);
      const offer = await callerFor(t, ann).bets.offer({
        id: crux.id,
        side: "yes",
        price: 50,
        stake: 100,
      });
      const takers = await Promise.all(Array.from({ length: 50 }, () => makeUser(t)));
      const results = await Promise.allSettled(
        takers.map((u) => acceptOffer(t.services, u, offer.id, { stake: 7 }, Date.now())),
      );
      const filled = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(filled.reduce((sum, f) => sum + f.makerStake, 0)).toBe(100);
      for (const r of results)
        if (r.status === "rejected") expect((r.reason as AppError).code).toBe("CONFLICT");
      expect((await callerFor(t, null).bets.offers({ id: crux.id })).offers).toEqual([]);
    },
  );
});

describe("more refusals and the scheduler", () => {
  it("refuses to take an offer once the crux has closed", async () => {
    const { cruxes } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const crux = await newCrux(ann);
    const offer = await callerFor(t, ann).bets.offer({
      id: crux.id,
      side: "yes",
      price: 50,
      stake: 10,
    });
    await t.handle.db
      .update(cruxes)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(cruxes.id, crux.id));
    await rejects(callerFor(t, bob).bets.accept({ id: offer.id, stake: 10 }), "CONFLICT", /closed/);
  });

  it("finalizes an undisputed proposal when its window ends, and only then", async () => {
    const { finalizeDue } = await import("@/server/usecases/lifecycle/scheduler");
    t.services.config.disputeWindowMs = 48 * 3600_000;
    try {
      const crux = await newCrux(ann);
      await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.6 });
      await callerFor(t, ann).resolution.propose({ id: crux.id, outcome: "no" });
      expect(await finalizeDue(t.services, Date.now() + 47 * 3600 * 1000)).toBe(0);
      expect((await callerFor(t, null).cruxes.get({ id: crux.id })).status).toBe("resolving");
      expect(await finalizeDue(t.services, Date.now() + 49 * 3600 * 1000)).toBeGreaterThanOrEqual(
        1,
      );
      expect(await callerFor(t, null).cruxes.get({ id: crux.id })).toMatchObject({
        status: "resolved",
        outcome: "no",
      });
    } finally {
      t.services.config.disputeWindowMs = 0;
    }
  });

  it("notifies the author of a claim when someone replies", async () => {
    const claim = await callerFor(t, ann).claims.create({ slug, body: "A claim worth answering" });
    await callerFor(t, bob).claims.create({
      slug,
      body: "An answer",
      parentId: claim.id,
      stance: "opposes",
    });
    expect((await callerFor(t, ann).people.notifications()).items[0]).toMatchObject({
      kind: "reply",
      text: expect.stringContaining(`@${bob.handle} replied`),
    });
  });
});

describe("expiry and close", () => {
  it("refunds an expired offer and the unmatched stakes of a closed crux", async () => {
    const { expireDueOffers } = await import("@/server/usecases/bets");
    const { closeDueCruxes } = await import("@/server/usecases/lifecycle/scheduler");
    // A maker of its own, since the sweep covers every crux in the database.
    const maker = await makeUser(t);
    const crux = await newCrux(ann);
    const soon = Date.now() + 60_000;
    const expiring = await callerFor(t, maker).bets.offer({
      id: crux.id,
      side: "yes",
      price: 50,
      stake: 30,
      expiresAt: new Date(soon).toISOString(),
    });
    const lasting = await callerFor(t, maker).bets.offer({
      id: crux.id,
      side: "no",
      price: 50,
      stake: 20,
    });
    await callerFor(t, bob).bets.accept({ id: lasting.id, stake: 5 });
    const before = (await me(maker)).balance;
    await expireDueOffers(t.services, soon - 1);
    expect((await me(maker)).balance).toBe(before);
    expect(await expireDueOffers(t.services, soon + 1)).toBeGreaterThanOrEqual(1);
    expect((await me(maker)).balance).toBe(before + 30);
    expect((await callerFor(t, null).bets.offers({ id: crux.id })).offers.map((o) => o.id)).toEqual(
      [lasting.id],
    );
    await rejects(
      callerFor(t, bob).bets.accept({ id: expiring.id, stake: 5 }),
      "CONFLICT",
      /Nothing is left|expired/,
    );
    // After the close time the rest of the unmatched stake comes back too (the matched 5 stays in the bet).
    await closeDueCruxes(t.services, Date.parse(crux.closesAt) + 1);
    expect(await me(maker)).toMatchObject({ balance: before + 30 + 15, locked: 5 });
  });
});

describe("bet suggestions and evidence in the thread", () => {
  it("suggests the log-odds midpoint to each person you disagree with, and never across a hidden crowd", async () => {
    const crux = await newCrux(ann);
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.8 });
    await callerFor(t, cat).cruxes.forecast({ id: crux.id, probability: 0.2 });
    await callerFor(t, ann).cruxes.forecast({ id: crux.id, probability: 0.79 });
    // logit(.8) = 1.386, logit(.2) = -1.386: the midpoint is 0, so 50%; Bob (higher) backs YES.
    const { suggestions } = await callerFor(t, bob).bets.suggestions({ id: crux.id });
    expect(suggestions[0]).toMatchObject({
      counterpartyHandle: cat.handle,
      side: "yes",
      price: 50,
    });
    expect(suggestions[0]!.myExpectedGainPerCredit).toBeGreaterThan(0);
    expect(suggestions[0]!.theirExpectedGainPerCredit).toBeGreaterThan(0);
    // Ann at 79% and Bob at 80% have no whole percent strictly between them: no suggestion.
    expect(suggestions.map((s) => s.counterpartyHandle)).not.toContain(ann.handle);
    const hidden = await newCrux(ann, { hideCrowdUntilForecast: true });
    await callerFor(t, cat).cruxes.forecast({ id: hidden.id, probability: 0.1 });
    expect((await callerFor(t, bob).bets.suggestions({ id: hidden.id })).suggestions).toEqual([]);
  });

  it("counts a crux's evidence where the thread shows the crux", async () => {
    const claim = await callerFor(t, ann).claims.create({
      slug,
      body: "Evidence will settle this",
    });
    const crux = await newCrux(ann, { claimId: claim.id });
    await callerFor(t, bob).resolution.addEvidence({
      id: crux.id,
      title: "A quote",
      quote: "It says so.",
      direction: "no",
    });
    await rejects(
      callerFor(t, bob).resolution.addEvidence({ id: crux.id, title: "Nothing", direction: "no" }),
      "BAD_REQUEST",
      /url or a quote|link/,
    );
    const { cruxes } = await callerFor(t, null).cruxes.forDebate({ slug });
    expect(cruxes.find((c) => c.id === crux.id)).toMatchObject({
      claimId: claim.id,
      evidenceCount: 1,
    });
    expect(t.published.some((e) => e.type === "evidence.added" && e.data.cruxId === crux.id)).toBe(
      true,
    );
  });
});
