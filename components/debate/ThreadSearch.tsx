"use client";

import { useEffect, useId, useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import type { ThreadSort } from "@/server/domain/thread";
import { MIN_SEARCH_LENGTH, searchTerm, stepIndex } from "@/server/domain/threadNav";

/** How long typing must pause before the search runs. */
const DEBOUNCE_MS = 250;

/**
 * Searches the whole thread on the server (claims not loaded yet included), tells the page which
 * claims match (highlighted), and steps through them with Next / Previous (Enter / Shift+Enter).
 */
export function ThreadSearch({
  slug,
  sort,
  onHits,
  onGo,
}: {
  slug: string;
  sort: ThreadSort;
  onHits: (ids: number[]) => void;
  onGo: (id: number) => Promise<void>;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<{ ids: number[]; total: number } | null>(null);
  const [at, setAt] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const term = searchTerm(query);

  useEffect(() => {
    if (term === null) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      trpc.debates.search
        .query({ slug, q: term, sort })
        .then((r) => {
          if (cancelled) return;
          const ids = r.hits.map((h) => h.id);
          setResult({ ids, total: r.total });
          setAt(-1);
          setError(null);
          onHits(ids);
        })
        .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [slug, term, sort, onHits]);

  const change = (value: string) => {
    setQuery(value);
    if (searchTerm(value) === null) {
      setResult(null);
      setAt(-1);
      onHits([]);
    }
  };

  const go = async (step: 1 | -1) => {
    if (!result || result.ids.length === 0) return;
    const i = stepIndex(at, result.ids.length, step);
    try {
      await onGo(result.ids[i]!);
      setAt(i);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const count = result?.total ?? 0;
  const status =
    term === null
      ? query.trim()
        ? `Type at least ${MIN_SEARCH_LENGTH} characters`
        : ""
      : result === null
        ? "Searching…"
        : count === 0
          ? "No matches"
          : `${at >= 0 ? `${at + 1} of ` : ""}${count === 1 ? "1 match" : `${count} matches`}`;
  const none = !result || result.ids.length === 0 || term === null;

  return (
    <div className="thread-search" role="search" aria-label="Search this thread">
      <label htmlFor={`${id}-q`} className="visually-hidden">
        Search this thread
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={query}
        placeholder="Search claims or @author"
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void go(e.shiftKey ? -1 : 1);
          }
        }}
        aria-describedby={`${id}-status`}
      />
      <button type="button" className="secondary small" disabled={none} onClick={() => void go(-1)}>
        <span aria-hidden="true">↑</span>
        <span className="narrow-hidden"> Previous</span>
        <span className="visually-hidden"> match</span>
      </button>
      <button type="button" className="secondary small" disabled={none} onClick={() => void go(1)}>
        <span aria-hidden="true">↓</span>
        <span className="narrow-hidden"> Next</span>
        <span className="visually-hidden"> match</span>
      </button>
      <span id={`${id}-status`} className="muted small" role="status" aria-live="polite">
        {error ?? status}
      </span>
    </div>
  );
}
