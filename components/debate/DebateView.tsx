"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { trpc } from "@/lib/trpc";
import type { DebateCruxState, More, ThreadPage } from "@/lib/types";
import { CruxList } from "@/components/cruxes/CruxList";
import { CruxStatePanel } from "@/components/cruxes/CruxStatePanel";
import {
  childrenByParent,
  excerpt,
  THREAD_SORTS,
  type ClaimView,
  type ThreadSort,
} from "@/server/domain/thread";
import type { VoteAxis, VoteValue } from "@/server/domain/votes";
import { ClaimComposer } from "./ClaimComposer";
import { ClaimNode } from "./ClaimNode";
import { ThreadContext, type ThreadActions } from "./ThreadContext";
import { useDebateCruxes } from "./useDebateCruxes";
import { useLiveThread } from "./useLiveThread";
import { LiveStatus } from "@/components/live/LiveStatus";
import { MoreReplies } from "./MoreReplies";

interface Props {
  slug: string;
  viewer: string | null;
  /** The part of the thread the server sent (all of it, unless the thread is big). */
  initialWindow: ThreadPage;
  /** Claims in the whole thread, sent or not. */
  claimCount: number;
  initialSeq: number;
  initialCruxState: DebateCruxState;
  /** A permalink's claim: scrolled to and highlighted. */
  focusId?: number | null;
}

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

export function DebateView({
  slug,
  viewer,
  initialWindow,
  claimCount,
  initialSeq,
  initialCruxState,
  focusId = null,
}: Props) {
  const live = useLiveThread(slug, initialWindow.claims, initialSeq);
  const cruxState = useDebateCruxes(slug, initialCruxState, live.cruxVersion);
  const [tab, setTab] = useState<"thread" | "cruxes">("thread");
  const { upsertLocal, setTally, addLoaded } = live;
  const [sort, setSort] = useState<ThreadSort>("oldest");
  const [votes, setVotes] = useState(() => withVotes(new Map(), initialWindow.myVotes));
  const [more, setMore] = useState(() => moreMap(initialWindow, null));
  const groups = useMemo(() => childrenByParent(live.claims.values(), sort), [live.claims, sort]);
  const topLevel = groups.get(null) ?? [];
  const liveCount = claimCount + live.countChange;

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
      setVotes((m) => withVotes(new Map(m), page.myVotes));
      setMore((m) => {
        const next = new Map(m);
        next.delete(parentId);
        for (const [id, left] of moreMap(page, parentId)) next.set(id, left);
        return next;
      });
    },
    [slug, more, addLoaded],
  );

  useEffect(() => {
    if (focusId !== null)
      document.getElementById(`claim-${focusId}`)?.scrollIntoView({ block: "center" });
  }, [focusId]);

  const post = useCallback(
    async (
      parentId: number | null,
      v: { body: string; stance: ClaimView["stance"]; quote: string | null },
    ) => {
      upsertLocal(
        await trpc.claims.create.mutate({
          slug,
          body: v.body,
          parentId,
          stance: v.stance,
          quote: v.quote,
        }),
      );
    },
    [slug, upsertLocal],
  );

  const actions: ThreadActions = {
    slug,
    viewer,
    sort,
    groups,
    claims: live.claims,
    cruxState,
    more,
    loadMore,
    focusId,
    myVote: (claimId, axis) => votes.get(voteKey(claimId, axis)) ?? 0,
    reply: (parentId, v) => post(parentId, v),
    edit: async (id, body) => upsertLocal(await trpc.claims.edit.mutate({ id, body })),
    remove: async (id) => upsertLocal(await trpc.claims.delete.mutate({ id })),
    vote: async (id, axis, value) => {
      const result = await trpc.claims.vote.mutate({ id, axis, value });
      setVotes((m) => new Map(m).set(voteKey(id, axis), result.value));
      setTally(id, result);
    },
  };

  const titleOf = (id: number) => cruxState.cruxes.find((c) => c.id === id)?.title;

  return (
    <ThreadContext.Provider value={actions}>
      <CruxStatePanel
        state={cruxState}
        claimExcerpt={(id) => excerpt(live.claims.get(id)?.body ?? "", 90)}
      />
      <div className="thread-toolbar">
        <div role="tablist" aria-label="Debate views" className="tabs">
          <button
            type="button"
            role="tab"
            id="tab-thread"
            aria-controls="panel-thread"
            aria-selected={tab === "thread"}
            onClick={() => setTab("thread")}
          >
            Thread ({liveCount === 1 ? "1 claim" : `${liveCount} claims`})
          </button>
          <button
            type="button"
            role="tab"
            id="tab-cruxes"
            aria-controls="panel-cruxes"
            aria-selected={tab === "cruxes"}
            onClick={() => setTab("cruxes")}
          >
            Cruxes ({cruxState.cruxes.length})
          </button>
        </div>
        {tab === "thread" && (
          <label>
            Sort claims{" "}
            <select value={sort} onChange={(e) => setSort(e.target.value as ThreadSort)}>
              {THREAD_SORTS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <LiveStatus status={live.status} />
        {live.present !== null && <span className="presence">{live.present} here now</span>}
      </div>
      <div role="tabpanel" id="panel-cruxes" aria-labelledby="tab-cruxes" hidden={tab !== "cruxes"}>
        <CruxList cruxes={cruxState.cruxes} titleOf={titleOf} />
      </div>
      <div role="tabpanel" id="panel-thread" aria-labelledby="tab-thread" hidden={tab !== "thread"}>
        {viewer ? (
          <section aria-label="New claim" className="new-claim">
            <ClaimComposer
              draftKey={`draft:${slug}:top`}
              label="Post a new claim"
              submitLabel="Post claim"
              onSubmit={(v) => post(null, v)}
            />
          </section>
        ) : (
          <p className="muted">
            <Link href={`/signin?callbackUrl=/debates/${slug}`}>Sign in</Link> to post claims,
            reply, vote and forecast.
          </p>
        )}
        <ol className="thread" aria-label="Claims">
          {topLevel.map((claim) => (
            <ClaimNode key={claim.id} claim={claim} depth={0} />
          ))}
        </ol>
        <MoreReplies parentId={null} />
      </div>
    </ThreadContext.Provider>
  );
}
