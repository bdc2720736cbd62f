"use client";

import { useEffect, useState } from "react";
import { Markdown } from "@/components/Markdown";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";

/** The "edited" marker in a claim's header: opens the earlier versions below the header. */
export function EditHistoryToggle({
  claimId,
  editedAt,
  open,
  onToggle,
}: {
  claimId: number;
  editedAt: string;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="link-button edit-history-toggle"
      aria-expanded={open}
      aria-controls={open ? `claim-${claimId}-history` : undefined}
      onClick={onToggle}
    >
      edited <RelativeTime iso={editedAt} />
    </button>
  );
}

/** Earlier versions of a claim, full width under its header; loaded when first opened. */
export function EditHistory({ claimId }: { claimId: number }) {
  const [revisions, setRevisions] = useState<{ body: string; writtenAt: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    trpc.claims.revisions
      .query({ id: claimId })
      .then((r) => !cancelled && setRevisions(r.revisions))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [claimId]);
  return (
    <section
      className="edit-history"
      id={`claim-${claimId}-history`}
      aria-label={`Earlier versions of claim ${claimId}`}
    >
      {error && <p className="error">{error}</p>}
      {revisions === null && !error && <p className="muted">Loading earlier versions…</p>}
      {revisions?.length === 0 && <p className="muted">No earlier versions.</p>}
      {revisions?.map((r, i) => (
        <div key={i} className="revision">
          <p className="muted">
            Version {i + 1}, written <RelativeTime iso={r.writtenAt} />
          </p>
          <Markdown source={r.body} />
        </div>
      ))}
    </section>
  );
}
