import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAll } from "@/db/seed";
import { getUserProfile } from "@/server/usecases/profiles";
import { findUserByHandle } from "@/server/usecases/accounts";
import { callerFor, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb({ seed: true });
});
afterAll(() => t.close());

describe("the seeded debate in the database", () => {
  it("is loaded once: seeding again changes nothing", async () => {
    const before = await callerFor(t, null).debates.get({ slug: "rlhf-impact" });
    expect(await seedAll(t.handle)).toEqual([{ slug: "rlhf-impact", created: false, claims: 0 }]);
    expect((await callerFor(t, null).debates.get({ slug: "rlhf-impact" })).claims.length).toBe(
      before.claims.length,
    );
  });

  it("dates demo accounts from the debate's start, so nobody joined after their own claims", async () => {
    const profile = await getUserProfile(t.handle.db, "commenter-1");
    const earliest = Math.min(...profile.recentClaims.map((c) => Date.parse(c.createdAt)));
    expect(Date.parse(profile.joinedAt)).toBeLessThanOrEqual(earliest);
    expect(profile.joinedAt).toBe("2023-01-25T15:00:00.000Z");
  });

  it("has open cruxes with forecasts from several demo accounts, ordered by disagreement", async () => {
    const state = await callerFor(t, null).cruxes.forDebate({ slug: "rlhf-impact" });
    expect(state.cruxes.length).toBeGreaterThanOrEqual(6);
    expect(state.cruxes.every((c) => c.status === "open")).toBe(true);
    const visible = state.cruxes.filter((c) => !c.crowdHidden && c.kind === "binary");
    expect(visible.every((c) => c.forecasterCount >= 3 && c.communityProbability !== null)).toBe(
      true,
    );
    const spreads = visible.map((c) => c.spread ?? 0);
    expect([...spreads].sort((a, b) => b - a)).toEqual(spreads);
    expect(state.moved.length).toBeGreaterThan(0);
  });

  it("states the Sydney crux's condition and hides the mode-collapse crowd from newcomers", async () => {
    const state = await callerFor(t, null).cruxes.forDebate({ slug: "rlhf-impact" });
    const sydney = state.cruxes.find((c) => c.title.startsWith("Given a supervised-only fix"));
    const view = await callerFor(t, null).cruxes.get({ id: sydney!.id });
    expect(view.conditionTitle).toMatch(/supervised training and no RLHF/);
    expect(view.arbiterHandle).toBe("commenter-8");
    expect(state.cruxes.find((c) => c.title.startsWith("Is mode collapse"))).toMatchObject({
      crowdHidden: true,
      communityProbability: null,
    });
  });

  it("has double cruxes between demo accounts", async () => {
    const { doubleCruxes } = await callerFor(t, null).cruxes.doubleCruxesForUser({
      handle: "commenter-1",
    });
    expect(doubleCruxes.map((d) => [d.agrees, d.disagrees])).toEqual(
      expect.arrayContaining([
        ["commenter-8", "commenter-1"],
        ["commenter-9", "commenter-1"],
      ]),
    );
  });
});

describe("the seeded Sydney bet", () => {
  it("is offered on the conditional crux, partly taken, and fully backed by escrow", async () => {
    const state = await callerFor(t, null).cruxes.forDebate({ slug: "rlhf-impact" });
    const sydney = state.cruxes.find((c) => c.title.startsWith("Given a supervised-only fix"))!;
    const { offers } = await callerFor(t, null).bets.offers({ id: sydney.id });
    // commenter-1 offered YES at 60% with 120 credits; commenter-8 took 40 on NO, matching floor(40 * 60 / 40) = 60.
    expect(offers).toEqual([
      expect.objectContaining({
        makerHandle: "commenter-1",
        side: "yes",
        price: 60,
        stake: 120,
        remaining: 60,
      }),
    ]);
    const maker = await callerFor(t, null).people.user({ handle: "commenter-1" });
    expect(maker.balance).toBe(1000 - 120);
    const taker = await callerFor(t, null).people.user({ handle: "commenter-8" });
    expect(taker).toMatchObject({ balance: 960, locked: 40 });
    const { checkLedger } = await import("@/server/usecases/ledger");
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });
});

describe("the seeded numeric cruxes", () => {
  it("show the community percentiles and who is where", async () => {
    const state = await callerFor(t, null).cruxes.forDebate({ slug: "rlhf-impact" });
    const numeric = state.cruxes.filter((c) => c.kind === "numeric");
    expect(numeric).toHaveLength(2);
    for (const c of numeric) {
      expect(c.forecasterCount).toBe(3);
      expect(c.percentiles!.p10).toBeLessThan(c.percentiles!.p90);
    }
    const weeks = numeric.find((c) => c.title.startsWith("How many weeks"))!;
    const view = await callerFor(t, null).cruxes.get({ id: weeks.id });
    expect(view.numeric).toMatchObject({ unit: "weeks", scale: "log", min: 0.1, max: 100 });
    expect(view.numeric!.forecasters.map((f) => f.handle)).toEqual([
      "post-author",
      "commenter-2",
      "commenter-1",
    ]);
  });

  it("suggest the threshold bet between the post author and commenter-1 on first start", async () => {
    const state = await callerFor(t, null).cruxes.forDebate({ slug: "rlhf-impact" });
    const weeks = state.cruxes.find((c) => c.title.startsWith("How many weeks"))!;
    const author = await findUserByHandle(t.handle.db, "post-author");
    const { suggestions } = await callerFor(t, author).cruxes.thresholdSuggestions({
      id: weeks.id,
    });
    const withC1 = suggestions.find((s) => s.withHandle === "commenter-1")!;
    expect(suggestions[0]).toEqual(withC1);
    expect(withC1.threshold).toBeGreaterThan(4);
    expect(withC1.threshold).toBeLessThan(8);
    expect(withC1.myProbability).toBeLessThan(0.2);
    expect(withC1.theirProbability).toBeGreaterThan(0.8);
    expect(withC1.price).not.toBeNull();
    expect(withC1.mySide).toBe("no");
  });
});
