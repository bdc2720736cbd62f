"use client";

import { useCallback, useState } from "react";
import { useDebateEvents } from "@/components/live/useDebateEvents";
import { trpc } from "@/lib/trpc";
import { needsOwnCopy } from "@/server/domain/claimVisibility";
import { applyEvent, isCruxEvent, type DebateEvent } from "@/server/domain/events";
import type { ClaimView } from "@/server/domain/thread";

const NO_READER = { handle: null, moderates: false };

export type { ConnectionStatus } from "@/components/live/useDebateEvents";

/** A debate's claims kept in step with the live event stream; counts crux/forecast events too. */
export function useLiveThread(
  slug: string,
  initialClaims: ClaimView[],
  initialSeq: number,
  /** Also given every batch of events (kept stable: a new function resubscribes). */
  alsoApply?: (events: DebateEvent[]) => void,
  /** Who reads: events carry what everyone sees, so the author and moderators refetch hidden claims. */
  reader: { handle: string | null; moderates: boolean } = NO_READER,
) {
  const [claims, setClaims] = useState(() => new Map(initialClaims.map((c) => [c.id, c])));
  const [cruxVersion, setCruxVersion] = useState(0);
  // Claims created minus claims deleted since the page was rendered (the count in the tab).
  const [countChange, setCountChange] = useState(0);

  const onEvents = useCallback(
    (events: DebateEvent[]) => {
      setClaims((current) => events.reduce(applyEvent, current));
      alsoApply?.(events);
      for (const e of events)
        if ("claim" in e.data && needsOwnCopy(e.data.claim, reader))
          void trpc.claims.get
            .query({ id: e.data.claim.id })
            .then((own) => setClaims((current) => new Map(current).set(own.id, own)))
            // Failing that, the page keeps the public view (the placeholder): nothing is lost.
            .catch(() => undefined);
      const change = events.reduce(
        (n, e) => n + (e.type === "claim.created" ? 1 : e.type === "claim.deleted" ? -1 : 0),
        0,
      );
      if (change !== 0) setCountChange((n) => n + change);
      if (events.some(isCruxEvent)) setCruxVersion((v) => v + 1);
    },
    [alsoApply, reader],
  );
  const { status, present } = useDebateEvents(slug, initialSeq, onEvents);

  /** Shows a mutation's result at once; the matching event, when it comes, carries the same data. */
  const upsertLocal = useCallback((claim: ClaimView) => {
    setClaims((current) => new Map(current).set(claim.id, claim));
  }, []);

  /** Adds claims loaded later (more of a big thread); those already here are kept live. */
  const addLoaded = useCallback((loaded: ClaimView[]) => {
    setClaims((current) => {
      const next = new Map(current);
      for (const c of loaded) if (!next.has(c.id)) next.set(c.id, c);
      return next;
    });
  }, []);

  const setTally = useCallback(
    (claimId: number, tally: Pick<ClaimView, "quality" | "agree" | "disagree">) => {
      setClaims((current) => {
        const claim = current.get(claimId);
        return claim ? new Map(current).set(claimId, { ...claim, ...tally }) : current;
      });
    },
    [],
  );

  return { claims, status, present, cruxVersion, countChange, upsertLocal, addLoaded, setTally };
}
