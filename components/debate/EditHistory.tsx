"use client";

import { useState } from "react";
import { Markdown } from "@/components/Markdown";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";

/** The "edited" marker; opening it loads and shows earlier versions. */
export function EditHistory({ claimId, editedAt }: { claimId: number; editedAt: string }) {
  const [revisions, setRevisions] = useState<{ body: string; writtenAt: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details
      className="edit-history"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && revisions === null)
          trpc.claims.revisions
            .query({ id: claimId })
            .then((r) => setRevisions(r.revisions))
            .catch((err: unknown) => setError(errorMessage(err)));
      }}
    >
      <summary>
        edited <RelativeTime iso={editedAt} />
      </summary>
      {error && <p className="error">{error}</p>}
      {revisions === null && !error && <p className="muted">Loading earlier versions…</p>}
      {revisions?.map((r, i) => (
        <div key={i} className="revision">
          <p className="muted">
            Version {i + 1}, written <RelativeTime iso={r.writtenAt} />
          </p>
          <Markdown source={r.body} />
        </div>
      ))}
    </details>
  );
}
