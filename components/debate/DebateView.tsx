"use client";

import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { trpc } from "@/lib/trpc";
import type { DebateCruxState } from "@/lib/types";
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

interface Props {
  slug: string;
  viewer: string | null;
  initialClaims: ClaimView[];
  initialSeq: number;
  initialVotes: { claimId: number; axis: VoteAxis; value: -1 | 1 }[];
  initialCruxState: DebateCruxState;
}

const voteKey = (claimId: number, axis: VoteAxis) => `${claimId}:${axis}`;

export function DebateView({
  slug,
  viewer,
  initialClaims,
  initialSeq,
  initialVotes,
  initialCruxState,
}: Props) {
  const live = useLiveThread(slug, initialClaims, initialSeq);
  const cruxState = useDebateCruxes(slug, initialCruxState, live.cruxVersion);
  const [tab, setTab] = useState<"thread" | "cruxes">("thread");
  const { upsertLocal, setTally } = live;
  const [sort, setSort] = useState<ThreadSort>("oldest");
  const [votes, setVotes] = useState(
    () =>
      new Map<string, VoteValue>(initialVotes.map((v) => [voteKey(v.claimId, v.axis), v.value])),
  );
  const groups = useMemo(() => childrenByParent(live.claims.values(), sort), [live.claims, sort]);
  const topLevel = groups.get(null) ?? [];
  const liveCount = useMemo(
    () => [...live.claims.values()].filter((c) => !c.deleted).length,
    [live.claims],
  );

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
      </div>
    </ThreadContext.Provider>
  );
}
