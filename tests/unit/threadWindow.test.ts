import { describe, expect, it } from "vitest";
import type { ClaimView } from "@/server/domain/thread";
import { windowThread, type ThreadWindow } from "@/server/domain/threadWindow";

const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
const claim = (id: number, parentId: number | null, quality = 0): ClaimView => ({
  id,
  parentId,
  authorHandle: `u${id}`,
  body: `body ${id}`,
  quote: null,
  stance: null,
  createdAt: at(id),
  editedAt: null,
  deleted: false,
  quality,
  agree: 0,
  disagree: 0,
});

/** 10 top-level claims, each with 10 replies, each of those with 10 replies: 1,110 claims. */
function bigThread(): ClaimView[] {
  const all: ClaimView[] = [];
  let id = 0;
  for (let t = 0; t < 10; t++) {
    const top = claim(++id, null);
    all.push(top);
    for (let r = 0; r < 10; r++) {
      const reply = claim(++id, top.id);
      all.push(reply);
      for (let g = 0; g < 10; g++) all.push(claim(++id, reply.id));
    }
  }
  return all;
}

/** Every claim sent has its parent sent too (or is a child of the window's root). */
function expectConnected(w: ThreadWindow, root: number | null) {
  const sent = new Set(w.claims.map((c) => c.id));
  for (const c of w.claims) expect(c.parentId === root || sent.has(c.parentId!)).toBe(true);
}

describe("windowThread", () => {
  it("sends a thread that fits the budget whole", () => {
    const all = [claim(1, null), claim(2, 1), claim(3, 2), claim(4, null)];
    expect(windowThread(all, { sort: "oldest" })).toEqual({
      claims: [all[0], all[1], all[2], all[3]],
      moreReplies: {},
      moreTop: null,
    });
  });

  it("sends the top level and the top of each branch of a big thread, and counts what is left", () => {
    const all = bigThread();
    const w = windowThread(all, { sort: "oldest", budget: 60, perClaim: 3 });
    expect(w.claims.length).toBe(60);
    expectConnected(w, null);
    // All 10 top-level claims, then 3 replies of each (40), then 3 of the first replies' replies.
    expect(w.claims.filter((c) => c.parentId === null)).toHaveLength(10);
    expect(w.moreTop).toBeNull();
    const top = w.claims[0]!;
    expect(w.moreReplies[top.id]).toEqual({ count: 7, skip: 3 });
    // Parents before children, in reading order.
    expect(w.claims.slice(0, 3).map((c) => c.parentId)).toEqual([null, top.id, w.claims[1]!.id]);
    // Left-out counts add up: everything sent or counted as a left-out direct reply, per claim.
    for (const c of w.claims) {
      const replies = all.filter((r) => r.parentId === c.id).length;
      const sent = w.claims.filter((r) => r.parentId === c.id).length;
      expect(sent + (w.moreReplies[c.id]?.count ?? 0)).toBe(replies);
    }
  });

  it("starts after the replies already shown, under a given claim", () => {
    const all = bigThread();
    const first = all[0]!;
    const w = windowThread(all, { sort: "oldest", parentId: first.id, skip: 4, budget: 20 });
    const direct = w.claims.filter((c) => c.parentId === first.id).map((c) => c.id);
    const expected = all.filter((c) => c.parentId === first.id).slice(4, 10);
    expect(direct).toEqual(expected.map((c) => c.id));
    expect(w.moreTop).toBeNull();
    expectConnected(w, first.id);
    expect(w.claims.every((c) => c.id !== first.id)).toBe(true);
  });

  it("counts top-level claims left out, and follows the sort", () => {
    const all = Array.from({ length: 30 }, (_, i) => claim(i + 1, null, i % 7));
    const w = windowThread(all, { sort: "top", budget: 10 });
    expect(w.claims.map((c) => c.quality)).toEqual([6, 6, 6, 6, 5, 5, 5, 5, 4, 4]);
    expect(w.moreTop).toEqual({ count: 20, skip: 10 });
    // Asking for them from there sends the next ones, and says where the rest start.
    const next = windowThread(all, { sort: "top", budget: 10, skip: 10 });
    expect(next.claims.map((c) => c.quality)).toEqual([4, 4, 3, 3, 3, 3, 2, 2, 2, 2]);
    expect(next.moreTop).toEqual({ count: 10, skip: 20 });
  });

  it("brings a pinned deep claim with its ancestors, and ignores one outside the root", () => {
    const all = bigThread();
    const deep = all.at(-1)!; // the last grandchild of the last top-level claim
    const w = windowThread(all, { sort: "oldest", budget: 15, pinned: [deep.id, 999_999] });
    expect(w.claims.some((c) => c.id === deep.id)).toBe(true);
    expectConnected(w, null);
    // Replies of the branch's top are sent in order up to the budget; the pinned one comes too.
    const branchTop = all.at(-111)!;
    expect(w.moreReplies[branchTop.id]?.count).toBeGreaterThan(0);
    const under = windowThread(all, {
      sort: "oldest",
      parentId: all[0]!.id,
      budget: 5,
      pinned: [deep.id],
    });
    expect(under.claims.some((c) => c.id === deep.id)).toBe(false);
  });

  it("gives an expanded claim's replies a budget of their own (a permalink's subtree)", () => {
    const all = bigThread();
    const target = all.at(-11)!; // the last top-level claim's last reply (it has 10 replies)
    const w = windowThread(all, {
      sort: "oldest",
      budget: 12,
      pinned: [target.id],
      expand: target.id,
    });
    expectConnected(w, null);
    const replies = w.claims.filter((c) => c.parentId === target.id);
    expect(replies).toHaveLength(10);
    expect(w.moreReplies[target.id]).toBeUndefined();
  });

  it("handles a reply chain deeper than the call stack would allow", () => {
    const chain = Array.from({ length: 50_000 }, (_, i) => claim(i + 1, i === 0 ? null : i));
    const w = windowThread(chain, { sort: "oldest", budget: 100, pinned: [50_000] });
    expect(w.claims[0]!.id).toBe(1);
    expect(w.claims.some((c) => c.id === 50_000)).toBe(true);
    expectConnected(w, null);
  });
});
