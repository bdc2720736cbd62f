"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { acquireUserSocket } from "@/components/live/userSocket";
import { trpc } from "@/lib/trpc";
import type { StandingView } from "@/server/domain/restrictions";

const StandingContext = createContext<StandingView | null>(null);

/**
 * The signed-in person's standing (docs/moderation.md), read with the page and again whenever
 * their notifications change (a suspension, a ban or lifting one notifies them), so an open page
 * disables writing without a reload. Null: signed out.
 */
export function StandingProvider({
  initial,
  children,
}: {
  initial: StandingView | null;
  children: ReactNode;
}) {
  const [standing, setStanding] = useState(initial);
  const signedIn = initial !== null;
  useEffect(() => {
    if (!signedIn) return;
    const { socket, release } = acquireUserSocket();
    const reload = () =>
      void trpc.account.standing
        .query()
        .then(setStanding)
        .catch(() => undefined);
    socket.on("notifications:changed", reload);
    return () => {
      socket.off("notifications:changed", reload);
      release();
    };
  }, [signedIn]);
  return (
    <StandingContext.Provider value={standing}>
      {standing?.restriction && (
        <p className="standing-notice" role="status" id="standing-notice">
          {standing.restriction.message}
        </p>
      )}
      {children}
    </StandingContext.Provider>
  );
}

/** Why the signed-in person can't write at all right now, or null. */
export function useRestriction(): string | null {
  return useContext(StandingContext)?.restriction?.message ?? null;
}
