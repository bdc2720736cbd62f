import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimRevisions, claims, debates } from "@/db/schema";
import type { UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let alice: UserRecord;
let bob: UserRecord;
const slug = "rlhf-impact";

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  alice = await makeUser(t);
  bob = await makeUser(t);
});
afterAll(() => t.close());

/** Everything a failed write could have half-written: counts and the debate's event counter. */
async function snapshot() {
  const [c] = await t.handle.db.select({ n: count() }).from(claims);
  const [d] = await t.handle.db
    .select({ seq: debates.lastSeq })
    .from(debates)
    .where(eq(debates.slug, slug));
  const [r] = await t.handle.db.select({ n: count() }).from(claimRevisions);
  return { claims: c?.n, seq: d?.seq, revisions: r?.n, published: t.published.length };
}

describe("reading debates", () => {
  it("lists the seeded debate with its claim count", async () => {
    const { debates: list } = await callerFor(t, null).debates.list();
    const rlhf = list.find((d) => d.slug === slug);
    expect(rlhf?.title).toBe("The impact of RLHF research");
    expect(rlhf?.claimCount).toBeGreaterThanOrEqual(30);
  });

  it("returns the whole thread with authors, stances and tallies", async () => {
    const thread = await callerFor(t, null).debates.get({ slug });
    expect(thread.claims.length).toBeGreaterThanOrEqual(30);
    const replies = thread.claims.filter((c) => c.parentId !== null);
    expect(replies.every((c) => c.stance !== null)).toBe(true);
    expect(thread.claims.some((c) => c.quality !== 0)).toBe(true);
    expect(thread.claims[0]?.authorHandle).toBe("post-author");
  });

  it("says which debate is missing", async () => {
    await rejects(callerFor(t, null).debates.get({ slug: "nope" }), "NOT_FOUND", /nope/);
  });
});

describe("posting claims", () => {
  it("posts a top-level claim and a reply with a stance and a quote, each as one event", async () => {
    const before = await snapshot();
    const api = callerFor(t, alice);
    const top = await api.claims.create({ slug, body: "RLHF mattered **a lot** to ChatGPT." });
    expect(top).toMatchObject({
      parentId: null,
      stance: null,
      authorHandle: alice.handle,
      deleted: false,
      quality: 0,
    });
    const reply = await callerFor(t, bob).claims.create({
      slug,
      body: "Not that much.",
      parentId: top.id,
      stance: "opposes",
      quote: "a lot",
    });
    expect(reply).toMatchObject({ parentId: top.id, stance: "opposes", quote: "a lot" });

    const after = await snapshot();
    expect(after.claims).toBe((before.claims ?? 0) + 2);
    expect(after.seq).toBe((before.seq ?? 0) + 2);
    const events = t.published.slice(-2);
    expect(events.map((e) => [e.type, e.seq])).toEqual([
      ["claim.created", (before.seq ?? 0) + 1],
      ["claim.created", (before.seq ?? 0) + 2],
    ]);
    const { events: fromApi } = await callerFor(t, null).debates.events({
      slug,
      after: before.seq ?? 0,
    });
    expect(fromApi.map((e) => e.seq)).toEqual([(before.seq ?? 0) + 1, (before.seq ?? 0) + 2]);
  });

  it("rejects bad input with a clear error and writes nothing", async () => {
    const api = callerFor(t, alice);
    const before = await snapshot();
    const [other] = await t.handle.db
      .insert(debates)
      .values({ slug: `other-${Date.now()}`, title: "Other" })
      .returning();
    const otherClaim = await api.claims.create({ slug: other!.slug, body: "elsewhere" });
    const mid = await snapshot();
    expect(mid.seq).toBe(before.seq); // the other debate has its own counter

    await rejects(api.claims.create({ slug, body: "   " }), "BAD_REQUEST", /empty/);
    await rejects(api.claims.create({ slug, body: "x".repeat(20_001) }), "BAD_REQUEST", /20,000/);
    await rejects(
      api.claims.create({ slug, body: "hi", parentId: 999_999 }),
      "BAD_REQUEST",
      /parentId: no claim with id 999999/,
    );
    await rejects(
      api.claims.create({ slug, body: "hi", parentId: otherClaim.id }),
      "BAD_REQUEST",
      /another debate/,
    );
    await rejects(
      api.claims.create({ slug, body: "hi", stance: "supports" }),
      "BAD_REQUEST",
      /stance/,
    );
    const { claims: thread } = await callerFor(t, null).debates.get({ slug });
    const parent = thread.find((c) => !c.deleted)!;
    await rejects(
      api.claims.create({
        slug,
        body: "hi",
        parentId: parent.id,
        stance: "supports",
        quote: "words that are not there at all",
      }),
      "BAD_REQUEST",
      /quote/,
    );
    await rejects(
      callerFor(t, null).claims.create({ slug, body: "anonymous" }),
      "UNAUTHORIZED",
      /Sign in/,
    );
    await rejects(
      callerFor(t, "invalid-api-key").claims.create({ slug, body: "bad key" }),
      "UNAUTHORIZED",
      /API key/,
    );
    await rejects(
      api.claims.create({ slug: "no-such-debate", body: "hi" }),
      "NOT_FOUND",
      /no-such-debate/,
    );

    const after = await snapshot();
    expect(after).toEqual({ ...mid });
  });
});

describe("editing and deleting", () => {
  it("edits your own claim, keeps earlier versions and marks it edited", async () => {
    const api = callerFor(t, alice);
    const claim = await api.claims.create({ slug, body: "first version" });
    expect(claim.editedAt).toBeNull();
    const edited = await api.claims.edit({ id: claim.id, body: "second version" });
    expect(edited.body).toBe("second version");
    expect(edited.editedAt).not.toBeNull();
    await api.claims.edit({ id: claim.id, body: "third version" });
    const { revisions } = await callerFor(t, null).claims.revisions({ id: claim.id });
    expect(revisions.map((r) => r.body)).toEqual(["first version", "second version"]);
    expect(t.published.at(-1)).toMatchObject({
      type: "claim.edited",
      data: { claim: { id: claim.id, body: "third version" } },
    });
  });

  it("refuses to edit or delete someone else's claim, or to save an unchanged text", async () => {
    const claim = await callerFor(t, alice).claims.create({ slug, body: "mine" });
    const before = await snapshot();
    await rejects(
      callerFor(t, bob).claims.edit({ id: claim.id, body: "hijacked" }),
      "FORBIDDEN",
      /your own/,
    );
    await rejects(callerFor(t, bob).claims.delete({ id: claim.id }), "FORBIDDEN", /your own/);
    await rejects(
      callerFor(t, alice).claims.edit({ id: claim.id, body: "mine" }),
      "CONFLICT",
      /same/,
    );
    await rejects(
      callerFor(t, alice).claims.edit({ id: 999_999, body: "x" }),
      "NOT_FOUND",
      /999999/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("deletes your claim but keeps it in the tree with its replies", async () => {
    const parent = await callerFor(t, alice).claims.create({ slug, body: "to be deleted" });
    const child = await callerFor(t, bob).claims.create({
      slug,
      body: "a reply",
      parentId: parent.id,
      stance: "clarifies",
    });
    const deleted = await callerFor(t, alice).claims.delete({ id: parent.id });
    expect(deleted).toMatchObject({ id: parent.id, deleted: true, body: "" });

    const { claims: thread } = await callerFor(t, null).debates.get({ slug });
    expect(thread.find((c) => c.id === parent.id)).toMatchObject({ deleted: true, body: "" });
    expect(thread.find((c) => c.id === child.id)).toMatchObject({
      parentId: parent.id,
      body: "a reply",
    });
    expect(await callerFor(t, null).claims.revisions({ id: parent.id })).toEqual({ revisions: [] });

    await rejects(
      callerFor(t, alice).claims.delete({ id: parent.id }),
      "CONFLICT",
      /already deleted/,
    );
    await rejects(
      callerFor(t, alice).claims.edit({ id: parent.id, body: "back" }),
      "CONFLICT",
      /deleted/,
    );
    await rejects(
      callerFor(t, bob).claims.create({
        slug,
        body: "late",
        parentId: parent.id,
        stance: "opposes",
      }),
      "CONFLICT",
      /deleted/,
    );
    await rejects(
      callerFor(t, bob).claims.vote({ id: parent.id, axis: "quality", value: 1 }),
      "CONFLICT",
      /deleted/,
    );
  });

  it("lets an admin delete anyone's claim", async () => {
    const admin = await makeUser(t, { isAdmin: true });
    const claim = await callerFor(t, alice).claims.create({ slug, body: "spam" });
    expect((await callerFor(t, admin).claims.delete({ id: claim.id })).deleted).toBe(true);
  });
});

describe("two-axis voting", () => {
  it("sets, changes and removes votes on each axis, with tallies kept in step", async () => {
    const claim = await callerFor(t, alice).claims.create({ slug, body: "vote on me" });
    const bobApi = callerFor(t, bob);
    expect(await bobApi.claims.vote({ id: claim.id, axis: "quality", value: 1 })).toMatchObject({
      quality: 1,
      agree: 0,
      disagree: 0,
      value: 1,
    });
    expect(await bobApi.claims.vote({ id: claim.id, axis: "agreement", value: -1 })).toMatchObject({
      quality: 1,
      agree: 0,
      disagree: 1,
    });
    expect(await bobApi.claims.vote({ id: claim.id, axis: "quality", value: -1 })).toMatchObject({
      quality: -1,
    });
    expect(await bobApi.claims.vote({ id: claim.id, axis: "agreement", value: 1 })).toMatchObject({
      agree: 1,
      disagree: 0,
    });
    expect(await bobApi.claims.vote({ id: claim.id, axis: "quality", value: 0 })).toMatchObject({
      quality: 0,
      value: 0,
    });

    const thread = await callerFor(t, bob).debates.get({ slug });
    expect(thread.claims.find((c) => c.id === claim.id)).toMatchObject({
      quality: 0,
      agree: 1,
      disagree: 0,
    });
    expect(thread.myVotes.filter((v) => v.claimId === claim.id)).toEqual([
      { claimId: claim.id, axis: "agreement", value: 1 },
    ]);
    expect(t.published.at(-1)).toMatchObject({
      type: "claim.voted",
      data: { claimId: claim.id, quality: 0, agree: 1, disagree: 0 },
    });
  });

  it("refuses a repeated vote, removing a vote you never cast, and voting on your own claim", async () => {
    const claim = await callerFor(t, alice).claims.create({ slug, body: "once only" });
    await callerFor(t, bob).claims.vote({ id: claim.id, axis: "quality", value: 1 });
    const before = await snapshot();
    await rejects(
      callerFor(t, bob).claims.vote({ id: claim.id, axis: "quality", value: 1 }),
      "CONFLICT",
      /already voted \+1/,
    );
    await rejects(
      callerFor(t, bob).claims.vote({ id: claim.id, axis: "agreement", value: 0 }),
      "CONFLICT",
      /no agreement vote/,
    );
    await rejects(
      callerFor(t, alice).claims.vote({ id: claim.id, axis: "quality", value: 1 }),
      "FORBIDDEN",
      /own claim/,
    );
    await rejects(
      callerFor(t, null).claims.vote({ id: claim.id, axis: "quality", value: 1 }),
      "UNAUTHORIZED",
      /Sign in/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("quality votes drive the top order; agreement does not", async () => {
    const [d] = await t.handle.db
      .insert(debates)
      .values({ slug: `sorting-${Date.now()}`, title: "Sorting" })
      .returning();
    const a = await callerFor(t, alice).claims.create({ slug: d!.slug, body: "older" });
    const b = await callerFor(t, alice).claims.create({ slug: d!.slug, body: "newer" });
    await callerFor(t, bob).claims.vote({ id: b.id, axis: "quality", value: 1 });
    await callerFor(t, bob).claims.vote({ id: a.id, axis: "agreement", value: 1 });
    const { claims: thread } = await callerFor(t, null).debates.get({ slug: d!.slug });
    const { childrenByParent } = await import("@/server/domain/thread");
    expect(
      childrenByParent(thread, "top")
        .get(null)
        ?.map((c) => c.body),
    ).toEqual(["newer", "older"]);
  });
});

describe("accounts", () => {
  it("signs up with a normalised handle and refuses a taken or malformed one", async () => {
    const api = callerFor(t, null);
    const handle = `NewPerson${Date.now() % 100000}`;
    const strong = "quokka ledger tangent";
    expect(await api.account.signUp({ handle, password: strong })).toEqual({
      handle: handle.toLowerCase(),
    });
    await rejects(api.account.signUp({ handle, password: strong }), "CONFLICT", /taken/);
    await rejects(api.account.signUp({ handle: "a!", password: strong }), "BAD_REQUEST", /handle/);
    await rejects(
      api.account.signUp({ handle: "okay-handle", password: "short" }),
      "BAD_REQUEST",
      /at least 8/,
    );
  });

  it("refuses weak and common passwords, saying why", async () => {
    const api = callerFor(t, null);
    for (const weak of ["12345678", "password", "        ", "okay-handle2"])
      await rejects(
        api.account.signUp({ handle: "okay-handle2", password: weak }),
        "BAD_REQUEST",
        /password: is too easy to guess\. .+/,
      );
  });

  it("counts every byte of a long password (bcrypt alone would stop at 72)", async () => {
    const { verifyPassword } = await import("@/server/usecases/accounts");
    const long = `${"a quokka sings ".repeat(6)}first`;
    const other = `${"a quokka sings ".repeat(6)}other`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(72);
    await callerFor(t, null).account.signUp({ handle: "long-password", password: long });
    expect((await verifyPassword(t.handle.db, "long-password", long, true))?.handle).toBe(
      "long-password",
    );
    expect(await verifyPassword(t.handle.db, "long-password", other, true)).toBeNull();
  });

  it("creates API keys that identify their owner and stores only a hash", async () => {
    const { apiKey } = await callerFor(t, alice).account.createApiKey({ name: "test key" });
    const { userForApiKey } = await import("@/server/usecases/accounts");
    expect((await userForApiKey(t.handle.db, apiKey))?.handle).toBe(alice.handle);
    expect(await userForApiKey(t.handle.db, `${apiKey}x`)).toBeNull();
    const { apiKeys } = await import("@/db/schema");
    const stored = await t.handle.db.select().from(apiKeys);
    expect(stored.some((k) => k.keyHash.includes(apiKey) || apiKey.includes(k.keyHash))).toBe(
      false,
    );
  });

  it("checks passwords and keeps demo accounts out when demo login is off", async () => {
    const { verifyPassword } = await import("@/server/usecases/accounts");
    expect((await verifyPassword(t.handle.db, alice.handle, "correct horse", false))?.id).toBe(
      alice.id,
    );
    expect(await verifyPassword(t.handle.db, alice.handle, "wrong horse", false)).toBeNull();
    expect((await verifyPassword(t.handle.db, "post-author", "cruxible-demo", true))?.handle).toBe(
      "post-author",
    );
    expect(await verifyPassword(t.handle.db, "post-author", "cruxible-demo", false)).toBeNull();
  });
});

describe("starting debates", () => {
  it("creates a debate with its own event counter and refuses a taken or malformed slug", async () => {
    const api = callerFor(t, alice);
    const slug2 = `new-debate-${Date.now()}`;
    expect(
      await api.debates.create({ slug: slug2, title: "Is this a good question?" }),
    ).toMatchObject({ slug: slug2, claimCount: 0 });
    await rejects(
      api.debates.create({ slug: slug2, title: "Again" }),
      "CONFLICT",
      /already exists/,
    );
    await rejects(api.debates.create({ slug: "Bad Slug!", title: "Bad" }), "BAD_REQUEST", /slug/);
    await rejects(
      callerFor(t, null).debates.create({ slug: "anon-debate", title: "Anon" }),
      "UNAUTHORIZED",
      /Sign in/,
    );
    const first = await api.claims.create({ slug: slug2, body: "opening" });
    const { events } = await callerFor(t, null).debates.events({ slug: slug2, after: 0 });
    expect(events).toEqual([
      expect.objectContaining({
        seq: 1,
        type: "claim.created",
        data: { claim: expect.objectContaining({ id: first.id }) },
      }),
    ]);
  });
});
