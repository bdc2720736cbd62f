"use client";

import {
  cruxMarkers,
  REACTION_SYMBOLS,
  REACTION_LABELS,
  type ReactionSpan,
} from "@/server/domain/reactions";
import { reactionTotal, spanKey, spanLabel } from "./spans";

/**
 * Under a claim: how many marked it a crux, one chip per span (opens who reacted how: the
 * keyboard path to the popover), and the reactions left on an earlier version.
 */
export function ReactionBar({
  claimId,
  spans,
  openKeys,
  onOpen,
}: {
  claimId: number;
  spans: readonly ReactionSpan[];
  /** Spans whose popover is open from this row. */
  openKeys: readonly string[];
  onOpen: (key: string) => void;
}) {
  const markers = cruxMarkers(spans);
  const current = spans.filter((s) => !s.orphaned);
  const earlier = spans.filter((s) => s.orphaned);
  if (spans.length === 0) return null;
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
      <span className="visually-hidden">: {said}. Show who reacted</span>
    </button>
  );
}
