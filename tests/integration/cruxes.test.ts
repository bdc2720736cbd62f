import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruxes, debates } from "@/db/schema";
import { communityPrediction } from "@/server/domain/aggregation";
import { handleApiV1 } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import { createApiKey, type UserRecord } from "@/server/usecases/accounts";
import { placeForecast } from "@/server/usecases/forecasts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
// Numbered, not random, titles: a random number could contain a value a test looks for.
let cruxNumber = 0;
let ann: UserRecord;
let bob: UserRecord;
let cat: UserRecord;
let slug: string;
let claimId: number;
const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  ann = await makeUser(t);
  bob = await makeUser(t);
  cat = await makeUser(t);
  slug = "crux-debate";
  await t.handle.db.insert(debates).values({ slug, title: "Crux debate" });
  claimId = (
    await callerFor(t, ann).claims.create({
      slug,
      body: "RLHF was necessary for ChatGPT's success.",
    })
  ).id;
});
afterAll(() => t.close());

const newCrux = (user: UserRecord, extra: Record<string, unknown> = {}) =>
  callerFor(t, user).cruxes.create({
    debateSlug: slug,
    claimId,
    title: `Will a supervised-only model match it? #${++cruxNumber}`,
    resolutionCriteria: "Resolves YES if a published comparison shows it.",
    closesAt: inAYear(),
    ...extra,
  });

describe("making cruxes", () => {
  it("makes a crux from a claim, links it to that claim, and announces it", async () => {
    const crux = await newCrux(ann, { finePrint: "Only peer-reviewed comparisons count." });
    expect(crux).toMatchObject({
      status: "open",
      claimId,
      debateSlug: slug,
      creatorHandle: ann.handle,
      resolverHandle: ann.handle,
      arbiterHandle: null,
      finePrint: "Only peer-reviewed comparisons count.",
      communityProbability: null,
      forecasterCount: 0,
    });
    const forecasts = await callerFor(t, null).cruxes.forecasts({ id: crux.id });
    expect(forecasts.links.map((l) => l.claimId)).toEqual([claimId]);
    expect(t.published.at(-1)).toMatchObject({
      type: "crux.created",
      data: { crux: { id: crux.id, claimId } },
    });
  });

  it("names another user as arbiter and resolver", async () => {
    const crux = await newCrux(ann, { arbiterHandle: bob.handle });
    expect(crux).toMatchObject({ arbiterHandle: bob.handle, resolverHandle: bob.handle });
  });

  it("rejects bad input with a 400 naming the field, writing nothing", async () => {
    const before = (await callerFor(t, null).cruxes.forDebate({ slug })).cruxes.length;
    const [other] = await t.handle.db
      .insert(debates)
      .values({ slug: `other-${Date.now()}`, title: "Other" })
      .returning();
    const otherClaim = await callerFor(t, ann).claims.create({
      slug: other!.slug,
      body: "elsewhere",
    });
    const otherCrux = await callerFor(t, ann).cruxes.create({
      debateSlug: other!.slug,
      title: "Elsewhere?",
      resolutionCriteria: "x",
      closesAt: inAYear(),
    });
    await rejects(
      newCrux(ann, { closesAt: "2020-01-01T00:00:00Z" }),
      "BAD_REQUEST",
      /closesAt: must be in the future/,
    );
    await rejects(
      newCrux(ann, { closesAt: "next tuesday" }),
      "BAD_REQUEST",
      /closesAt: must be a date-time/,
    );
    await rejects(
      newCrux(ann, { arbiterHandle: "nobody-here" }),
      "BAD_REQUEST",
      /arbiterHandle: no user/,
    );
    await rejects(
      newCrux(ann, { conditionCruxId: otherCrux.id }),
      "BAD_REQUEST",
      /conditionCruxId: .*another debate/,
    );
    await rejects(
      newCrux(ann, { conditionCruxId: 999_999 }),
      "BAD_REQUEST",
      /conditionCruxId: no crux/,
    );
    await rejects(
      newCrux(ann, { claimId: otherClaim.id }),
      "BAD_REQUEST",
      /claimId: .*another debate/,
    );
    await rejects(newCrux(ann, { title: "  " }), "BAD_REQUEST", /title must not be empty/);
    await rejects(
      callerFor(t, null).cruxes.create({
        debateSlug: slug,
        title: "t",
        resolutionCriteria: "r",
        closesAt: inAYear(),
      }),
      "UNAUTHORIZED",
      /Sign in/,
    );
    expect((await callerFor(t, null).cruxes.forDebate({ slug })).cruxes.length).toBe(before);
  });
});

describe("conditional cruxes", () => {
  it("states the condition and rejects cycles", async () => {
    const d = await newCrux(ann, {
      title: "Will Microsoft fix Sydney with supervised fine-tuning only?",
    });
    const c = await newCrux(ann, { conditionCruxId: d.id });
    expect(c).toMatchObject({
      conditionCruxId: d.id,
      conditionTitle: "Will Microsoft fix Sydney with supervised fine-tuning only?",
    });
    await rejects(
      callerFor(t, ann).cruxes.setCondition({ id: d.id, conditionCruxId: c.id }),
      "BAD_REQUEST",
      /cycle/,
    );
    await rejects(
      callerFor(t, ann).cruxes.setCondition({ id: d.id, conditionCruxId: d.id }),
      "BAD_REQUEST",
      /cycle/,
    );
    await rejects(
      callerFor(t, bob).cruxes.setCondition({ id: c.id, conditionCruxId: null }),
      "FORBIDDEN",
      /creator/,
    );
    expect(
      await callerFor(t, ann).cruxes.setCondition({ id: c.id, conditionCruxId: null }),
    ).toEqual({ id: c.id, conditionCruxId: null });
    expect((await callerFor(t, null).cruxes.get({ id: c.id })).conditionCruxId).toBeNull();
  });
});

describe("forecasting", () => {
  it("accepts every documented form and keeps the whole history", async () => {
    const crux = await newCrux(ann);
    const api = callerFor(t, bob);
    const forms: [string | number, number][] = [
      [0.37, 0.37],
      ["37%", 0.37],
      ["1 in 20", 0.05],
      ["3:1", 0.75],
    ];
    for (const [input, expected] of forms)
      expect((await api.cruxes.forecast({ id: crux.id, probability: input })).probability).toBe(
        expected,
      );
    const view = await api.cruxes.forecasts({ id: crux.id });
    expect(view.mine.map((m) => [m.previousProbability, m.probability])).toEqual([
      [null, 0.37],
      [0.37, 0.37],
      [0.37, 0.05],
      [0.05, 0.75],
    ]);
    expect(view.current).toEqual([
      { handle: bob.handle, probability: 0.75, at: expect.any(String) },
    ]);
  });

  it("rejects a bad probability with a 400 naming probability and the accepted forms, writing nothing", async () => {
    const crux = await newCrux(ann);
    for (const probability of ["abc", "150%", 1.5, 0, Number.NaN, "0.0001"]) {
      await rejects(
        callerFor(t, bob).cruxes.forecast({ id: crux.id, probability }),
        "BAD_REQUEST",
        /probability: .*"37%".*"0\.37".*"1 in 20".*"3:1"/,
      );
    }
    expect((await callerFor(t, bob).cruxes.forecasts({ id: crux.id })).mine).toEqual([]);
  });

  it("computes the community prediction exactly as the domain function does, live", async () => {
    const crux = await newCrux(ann);
    await callerFor(t, ann).cruxes.forecast({ id: crux.id, probability: 0.2 });
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.6 });
    await callerFor(t, cat).cruxes.forecast({ id: crux.id, probability: 0.9 });
    const view = await callerFor(t, null).cruxes.get({ id: crux.id });
    const { current } = await callerFor(t, null).cruxes.forecasts({ id: crux.id });
    const expected = communityPrediction(
      current.map((f) => ({ at: Date.parse(f.at), p: f.probability })),
    );
    expect(view.communityProbability).toBe(expected);
    expect(view.forecasterCount).toBe(3);
    expect(t.published.at(-1)).toMatchObject({
      type: "forecast.placed",
      data: {
        cruxId: crux.id,
        forecasterCount: 3,
        handle: cat.handle,
        probability: 0.9,
        communityProbability: expected,
      },
    });
    const { community, histogram } = await callerFor(t, null).cruxes.forecasts({ id: crux.id });
    expect(community.map((p) => p.forecasters)).toEqual([1, 2, 3]);
    expect(histogram[2]?.users).toEqual([ann.handle]);
    expect(histogram[9]?.users).toEqual([cat.handle]);
  });

  it("withdraws a forecast, and refuses to withdraw one that is not there", async () => {
    const crux = await newCrux(ann);
    await callerFor(t, cat).cruxes.forecast({ id: crux.id, probability: 0.7 });
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.2 });
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.4 });
    await callerFor(t, bob).cruxes.withdraw({ id: crux.id });
    // The live event counts only current forecasts: bob's are all gone, cat's stands.
    expect(t.published.at(-1)).toMatchObject({
      type: "forecast.withdrawn",
      data: { forecasterCount: 1, communityProbability: 0.7 },
    });
    expect((await callerFor(t, null).cruxes.get({ id: crux.id })).forecasterCount).toBe(1);
    await rejects(callerFor(t, bob).cruxes.withdraw({ id: crux.id }), "CONFLICT", /no forecast/);
    const mine = (await callerFor(t, bob).cruxes.forecasts({ id: crux.id })).mine;
    expect(mine.map((m) => [m.previousProbability, m.probability])).toEqual([
      [null, 0.2],
      [0.2, 0.4],
      [0.4, null],
    ]);
  });

  it("refuses forecasts once the crux has closed (409)", async () => {
    const crux = await newCrux(ann);
    const later = Date.parse(crux.closesAt) + 1;
    await rejects(
      placeForecast(t.services, bob, crux.id, { probability: 0.5 }, later),
      "CONFLICT",
      /closed/,
    );
    await t.handle.db
      .update(cruxes)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(cruxes.id, crux.id));
    await rejects(
      callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.5 }),
      "CONFLICT",
      /closed/,
    );
    expect((await callerFor(t, null).cruxes.get({ id: crux.id })).status).toBe("closed");
  });

  it("posts reasoning as a reply to the crux's claim, linked to the forecast", async () => {
    const crux = await newCrux(ann);
    const result = await callerFor(t, bob).cruxes.forecast({
      id: crux.id,
      probability: "30%",
      reasoning: "Imitation learning gets most of the way.",
    });
    const { claims } = await callerFor(t, null).debates.get({ slug });
    const reply = claims.find((c) => c.id === result.reasoningClaimId);
    expect(reply).toMatchObject({ parentId: claimId, authorHandle: bob.handle });
    expect(reply?.body).toContain("**Forecast: 30%**");
    expect(reply?.body).toContain("Imitation learning gets most of the way.");
    expect(t.published.slice(-2).map((e) => e.type)).toEqual(["claim.created", "forecast.placed"]);
  });

  it("credits the claim that changed someone's mind, with before and after", async () => {
    const crux = await newCrux(ann);
    const persuasive = await callerFor(t, cat).claims.create({
      slug,
      body: "Sydney shows what SFT alone gives you.",
      parentId: claimId,
      stance: "opposes",
    });
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.7 });
    await callerFor(t, bob).cruxes.forecast({
      id: crux.id,
      probability: 0.4,
      movedByClaimId: persuasive.id,
    });
    const state = await callerFor(t, null).cruxes.forDebate({ slug });
    const moved = state.moved.find((m) => m.claimId === persuasive.id);
    expect(moved?.changes).toEqual([
      expect.objectContaining({ handle: bob.handle, cruxId: crux.id, before: 0.7, after: 0.4 }),
    ]);
    expect(
      (await callerFor(t, bob).cruxes.forecasts({ id: crux.id })).mine.at(-1)?.movedByClaimId,
    ).toBe(persuasive.id);
    await rejects(
      callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.5, movedByClaimId: 999_999 }),
      "BAD_REQUEST",
      /movedByClaimId/,
    );
  });
});

describe("hiding the crowd until you forecast", () => {
  it("keeps hidden numbers out of every response and event until the viewer has forecast", async () => {
    const crux = await newCrux(ann, { hideCrowdUntilForecast: true });
    await callerFor(t, ann).cruxes.forecast({ id: crux.id, probability: 0.123 });
    const event = t.published.at(-1);
    expect(event?.data).toEqual({ cruxId: crux.id, forecasterCount: 1 });

    for (const viewer of [null, bob]) {
      const view = await callerFor(t, viewer).cruxes.get({ id: crux.id });
      expect(view).toMatchObject({
        crowdHidden: true,
        communityProbability: null,
        forecasterCount: 1,
      });
      const forecasts = await callerFor(t, viewer).cruxes.forecasts({ id: crux.id });
      expect(forecasts).toMatchObject({
        crowdHidden: true,
        current: [],
        community: [],
        histogram: [],
      });
      const state = await callerFor(t, viewer).cruxes.forDebate({ slug });
      expect(JSON.stringify(state)).not.toContain("0.123");
    }
    const { events } = await callerFor(t, null).debates.events({ slug, after: 0 });
    expect(JSON.stringify(events)).not.toContain("0.123");

    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.5 });
    const visible = await callerFor(t, bob).cruxes.get({ id: crux.id });
    expect(visible.crowdHidden).toBe(false);
    expect(visible.communityProbability).toBeCloseTo((0.123 + 0.5) / 2, 12);
    expect(
      (await callerFor(t, bob).cruxes.forecasts({ id: crux.id })).current
        .map((f) => f.handle)
        .sort(),
    ).toEqual([ann.handle, bob.handle].sort());
  });

  it("keeps the value out of the raw API v1 JSON too", async () => {
    const crux = await newCrux(ann, { hideCrowdUntilForecast: true });
    await callerFor(t, ann).cruxes.forecast({ id: crux.id, probability: 0.777 });
    const catKey = await createApiKey(t.handle.db, cat.id);
    for (const path of [
      `/cruxes/${crux.id}`,
      `/cruxes/${crux.id}/forecasts`,
      `/debates/${slug}/cruxes`,
      `/debates/${slug}/events?after=0`,
    ]) {
      for (const headers of [{}, { authorization: `Bearer ${catKey}` }] as Record<
        string,
        string
      >[]) {
        const res = await handleApiV1(new Request(`http://localhost/api/v1${path}`, { headers }));
        expect(res.status).toBe(200);
        expect(await res.text()).not.toContain("0.777");
      }
    }
    const res = await handleApiV1(new Request(`http://localhost/api/v1/cruxes/${crux.id}`));
    expect(await res.json()).toMatchObject({ communityProbability: null, forecasterCount: 1 });
  });
});

describe("links, strength and double cruxes", () => {
  it("links a crux to claims with conditional probabilities and finds the double crux", async () => {
    const crux = await newCrux(ann);
    const target = await callerFor(t, ann).claims.create({
      slug,
      body: "RLHF research sped up AI timelines.",
    });
    await rejects(
      callerFor(t, ann).cruxes.link({ id: crux.id, claimId: target.id, pClaimIfYes: 0.9 }),
      "BAD_REQUEST",
      /both/,
    );
    await rejects(
      callerFor(t, ann).cruxes.link({
        id: crux.id,
        claimId: target.id,
        pClaimIfYes: "abc",
        pClaimIfNo: 0.1,
      }),
      "BAD_REQUEST",
      /pClaimIfYes/,
    );

    // bob agrees with the claim, cat disagrees; both rate the crux strong and forecast it far apart.
    await callerFor(t, bob).claims.vote({ id: target.id, axis: "agreement", value: 1 });
    await callerFor(t, cat).claims.vote({ id: target.id, axis: "agreement", value: -1 });
    expect(
      await callerFor(t, bob).cruxes.link({
        id: crux.id,
        claimId: target.id,
        pClaimIfYes: "90%",
        pClaimIfNo: "20%",
      }),
    ).toEqual({
      cruxId: crux.id,
      claimId: target.id,
      pClaimIfYes: 0.9,
      pClaimIfNo: 0.2,
    });
    await callerFor(t, cat).cruxes.link({
      id: crux.id,
      claimId: target.id,
      pClaimIfYes: 0.6,
      pClaimIfNo: 0.1,
    });
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.8 });
    await callerFor(t, cat).cruxes.forecast({ id: crux.id, probability: 0.25 });

    const { doubleCruxes } = await callerFor(t, null).cruxes.doubleCruxesForClaim({
      id: target.id,
    });
    expect(doubleCruxes).toEqual([
      expect.objectContaining({
        agrees: bob.handle,
        disagrees: cat.handle,
        cruxId: crux.id,
        strengthAgrees: expect.closeTo(0.7, 12),
        strengthDisagrees: expect.closeTo(0.5, 12),
        score: expect.closeTo(0.5 * 0.55, 12),
      }),
    ]);
    const forCat = await callerFor(t, null).cruxes.doubleCruxesForUser({ handle: cat.handle });
    expect(forCat.doubleCruxes.map((d) => [d.cruxId, d.claimId])).toContainEqual([
      crux.id,
      target.id,
    ]);
    expect(
      (await callerFor(t, null).cruxes.doubleCruxesForUser({ handle: ann.handle })).doubleCruxes,
    ).toEqual([]);
    expect((await callerFor(t, bob).cruxes.forecasts({ id: crux.id })).myJudgements).toEqual([
      { claimId: target.id, pClaimIfYes: 0.9, pClaimIfNo: 0.2 },
    ]);
    expect(t.published.some((e) => e.type === "crux.linked" && e.data.claimId === target.id)).toBe(
      true,
    );
  });
});

describe("state of the debate", () => {
  it("orders open cruxes by how much forecasters disagree and lists recent changes", async () => {
    const [s] = await t.handle.db
      .insert(debates)
      .values({ slug: `state-${Date.now()}`, title: "State" })
      .returning();
    const make = (title: string) =>
      callerFor(t, ann).cruxes.create({
        debateSlug: s!.slug,
        title,
        resolutionCriteria: "r",
        closesAt: inAYear(),
      });
    const calm = await make("Calm?");
    const split = await make("Split?");
    await callerFor(t, bob).cruxes.forecast({ id: calm.id, probability: 0.5 });
    await callerFor(t, cat).cruxes.forecast({ id: calm.id, probability: 0.55 });
    await callerFor(t, bob).cruxes.forecast({ id: split.id, probability: 0.05 });
    await callerFor(t, cat).cruxes.forecast({ id: split.id, probability: 0.95 });
    const state = await callerFor(t, bob).cruxes.forDebate({ slug: s!.slug });
    expect(state.cruxes.map((c) => c.title)).toEqual(["Split?", "Calm?"]);
    expect(state.cruxes[0]?.spread).toBeCloseTo(0.45, 12);
    expect(state.cruxes[0]?.myProbability).toBe(0.05);
    expect(state.recent.map((r) => [r.handle, r.cruxTitle, r.after])).toEqual([
      [cat.handle, "Split?", 0.95],
      [bob.handle, "Split?", 0.05],
      [cat.handle, "Calm?", 0.55],
      [bob.handle, "Calm?", 0.5],
    ]);
  });
});

describe("API v1 for cruxes", () => {
  it("creates, reads and forecasts with the documented shapes", async () => {
    const key = await createApiKey(t.handle.db, ann.id);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await handleApiV1(
        new Request(`http://localhost/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const created = await call("POST", "/cruxes", {
      debateSlug: slug,
      claimId,
      title: "Via API?",
      resolutionCriteria: "r",
      closesAt: inAYear(),
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ status: "open", title: "Via API?" });
    const id = created.json.id as number;
    const forecast = await call("POST", `/cruxes/${id}/forecasts`, { probability: "1 in 4" });
    expect(forecast.json).toMatchObject({
      probability: 0.25,
      id: expect.any(Number),
      at: expect.any(String),
    });
    const got = await call("GET", `/cruxes/${id}`);
    for (const key of [
      "id",
      "debateSlug",
      "claimId",
      "title",
      "resolutionCriteria",
      "status",
      "outcome",
      "closesAt",
      "conditionCruxId",
      "communityProbability",
      "forecasterCount",
    ])
      expect(got.json).toHaveProperty(key);
    expect(got.json).toMatchObject({ communityProbability: 0.25, forecasterCount: 1 });
    const bad = await call("POST", `/cruxes/${id}/forecasts`, { probability: "150%" });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/probability: .*accepted|probability: .*"37%"/);
    const link = await call("POST", `/cruxes/${id}/links`, {
      claimId,
      pClaimIfYes: 0.8,
      pClaimIfNo: 0.3,
    });
    expect(link.json).toEqual({ cruxId: id, claimId, pClaimIfYes: 0.8, pClaimIfNo: 0.3 });
    await t.handle.db
      .update(cruxes)
      .set({ closesAt: new Date(Date.now() - 1) })
      .where(eq(cruxes.id, id));
    const closed = await call("POST", `/cruxes/${id}/forecasts`, { probability: 0.5 });
    expect(closed.status).toBe(409);
    expect((await call("GET", "/cruxes/999999")).status).toBe(404);
  });
});
