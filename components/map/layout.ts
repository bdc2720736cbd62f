/**
 * Where each node of the crux map sits. dagre lays out the linked part left to right (cruxes, then
 * the claims they bear on, then the positions those claims sit under); positions nothing bears on
 * go in a grid below. When the graph changes live, nodes that were there keep their place: dagre
 * cannot pin nodes, so new ones go where the fresh layout puts them, shifted by how far the old
 * layout has drifted from the fresh one, and nudged down until they overlap nothing.
 */
import dagre from "@dagrejs/dagre";
import type { CruxMap, MapNode } from "@/server/domain/cruxMap";

export interface Box {
  /** Top-left corner, in map units. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapLayout {
  /** The node and edge set this layout was made for. */
  key: string;
  boxes: Map<string, Box>;
  /** The nodes dagre placed (the rest sit in the grid below): the first view shows these. */
  linked: string[];
}

export const NODE_WIDTH = 224;
export const CRUX_HEIGHT = 96;
export const CLAIM_HEIGHT = 80;
const GAP = 18;

export const nodeHeight = (n: Pick<MapNode, "kind">) =>
  n.kind === "crux" ? CRUX_HEIGHT : CLAIM_HEIGHT;

/** A claim's link to the position it sits under (drawn dotted; not a crux edge). */
export function threadEdges(map: CruxMap): { from: string; to: string }[] {
  const ids = new Set(map.nodes.map((n) => n.id));
  return map.nodes.flatMap((n) =>
    n.kind === "claim" && n.positionId !== undefined && n.positionId !== n.ref
      ? ids.has(`claim-${n.positionId}`)
        ? [{ from: n.id, to: `claim-${n.positionId}` }]
        : []
      : [],
  );
}

export function layoutKey(map: CruxMap): string {
  const nodes = map.nodes.map((n) => n.id).sort();
  const edges = map.edges.map((e) => `${e.from}>${e.to}:${e.kind}`).sort();
  return `${nodes.join(",")}|${edges.join(",")}`;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + GAP / 2 &&
  b.x < a.x + a.width + GAP / 2 &&
  a.y < b.y + b.height + GAP / 2 &&
  b.y < a.y + a.height + GAP / 2;

/** A fresh layout of the whole map. */
function freshLayout(map: CruxMap): { boxes: Map<string, Box>; linked: string[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: GAP, ranksep: 70, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const links = [...map.edges.map((e) => ({ from: e.from, to: e.to })), ...threadEdges(map)];
  const linked = new Set(links.flatMap((e) => [e.from, e.to]));
  for (const n of map.nodes)
    if (linked.has(n.id)) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n) });
  for (const e of links) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const boxes = new Map<string, Box>();
  let bottom = 0;
  let right = NODE_WIDTH * 3;
  for (const id of g.nodes()) {
    const { x = 0, y = 0, width, height } = g.node(id);
    const box = { x: x - width / 2, y: y - height / 2, width, height };
    boxes.set(id, box);
    bottom = Math.max(bottom, box.y + height);
    right = Math.max(right, box.x + width);
  }
  // Positions nothing bears on yet: a grid under the linked part, as wide as it.
  const loose = map.nodes.filter((n) => !linked.has(n.id));
  const columns = Math.max(1, Math.floor((right + GAP) / (NODE_WIDTH + GAP)));
  const top = boxes.size ? bottom + GAP * 3 : 0;
  loose.forEach((n, i) => {
    boxes.set(n.id, {
      x: (i % columns) * (NODE_WIDTH + GAP),
      y: top + Math.floor(i / columns) * (CLAIM_HEIGHT + GAP),
      width: NODE_WIDTH,
      height: nodeHeight(n),
    });
  });
  return { boxes, linked: [...linked] };
}

/** The layout for `map`, keeping every node of `previous` where it was. */
export function layoutMap(map: CruxMap, previous: MapLayout | null): MapLayout {
  const key = layoutKey(map);
  if (previous?.key === key) return previous;
  const { boxes: fresh, linked } = freshLayout(map);
  if (!previous) return { key, boxes: fresh, linked };
  const kept = map.nodes.filter((n) => previous.boxes.has(n.id));
  const dx = mean(kept.map((n) => previous.boxes.get(n.id)!.x - fresh.get(n.id)!.x));
  const dy = mean(kept.map((n) => previous.boxes.get(n.id)!.y - fresh.get(n.id)!.y));
  const boxes = new Map<string, Box>();
  for (const n of kept) boxes.set(n.id, previous.boxes.get(n.id)!);
  for (const n of map.nodes) {
    if (boxes.has(n.id)) continue;
    const at = fresh.get(n.id)!;
    const box = { ...at, x: at.x + dx, y: at.y + dy };
    for (let i = 0; i < 200 && [...boxes.values()].some((b) => overlaps(b, box)); i++) box.y += GAP;
    boxes.set(n.id, box);
  }
  return { key, boxes, linked };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The smallest rectangle around some boxes (the whole map when `ids` is omitted). */
export function boundsOf(boxes: ReadonlyMap<string, Box>, ids?: Iterable<string>) {
  const list = ids
    ? [...ids].flatMap((id) => (boxes.has(id) ? [boxes.get(id)!] : []))
    : [...boxes.values()];
  if (list.length === 0) return { x: 0, y: 0, width: NODE_WIDTH, height: CLAIM_HEIGHT };
  const x = Math.min(...list.map((b) => b.x));
  const y = Math.min(...list.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...list.map((b) => b.x + b.width)) - x,
    height: Math.max(...list.map((b) => b.y + b.height)) - y,
  };
}

/** Splits a label into at most `lines` lines of about `width` characters, with an ellipsis. */
export function wrapLabel(text: string, width: number, lines: number): string[] {
  const all: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    const next = line ? `${line} ${w}` : w;
    if (next.length <= width) line = next;
    else {
      all.push(line);
      line = w;
    }
  }
  if (line) all.push(line);
  if (all.length <= lines) return all;
  const kept = all.slice(0, lines);
  let last = kept[lines - 1] ?? "";
  // Room for the ellipsis: drop the last word rather than cut it.
  if (last.length > width - 1) last = last.slice(0, width - 1).replace(/\s+\S*$/, "");
  kept[lines - 1] = `${last.replace(/[\s,.;:…]+$/, "")}…`;
  return kept;
}
