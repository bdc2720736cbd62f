/** "Your forecasts": standing forecasts with their age and how the crowd moved since. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let alice: UserRecord;
let bob: UserRecord;
const slug = "rlhf-impact";
let n = 0;

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  alice = await makeUser(t);
  bob = await makeUser(t);
});
afterAll(() => t.close());

const makeCrux = async (by: UserRecord) =>
  callerFor(t, by).cruxes.create({
    debateSlug: slug,
    title: `Standing forecast crux ${++n}`,
    resolutionCriteria: "YES if it does.",
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

describe("your forecasts", () => {
  it("lists what you hold, oldest first, with the crowd then and now; a reaffirmed one is fresh", async () => {
    const a = await makeCrux(alice);
    const b = await makeCrux(alice);
    const gone = await makeCrux(alice);
    await callerFor(t, alice).cruxes.forecast({ id: a.id, probability: 0.3 });
    await callerFor(t, alice).cruxes.forecast({ id: b.id, probability: 0.6 });
    await callerFor(t, alice).cruxes.forecast({ id: gone.id, probability: 0.5 });
    await callerFor(t, alice).cruxes.withdraw({ id: gone.id });
    await callerFor(t, bob).cruxes.forecast({ id: a.id, probability: 0.8 });

    const { forecasts } = await callerFor(t, alice).cruxes.myForecasts();
    expect(forecasts.map((f) => f.cruxId)).toEqual([a.id, b.id]);
    // Two forecasters weigh equally: the community is their mean.
    expect(forecasts[0]).toMatchObject({ probability: 0.3, communityThen: 0.3 });
    expect(forecasts[0]!.communityNow).toBeCloseTo(0.55, 10);
    expect(forecasts[1]).toMatchObject({ probability: 0.6, communityThen: 0.6, communityNow: 0.6 });

    await callerFor(t, alice).cruxes.forecast({ id: a.id, probability: 0.3 });
    const after = (await callerFor(t, alice).cruxes.myForecasts()).forecasts;
    expect(after.map((f) => f.cruxId)).toEqual([b.id, a.id]);
    expect(after[1]!.communityThen).toBeCloseTo(0.55, 10);
    expect((await callerFor(t, bob).cruxes.myForecasts()).forecasts.map((f) => f.cruxId)).toEqual([
      a.id,
    ]);
  });

  it("leaves out final cruxes and needs a signed-in person", async () => {
    const c = await makeCrux(alice);
    await callerFor(t, alice).cruxes.forecast({ id: c.id, probability: 0.7 });
    expect(
      (await callerFor(t, alice).cruxes.myForecasts()).forecasts.map((f) => f.cruxId),
    ).toContain(c.id);
    t.services.config.disputeWindowMs = 0;
    await callerFor(t, alice).resolution.propose({ id: c.id, outcome: "yes" });
    await callerFor(t, alice).resolution.state({ id: c.id });
    const ids = (await callerFor(t, alice).cruxes.myForecasts()).forecasts.map((f) => f.cruxId);
    expect(ids).not.toContain(c.id);
    await rejects(callerFor(t, null).cruxes.myForecasts(), "UNAUTHORIZED", /Sign in/);
  });

  it("lists numeric forecasts too, with the crowd's median then and now; reaffirming one works", async () => {
    const c = await callerFor(t, alice).cruxes.create({
      debateSlug: slug,
      title: `Standing numeric crux ${++n}`,
      resolutionCriteria: "The number.",
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      kind: "numeric",
      unit: "weeks",
      min: 0,
      max: 20,
      openLower: false,
      openUpper: false,
      scale: "linear",
    });
    await callerFor(t, alice).cruxes.forecast({ id: c.id, median: 4, low: 2, high: 6 });
    await callerFor(t, bob).cruxes.forecast({ id: c.id, median: 14, low: 12, high: 16 });
    const mine = (await callerFor(t, alice).cruxes.myForecasts()).forecasts.find(
      (f) => f.cruxId === c.id,
    )!;
    expect(mine).toMatchObject({
      kind: "numeric",
      unit: "weeks",
      probability: null,
      distribution: { median: 4, low: 2, high: 6 },
    });
    expect(mine.percentiles!.p50).toBeCloseTo(4, 0);
    expect(mine.communityThen).toBeCloseTo(4, 0);
    // Bob's range pulls the community median up, well past Alice's.
    expect(mine.communityNow!).toBeGreaterThan(6);
    expect(mine.crowdMove).toBeCloseTo((mine.communityNow! - mine.communityThen!) / 20, 10);

    await callerFor(t, alice).cruxes.forecast({ id: c.id, ...mine.distribution! });
    const again = (await callerFor(t, alice).cruxes.myForecasts()).forecasts.find(
      (f) => f.cruxId === c.id,
    )!;
    expect(again.at > mine.at).toBe(true);
    expect(again.communityThen).toBeCloseTo(mine.communityNow!, 6);
    expect(again.distribution).toEqual(mine.distribution);
  });
});
