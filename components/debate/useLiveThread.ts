"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { applyEvent, planEvents, type DebateEvent } from "@/server/domain/events";
import type { ClaimView } from "@/server/domain/thread";
import { trpc } from "@/lib/trpc";

export type ConnectionStatus = "connecting" | "live" | "offline";

interface JoinAck {
  ok: boolean;
  events?: DebateEvent[];
  error?: string;
}

declare global {
  interface Window {
    /** The live socket, exposed so end-to-end tests can take a client offline and back. */
    __cruxibleLive?: Socket;
  }
}

/**
 * Keeps a debate's claims in step with the server: applies events strictly in seq order, fetches
 * missing ones on a gap, and re-joins with its last seq after a reconnect (DESIGN.md protocol).
 */
export function useLiveThread(slug: string, initialClaims: ClaimView[], initialSeq: number) {
  const [claims, setClaims] = useState(() => new Map(initialClaims.map((c) => [c.id, c])));
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [present, setPresent] = useState<number | null>(null);
  const lastSeq = useRef(initialSeq);
  const pending = useRef<DebateEvent[]>([]);
  const fetching = useRef(false);
  // The gap fetch calls back into ingest; a ref breaks the self-reference.
  const ingestRef = useRef<(arrived: DebateEvent[]) => void>(() => undefined);

  const ingest = useCallback(
    (arrived: DebateEvent[]) => {
      const plan = planEvents(lastSeq.current, [...pending.current, ...arrived]);
      pending.current = plan.pending;
      if (plan.apply.length > 0) {
        lastSeq.current = plan.apply[plan.apply.length - 1]!.seq;
        setClaims((current) => plan.apply.reduce(applyEvent, current));
      }
      if (plan.gap && !fetching.current) {
        fetching.current = true;
        trpc.debates.events
          .query({ slug, after: lastSeq.current })
          .then((res) => {
            fetching.current = false;
            ingestRef.current(res.events.map((e) => ({ ...e, slug }) as DebateEvent));
          })
          .catch(() => {
            fetching.current = false;
          });
      }
    },
    [slug],
  );
  useEffect(() => {
    ingestRef.current = ingest;
  }, [ingest]);

  useEffect(() => {
    const socket = io({ path: "/realtime", transports: ["websocket"] });
    window.__cruxibleLive = socket;
    socket.on("connect", () => {
      socket.emit("debate:join", { slug, afterSeq: lastSeq.current }, (ack: JoinAck) => {
        if (!ack.ok) return setStatus("offline");
        setStatus("live");
        ingest(ack.events ?? []);
      });
    });
    socket.on("disconnect", () => setStatus("offline"));
    socket.on("debate:event", (event: DebateEvent) => {
      if (event.slug === slug) ingest([event]);
    });
    socket.on("debate:presence", (p: { slug: string; count: number }) => {
      if (p.slug === slug) setPresent(p.count);
    });
    return () => {
      socket.disconnect();
      if (window.__cruxibleLive === socket) delete window.__cruxibleLive;
    };
  }, [slug, ingest]);

  /** Shows a mutation's result at once; the matching event, when it comes, carries the same data. */
  const upsertLocal = useCallback((claim: ClaimView) => {
    setClaims((current) => new Map(current).set(claim.id, claim));
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

  return { claims, status, present, upsertLocal, setTally };
}
