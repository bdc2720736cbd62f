"use client";

import { useCallback, useState } from "react";
import type { DebateEvent } from "@/server/domain/events";
import {
  applyLockEvents,
  lockStateOf,
  type DebateLocks,
  type LockInfo,
  type LockState,
} from "@/server/domain/restrictions";

/** A debate's locks, kept live from its events (docs/moderation.md). */
export function useLocks(initial: DebateLocks) {
  const [state, setState] = useState<LockState>(() => lockStateOf(initial));
  const applyEvents = useCallback(
    (events: readonly DebateEvent[]) => setState((s) => applyLockEvents(s, events)),
    [],
  );
  /** An action's answer, shown at once (its event, when it comes, says the same). */
  const setDebateLock = useCallback(
    (lock: LockInfo | null) => setState((s) => ({ ...s, debate: lock })),
    [],
  );
  const setThreadLock = useCallback(
    (claimId: number, lock: LockInfo | null) =>
      setState((s) => {
        const claims = new Map(s.claims);
        if (lock) claims.set(claimId, lock);
        else claims.delete(claimId);
        return { ...s, claims };
      }),
    [],
  );
  return { state, applyEvents, setDebateLock, setThreadLock };
}
