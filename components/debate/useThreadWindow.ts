"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { trpc } from "@/lib/trpc";
import type { More, ThreadPage } from "@/lib/types";
import type { ClaimView } from "@/server/domain/thread";
import type { VoteAxis, VoteValue } from "@/server/domain/votes";

const voteKey = (claimId: number, axis: VoteAxis) => `${claimId}:${axis}`;
type Vote = ThreadPage["myVotes"][number];
const withVotes = (map: Map<string, VoteValue>, votes: Vote[]) => {
  for (const v of votes) map.set(voteKey(v.claimId, v.axis), v.value);
  return map;
};
const moreMap = (page: ThreadPage, parentId: number | null) => {
  const more = new Map<number | null, More>();
  if (page.moreTop) more.set(parentId, page.moreTop);
  for (const [id, m] of Object.entries(page.moreReplies)) more.set(Number(id), m);
  return more;
};

/**
 * The part of a big thread this page has loaded (server/domain/threadWindow.ts): the viewer's
 * votes on it, the replies left out ("show 12 more"), loading more, and loading one claim in
 * place with its ancestors (for "next new" and search hits not loaded yet).
 */
export function useThreadWindow(
  slug: string,
  initialWindow: ThreadPage,
  claims: ReadonlyMap<number, ClaimView>,
  addLoaded: (loaded: ClaimView[]) => void,
  addReactions: (loaded: ThreadPage["reactions"]) => void = () => {},
) {
  const [votes, setVotes] = useState(() => withVotes(new Map(), initialWindow.myVotes));
  const [more, setMore] = useState(() => moreMap(initialWindow, null));
  const loadedNow = useRef(claims);
  useEffect(() => {
    loadedNow.current = claims;
  }, [claims]);

  const loadMore = useCallback(
    async (parentId: number | null) => {
      const at = more.get(parentId);
      if (!at) return;
      const page = await trpc.debates.window.query({
        slug,
        parentId: parentId ?? undefined,
        skip: at.skip,
      });
      addLoaded(page.claims);
      addReactions(page.reactions);
      setVotes((m) => withVotes(new Map(m), page.myVotes));
      setMore((m) => {
        const next = new Map(m);
        next.delete(parentId);
        for (const [id, left] of moreMap(page, parentId)) next.set(id, left);
        return next;
      });
    },
    [slug, more, addLoaded, addReactions],
  );

  /** Makes sure claim `id` is loaded, with its ancestors; false if it is not in this debate. */
  const reveal = useCallback(
    async (id: number): Promise<boolean> => {
      if (loadedNow.current.has(id)) return true;
      const branch = await trpc.debates.branch.query({ slug, claimId: id });
      const fresh = branch.claims.filter((c) => !loadedNow.current.has(c.id));
      addLoaded(branch.claims);
      addReactions(branch.reactions);
      setVotes((m) => withVotes(new Map(m), branch.myVotes));
      setMore((m) => {
        const next = new Map(m);
        for (const c of fresh) {
          // It was one of the replies its parent's "show N more" counted.
          const parentMore = next.get(c.parentId);
          if (parentMore) next.set(c.parentId, { ...parentMore, count: parentMore.count - 1 });
          const loadedChildren = branch.claims.filter((x) => x.parentId === c.id).length;
          const left = (branch.replyCounts[String(c.id)] ?? 0) - loadedChildren;
          // Asking from the first reply is safe: replies already here are not added twice.
          if (left > 0) next.set(c.id, { count: left, skip: 0 });
        }
        return next;
      });
      return true;
    },
    [slug, addLoaded, addReactions],
  );

  const myVote = useCallback(
    (claimId: number, axis: VoteAxis) => votes.get(voteKey(claimId, axis)) ?? 0,
    [votes],
  );
  const setMyVote = useCallback((claimId: number, axis: VoteAxis, value: VoteValue) => {
    setVotes((m) => new Map(m).set(voteKey(claimId, axis), value));
  }, []);

  return { more, loadMore, reveal, myVote, setMyVote };
}
