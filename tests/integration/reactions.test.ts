/** Reactions anchored to quoted text (docs/reactions.md), through tRPC and API v1. */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimReactions, debates } from "@/db/schema";
import { handleApiV1, openApiDocument } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import { createApiKey, type UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let alice: UserRecord;
let bob: UserRecord;
let aliceKey: string;
const slug = "reaction-tests";
const body = "ChatGPT shortened timelines by 1-4 weeks. Investment is $200B-$500B.";

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  alice = await makeUser(t);
  bob = await makeUser(t);
  aliceKey = await createApiKey(t.handle.db, alice.id);
  await callerFor(t, alice).debates.create({ slug, title: "Reactions under test" });
});
afterAll(() => t.close());

const newClaim = (text = body) => callerFor(t, alice).claims.create({ slug, body: text });

async function snapshot() {
  const [r] = await t.handle.db.select({ n: count() }).from(claimReactions);
  const [d] = await t.handle.db
    .select({ seq: debates.lastSeq })
    .from(debates)
    .where(eq(debates.slug, slug));
  return { reactions: r?.n, seq: d?.seq, published: t.published.length };
}

async function call(method: string, path: string, options: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await handleApiV1(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe("adding and removing reactions", () => {
  it("adds a reaction to a span and to the whole claim, each as one live event", async () => {
    const claim = await newClaim();
    const before = await snapshot();
    const added = await callerFor(t, bob).reactions.add({
      id: claim.id,
      kind: "crux",
      quote: "1-4 weeks",
    });
    expect(added).toMatchObject({ kind: "crux", quote: "1-4 weeks", start: 31, end: 40 });
    expect(added.created).toBe(true);
    await callerFor(t, alice).reactions.add({ id: claim.id, kind: "agree" });
    const event = t.published.at(-1)!;
    expect(event.type).toBe("claim.reactions");
    expect(event.data).toEqual({
      claimId: claim.id,
      spans: [
        {
          quote: "",
          start: null,
          end: null,
          orphaned: false,
          kinds: [{ kind: "agree", handles: [alice.handle] }],
        },
        {
          quote: "1-4 weeks",
          start: 31,
          end: 40,
          orphaned: false,
          kinds: [{ kind: "crux", handles: [bob.handle] }],
        },
      ],
    });
    const after = await snapshot();
    expect(after).toEqual({
      reactions: (before.reactions ?? 0) + 2,
      seq: (before.seq ?? 0) + 2,
      published: before.published + 2,
    });
  });

  it("is idempotent: the same reaction again returns the existing one and changes nothing", async () => {
    const claim = await newClaim();
    const api = callerFor(t, bob);
    await api.reactions.add({ id: claim.id, kind: "unclear", quote: "Investment" });
    const before = await snapshot();
    const again = await api.reactions.add({ id: claim.id, kind: "unclear", quote: "Investment" });
    expect(again).toMatchObject({ created: false, start: 42, end: 52 });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps one per user per kind per span in the database itself", async () => {
    const claim = await newClaim();
    const row = {
      claimId: claim.id,
      userId: bob.id,
      kind: "agree" as const,
      quote: "",
      versionAt: new Date(),
    };
    await t.handle.db.insert(claimReactions).values(row);
    await expect(t.handle.db.insert(claimReactions).values(row)).rejects.toThrow();
    // Another person, another kind or another quote is another reaction.
    await t.handle.db.insert(claimReactions).values({ ...row, userId: alice.id });
    await t.handle.db.insert(claimReactions).values({ ...row, kind: "disagree" });
    await t.handle.db
      .insert(claimReactions)
      .values({ ...row, quote: "Investment", anchorStart: 42, anchorEnd: 52 });
  });

  it("removes only your own reaction, and says when there is none", async () => {
    const claim = await newClaim();
    await callerFor(t, alice).reactions.add({ id: claim.id, kind: "crux", quote: "1-4 weeks" });
    await callerFor(t, bob).reactions.add({ id: claim.id, kind: "crux", quote: "1-4 weeks" });
    const left = await callerFor(t, alice).reactions.remove({
      id: claim.id,
      kind: "crux",
      quote: "1-4 weeks",
    });
    expect(left.spans[0]!.kinds).toEqual([{ kind: "crux", handles: [bob.handle] }]);
    expect(t.published.at(-1)).toMatchObject({ type: "claim.reactions", data: left });
    const before = await snapshot();
    await rejects(
      callerFor(t, alice).reactions.remove({ id: claim.id, kind: "crux", quote: "1-4 weeks" }),
      "NOT_FOUND",
      /no “that's a crux” reaction on that quote/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses reactions to a deleted claim", async () => {
    const claim = await newClaim("Soon gone.");
    await callerFor(t, alice).claims.delete({ id: claim.id });
    await rejects(
      callerFor(t, bob).reactions.add({ id: claim.id, kind: "agree" }),
      "CONFLICT",
      /deleted/,
    );
  });
});

describe("API v1", () => {
  it("POST and DELETE /claims/{id}/reactions, with reactions in GET /debates/{slug}", async () => {
    const claim = await newClaim();
    const added = await call("POST", `/claims/${claim.id}/reactions`, {
      key: aliceKey,
      body: { kind: "bet", quote: "$200B-$500B" },
    });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ kind: "bet", quote: "$200B-$500B", created: true });

    const debate = await call("GET", `/debates/${slug}`);
    const listed = (debate.json!.claims as { id: number; reactions: unknown[] }[]).find(
      (c) => c.id === claim.id,
    );
    expect(listed!.reactions).toEqual([
      {
        quote: "$200B-$500B",
        start: 56,
        end: 67,
        orphaned: false,
        kinds: [{ kind: "bet", handles: [alice.handle] }],
      },
    ]);
    const window = await call("GET", `/debates/${slug}/window`);
    expect(window.json!.reactions).toContainEqual({ claimId: claim.id, spans: listed!.reactions });

    const q = new URLSearchParams({ kind: "bet", quote: "$200B-$500B" });
    const removed = await call("DELETE", `/claims/${claim.id}/reactions?${q}`, { key: aliceKey });
    expect(removed).toEqual({ status: 200, json: { claimId: claim.id, spans: [] } });
    const gone = await call("DELETE", `/claims/${claim.id}/reactions?${q}`, { key: aliceKey });
    expect(gone.status).toBe(404);
  });

  it("answers bad input with a 400 naming the problem, and writes nothing", async () => {
    const claim = await newClaim();
    const before = await snapshot();
    const post = (payload: unknown, key: string | null = aliceKey, id = claim.id) =>
      call("POST", `/claims/${id}/reactions`, { key: key ?? undefined, body: payload });

    const unknownKind = await post({ kind: "love" });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.json!.message).toMatch(/kind must be one of: crux, bet, agree/);

    const notThere = await post({ kind: "agree", quote: "8-16 weeks" });
    expect(notThere.status).toBe(400);
    expect(notThere.json!.message).toMatch(/quote: quote must be an exact excerpt/);

    const empty = await post({ kind: "agree", quote: "   " });
    expect(empty.status).toBe(400);
    expect(empty.json!.message).toMatch(/must not be empty; leave it out/);

    const long = await post({ kind: "agree", quote: "x".repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.json!.message).toMatch(/at most 1000 characters/);

    const wrongStart = await post({ kind: "agree", quote: "weeks", start: 2 });
    expect(wrongStart.status).toBe(400);
    expect(wrongStart.json!.message).toMatch(/start: .*position 2/);
    const startAlone = await post({ kind: "agree", start: 0 });
    expect(startAlone.status).toBe(400);
    expect(startAlone.json!.message).toBe("start: start only makes sense with a quote");

    expect((await post({ kind: "agree" }, null)).status).toBe(401);
    const missing = await post({ kind: "agree" }, aliceKey, 2_000_000_000);
    expect(missing.status).toBe(404);
    expect(missing.json!.message).toMatch(/No claim with id 2000000000/);

    const badDelete = await call("DELETE", `/claims/${claim.id}/reactions?kind=love`, {
      key: aliceKey,
    });
    expect(badDelete.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = openApiDocument("http://localhost:3000") as unknown as {
      paths: Record<string, Record<string, unknown>>;
    };
    const paths = doc.paths;
    expect(Object.keys(paths["/claims/{id}/reactions"]!).sort()).toEqual(["delete", "get", "post"]);
  });
});

describe("anchors after an edit", () => {
  it("moves reactions with their text, orphans removed quotes and brings them back", async () => {
    const claim = await newClaim();
    const api = callerFor(t, bob);
    await api.reactions.add({ id: claim.id, kind: "crux", quote: "1-4 weeks" });
    await api.reactions.add({ id: claim.id, kind: "unclear", quote: "Investment" });
    await api.reactions.add({ id: claim.id, kind: "agree" });

    const seq = (await snapshot()).seq ?? 0;
    await callerFor(t, alice).claims.edit({
      id: claim.id,
      body: "To be clear: ChatGPT shortened timelines by 1-4 weeks. Spending rose.",
    });
    expect(t.published.slice(-2).map((e) => [e.type, e.seq])).toEqual([
      ["claim.edited", seq + 1],
      ["claim.reactions", seq + 2],
    ]);
    const { spans } = await callerFor(t, null).reactions.list({ id: claim.id });
    expect(spans.map((s) => [s.quote, s.start, s.end, s.orphaned])).toEqual([
      ["", null, null, false],
      ["1-4 weeks", 44, 53, false],
      ["Investment", 42, 52, true],
    ]);

    // The orphaned quote is still the key: the same reaction again is the same one.
    const again = await api.reactions.add({ id: claim.id, kind: "unclear", quote: "1-4 weeks" });
    expect(again.created).toBe(true);

    await callerFor(t, alice).claims.edit({ id: claim.id, body: `Back again. ${body}` });
    const back = await callerFor(t, null).reactions.list({ id: claim.id });
    expect(back.spans.map((s) => [s.quote, s.start, s.orphaned])).toEqual([
      ["", null, false],
      ["1-4 weeks", 43, false],
      ["Investment", 54, false],
    ]);
  });

  it("sends no reactions event for an edit of a claim nobody reacted to", async () => {
    const claim = await newClaim();
    await callerFor(t, alice).claims.edit({ id: claim.id, body: "Changed." });
    expect(t.published.at(-1)!.type).toBe("claim.edited");
  });
});
