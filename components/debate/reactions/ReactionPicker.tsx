"use client";

import {
  REACTION_KINDS,
  REACTION_LABELS,
  REACTION_SYMBOLS,
  type ReactionKind,
} from "@/server/domain/reactions";

/** The seven kinds as toggle buttons: pressed ones are the viewer's (pressing again removes). */
export function ReactionPicker({
  label,
  mine,
  onPick,
  busy = false,
}: {
  /** The group's accessible name, e.g. "React to “1-4 weeks”". */
  label: string;
  mine: ReadonlySet<ReactionKind>;
  onPick: (kind: ReactionKind, pressed: boolean) => void;
  busy?: boolean;
}) {
  return (
    <div role="group" aria-label={label} className="reaction-picker">
      {REACTION_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`reaction-kind kind-${kind}`}
          aria-pressed={mine.has(kind)}
          disabled={busy}
          onClick={() => onPick(kind, mine.has(kind))}
        >
          <span aria-hidden="true" className="reaction-symbol">
            {REACTION_SYMBOLS[kind]}
          </span>{" "}
          {REACTION_LABELS[kind]}
        </button>
      ))}
    </div>
  );
}
