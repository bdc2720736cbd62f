/**
 * A rehype plugin that wraps quoted text in <mark> inside a rendered (already sanitised) claim:
 * it only splits text nodes and adds <mark> elements with fixed attributes, so what the sanitiser
 * let through is all there is. A quote may cross formatting (bold, links): each piece is marked.
 * See docs/reactions.md.
 */

export interface Highlight {
  /** Names the span (data-span on its marks). */
  key: string;
  /** The text as rendered (server/domain/reactions.ts renderedText). */
  text: string;
  /** Which occurrence of the text to mark (0: the first). */
  occurrence: number;
  /** Extra class names on its marks. */
  className?: string;
}

interface TextNode {
  type: "text";
  value: string;
}
interface ElementNode {
  type: "element";
  tagName: string;
  properties: Record<string, unknown>;
  children: HNode[];
}
interface ParentNode {
  type: string;
  children?: HNode[];
}
type HNode = TextNode | ElementNode | ParentNode;

const isText = (n: HNode): n is TextNode => n.type === "text";

/** Text nodes in document order, with where each starts in their concatenation. */
function textNodes(tree: ParentNode) {
  const found: { node: TextNode; at: number }[] = [];
  let length = 0;
  const walk = (node: HNode) => {
    if (isText(node)) {
      found.push({ node, at: length });
      length += node.value.length;
    } else for (const child of (node as ParentNode).children ?? []) walk(child);
  };
  walk(tree);
  return { found, text: found.map((f) => f.node.value).join("") };
}

/** Whitespace runs as one space, with each kept character's index in the original. */
function collapse(text: string) {
  let out = "";
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i] as string);
    if (space && (out.endsWith(" ") || out === "")) continue;
    out += space ? " " : text[i];
    from.push(i);
  }
  return { text: out, from };
}

/** Where each highlight's text is in `text`: [start, end) and its key. */
export function locate(text: string, highlights: readonly Highlight[]) {
  const flat = collapse(text);
  const ranges: { start: number; end: number; h: Highlight }[] = [];
  for (const h of highlights) {
    const needle = collapse(h.text).text.trim();
    if (needle === "") continue;
    const hits: number[] = [];
    for (let i = flat.text.indexOf(needle); i >= 0; i = flat.text.indexOf(needle, i + 1))
      hits.push(i);
    const hit = hits[Math.min(h.occurrence, hits.length - 1)];
    if (hit === undefined) continue;
    const start = flat.from[hit] as number;
    const end = (flat.from[hit + needle.length - 1] as number) + 1;
    ranges.push({ start, end, h });
  }
  return ranges;
}

/** Splits one text node at the highlight boundaries, marking the covered pieces. */
function split(node: TextNode, at: number, ranges: ReturnType<typeof locate>): HNode[] {
  const end = at + node.value.length;
  const mine = ranges.filter((r) => r.start < end && r.end > at);
  if (mine.length === 0) return [node];
  const cuts = new Set([0, node.value.length]);
  for (const r of mine) {
    cuts.add(Math.max(0, r.start - at));
    cuts.add(Math.min(node.value.length, r.end - at));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: HNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i] as number, points[i + 1] as number];
    const value = node.value.slice(from, to);
    const covering = mine.filter((r) => r.start < at + to && r.end > at + from);
    if (covering.length === 0) {
      out.push({ type: "text", value });
      continue;
    }
    const classes = ["reaction-mark", ...covering.map((r) => r.h.className ?? "")].filter(Boolean);
    out.push({
      type: "element",
      tagName: "mark",
      properties: {
        className: [...new Set(classes)],
        dataSpan: covering.map((r) => r.h.key).join(" "),
      },
      children: [{ type: "text", value }],
    });
  }
  return out;
}

/** The plugin: `[rehypeHighlight, highlights]` after rehype-sanitize. */
export function rehypeHighlight(highlights: readonly Highlight[]) {
  return (tree: ParentNode) => {
    if (highlights.length === 0) return;
    const { found, text } = textNodes(tree);
    const ranges = locate(text, highlights);
    if (ranges.length === 0) return;
    const startOf = new Map(found.map((f) => [f.node, f.at]));
    const rebuild = (node: HNode) => {
      const children = (node as ParentNode).children;
      if (!children) return;
      (node as ParentNode).children = children.flatMap((child) => {
        if (isText(child)) return split(child, startOf.get(child) ?? 0, ranges);
        rebuild(child);
        return [child];
      });
    };
    rebuild(tree);
  };
}
