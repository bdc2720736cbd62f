"use client";

import { useMemo } from "react";
import {
  mergeMarkedSpans,
  renderedText,
  type MarkedSpan,
  type ReactionSpan,
} from "@/server/domain/reactions";
import { excerpt } from "@/server/domain/thread";

const SHOWN = 3;

/** The state panel's "Most-marked passages": quoted spans ranked by crux marks, then reactions. */
export function MostMarkedSpans({
  initial,
  known,
  onGo,
}: {
  initial: readonly MarkedSpan[];
  known: ReadonlyMap<number, readonly ReactionSpan[]>;
  onGo: (claimId: number) => void;
}) {
  const spans = useMemo(() => mergeMarkedSpans(initial, known, SHOWN), [initial, known]);
  return (
    <div className="marked-col">
      <h3>Most-marked passages</h3>
      {spans.length === 0 ? (
        <p className="muted">Nobody has marked a passage yet: select text in a claim to react.</p>
      ) : (
        <ol className="plain">
          {spans.map((s) => (
            <li key={`${s.claimId}:${s.quote}`}>
              <a
                href={`#claim-${s.claimId}`}
                className="clamp-2"
                onClick={(e) => {
                  e.preventDefault();
                  onGo(s.claimId);
                }}
              >
                “{excerpt(renderedText(s.quote), 90)}”
              </a>
              <span className="muted nowrap">
                {s.crux > 0 && <>{s.crux === 1 ? "1 crux mark" : `${s.crux} crux marks`} · </>}
                {s.total === 1 ? "1 reaction" : `${s.total} reactions`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
