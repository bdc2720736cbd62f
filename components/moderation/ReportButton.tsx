"use client";

import { useId, useRef, useState } from "react";
import { FormError } from "@/components/FormError";
import { errorMessage, trpc } from "@/lib/trpc";
import {
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  type ReportReason,
  type ReportTarget,
} from "@/server/domain/reports";

type Target =
  { kind: Exclude<ReportTarget, "user">; id: number } | { kind: "user"; handle: string };

/**
 * "Report": opens a small dialog (a native modal <dialog>: focus stays inside, Escape closes)
 * with the preset reasons and a text box. A failed report keeps what was written.
 */
export function ReportButton({ target, label }: { target: Target; label: string }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<ReportReason>("spam");
  const [details, setDetails] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await trpc.reports.create.mutate({
        ...(target.kind === "user"
          ? { kind: "user" as const, handle: target.handle }
          : { kind: target.kind, id: target.id }),
        reason,
        details: details.trim() === "" ? undefined : details,
      });
      setSent(
        result.reopened
          ? "Reported again. Moderators will look at it."
          : "Thanks: moderators will look at it.",
      );
      setDetails("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="link-button report-button"
        aria-label={label}
        aria-haspopup="dialog"
        onClick={() => {
          setSent(null);
          dialog.current?.showModal();
        }}
      >
        Report
      </button>
      <dialog ref={dialog} className="report-dialog" aria-labelledby={`${id}-title`}>
        <form onSubmit={submit}>
          <h2 id={`${id}-title`}>{label}</h2>
          {sent ? (
            <p role="status">{sent}</p>
          ) : (
            <>
              <fieldset>
                <legend>Why?</legend>
                {REPORT_REASONS.map((r) => (
                  <label key={r} className="report-reason">
                    <input
                      type="radio"
                      name={`${id}-reason`}
                      value={r}
                      checked={reason === r}
                      onChange={() => setReason(r)}
                    />
                    {REPORT_REASON_LABELS[r]}
                  </label>
                ))}
              </fieldset>
              <label htmlFor={`${id}-details`}>
                Details {reason === "other" ? "(needed)" : "(optional)"}
              </label>
              <textarea
                id={`${id}-details`}
                value={details}
                maxLength={1000}
                rows={3}
                onChange={(e) => setDetails(e.target.value)}
              />
              <FormError error={error} />
            </>
          )}
          <div className="report-actions">
            {!sent && (
              <button type="submit" disabled={busy}>
                {busy ? "Sending…" : "Send report"}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              {sent ? "Close" : "Cancel"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
