/**
 * Reports, the moderation queue and hidden claims (docs/moderation.md), on PostgreSQL and PGlite:
 * one report per person per item, who may do what, and a hidden claim's text reaching nobody
 * else through any read path (tRPC, API v1, export, events).
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debates, reports } from "@/db/schema";
import { handleApiV1 } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import type { UserRecord } from "@/server/usecases/accounts";
import { createApiKey } from "@/server/usecases/accounts";
import { grantModerator, moderationLogFor } from "../support/moderation";
import { rejects } from "../support/rejects";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
let admin: UserRecord;
let author: UserRecord;
let reader: UserRecord;
let reporter2: UserRecord;
let siteMod: UserRecord;
let debateMod: UserRecord;
let otherMod: UserRecord;
const slug = "rlhf-impact";
const otherSlug = `other-${process.pid}`;
let debateId: number;

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  setDatabase(t.handle);
  admin = await makeUser(t, { isAdmin: true });
  author = await makeUser(t);
  reader = await makeUser(t);
  reporter2 = await makeUser(t);
  siteMod = await makeUser(t);
  debateMod = await makeUser(t);
  otherMod = await makeUser(t);
  await callerFor(t, admin).debates.create({ slug: otherSlug, title: "Another question" });
  const ids = await t.handle.db.select({ id: debates.id, slug: debates.slug }).from(debates);
  debateId = ids.find((d) => d.slug === slug)!.id;
  await grantModerator(t, admin, siteMod, null);
  await grantModerator(t, admin, debateMod, slug);
  await grantModerator(t, admin, otherMod, otherSlug);
});
afterAll(() => t.close());

const post = (user: UserRecord, body: string, parentId?: number) =>
  callerFor(t, user).claims.create({ slug, body, parentId: parentId ?? null });

const reportCount = async () => (await t.handle.db.select({ n: count() }).from(reports))[0]?.n ?? 0;

describe("reports", () => {
  it("takes one report per person per item: a second is a 409 that says so", async () => {
    const claim = await post(author, "Report me once.");
    const before = await reportCount();
    const first = await callerFor(t, reader).reports.create({
      kind: "claim",
      id: claim.id,
      reason: "spam",
    });
    expect(first).toMatchObject({ status: "open", reopened: false });
    await rejects(
      callerFor(t, reader).reports.create({ kind: "claim", id: claim.id, reason: "harassment" }),
      "CONFLICT",
      /already reported this claim/,
    );
    await callerFor(t, reporter2).reports.create({ kind: "claim", id: claim.id, reason: "spam" });
    expect(await reportCount()).toBe(before + 2);
  });

  it("refuses what a person can fix, writing nothing", async () => {
    const claim = await post(author, "Bad reports.");
    const before = await reportCount();
    const api = callerFor(t, reader);
    await rejects(
      api.reports.create({ kind: "claim", id: claim.id, reason: "other" }),
      "BAD_REQUEST",
      /say what is wrong/,
    );
    await rejects(
      api.reports.create({ kind: "claim", id: 2_000_000_000, reason: "spam" }),
      "NOT_FOUND",
      /No claim/,
    );
    await rejects(
      api.reports.create({ kind: "user", handle: reader.handle, reason: "spam" }),
      "BAD_REQUEST",
      /yourself/,
    );
    await rejects(api.reports.create({ kind: "crux", reason: "spam" }), "BAD_REQUEST", /id/);
    await rejects(
      callerFor(t, null).reports.create({ kind: "claim", id: claim.id, reason: "spam" }),
      "UNAUTHORIZED",
      /Sign in/,
    );
    expect(await reportCount()).toBe(before);
  });

  it("reopens a closed report when its reporter reports again", async () => {
    const claim = await post(author, "Reported, dismissed, reported again.");
    const { id } = await callerFor(t, reader).reports.create({
      kind: "claim",
      id: claim.id,
      reason: "spam",
    });
    await callerFor(t, siteMod).reports.dismiss({ id, note: "fine" });
    const again = await callerFor(t, reader).reports.create({
      kind: "claim",
      id: claim.id,
      reason: "other",
      details: "it got worse",
    });
    expect(again).toEqual({ id, status: "open", reopened: true });
  });
});

describe("the queue and who may act", () => {
  it("groups by item and orders newest first or most reported first", async () => {
    const a = await post(author, "Queue A");
    const b = await post(author, "Queue B");
    await callerFor(t, reader).reports.create({ kind: "claim", id: a.id, reason: "spam" });
    await callerFor(t, reporter2).reports.create({ kind: "claim", id: a.id, reason: "harassment" });
    await callerFor(t, reader).reports.create({ kind: "claim", id: b.id, reason: "off-topic" });
    const newest = await callerFor(t, siteMod).reports.queue({ order: "newest" });
    const ids = newest.items.map((i) => i.targetId);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const most = await callerFor(t, siteMod).reports.queue({ order: "most-reported" });
    const groupA = most.items.find((i) => i.targetId === a.id)!;
    expect(groupA.reports.map((r) => r.reporterHandle).sort()).toEqual(
      [reader.handle, reporter2.handle].sort(),
    );
    expect(groupA.reasons).toEqual({ spam: 1, harassment: 1 });
    expect(groupA.context).toMatchObject({ kind: "claim", body: "Queue A", debateSlug: slug });
    const mIds = most.items.map((i) => i.targetId);
    expect(mIds.indexOf(a.id)).toBeLessThan(mIds.indexOf(b.id));
  });

  it("shows each moderator only their scope; user reports need site-wide scope", async () => {
    const claim = await post(author, "Scoped.");
    await callerFor(t, reader).reports.create({ kind: "claim", id: claim.id, reason: "spam" });
    await callerFor(t, reader).reports.create({
      kind: "user",
      handle: author.handle,
      reason: "harassment",
    });
    const has = (
      q: { items: { targetKind: string; targetId: number }[] },
      kind: string,
      id: number,
    ) => q.items.some((i) => i.targetKind === kind && i.targetId === id);
    const mine = await callerFor(t, debateMod).reports.queue({ order: "newest" });
    expect(has(mine, "claim", claim.id)).toBe(true);
    expect(has(mine, "user", author.id)).toBe(false);
    const other = await callerFor(t, otherMod).reports.queue({ order: "newest" });
    expect(has(other, "claim", claim.id)).toBe(false);
    const site = await callerFor(t, siteMod).reports.queue({ order: "newest" });
    expect(has(site, "user", author.id)).toBe(true);
    const user = site.items.find((i) => i.targetKind === "user" && i.targetId === author.id)!;
    expect(user.context).toMatchObject({ kind: "user", handle: author.handle });
    await rejects(
      callerFor(t, reader).reports.queue({ order: "newest" }),
      "FORBIDDEN",
      /Only moderators and admins/,
    );
  });

  it("lets only moderators in scope hide, restore, resolve and dismiss", async () => {
    const claim = await post(author, "Who may hide me?");
    const { id: reportId } = await callerFor(t, reader).reports.create({
      kind: "claim",
      id: claim.id,
      reason: "spam",
    });
    const userReport = await callerFor(t, reader).reports.create({
      kind: "user",
      handle: otherMod.handle,
      reason: "spam",
    });
    for (const who of [reader, author, otherMod]) {
      const api = callerFor(t, who);
      await rejects(
        api.reports.hideClaim({ id: claim.id, reason: "no" }),
        "FORBIDDEN",
        /moderators/,
      );
      await rejects(api.reports.resolve({ id: reportId, note: "" }), "FORBIDDEN", /moderators/);
      await rejects(api.reports.dismiss({ id: reportId, note: "" }), "FORBIDDEN", /moderators/);
    }
    // A user report has no debate: per-debate moderators can't close it.
    await rejects(
      callerFor(t, debateMod).reports.dismiss({ id: userReport.id, note: "" }),
      "FORBIDDEN",
      /moderators/,
    );
    await callerFor(t, debateMod).reports.hideClaim({ id: claim.id, reason: "spam" });
    await rejects(
      callerFor(t, otherMod).reports.restoreClaim({ id: claim.id, note: "" }),
      "FORBIDDEN",
      /moderators/,
    );
    await callerFor(t, siteMod).reports.restoreClaim({ id: claim.id, note: "was fine" });
    await callerFor(t, admin).reports.hideClaim({ id: claim.id, reason: "again" });
    const closed = await callerFor(t, debateMod).reports.resolve({ id: reportId, note: "hidden" });
    expect(closed).toEqual({ closed: 1, status: "resolved" });
    await rejects(
      callerFor(t, siteMod).reports.resolve({ id: reportId, note: "" }),
      "CONFLICT",
      /already resolved/,
    );
    await callerFor(t, siteMod).reports.dismiss({ id: userReport.id, note: "not abuse" });
  });

  it("resolves a whole group with one note, and audits every action", async () => {
    const claim = await post(author, "Audited.");
    const r1 = await callerFor(t, reader).reports.create({
      kind: "claim",
      id: claim.id,
      reason: "spam",
    });
    await callerFor(t, reporter2).reports.create({ kind: "claim", id: claim.id, reason: "spam" });
    await callerFor(t, debateMod).reports.hideClaim({ id: claim.id, reason: "advertising" });
    await callerFor(t, debateMod).reports.restoreClaim({ id: claim.id, note: "second look" });
    const closed = await callerFor(t, debateMod).reports.resolve({ id: r1.id, note: "handled" });
    expect(closed.closed).toBe(2);
    const log = await moderationLogFor(t, debateMod);
    const mine = log.filter(
      (e) =>
        (e.targetKind === "claim" && e.targetId === claim.id) ||
        (e.targetKind === "report" && e.targetId === r1.id),
    );
    expect(mine.map((e) => [e.action, e.reason]).sort()).toEqual(
      [
        ["claim.hide", "advertising"],
        ["claim.restore", "second look"],
        ["report.resolve", "handled"],
      ].sort(),
    );
    expect(mine.every((e) => e.debate?.slug === slug)).toBe(true);
  });

  it("writes nothing when an action is refused", async () => {
    const claim = await post(author, "Refused.");
    const before = await moderationLogFor(t, admin);
    const seq = (
      await t.handle.db.select({ s: debates.lastSeq }).from(debates).where(eq(debates.id, debateId))
    )[0]!.s;
    await rejects(
      callerFor(t, reader).reports.hideClaim({ id: claim.id, reason: "x" }),
      "FORBIDDEN",
      /moderators/,
    );
    await rejects(
      callerFor(t, debateMod).reports.hideClaim({ id: claim.id, reason: "  " }),
      "BAD_REQUEST",
      /say why/,
    );
    await rejects(
      callerFor(t, debateMod).reports.restoreClaim({ id: claim.id, note: "" }),
      "CONFLICT",
      /not hidden/,
    );
    expect((await moderationLogFor(t, admin)).length).toBe(before.length);
    const after = (
      await t.handle.db.select({ s: debates.lastSeq }).from(debates).where(eq(debates.id, debateId))
    )[0]!.s;
    expect(after).toBe(seq);
  });
});

async function api(path: string, key?: string) {
  const res = await handleApiV1(
    new Request(`http://localhost/api/v1${path}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
  );
  return { status: res.status, text: await res.text() };
}

describe("a hidden claim's text", () => {
  const SECRET = "zq-secret-words-9931";
  let claimId: number;
  let replyId: number;
  let publishedBefore: number;
  let cruxId: number;

  beforeAll(async () => {
    const claim = await post(author, `First draft ${SECRET}`);
    claimId = claim.id;
    // An earlier version and a reaction, both quoting the text.
    await callerFor(t, author).claims.edit({ id: claimId, body: `Now: ${SECRET} and more` });
    await callerFor(t, reader).reactions.add({ id: claimId, kind: "unclear", quote: SECRET });
    replyId = (await post(reader, "A reply that stays.", claimId)).id;
    // A crux made from it: its page lists the claim, and the crux map labels it.
    cruxId = (
      await callerFor(t, reader).cruxes.create({
        debateSlug: slug,
        claimId,
        title: "Will the hidden claim's crux resolve YES?",
        resolutionCriteria: "It does.",
        closesAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      })
    ).id;
    publishedBefore = t.published.length;
    await callerFor(t, debateMod).reports.hideClaim({ id: claimId, reason: "doxxing" });
  });

  it("reaches nobody else through tRPC reads, with the reason in its place; replies stay", async () => {
    for (const who of [null, reader, otherMod]) {
      const c = callerFor(t, who);
      const thread = await c.debates.get({ slug });
      const view = thread.claims.find((x) => x.id === claimId)!;
      expect(view.hidden).toEqual({ reason: "doxxing", bodyShown: false });
      expect(view.reactions).toEqual([]);
      expect(thread.claims.some((x) => x.id === replyId && x.parentId === claimId)).toBe(true);
      const reads = [
        thread,
        await c.debates.window({ slug, sort: "oldest", skip: 0 }),
        await c.debates.page({ slug, from: 0, focusId: claimId }),
        await c.debates.branch({ slug, claimId }),
        await c.claims.get({ id: claimId }),
        await c.claims.revisions({ id: claimId }),
        await c.reactions.list({ id: claimId }),
        await c.debates.search({ slug, q: SECRET, sort: "oldest" }),
        await c.debates.export({ slug }),
        await c.people.profile({ handle: author.handle }),
        await c.cruxes.get({ id: cruxId }),
        await c.cruxes.forecasts({ id: cruxId }),
        await c.cruxes.map({ slug }),
      ];
      for (const read of reads) expect(JSON.stringify(read)).not.toContain(SECRET);
    }
  });

  it("is found by nobody's search, and the profile shows the placeholder", async () => {
    const hits = await callerFor(t, null).debates.search({ slug, q: SECRET, sort: "oldest" });
    expect(hits.total).toBe(0);
    const profile = await callerFor(t, null).people.profile({ handle: author.handle });
    expect(profile.recentClaims.find((c) => c.id === claimId)?.body).toBe(
      "hidden by moderators: doxxing",
    );
  });

  it("stays out of API v1 reads and of every event", async () => {
    const key = await createApiKey(t.handle.db, reader.id);
    for (const path of [
      `/debates/${slug}`,
      `/debates/${slug}/window`,
      `/claims/${claimId}`,
      `/claims/${claimId}/revisions`,
      `/claims/${claimId}/reactions`,
      `/debates/${slug}/search?q=${SECRET}`,
      `/debates/${slug}/export`,
      `/debates/${slug}/export?format=csv`,
      `/debates/${slug}/events?after=0`,
    ]) {
      for (const k of [undefined, key]) {
        const res = await api(path, k);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain(SECRET);
      }
    }
    const events = t.published.slice(publishedBefore);
    expect(events.map((e) => e.type)).toEqual(["claim.hidden", "claim.reactions"]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it("shows its author and the debate's moderators the text, marked hidden", async () => {
    for (const who of [author, debateMod, siteMod, admin]) {
      const c = callerFor(t, who);
      const view = (await c.debates.get({ slug })).claims.find((x) => x.id === claimId)!;
      expect(view.body).toContain(SECRET);
      expect(view.hidden).toEqual({ reason: "doxxing", bodyShown: true });
      expect((await c.claims.get({ id: claimId })).body).toContain(SECRET);
      expect((await c.claims.revisions({ id: claimId })).revisions.length).toBe(1);
    }
  });

  it("keeps an edit by its author out of the events, and refuses quoting or reacting to it", async () => {
    const before = t.published.length;
    const mine = await callerFor(t, author).claims.edit({ id: claimId, body: `Edited ${SECRET}` });
    expect(mine.body).toContain(SECRET);
    const events = t.published.slice(before);
    expect(events.map((e) => e.type)).toEqual(["claim.edited"]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    await rejects(
      callerFor(t, reader).claims.create({ slug, body: "quote", parentId: claimId, quote: SECRET }),
      "BAD_REQUEST",
      /hidden by moderators/,
    );
    await rejects(
      callerFor(t, reader).reactions.add({ id: claimId, kind: "agree" }),
      "CONFLICT",
      /hidden by moderators/,
    );
  });

  it("comes back for everyone when restored, reactions too, live", async () => {
    const before = t.published.length;
    await callerFor(t, siteMod).reports.restoreClaim({ id: claimId, note: "context added" });
    const events = t.published.slice(before);
    expect(events.map((e) => e.type)).toEqual(["claim.restored", "claim.reactions"]);
    const view = (await callerFor(t, null).debates.get({ slug })).claims.find(
      (x) => x.id === claimId,
    )!;
    expect(view.body).toContain(SECRET);
    expect(view.hidden).toBeUndefined();
    expect(view.reactions.length).toBe(1);
  });
});
