"use client";

import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { planEvents, type DebateEvent } from "@/server/domain/events";
import { trpc } from "@/lib/trpc";

/**
 * `connecting`: the first connection is on its way; `live`: joined; `reconnecting`: the connection
 * was lost and socket.io is retrying; `offline`: the browser has no network (it retries when the
 * network is back).
 */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

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

    let joined = false;
    let everJoined = false;
    // Not live: say why, from what the browser knows of the network and whether we were ever live.
    const notLive = () => {
      joined = false;
      setStatus(!navigator.onLine ? "offline" : everJoined ? "reconnecting" : "connecting");
    };
    const socket = io({ path: "/realtime", transports: ["websocket"] });
    window.__cruxibleLive = socket;
    socket.on("connect", () => {
      socket.emit("debate:join", { slug, afterSeq: lastSeq }, (ack: JoinAck) => {
        if (!ack.ok) return notLive();
        joined = everJoined = true;
        setStatus("live");
        ingest(ack.events ?? []);
      });
    });
    socket.on("disconnect", notLive);
    socket.on("connect_error", notLive);
    socket.io.on("reconnect_attempt", notLive);
    // The socket notices a lost network only at its next ping; the browser knows at once.
    const onOffline = () => setStatus("offline");
    const onOnline = () => {
      if (joined) return setStatus("live");
      notLive();
      // Try now rather than at the end of socket.io's back-off.
      if (!socket.connected) socket.connect();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!navigator.onLine) setStatus("offline");
    socket.on("debate:event", (event: DebateEvent) => {
      if (event.slug === slug) ingest([event]);
    });
    socket.on("debate:presence", (p: { slug: string; count: number }) => {
      if (p.slug === slug) setPresent(p.count);
    });
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      socket.disconnect();
      if (window.__cruxibleLive === socket) delete window.__cruxibleLive;
    };
    // The stream starts once per debate; later seqs are tracked inside the effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  return { status, present };
}
