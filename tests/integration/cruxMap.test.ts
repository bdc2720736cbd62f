/** The crux map and claim camps: use-cases through tRPC, and the same through API v1. */
import { and, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claims, debates } from "@/db/schema";
import { handleApiV1 } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import { findUserByHandle, type UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  setDatabase(t.handle);
});
afterAll(() => t.close());

async function get(path: string) {
  const res = await handleApiV1(new Request(`http://localhost/api/v1${path}`));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function seededClaim(start: string) {
  const [row] = await t.handle.db
    .select({ id: claims.id })
    .from(claims)
    .where(like(claims.body, `${start}%`));
  return row!.id;
}

describe("the state of the debate", () => {
  it("names where the camps split most, the widest gap on the viewer's map", async () => {
    const state = await callerFor(t, null).cruxes.forDebate({ slug: "rlhf-impact" });
    const map = await callerFor(t, null).cruxes.map({ slug: "rlhf-impact" });
    const gaps = map.edges.flatMap((e) => (e.camps?.gap == null ? [] : [e.camps.gap]));
    expect(gaps.length).toBeGreaterThan(0);
    expect(state.widestGap).not.toBeNull();
    expect(state.widestGap!.gap).toBe(Math.max(...gaps));
    expect(Math.abs(state.widestGap!.agreeMedian - state.widestGap!.disagreeMedian)).toBeCloseTo(
      state.widestGap!.gap,
      12,
    );
    const res = await get("/debates/rlhf-impact/cruxes");
    expect(res.json.widestGap).toEqual(state.widestGap);
  });
});

describe("the seeded debate's map", () => {
  it("has every position and crux, and links weighted by strength", async () => {
    const map = await callerFor(t, null).cruxes.map({ slug: "rlhf-impact" });
    const positions = await t.handle.db
      .select({ id: claims.id })
      .from(claims)
      .innerJoin(debates, eq(debates.id, claims.debateId))
      .where(and(eq(debates.slug, "rlhf-impact"), isNull(claims.parentId)));
    const claimNodes = map.nodes.filter((n) => n.kind === "claim");
    for (const p of positions) expect(claimNodes.map((n) => n.ref)).toContain(p.id);
    // Seven yes/no cruxes and the two numeric ones (docs/numeric-cruxes.md).
    expect(map.nodes.filter((n) => n.kind === "crux")).toHaveLength(9);
    expect(map.edges.filter((e) => e.kind === "condition")).toHaveLength(1);
    // A numeric crux shows its community median (the seeded 1-4 and 8-16 weeks), not a probability.
    const timeline = map.nodes.find((n) => n.kind === "crux" && n.median)!;
    expect(timeline.median!.unit).toBe("weeks");
    expect(timeline.median!.value).toBeGreaterThan(1);
    expect(timeline.median!.value).toBeLessThan(16);
    expect(timeline.forecasterCount).toBeGreaterThanOrEqual(2);

    // "Was RLHF necessary…" on c07: commenter-9 |0.2-0.8| = 0.6, commenter-1 |0.1-0.5| = 0.4.
    const c07 = await seededClaim("**Objection: RLHF makes AI systems more useful");
    const necessary = map.nodes.find((n) => n.label.startsWith("Was RLHF necessary"))!;
    const edge = map.edges.find((e) => e.from === necessary.id && e.to === `claim-${c07}`)!;
    expect(edge.strength).toBeCloseTo(0.5, 12);
    expect(edge.doubleCrux).toBe(true);
    // commenter-9 agrees (forecast 0.3), commenter-1 disagrees (0.85).
    expect(edge.camps).toEqual({ agreeMedian: 0.3, disagreeMedian: 0.85, gap: expect.any(Number) });
    expect(edge.camps!.gap).toBeCloseTo(0.55, 12);
    expect(necessary).toMatchObject({ status: "open", crowdHidden: false, doubleCrux: true });
    expect(necessary.probability).toBeGreaterThan(0);
  });

  it("hides the mode-collapse crux's numbers until the viewer has forecast", async () => {
    const anonymous = await callerFor(t, null).cruxes.map({ slug: "rlhf-impact" });
    const hidden = anonymous.nodes.find((n) => n.label.startsWith("Is mode collapse"))!;
    expect(hidden).toMatchObject({ crowdHidden: true, probability: null, doubleCrux: false });
    for (const e of anonymous.edges.filter((e) => e.from === hidden.id))
      expect(e.camps).toEqual({ agreeMedian: null, disagreeMedian: null, gap: null });

    const forecaster = (await findUserByHandle(t.handle.db, "commenter-14"))!;
    const theirs = await callerFor(t, forecaster).cruxes.map({ slug: "rlhf-impact" });
    const shown = theirs.nodes.find((n) => n.id === hidden.id)!;
    expect(shown.crowdHidden).toBe(false);
    expect(shown.probability).toBeGreaterThan(0);
    const c11 = await seededClaim("**Objection: RLHF is less safe");
    // commenter-19 agrees with c11 (forecast 0.35), commenter-14 disagrees (0.7).
    const camps = await callerFor(t, forecaster).cruxes.camps({ id: c11 });
    expect(camps.cruxes.find((c) => c.cruxId === shown.ref)).toMatchObject({
      agreeMedian: 0.35,
      disagreeMedian: 0.7,
    });
    const anonCamps = await callerFor(t, null).cruxes.camps({ id: c11 });
    expect(anonCamps.cruxes.find((c) => c.cruxId === shown.ref)).toMatchObject({
      agreeMedian: null,
      disagreeMedian: null,
      gap: null,
    });
  });
});

describe("a map built step by step", () => {
  let ann: UserRecord;
  let bob: UserRecord;
  let cat: UserRecord;
  let dan: UserRecord;
  const slug = "map-debate";
  let position: number;
  let reply: number;

  beforeAll(async () => {
    [ann, bob, cat, dan] = [
      await makeUser(t),
      await makeUser(t),
      await makeUser(t),
      await makeUser(t),
    ];
    await t.handle.db.insert(debates).values({ slug, title: "Map debate" });
    position = (await callerFor(t, ann).claims.create({ slug, body: "Position one" })).id;
    reply = (
      await callerFor(t, ann).claims.create({
        slug,
        parentId: position,
        stance: "opposes",
        body: "A reply",
      })
    ).id;
    await callerFor(t, bob).claims.vote({ id: reply, axis: "agreement", value: 1 });
    await callerFor(t, dan).claims.vote({ id: reply, axis: "agreement", value: -1 });
    await callerFor(t, cat).claims.vote({ id: reply, axis: "agreement", value: -1 });
  });

  it("starts with the position alone, then grows with cruxes, links, ratings and conditions", async () => {
    const empty = await callerFor(t, null).cruxes.map({ slug });
    expect(empty.nodes.map((n) => n.id)).toEqual([`claim-${position}`]);
    expect(empty.edges).toEqual([]);

    const base = await callerFor(t, ann).cruxes.create({
      debateSlug: slug,
      title: "Will the base question resolve YES?",
      resolutionCriteria: "It does.",
      closesAt: inAYear(),
    });
    const crux = await callerFor(t, ann).cruxes.create({
      debateSlug: slug,
      claimId: reply,
      title: "Will the reply's crux resolve YES?",
      resolutionCriteria: "It does.",
      closesAt: inAYear(),
      conditionCruxId: base.id,
    });
    await callerFor(t, bob).cruxes.link({
      id: crux.id,
      claimId: reply,
      pClaimIfYes: 0.9,
      pClaimIfNo: 0.3,
    });
    await callerFor(t, cat).cruxes.link({
      id: crux.id,
      claimId: reply,
      pClaimIfYes: 0.4,
      pClaimIfNo: 0.6,
    });
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.8 });
    await callerFor(t, cat).cruxes.forecast({ id: crux.id, probability: 0.3 });
    await callerFor(t, dan).cruxes.forecast({ id: crux.id, probability: 0.1 });

    const map = await callerFor(t, null).cruxes.map({ slug });
    expect(map.nodes.map((n) => n.id).sort()).toEqual(
      [`claim-${position}`, `claim-${reply}`, `crux-${base.id}`, `crux-${crux.id}`].sort(),
    );
    expect(map.nodes.find((n) => n.id === `claim-${reply}`)).toMatchObject({
      positionId: position,
      agree: 1,
    });
    expect(map.edges).toContainEqual({
      from: `crux-${crux.id}`,
      to: `crux-${base.id}`,
      kind: "condition",
    });
    const link = map.edges.find((e) => e.kind === "bears-on")!;
    // bob 0.6, cat 0.2 -> 0.4.
    expect(link.strength).toBeCloseTo(0.4, 12);
    expect(link.raters).toBe(2);

    // Camps on the reply: bob agrees (0.8); dan and cat disagree (0.1, 0.3 -> 0.2); gap 0.6.
    const camps = await callerFor(t, null).cruxes.camps({ id: reply });
    expect(camps.disagree).toBe(2);
    expect(camps.cruxes).toHaveLength(1);
    expect(camps.cruxes[0]!.agreeMedian).toBeCloseTo(0.8, 12);
    expect(camps.cruxes[0]!.disagreeMedian).toBeCloseTo(0.2, 12);
    expect(camps.cruxes[0]!.gap).toBeCloseTo(0.6, 12);

    // The same through API v1.
    const api = await get(`/debates/${slug}/map`);
    expect(api.status).toBe(200);
    expect(api.json.nodes).toEqual(JSON.parse(JSON.stringify(map.nodes)));
    expect(api.json.edges).toEqual(JSON.parse(JSON.stringify(map.edges)));
    const apiCamps = await get(`/claims/${reply}/camps`);
    expect(apiCamps.status).toBe(200);
    expect(apiCamps.json).toMatchObject({ agree: 1, disagree: 2 });
  });

  it("answers 404 for an unknown debate or claim and 400 for a bad id", async () => {
    expect((await get(`/debates/no-such-debate/map`)).status).toBe(404);
    expect((await get(`/claims/999999/camps`)).status).toBe(404);
    expect((await get(`/claims/abc/camps`)).status).toBe(400);
  });
});
