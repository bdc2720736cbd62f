"use client";

import { useState } from "react";

/**
 * "5 new since your last visit" and a "Next new" button that walks through them in reading
 * order (loading any not shown yet), wrapping round after the last.
 */
export function NewSinceBar({
  ids,
  onGo,
}: {
  ids: readonly number[];
  onGo: (id: number) => Promise<void>;
}) {
  const [at, setAt] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  if (ids.length === 0) return null;
  const next = async () => {
    const i = (at + 1) % ids.length;
    setError(null);
    try {
      await onGo(ids[i]!);
      setAt(i);
    } catch {
      setError("Could not load that claim; check your connection and try again.");
    }
  };
  return (
    <div className="new-since" role="group" aria-label="New since your last visit">
      <span className="new-since-count">
        {ids.length === 1 ? "1 new" : `${ids.length} new`} since your last visit
      </span>
      <button type="button" className="secondary small" onClick={() => void next()}>
        Next new<span className="visually-hidden"> claim</span> <span aria-hidden="true">↓</span>
      </button>
      {at >= 0 && (
        <span className="muted small">
          {at + 1} of {ids.length}
        </span>
      )}
      {error && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
    </div>
  );
}
