"use client";

/** Shown when a page fails to render, e.g. while the database is unreachable. */
export default function PageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="page narrow">
      <h1>This page could not be shown</h1>
      <p>
        Something on our side is not answering right now (most often the database during a restart).
        Nothing you did was lost. Please try again in a few seconds.
      </p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
