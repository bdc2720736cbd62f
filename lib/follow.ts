/** Where a follow state lives in the query cache (shared by server pages and FollowButton). */
export type FollowTarget = { cruxId: number } | { debateSlug: string };

/**
 * Under ["crux", id] on a crux, so the crux page's own refresh after a forecast or a bet (which
 * follow the crux) refetches it with everything else.
 */
export const followKey = (target: FollowTarget): readonly unknown[] =>
  "cruxId" in target ? ["crux", target.cruxId, "follow"] : ["debate-follow", target.debateSlug];
