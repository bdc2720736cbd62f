"use client";

import { useState } from "react";
import { errorMessage } from "@/lib/trpc";
import { ReasonForm } from "./ReasonForm";

/**
 * A moderator's lock or unlock for a debate or a thread: "Lock …" opens a reason form, "Unlock …"
 * acts at once. The page updates from the action's answer and from the live event.
 */
export function LockToggle({
  what,
  locked,
  subject,
  lock,
  unlock,
}: {
  /** "debate" or "thread" (button texts). */
  what: "debate" | "thread";
  locked: boolean;
  /** Names the thread for screen readers when a page has many ("claim 12's thread"). */
  subject?: string;
  lock: (reason: string) => Promise<void>;
  unlock: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noun = what === "debate" ? "debate" : "this thread";
  if (locked)
    return (
      <span className="lock-toggle">
        <button
          type="button"
          className="link-button"
          aria-label={subject ? `Unlock ${subject}` : undefined}
          onClick={() => {
            setError(null);
            unlock().catch((err: unknown) => setError(errorMessage(err)));
          }}
        >
          Unlock {what === "debate" ? "debate" : "thread"}
        </button>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </span>
    );
  if (!open)
    return (
      <button
        type="button"
        className="link-button"
        aria-expanded={false}
        aria-label={subject ? `Lock ${subject}` : undefined}
        onClick={() => setOpen(true)}
      >
        Lock {noun}
      </button>
    );
  return (
    <ReasonForm
      label={`Why lock ${noun}? (everyone sees this)`}
      submitLabel={`Lock ${noun}`}
      onSubmit={async (reason) => {
        await lock(reason);
        setOpen(false);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
