"use client";

import { MAX_MODERATION_NOTE } from "@/server/domain/reports";
import { useId, useState } from "react";
import { FormError } from "@/components/FormError";
import { errorMessage } from "@/lib/trpc";

/**
 * A moderator's "Hide" (with the reason everyone will read) or "Restore" on a claim. The reason
 * stays in the box if hiding fails.
 */
export function HideClaimControl({
  claimId,
  hidden,
  onHide,
  onRestore,
}: {
  claimId: number;
  hidden: boolean;
  onHide: (reason: string) => Promise<void>;
  onRestore: () => Promise<void>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen(false);
      setReason("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (hidden)
    return (
      <span className="moderation-control">
        <button
          type="button"
          className="link-button"
          aria-label={`Restore claim ${claimId}`}
          disabled={busy}
          onClick={() => void run(onRestore)}
        >
          Restore
        </button>
        <FormError error={error} />
      </span>
    );
  return (
    <span className="moderation-control">
      <button
        type="button"
        className="link-button danger"
        aria-expanded={open}
        aria-label={`Hide claim ${claimId}`}
        onClick={() => setOpen((o) => !o)}
      >
        Hide
      </button>
      {open && (
        <form
          className="hide-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => onHide(reason));
          }}
        >
          <label htmlFor={`${id}-reason`}>Reason everyone will read</label>
          <input
            id={`${id}-reason`}
            value={reason}
            maxLength={MAX_MODERATION_NOTE}
            required
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            Hide claim
          </button>
          <FormError error={error} />
        </form>
      )}
    </span>
  );
}
