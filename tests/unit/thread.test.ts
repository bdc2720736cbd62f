import { describe, expect, it } from "vitest";
import {
  childrenByParent,
  compareClaims,
  countDescendants,
  excerpt,
  quoteProblem,
  type ClaimView,
} from "@/server/domain/thread";

const claim = (id: number, parentId: number | null, createdAt: string, quality = 0): ClaimView => ({
  id,
  parentId,
  authorHandle: `u${id}`,
  body: `body ${id}`,
  quote: null,
  stance: parentId === null ? null : "supports",
  createdAt,
  editedAt: null,
  deleted: false,
  quality,
  agree: 0,
  disagree: 0,
});

const claims = [
  claim(1, null, "2024-01-01T00:00:00.000Z", 2),
  claim(2, null, "2024-01-02T00:00:00.000Z", 5),
  claim(3, null, "2024-01-03T00:00:00.000Z", 2),
  claim(4, 1, "2024-01-04T00:00:00.000Z"),
  claim(5, 4, "2024-01-05T00:00:00.000Z"),
  claim(6, 1, "2024-01-06T00:00:00.000Z"),
];

describe("compareClaims / childrenByParent", () => {
  it("sorts siblings oldest first", () => {
    expect(
      childrenByParent(claims, "oldest")
        .get(null)
        ?.map((c) => c.id),
    ).toEqual([1, 2, 3]);
  });

  it("sorts siblings newest first", () => {
    expect(
      childrenByParent(claims, "newest")
        .get(null)
        ?.map((c) => c.id),
    ).toEqual([3, 2, 1]);
  });

  it("sorts by quality for top, breaking ties oldest first", () => {
    expect(
      childrenByParent(claims, "top")
        .get(null)
        ?.map((c) => c.id),
    ).toEqual([2, 1, 3]);
  });

  it("breaks equal timestamps by id so the order is total", () => {
    const a = claim(8, null, "2024-01-01T00:00:00.000Z");
    const b = claim(7, null, "2024-01-01T00:00:00.000Z");
    expect([a, b].sort(compareClaims("oldest")).map((c) => c.id)).toEqual([7, 8]);
  });

  it("groups replies under their parent", () => {
    const groups = childrenByParent(claims, "oldest");
    expect(groups.get(1)?.map((c) => c.id)).toEqual([4, 6]);
    expect(groups.get(4)?.map((c) => c.id)).toEqual([5]);
    expect(groups.get(2)).toBeUndefined();
  });
});

describe("countDescendants", () => {
  it("counts the whole subtree, not just children", () => {
    const groups = childrenByParent(claims, "oldest");
    expect(countDescendants(groups, 1)).toBe(3);
    expect(countDescendants(groups, 4)).toBe(1);
    expect(countDescendants(groups, 3)).toBe(0);
  });
});

describe("quoteProblem", () => {
  it("accepts an exact excerpt", () => {
    expect(quoteProblem("RLHF was necessary for ChatGPT", "necessary for")).toBeNull();
  });
  it("rejects text that is not in the parent", () => {
    expect(quoteProblem("RLHF was necessary", "not necessary")).toMatch(/exact excerpt/);
  });
  it("rejects an over-long quote", () => {
    const long = "x".repeat(1001);
    expect(quoteProblem(long, long)).toMatch(/at most 1000/);
  });
});

describe("excerpt", () => {
  it("turns Markdown into a short plain-text preview", () => {
    expect(
      excerpt("> RLHF is **not** that important\n\nSee [the post](https://x.test).", 200),
    ).toBe("RLHF is not that important See the post.");
    expect(excerpt("# Title\n- one\n- two", 200)).toBe("Title one two");
    expect(excerpt("abcdefghij", 6)).toBe("abcde…");
  });
});
