"use client";

import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { trpc } from "@/lib/trpc";
import {
  childrenByParent,
  THREAD_SORTS,
  type ClaimView,
  type ThreadSort,
} from "@/server/domain/thread";
import type { VoteAxis, VoteValue } from "@/server/domain/votes";
import { ClaimComposer } from "./ClaimComposer";
import { ClaimNode } from "./ClaimNode";
import { ThreadContext, type ThreadActions } from "./ThreadContext";
import { useLiveThread } from "./useLiveThread";

interface Props {
  slug: string;
  viewer: string | null;
  initialClaims: ClaimView[];
  initialSeq: number;
  initialVotes: { claimId: number; axis: VoteAxis; value: -1 | 1 }[];
}

const voteKey = (claimId: number, axis: VoteAxis) => `${claimId}:${axis}`;

export function DebateView({ slug, viewer, initialClaims, initialSeq, initialVotes }: Props) {
  const live = useLiveThread(slug, initialClaims, initialSeq);
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

  return (
    <ThreadContext.Provider value={actions}>
      <p className="muted claim-count">{liveCount === 1 ? "1 claim" : `${liveCount} claims`}</p>
      <div className="thread-toolbar">
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
        <span className={`live-status ${live.status}`} role="status" aria-live="polite">
          {live.status === "live"
            ? "● Live"
            : live.status === "offline"
              ? "○ Offline, reconnecting…"
              : "○ Connecting…"}
        </span>
        {live.present !== null && (
          <span className="presence" aria-label={`${live.present} here now`}>
            {live.present} here now
          </span>
        )}
      </div>
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
          <Link href={`/signin?callbackUrl=/debates/${slug}`}>Sign in</Link> to post claims, reply
          and vote.
        </p>
      )}
      <ol className="thread" aria-label="Claims">
        {topLevel.map((claim) => (
          <ClaimNode key={claim.id} claim={claim} depth={0} />
        ))}
      </ol>
    </ThreadContext.Provider>
  );
}
