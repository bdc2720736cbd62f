import { describe, expect, it } from "vitest";
import { boundsOf, layoutMap, wrapLabel } from "@/components/map/layout";
import type { CruxMap, MapNode } from "@/server/domain/cruxMap";

const claim = (ref: number, positionId = ref): MapNode => ({
  id: `claim-${ref}`,
  kind: "claim",
  ref,
  label: `Claim ${ref}`,
  positionId,
});
const crux = (ref: number): MapNode => ({
  id: `crux-${ref}`,
  kind: "crux",
  ref,
  label: `Crux ${ref}?`,
});
const bears = (c: number, claimRef: number) => ({
  from: `crux-${c}`,
  to: `claim-${claimRef}`,
  kind: "bears-on" as const,
});

const base: CruxMap = {
  nodes: [crux(1), crux(2), claim(10), claim(11), claim(12, 10), claim(13)],
  edges: [bears(1, 10), bears(1, 12), bears(2, 11)],
};

const overlap = (m: ReturnType<typeof layoutMap>) => {
  const boxes = [...m.boxes.values()];
  return boxes.some((a, i) =>
    boxes
      .slice(i + 1)
      .some(
        (b) =>
          a.x < b.x + b.width &&
          b.x < a.x + a.width &&
          a.y < b.y + b.height &&
          b.y < a.y + a.height,
      ),
  );
};

describe("layoutMap", () => {
  it("places every node without overlaps, cruxes left of the claims they bear on", () => {
    const layout = layoutMap(base, null);
    expect([...layout.boxes.keys()].sort()).toEqual(base.nodes.map((n) => n.id).sort());
    expect(overlap(layout)).toBe(false);
    expect(layout.boxes.get("crux-1")!.x).toBeLessThan(layout.boxes.get("claim-12")!.x);
    // Claim 13 has no links: it sits in the grid below the linked part.
    const linked = boundsOf(layout.boxes, layout.linked);
    expect(layout.linked).not.toContain("claim-13");
    expect(layout.boxes.get("claim-13")!.y).toBeGreaterThan(linked.y + linked.height);
  });

  it("returns the same layout while the node and edge set is the same", () => {
    const first = layoutMap(base, null);
    const relabelled = { ...base, nodes: base.nodes.map((n) => ({ ...n, label: "changed" })) };
    expect(layoutMap(relabelled, first)).toBe(first);
  });

  it("keeps every existing node in place when a crux and links are added", () => {
    const first = layoutMap(base, null);
    const grown: CruxMap = {
      nodes: [...base.nodes, crux(3)],
      edges: [...base.edges, bears(3, 11), bears(3, 13)],
    };
    const next = layoutMap(grown, first);
    for (const [id, box] of first.boxes) expect(next.boxes.get(id)).toEqual(box);
    expect(next.boxes.has("crux-3")).toBe(true);
    expect(overlap(next)).toBe(false);
  });
});

describe("wrapLabel", () => {
  it("wraps at word boundaries and ends a cut label with an ellipsis", () => {
    expect(wrapLabel("one two three", 7, 3)).toEqual(["one two", "three"]);
    expect(wrapLabel("aaa bbb ccc ddd eee", 7, 2)).toEqual(["aaa bbb", "ccc…"]);
    expect(wrapLabel("supercalifragilistic", 6, 2)).toEqual(["super…"]);
  });
});
