/** How map nodes and links read: names, links, status words and the camp-gap colour scale. */
import type { MapNode } from "@/server/domain/cruxMap";
import type { CruxStatus } from "@/server/domain/lifecycle";
import { formatNumericValue } from "@/server/domain/numeric";
import { formatProbability } from "@/server/domain/probability";

export const nodeHref = (node: MapNode, slug: string) =>
  node.kind === "crux" ? `/cruxes/${node.ref}` : `/debates/${slug}/claims/${node.ref}`;

export const statusText = (status: CruxStatus | undefined) =>
  status === "awaiting-condition" ? "awaiting condition" : (status ?? "");

/** What the community says, as a reader sees it. */
export function crowdText(node: MapNode): string {
  if (node.crowdHidden) return "hidden until you forecast";
  if (node.median) return `median ${formatNumericValue(node.median.value, node.median.unit)}`;
  if (node.probability === null || node.probability === undefined) return "no forecasts yet";
  return formatProbability(node.probability);
}

/** The crowd's number in a few characters (a node's corner, the preview image). */
export function crowdNumber(node: MapNode): string {
  if (node.crowdHidden) return "hidden";
  if (node.median) return formatNumericValue(node.median.value, node.median.unit);
  return node.probability === null || node.probability === undefined
    ? "–"
    : formatProbability(node.probability);
}

/** Percentage points, e.g. 0.55 -> "55 pts". */
export const points = (x: number) => `${Math.round(x * 100)} pts`;

export const percentOrDash = (p: number | null | undefined) =>
  p === null || p === undefined ? "–" : formatProbability(p);

/** Grey for no gap known, then from slate (camps agree) to red (50 points apart or more). */
export function edgeColour(gap: number | null): string {
  if (gap === null) return "#c9c6be";
  const t = Math.min(1, gap / 0.5);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(122, 179)}, ${mix(140, 38)}, ${mix(160, 30)})`;
}
