/**
 * Finding one's way around a thread: what is new since a reader's last visit, what a search
 * matches, and the order "next" walks through them. Pure: no I/O.
 */
import { childrenByParent, type ClaimView, type Sortable, type ThreadSort } from "./thread";

type Placed = Sortable & Pick<ClaimView, "parentId">;

/**
 * Claim ids in reading order: depth first, each level sorted by `sort` (the order the page shows
 * them in when everything is loaded). Claims whose parent is missing are left out.
 */
export function documentOrder(claims: Iterable<Placed>, sort: ThreadSort): number[] {
  const groups = childrenByParent(claims, sort);
  const order: number[] = [];
  // A stack, not recursion: reply chains may be very deep.
  const stack = [...(groups.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const c = stack.pop()!;
    order.push(c.id);
    const replies = groups.get(c.id) ?? [];
    for (let i = replies.length - 1; i >= 0; i--) stack.push(replies[i]!);
  }
  return order;
}

/** The claim and its ancestors, the top-level one first; [] when `id` is not among `claims`. */
export function ancestry<T extends Pick<ClaimView, "id" | "parentId">>(
  claims: ReadonlyMap<number, T>,
  id: number,
): T[] {
  const chain: T[] = [];
  const seen = new Set<number>();
  for (let c = claims.get(id); c && !seen.has(c.id);) {
    seen.add(c.id);
    chain.push(c);
    c = c.parentId === null ? undefined : claims.get(c.parentId);
  }
  return chain.reverse();
}

/**
 * What counts as new for a reader: claims posted after their last visit (`since`, ISO-8601),
 * neither deleted nor written by the reader. A first visit (`since` null) has nothing new: the
 * whole thread is new, and highlighting all of it would say nothing. In reading order ("oldest").
 */
export function newSinceLastVisit(
  claims: readonly ClaimView[],
  since: string | null,
  reader: string | null,
): number[] {
  if (since === null) return [];
  const at = Date.parse(since);
  if (Number.isNaN(at)) return [];
  const isNew = new Set(
    claims
      .filter((c) => !c.deleted && c.authorHandle !== reader && Date.parse(c.createdAt) > at)
      .map((c) => c.id),
  );
  return documentOrder(claims, "oldest").filter((id) => isNew.has(id));
}

export const MIN_SEARCH_LENGTH = 2;
export const MAX_SEARCH_LENGTH = 200;

/**
 * The words a reader searched for, tidied: spaces collapsed, a leading "@" dropped (so "@alice"
 * finds Alice's claims); null when too short to be worth a search.
 */
export function searchTerm(query: string): string | null {
  const term = query.trim().replace(/\s+/g, " ").replace(/^@/, "");
  return term.length < MIN_SEARCH_LENGTH ? null : term.slice(0, MAX_SEARCH_LENGTH);
}

/** An ILIKE pattern matching `term` anywhere, its own % _ and \ taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The next (step 1) or previous (step -1) position in a list of `length`, wrapping round. */
export function stepIndex(current: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  if (current < 0) return step === 1 ? 0 : length - 1;
  return (current + step + length) % length;
}
