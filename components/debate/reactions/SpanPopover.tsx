"use client";

import Link from "next/link";
import { useEffect, useRef, type CSSProperties } from "react";
import {
  REACTION_LABELS,
  REACTION_SYMBOLS,
  renderedText,
  type ReactionKind,
  type ReactionSpan,
} from "@/server/domain/reactions";
import { ReactionPicker } from "./ReactionPicker";
import { mineOn, spanLabel } from "./spans";

export interface SpanActions {
  viewer: string | null;
  /** An open crux on this claim to bet on, if any. */
  betCrux: { id: number; title: string } | null;
  toggle: (span: ReactionSpan, kind: ReactionKind, pressed: boolean) => void;
  makeCrux: (title: string) => void;
  busy: boolean;
}

/** Who reacted how to one or more spans (overlapping marks), with the viewer's own to remove. */
export function SpanPopover({
  spans,
  actions,
  style,
  onClose,
  focusOnOpen,
}: {
  spans: readonly ReactionSpan[];
  actions: SpanActions;
  /** Where it floats (next to a mark); absent: in the flow, under the reactions row. */
  style?: CSSProperties;
  onClose: () => void;
  focusOnOpen: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnOpen) box.current?.focus();
  }, [focusOnOpen]);
  return (
    <div
      ref={box}
      className={`reaction-popover${style ? " floating" : ""}`}
      style={style}
      role="dialog"
      aria-label={`Reactions to ${spans.map((s) => spanLabel(s, 40)).join(" and ")}`}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <button
        type="button"
        className="link-button popover-close"
        aria-label="Close reactions"
        onClick={onClose}
      >
        ×
      </button>
      {spans.map((span) => (
        <SpanSection key={`${span.quote}:${span.start}`} span={span} actions={actions} />
      ))}
    </div>
  );
}

function SpanSection({ span, actions }: { span: ReactionSpan; actions: SpanActions }) {
  const { viewer } = actions;
  const mine = mineOn(span, viewer);
  const has = (kind: ReactionKind) => span.kinds.some((k) => k.kind === kind);
  const title = span.quote === "" ? "" : renderedText(span.quote);
  return (
    <section className="span-section">
      <p className="span-quote">
        {span.orphaned && <span className="badge subtle">on an earlier version</span>}{" "}
        {spanLabel(span, 140)}
      </p>
      {span.kinds.length === 0 ? (
        <p className="muted">No reactions yet.</p>
      ) : (
        <ul className="plain span-kinds">
          {span.kinds.map((k) => (
            <li key={k.kind}>
              <span aria-hidden="true" className="reaction-symbol">
                {REACTION_SYMBOLS[k.kind]}
              </span>{" "}
              <strong>{REACTION_LABELS[k.kind]}</strong> {k.handles.length}:{" "}
              <span className="muted">
                {k.handles.map((h, i) => (
                  <span key={h}>
                    {i > 0 && ", "}
                    <span className="nowrap">@{h}</span>
                  </span>
                ))}
              </span>
              {mine.has(k.kind) && (
                <button
                  type="button"
                  className="link-button danger small"
                  disabled={actions.busy}
                  onClick={() => actions.toggle(span, k.kind, true)}
                >
                  Remove
                  <span className="visually-hidden">
                    {" "}
                    your &apos;{REACTION_LABELS[k.kind]}&apos; reaction
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {viewer && !span.orphaned && (
        <>
          <ReactionPicker
            label={`Add a reaction to ${spanLabel(span, 40)}`}
            mine={mine}
            busy={actions.busy}
            onPick={(kind, pressed) => actions.toggle(span, kind, pressed)}
          />
          <p className="span-follow-up">
            {has("crux") && (
              <button type="button" className="link-button" onClick={() => actions.makeCrux(title)}>
                Make a crux from {span.quote === "" ? "this claim" : "this text"}
              </button>
            )}
            {has("bet") &&
              (actions.betCrux ? (
                <Link href={`/cruxes/${actions.betCrux.id}#bets-heading`}>
                  Offer a bet on “{actions.betCrux.title}”
                </Link>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => actions.makeCrux(title)}
                >
                  No crux to bet on yet: make one
                </button>
              ))}
          </p>
        </>
      )}
    </section>
  );
}
