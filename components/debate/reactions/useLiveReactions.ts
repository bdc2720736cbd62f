"use client";

import { useCallback, useState } from "react";
import type { DebateEvent } from "@/server/domain/events";
import type { ReactionSpan } from "@/server/domain/reactions";
import type { ThreadPage } from "@/lib/types";

export type ClaimReactionList = ThreadPage["reactions"];

/**
 * Reactions per claim, kept live: each `claim.reactions` event carries a claim's whole list, so
 * applying one is replacing it. Claims whose reactions arrive by event are known even when the
 * claim itself is not loaded (the state panel's most-marked spans use them).
 */
export function useLiveReactions(initial: ClaimReactionList) {
  const [byClaim, setByClaim] = useState<ReadonlyMap<number, ReactionSpan[]>>(
    () => new Map(initial.map((r) => [r.claimId, r.spans])),
  );

  const applyEvents = useCallback((events: readonly DebateEvent[]) => {
    const changes: [number, ReactionSpan[]][] = [];
    for (const e of events)
      if (e.type === "claim.reactions") changes.push([e.data.claimId, e.data.spans]);
    if (changes.length > 0) setByClaim((current) => new Map([...current, ...changes]));
  }, []);

  /** A mutation's result, shown at once (its event carries the same list). */
  const setSpans = useCallback((claimId: number, spans: ReactionSpan[]) => {
    setByClaim((current) => new Map(current).set(claimId, spans));
  }, []);

  /** Reactions of claims loaded later; those already known (from events) are newer. */
  const addLoaded = useCallback((loaded: ClaimReactionList) => {
    setByClaim((current) => {
      const fresh = loaded.filter((r) => !current.has(r.claimId));
      return fresh.length === 0
        ? current
        : new Map([...current, ...fresh.map((r) => [r.claimId, r.spans] as const)]);
    });
  }, []);

  return { byClaim, applyEvents, setSpans, addLoaded };
}
