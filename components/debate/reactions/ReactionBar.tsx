"use client";

import { useRef, useState } from "react";
import {
  cruxMarkers,
  REACTION_SYMBOLS,
  REACTION_LABELS,
  type ReactionKind,
  type ReactionSpan,
} from "@/server/domain/reactions";
import { ReactionPicker } from "./ReactionPicker";
import { mineOn, reactionTotal, spanKey, spanLabel } from "./spans";

/**
 * Under a claim: how many marked it a crux, one chip per span (opens who reacted how), the
 * reactions left on an earlier version, and "React" for the whole claim (keyboard reachable).
 */
export function ReactionBar({
  claimId,
  spans,
  viewer,
  openKeys,
  busy,
  onOpen,
  onReactWhole,
}: {
  claimId: number;
  spans: readonly ReactionSpan[];
  viewer: string | null;
  /** Spans whose popover is open from this row. */
  openKeys: readonly string[];
  busy: boolean;
  onOpen: (key: string) => void;
  onReactWhole: (kind: ReactionKind, pressed: boolean) => void;
}) {
  const [picking, setPicking] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const markers = cruxMarkers(spans);
  const current = spans.filter((s) => !s.orphaned);
  const earlier = spans.filter((s) => s.orphaned);
  const whole = spans.find((s) => s.quote === "");
  if (spans.length === 0 && !viewer) return null;
  return (
    <div className="reaction-bar">
      {markers > 0 && (
        <span className="crux-marks">
          {markers === 1 ? "1 marked this a crux" : `${markers} marked this a crux`}
        </span>
      )}
      {current.length > 0 && (
        <ul className="plain reaction-chips" aria-label={`Reactions to claim ${claimId}`}>
          {current.map((s) => (
            <li key={spanKey(s)}>
              <SpanChip span={s} open={openKeys.includes(spanKey(s))} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
      {earlier.length > 0 && (
        <ul className="plain reaction-chips earlier" aria-label="Reactions on an earlier version">
          {earlier.map((s) => (
            <li key={spanKey(s)}>
              <span className="muted small">on an earlier version:</span>{" "}
              <SpanChip span={s} open={openKeys.includes(spanKey(s))} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
      {viewer && (
        <button
          type="button"
          className="link-button react-button"
          aria-expanded={picking}
          aria-label={`React to claim ${claimId}`}
          ref={reactButton}
          onClick={() => setPicking((p) => !p)}
        >
          React
        </button>
      )}
      {picking && (
        <ReactionPicker
          label={`React to the whole of claim ${claimId}`}
          mine={mineOn(whole, viewer)}
          busy={busy}
          onPick={(kind, pressed) => {
            onReactWhole(kind, pressed);
            setPicking(false);
            reactButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function SpanChip({
  span,
  open,
  onOpen,
}: {
  span: ReactionSpan;
  open: boolean;
  onOpen: (key: string) => void;
}) {
  const total = reactionTotal(span);
  const said = span.kinds.map((k) => `${k.handles.length} ${REACTION_LABELS[k.kind]}`).join(", ");
  return (
    <button
      type="button"
      className={`reaction-chip${span.quote === "" ? " whole" : ""}`}
      aria-expanded={open}
      aria-label={`${spanLabel(span, 40)}: ${said}. Show who reacted`}
      title={`${total === 1 ? "1 reaction" : `${total} reactions`}: ${said}`}
      onClick={() => onOpen(spanKey(span))}
    >
      <span className="chip-quote">{span.quote === "" ? "whole claim" : spanLabel(span, 24)}</span>
      {span.kinds.map((k) => (
        <span key={k.kind} className={`chip-kind kind-${k.kind}`} aria-hidden="true">
          {REACTION_SYMBOLS[k.kind]}
          {k.handles.length}
        </span>
      ))}
    </button>
  );
}
