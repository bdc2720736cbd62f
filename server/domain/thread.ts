/** The threaded claim tree as clients and pages see it. Pure: no I/O. */

export const STANCES = ["supports", "opposes", "clarifies"] as const;
export type Stance = (typeof STANCES)[number];

export const THREAD_SORTS = ["oldest", "newest", "top"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export interface ClaimView {
  id: number;
  parentId: number | null;
  authorHandle: string;
  body: string;
  quote: string | null;
  stance: Stance | null;
  /** ISO-8601 */
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  quality: number;
  agree: number;
  disagree: number;
  /** Present when moderators hid the claim (server/domain/claimVisibility.ts). */
  hidden?: { reason: string; bodyShown: boolean };
}

export const MAX_BODY_LENGTH = 20_000;
export const MAX_QUOTE_LENGTH = 1_000;

/** What ordering needs of a claim (so lean rows, not just full views, can be ordered). */
export type Sortable = Pick<ClaimView, "id" | "createdAt" | "quality">;

/** Orders sibling claims. "top" is quality score, ties broken oldest first, so order is total. */
export function compareClaims(sort: ThreadSort): (a: Sortable, b: Sortable) => number {
  const oldestFirst = (a: Sortable, b: Sortable) =>
    a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1;
  switch (sort) {
    case "oldest":
      return oldestFirst;
    case "newest":
      return (a, b) => oldestFirst(b, a);
    case "top":
      return (a, b) => b.quality - a.quality || oldestFirst(a, b);
  }
}

/** Groups claims by parent (null for top level), each group sorted. */
export function childrenByParent<T extends Sortable & Pick<ClaimView, "parentId">>(
  claims: Iterable<T>,
  sort: ThreadSort,
): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>();
  for (const claim of claims) {
    const list = groups.get(claim.parentId);
    if (list) list.push(claim);
    else groups.set(claim.parentId, [claim]);
  }
  const compare = compareClaims(sort);
  for (const list of groups.values()) list.sort(compare);
  return groups;
}

/** Number of claims below `id` (for "N replies hidden" on a collapsed subtree). */
export function countDescendants(groups: Map<number | null, ClaimView[]>, id: number): number {
  let count = 0;
  const stack = [id];
  while (stack.length > 0) {
    const children = groups.get(stack.pop() as number) ?? [];
    count += children.length;
    for (const child of children) stack.push(child.id);
  }
  return count;
}

/** Checks a quoted excerpt against the parent's body; returns an error message or null. */
export function quoteProblem(parentBody: string, quote: string): string | null {
  if (quote.length > MAX_QUOTE_LENGTH)
    return `quote must be at most ${MAX_QUOTE_LENGTH} characters`;
  if (!parentBody.includes(quote))
    return "quote must be an exact excerpt of the claim you reply to";
  return null;
}

/** A short plain-text preview of a Markdown body (for lists, selects and links). */
export function excerpt(markdown: string, max: number): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(?:>|#{1,6}|[-*+]|\d+\.)\s*/gm, "")
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
