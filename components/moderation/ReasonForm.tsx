"use client";

import { useId, useState, type ReactNode } from "react";
import { FormError } from "@/components/FormError";
import { errorMessage } from "@/lib/trpc";
import { REASON_MAX_LENGTH } from "@/server/domain/moderation";

/** A moderation action's form: a required reason (people see it), extra fields, one submit. */
export function ReasonForm({
  label,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  /** The reason field's label, e.g. "Why lock this debate? (everyone sees this)". */
  label: string;
  submitLabel: string;
  onSubmit: (reason: string) => Promise<void>;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        setError(null);
        onSubmit(reason.trim())
          .catch((err: unknown) => setError(errorMessage(err)))
          .finally(() => setBusy(false));
      }}
    >
      <label htmlFor={`${id}-reason`}>{label}</label>
      <input
        id={`${id}-reason`}
        value={reason}
        required
        maxLength={REASON_MAX_LENGTH}
        onChange={(e) => setReason(e.target.value)}
      />
      {children}
      <div className="form-actions">
        <button type="submit" className="button small" disabled={busy || !reason.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <FormError error={error} />
    </form>
  );
}
