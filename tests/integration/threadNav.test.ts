/** The reader's last visit (what is new), thread search and a claim's branch, on PostgreSQL and PGlite. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRecord } from "@/server/usecases/accounts";
import { documentOrder } from "@/server/domain/threadNav";
import {
  getClaimBranch,
  newClaimsSince,
  recordDebateVisit,
  searchThread,
} from "@/server/usecases/threadNav";
import { bigDebate } from "../support/bigDebate";
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

describe("new since the last visit", () => {
  it("records visits per reader and debate and finds others' claims posted since", async () => {
    const db = t.handle.db;
    // Opening the page (the procedure the server page calls) is the visit; a first one has
    // nothing new.
    const first = await callerFor(t, alice).debates.page({ slug });
    expect(first.newSince).toEqual({ since: null, ids: [] });

    const b1 = await callerFor(t, bob).claims.create({ slug, body: `Bob's first ${Date.now()}` });
    const b2 = await callerFor(t, bob).claims.create({
      slug,
      body: "Bob replies",
      parentId: b1.id,
      stance: "supports",
    });
    await callerFor(t, alice).claims.create({ slug, body: "Alice's own claim is not new to her" });

    const page = await callerFor(t, alice).debates.page({ slug });
    const since = page.newSince?.since ?? null;
    expect(since).not.toBeNull();
    expect(page.newSince).toEqual({ since, ids: [b1.id, b2.id] });
    // The page's window holds the new claims where they belong.
    expect(page.window.claims.map((c) => c.id)).toEqual(expect.arrayContaining([b1.id, b2.id]));
    // Bob's visits are his own: his first visit has nothing new.
    expect(await recordDebateVisit(db, bob.id, slug)).toBeNull();

    // Visiting again moved the mark: nothing is new any more.
    const again = await recordDebateVisit(db, alice.id, slug);
    expect(again! > since!).toBe(true);
    expect(await newClaimsSince(db, slug, again!, alice)).toEqual([]);

    // Anonymous readers ask with the time their browser kept.
    const anon = await callerFor(t, null).debates.newSince({ slug, since: since! });
    expect(anon.ids).toContain(b1.id);
    expect(anon.ids.length).toBe(3);
    const asAlice = await callerFor(t, alice).debates.newSince({ slug, since: since! });
    expect(asAlice.ids).toEqual([b1.id, b2.id]);
  });

  it("refuses an unknown debate", async () => {
    await rejects(
      recordDebateVisit(t.handle.db, alice.id, "no-such-debate"),
      "NOT_FOUND",
      /no-such/,
    );
    await rejects(
      callerFor(t, alice).debates.page({ slug: "no-such-debate" }),
      "NOT_FOUND",
      /no-such/,
    );
  });

  it("leaves an anonymous reader's last visit to the browser and focuses a permalink's claim", async () => {
    const anon = await callerFor(t, null).debates.page({ slug });
    expect(anon.newSince).toBeNull();
    expect(anon.title).toMatch(/RLHF/);
    // The last top-level claim would not be in the first window of a long thread; a permalink
    // brings it (and its replies) in.
    const carol = await makeUser(t);
    const { id } = await callerFor(t, carol).claims.create({
      slug,
      body: `Permalinked ${Date.now()}`,
    });
    const focused = await callerFor(t, null).debates.page({ slug, focusId: id });
    expect(focused.focus?.id).toBe(id);
    expect(focused.window.claims.some((c) => c.id === id)).toBe(true);
    await rejects(
      callerFor(t, null).debates.page({ slug, focusId: 2_000_000_000 }),
      "NOT_FOUND",
      /No claim 2000000000/,
    );
  });
});

describe("searching a thread", () => {
  it("finds claims by text, case-insensitively, in reading order", async () => {
    const r = await callerFor(t, null).debates.search({ slug, q: "objection: rlhf is LESS safe" });
    expect(r.total).toBe(1);
    expect(r.hits[0]?.excerpt).toMatch(/^Objection: RLHF is less safe/);
    const many = await callerFor(t, null).debates.search({ slug, q: "RLHF" });
    expect(many.total).toBeGreaterThan(5);
    const thread = await callerFor(t, null).debates.get({ slug });
    const hit = new Set(many.hits.map((h) => h.id));
    for (const sort of ["oldest", "newest", "top"] as const) {
      const sorted = await callerFor(t, null).debates.search({ slug, q: "RLHF", sort });
      expect(sorted.hits.map((h) => h.id)).toEqual(
        documentOrder(thread.claims, sort).filter((id) => hit.has(id)),
      );
    }
  });

  it("finds claims by author, with or without @", async () => {
    const withAt = await callerFor(t, null).debates.search({ slug, q: `@${bob.handle}` });
    const without = await callerFor(t, null).debates.search({ slug, q: bob.handle });
    expect(withAt.total).toBe(2);
    expect(without.hits.map((h) => h.id)).toEqual(withAt.hits.map((h) => h.id));
    expect(withAt.hits.every((h) => h.authorHandle === bob.handle)).toBe(true);
  });

  it("takes % and _ literally, ignores short queries and never matches deleted claims", async () => {
    expect((await searchThread(t.handle.db, slug, "%%%", "oldest")).total).toBe(0);
    expect((await searchThread(t.handle.db, slug, "__", "oldest")).total).toBe(0);
    const marker = `doomed-${Date.now()}`;
    const doomed = await callerFor(t, alice).claims.create({ slug, body: `${marker} text` });
    expect((await searchThread(t.handle.db, slug, marker, "oldest")).total).toBe(1);
    await callerFor(t, alice).claims.delete({ id: doomed.id });
    expect((await searchThread(t.handle.db, slug, marker, "oldest")).total).toBe(0);
  });

  it("reaches claims a big thread's page has not loaded, and loads one with its branch", async () => {
    const big = `big-nav-${Date.now()}`;
    const ids = await bigDebate(t.handle.db, big, 600, alice.id);
    const last = ids.at(-1)!;
    const page = await callerFor(t, null).debates.page({ slug: big });
    expect(page.window.claims.some((c) => c.id === last)).toBe(false);

    const r = await callerFor(t, null).debates.search({ slug: big, q: "(#599)" });
    expect(r.hits.map((h) => h.id)).toEqual([last]);

    const branch = await callerFor(t, bob).debates.branch({ slug: big, claimId: last });
    expect(branch.claims.at(-1)?.id).toBe(last);
    expect(branch.claims[0]?.parentId).toBeNull();
    for (let i = 1; i < branch.claims.length; i++)
      expect(branch.claims[i]?.parentId).toBe(branch.claims[i - 1]?.id);
    const direct = await getClaimBranch(t.handle.db, big, branch.claims[0]!.id, null);
    expect(direct.claims).toHaveLength(1);
    expect(direct.replyCounts[branch.claims[0]!.id]).toBeGreaterThan(0);
    await rejects(
      callerFor(t, null).debates.branch({ slug, claimId: last }),
      "NOT_FOUND",
      /No claim/,
    );
  });
});
