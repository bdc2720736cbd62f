/**
 * Which claims of a big thread a page sends at first (docs/benchmarks.md, P3): a thread that fits
 * the budget goes whole; a bigger one sends its first top-level claims and the top of each
 * branch, breadth first, and says for every claim sent how many of its replies were left out, so
 * the reader can ask for them ("show 12 more replies"). Pinned claims (a permalink's target, the
 * claims the summary panel links to) come with their ancestors, so each is in its place.
 */
import { childrenByParent, type ClaimView, type ThreadSort } from "./thread";

/** Replies left out under one claim: how many, and the `skip` that asks for them in order. */
export interface More {
  count: number;
  /** How many of the replies, in sort order, come before the first one left out. */
  skip: number;
}

export interface ThreadWindow {
  /** The claims sent, parents before children. */
  claims: ClaimView[];
  /** For a claim sent with replies left out. */
  moreReplies: Record<number, More>;
  /** The window's root level (the top level, or `parentId`'s replies) left out; null: none. */
  moreTop: More | null;
}

export interface WindowOptions {
  sort: ThreadSort;
  /** The window's root: null for the whole debate, or a claim whose replies are wanted. */
  parentId?: number | null;
  /** Children of the root already shown, in `sort` order: the window starts after them. */
  skip?: number;
  /** Claims to include with their ancestors. */
  pinned?: readonly number[];
  /** A claim (pinned, say) whose replies get a budget of their own: a permalink's subtree. */
  expand?: number | null;
  /** The most claims sent (pinned ancestry may add a few). */
  budget?: number;
  /** Replies sent per claim beyond the root level, when the thread is over budget. */
  perClaim?: number;
}

export const WINDOW_BUDGET = 150;
export const WINDOW_PER_CLAIM = 3;

export function windowThread(
  all: readonly ClaimView[],
  {
    sort,
    parentId = null,
    skip = 0,
    pinned = [],
    expand = null,
    budget = WINDOW_BUDGET,
    perClaim = WINDOW_PER_CLAIM,
  }: WindowOptions,
): ThreadWindow {
  const groups = childrenByParent(all, sort);
  const byId = new Map(all.map((c) => [c.id, c]));
  const roots = (groups.get(parentId) ?? []).slice(skip);
  const chosen = new Set<number>();

  chooseBreadthFirst(roots, groups, chosen, budget, perClaim);

  // A pinned claim brings its ancestors up to the window's root (none, if it is not under it).
  for (const id of pinned) {
    const chain: number[] = [];
    for (let p = byId.get(id); p; p = p.parentId === null ? undefined : byId.get(p.parentId)) {
      chain.push(p.id);
      if (p.parentId === parentId) {
        for (const c of chain) chosen.add(c);
        break;
      }
    }
  }

  if (expand !== null && chosen.has(expand))
    chooseBreadthFirst(groups.get(expand) ?? [], groups, chosen, budget, perClaim);

  // Parents before children: walk the tree in order, keeping the chosen.
  const claims: ClaimView[] = [];
  const moreReplies: Record<number, More> = {};
  // Depth first in order, with a stack rather than recursion: a reply chain may be very deep.
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (!chosen.has(c.id)) continue;
    claims.push(c);
    const replies = groups.get(c.id) ?? [];
    const more = leftOut(replies, chosen, 0);
    if (more) moreReplies[c.id] = more;
    for (let i = replies.length - 1; i >= 0; i--) stack.push(replies[i]!);
  }
  return { claims, moreReplies, moreTop: leftOut(roots, chosen, skip) };
}

function leftOut(list: readonly ClaimView[], chosen: Set<number>, offset: number): More | null {
  const first = list.findIndex((c) => !chosen.has(c.id));
  if (first < 0) return null;
  return { count: list.filter((c) => !chosen.has(c.id)).length, skip: offset + first };
}

/**
 * Adds `roots` and their replies to `chosen`, level by level, until `budget` more are chosen:
 * everything when the subtree fits, else at most `perClaim` replies per claim.
 */
function chooseBreadthFirst(
  roots: readonly ClaimView[],
  groups: ReadonlyMap<number | null, ClaimView[]>,
  chosen: Set<number>,
  budget: number,
  perClaim: number,
): void {
  const limit = chosen.size + budget;
  let size = 0;
  const stack = [...roots];
  while (stack.length > 0 && size <= budget) {
    size += 1;
    stack.push(...(groups.get(stack.pop()!.id) ?? []));
  }
  const whole = size <= budget;
  let level = roots.slice(0, budget);
  for (const c of level) chosen.add(c.id);
  while (level.length > 0 && (whole || chosen.size < limit)) {
    const next: ClaimView[] = [];
    for (const c of level) {
      const replies = groups.get(c.id) ?? [];
      for (const r of whole ? replies : replies.slice(0, perClaim)) {
        if (!whole && chosen.size >= limit) break;
        chosen.add(r.id);
        next.push(r);
      }
    }
    level = next;
  }
}
