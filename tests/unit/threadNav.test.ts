import { describe, expect, it } from "vitest";
import type { ClaimView } from "@/server/domain/thread";
import {
  ancestry,
  containsPattern,
  documentOrder,
  newSinceLastVisit,
  searchTerm,
  stepIndex,
} from "@/server/domain/threadNav";

const claim = (
  id: number,
  parentId: number | null,
  createdAt: string,
  extra: Partial<ClaimView> = {},
): ClaimView => ({
  id,
  parentId,
  authorHandle: `u${id}`,
  body: `body ${id}`,
  quote: null,
  stance: parentId === null ? null : "supports",
  createdAt,
  editedAt: null,
  deleted: false,
  quality: 0,
  agree: 0,
  disagree: 0,
  ...extra,
});

// 1 ─┬─ 4 ── 5        (top level 1, 2, 3; 2 has the most quality)
//    └─ 6
// 2 ─── 7
// 3
const claims = [
  claim(1, null, "2024-01-01T00:00:00.000Z"),
  claim(2, null, "2024-01-02T00:00:00.000Z", { quality: 5 }),
  claim(3, null, "2024-01-03T00:00:00.000Z"),
  claim(4, 1, "2024-01-04T00:00:00.000Z"),
  claim(5, 4, "2024-01-05T00:00:00.000Z", { authorHandle: "me" }),
  claim(6, 1, "2024-01-06T00:00:00.000Z", { deleted: true }),
  claim(7, 2, "2024-01-07T00:00:00.000Z"),
];

describe("documentOrder", () => {
  it("walks depth first, each level in the sort's order", () => {
    expect(documentOrder(claims, "oldest")).toEqual([1, 4, 5, 6, 2, 7, 3]);
    expect(documentOrder(claims, "newest")).toEqual([3, 2, 7, 1, 6, 4, 5]);
    expect(documentOrder(claims, "top")).toEqual([2, 7, 1, 4, 5, 6, 3]);
  });

  it("copes with a very deep chain (no recursion)", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      claim(i + 1, i === 0 ? null : i, "2024-01-01T00:00:00.000Z"),
    );
    expect(documentOrder(chain, "oldest")).toHaveLength(20_000);
  });
});

describe("ancestry", () => {
  const byId = new Map(claims.map((c) => [c.id, c]));
  it("lists the claim's ancestors, top level first, ending with the claim", () => {
    expect(ancestry(byId, 5).map((c) => c.id)).toEqual([1, 4, 5]);
    expect(ancestry(byId, 3).map((c) => c.id)).toEqual([3]);
  });
  it("is empty for a claim that is not there", () => {
    expect(ancestry(byId, 99)).toEqual([]);
  });
});

describe("newSinceLastVisit", () => {
  it("finds claims posted after the last visit, in reading order", () => {
    expect(newSinceLastVisit(claims, "2024-01-03T12:00:00.000Z", "someone")).toEqual([4, 5, 7]);
  });
  it("leaves out the reader's own claims and deleted ones", () => {
    expect(newSinceLastVisit(claims, "2024-01-03T12:00:00.000Z", "me")).toEqual([4, 7]);
  });
  it("counts a claim posted at the very moment of the visit as seen", () => {
    expect(newSinceLastVisit(claims, "2024-01-07T00:00:00.000Z", null)).toEqual([]);
    expect(newSinceLastVisit(claims, "2024-01-06T23:59:59.999Z", null)).toEqual([7]);
  });
  it("has nothing new on a first visit or with an unreadable time", () => {
    expect(newSinceLastVisit(claims, null, null)).toEqual([]);
    expect(newSinceLastVisit(claims, "yesterday-ish", null)).toEqual([]);
  });
});

describe("search terms", () => {
  it("tidies the query and drops a leading @ (author search)", () => {
    expect(searchTerm("  reward   hacking ")).toBe("reward hacking");
    expect(searchTerm("@commenter-3")).toBe("commenter-3");
  });
  it("refuses queries too short to mean anything", () => {
    expect(searchTerm("")).toBeNull();
    expect(searchTerm(" a ")).toBeNull();
    expect(searchTerm("@x")).toBeNull();
  });
  it("builds a contains-pattern that takes % _ and \\ literally", () => {
    expect(containsPattern("RLHF")).toBe("%RLHF%");
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});

describe("stepIndex", () => {
  it("starts at the first (next) or the last (previous) and wraps round", () => {
    expect(stepIndex(-1, 3, 1)).toBe(0);
    expect(stepIndex(-1, 3, -1)).toBe(2);
    expect(stepIndex(2, 3, 1)).toBe(0);
    expect(stepIndex(0, 3, -1)).toBe(2);
    expect(stepIndex(-1, 0, 1)).toBe(-1);
  });
});
