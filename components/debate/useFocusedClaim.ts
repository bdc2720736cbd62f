"use client";

import { useCallback, useEffect, useState } from "react";

interface Focus {
  id: number;
  /** Bumped on every request, so asking for the same claim again scrolls again. */
  seq: number;
  /** Move keyboard focus to the claim too ("next new", search), not only the view (a new post). */
  moveFocus: boolean;
}

/**
 * The claim brought into view and highlighted (the `.focused` style of permalinks): scrolled to
 * the middle of the screen once it is rendered, and focused when asked.
 */
export function useFocusedClaim(initial: number | null) {
  const [focus, setFocus] = useState<Focus | null>(
    initial === null ? null : { id: initial, seq: 0, moveFocus: false },
  );
  useEffect(() => {
    if (!focus) return;
    const el = document.getElementById(`claim-${focus.id}`);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    if (focus.moveFocus) el.focus({ preventScroll: true });
  }, [focus]);
  const focusOn = useCallback((id: number, moveFocus: boolean) => {
    setFocus((f) => ({ id, seq: (f?.seq ?? 0) + 1, moveFocus }));
  }, []);
  return { focusId: focus?.id ?? null, focusOn };
}

/** A polite live region's text: the same message twice is announced twice. */
export function useAnnouncer() {
  const [message, setMessage] = useState("");
  const announce = useCallback((text: string) => {
    setMessage("");
    // After the region empties, so screen readers see a change even for a repeated message.
    window.setTimeout(() => setMessage(text), 50);
  }, []);
  return { message, announce };
}
