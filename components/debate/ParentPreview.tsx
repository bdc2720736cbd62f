"use client";

import { useEffect, useId, useRef, useState } from "react";
import { excerpt, type ClaimView } from "@/server/domain/thread";
import { readableText } from "@/server/domain/claimVisibility";

/**
 * "↳ @alice": which claim a reply answers. Hovering or focusing it (desktop) or tapping it (phone)
 * shows the parent's author and opening words; Escape or a tap elsewhere closes it. Focus opens it
 * too, and it is then the button's description, so screen readers hear it. Rendered only while
 * open: a closed preview's text must not count as the reply's own.
 */
export function ParentPreview({ parent, long }: { parent: ClaimView; long: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);
  const text = parent.deleted ? "[deleted]" : excerpt(readableText(parent), 220);
  return (
    <span
      className="parent-preview"
      ref={wrapper}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
    >
      <button
        type="button"
        className="link-button parent-ref"
        aria-describedby={open ? `${id}-preview` : undefined}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        // A tap focuses and clicks at once: opening on both keeps it open (a tap elsewhere closes).
        onClick={() => setOpen(true)}
      >
        ↳ {long ? "replying to " : ""}@{parent.authorHandle}
        <span className="visually-hidden">’s claim</span>
      </button>
      {open && (
        <span role="tooltip" id={`${id}-preview`} className="parent-tooltip">
          <strong>@{parent.authorHandle}</strong>: {text}
        </span>
      )}
    </span>
  );
}
