"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { sourceQuoteFor, type ReactionKind } from "@/server/domain/reactions";
import { ReactionPicker } from "./ReactionPicker";
import { spanLabel } from "./spans";

interface Picked {
  quote: string;
  start: number;
  top: number;
  left: number;
}

const NOTHING: ReadonlySet<ReactionKind> = new Set();

/**
 * After text in a claim is selected (mouse, touch or keyboard), a small toolbar near it:
 * "React to selection", then the kinds. The selection is found in the claim's Markdown source
 * (server/domain/reactions.ts sourceQuoteFor), which is what the server checks.
 */
export function SelectionToolbar({
  body,
  textRef,
  onReact,
}: {
  body: string;
  /** The rendered claim text selections are taken from. */
  textRef: RefObject<HTMLDivElement | null>;
  onReact: (kind: ReactionKind, quote: string, start: number) => Promise<void>;
}) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const text = textRef.current;
    if (!text) return;
    const read = () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
      // Roughly where in the text the selection starts, to pick among repeated passages.
      const before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const rendered = text.textContent ?? "";
      const near = rendered.length
        ? Math.round((before.toString().length / rendered.length) * body.length)
        : 0;
      const found = sourceQuoteFor(body, selection.toString(), near);
      const box = range.getBoundingClientRect();
      const frame = (text.parentElement ?? text).getBoundingClientRect();
      setChoosing(false);
      if (!found) {
        setPicked(null);
        setProblem("That selection can't be matched to the claim's text; try a shorter one.");
        return;
      }
      setProblem(null);
      setPicked({
        ...found,
        top: box.bottom - frame.top + 6,
        left: Math.max(0, Math.min(box.left - frame.left, frame.width - 240)),
      });
    };
    const later = () => window.setTimeout(read, 0);
    text.addEventListener("mouseup", later);
    text.addEventListener("keyup", later);
    text.addEventListener("touchend", later);
    const away = (e: Event) => {
      if (bar.current?.contains(e.target as Node)) return;
      setPicked(null);
      setProblem(null);
    };
    document.addEventListener("mousedown", away);
    return () => {
      text.removeEventListener("mouseup", later);
      text.removeEventListener("keyup", later);
      text.removeEventListener("touchend", later);
      document.removeEventListener("mousedown", away);
    };
  }, [body, textRef]);

  if (!picked && !problem) return null;
  const close = () => {
    setPicked(null);
    setProblem(null);
    setChoosing(false);
  };
  return (
    <div
      ref={bar}
      className="selection-toolbar"
      role="group"
      aria-label="Selected text"
      style={picked ? { top: picked.top, left: picked.left } : undefined}
      // Keep the selection while the toolbar is used.
      onMouseDown={(e) => e.preventDefault()}
      onKeyDown={(e) => e.key === "Escape" && close()}
    >
      {problem ? (
        <p className="muted small" role="status">
          {problem}
        </p>
      ) : (
        picked &&
        (choosing ? (
          <ReactionPicker
            label={`React to ${spanLabel(picked, 40)}`}
            mine={NOTHING}
            onPick={(kind) => {
              void onReact(kind, picked.quote, picked.start).then(close, close);
            }}
          />
        ) : (
          <button type="button" className="small" onClick={() => setChoosing(true)}>
            React to selection
          </button>
        ))
      )}
    </div>
  );
}
