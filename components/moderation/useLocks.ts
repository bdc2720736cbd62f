"use client";

import { useCallback, useState } from "react";
import type { DebateEvent } from "@/server/domain/events";
import {
  applyLockEvents,
  lockStateOf,
  type DebateLocks,
  type LockState,
} from "@/server/domain/restrictions";

/** A debate's locks, kept live from its events (docs/moderation.md). */
export function useLocks(initial: DebateLocks) {
  const [state, setState] = useState<LockState>(() => lockStateOf(initial));
  const applyEvents = useCallback(
    (events: readonly DebateEvent[]) => setState((s) => applyLockEvents(s, events)),
    [],
  );
  return { state, applyEvents };
}
