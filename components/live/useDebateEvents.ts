"use client";

import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { planEvents, type DebateEvent } from "@/server/domain/events";
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
 * Follows a debate's event stream (docs/live-updates.md): hands events to `onEvents` strictly in seq
 * order, fetches missing ones on a gap, and re-joins with its last seq after a reconnect.
 */
export function useDebateEvents(
  slug: string,
  initialSeq: number,
  onEvents: (events: DebateEvent[]) => void,
) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [present, setPresent] = useState<number | null>(null);
  const handler = useRef(onEvents);
  useEffect(() => {
    handler.current = onEvents;
  }, [onEvents]);

  useEffect(() => {
    let lastSeq = initialSeq;
    let pending: DebateEvent[] = [];
    let fetching = false;

    const ingest = (arrived: DebateEvent[]) => {
      const plan = planEvents(lastSeq, [...pending, ...arrived]);
      pending = plan.pending;
      if (plan.apply.length > 0) {
        lastSeq = plan.apply[plan.apply.length - 1]!.seq;
        handler.current(plan.apply);
      }
      if (plan.gap && !fetching) {
        fetching = true;
        trpc.debates.events
          .query({ slug, after: lastSeq })
          .then((res) => {
            fetching = false;
            ingest(res.events.map((e) => ({ ...e, slug }) as DebateEvent));
          })
          .catch(() => {
            fetching = false;
          });
      }
    };

    const socket = io({ path: "/realtime", transports: ["websocket"] });
    window.__cruxibleLive = socket;
    socket.on("connect", () => {
      socket.emit("debate:join", { slug, afterSeq: lastSeq }, (ack: JoinAck) => {
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
    // The stream starts once per debate; later seqs are tracked inside the effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  return { status, present };
}
