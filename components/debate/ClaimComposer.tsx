"use client";

import { useEffect, useId, useRef, useState } from "react";
import { FormError } from "@/components/FormError";
import { Markdown } from "@/components/Markdown";
import { errorMessage } from "@/lib/trpc";
import { MAX_BODY_LENGTH, STANCES, type Stance } from "@/server/domain/thread";

export interface ComposerValue {
  body: string;
  stance: Stance | null;
  quote: string | null;
}

interface Props {
  /** Where the draft is kept (localStorage), so a failed post or a reload loses nothing. */
  draftKey: string;
  label: string;
  submitLabel: string;
  initialBody?: string;
  /** Replies choose a stance and may quote their parent. */
  parentBody?: string;
  onSubmit: (value: ComposerValue) => Promise<void>;
  onCancel?: () => void;
}

const stanceLabels: Record<Stance, string> = {
  supports: "Supports",
  opposes: "Opposes",
  clarifies: "Clarifies",
};

export function ClaimComposer({
  draftKey,
  label,
  submitLabel,
  initialBody = "",
  parentBody,
  onSubmit,
  onCancel,
}: Props) {
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const [stance, setStance] = useState<Stance>("supports");
  const [quote, setQuote] = useState("");
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Claims take no idempotency key: a second submit while the first is on its way is ignored
  // here, synchronously (the disabled button alone would let a fast double click through).
  const inFlight = useRef(false);
  const isReply = parentBody !== undefined;

  useEffect(() => {
    // Restore a saved draft after hydration (the server cannot see localStorage).
    const saved = window.localStorage.getItem(draftKey);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved) setBody(saved);
  }, [draftKey]);

  const updateBody = (value: string) => {
    setBody(value);
    if (value && value !== initialBody) window.localStorage.setItem(draftKey, value);
    else window.localStorage.removeItem(draftKey);
  };

  const quoteSelection = () => {
    const selected = window.getSelection()?.toString().trim() ?? "";
    if (selected && parentBody?.includes(selected)) setQuote(selected);
    else setError("Select part of the claim you are replying to, then press “Quote selection”.");
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    setBusy(true);
    try {
      await onSubmit({
        body,
        stance: isReply ? stance : null,
        quote: isReply && quote ? quote : null,
      });
      window.localStorage.removeItem(draftKey);
      setBody("");
      setQuote("");
      setPreview(false);
    } catch (err) {
      // The draft stays in the editor (and in localStorage); the error sits right beside it.
      setError(errorMessage(err));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label={label}>
      {isReply && (
        <div className="composer-row">
          <label htmlFor={`${id}-stance`}>Stance</label>
          <select
            id={`${id}-stance`}
            value={stance}
            onChange={(e) => setStance(e.target.value as Stance)}
          >
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {stanceLabels[s]}
              </option>
            ))}
          </select>
          <button type="button" className="secondary small" onClick={quoteSelection}>
            Quote selection
          </button>
        </div>
      )}
      {quote && (
        <div className="composer-quote">
          <blockquote>{quote}</blockquote>
          <button type="button" className="link-button" onClick={() => setQuote("")}>
            Remove quote
          </button>
        </div>
      )}
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {label}
      </label>
      {preview ? (
        <div className="preview" role="region" aria-label="Preview">
          {body.trim() ? <Markdown source={body} /> : <p className="muted">Nothing to preview.</p>}
        </div>
      ) : (
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => updateBody(e.target.value)}
          placeholder="Write in Markdown…"
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      )}
      <div className="composer-row">
        <button type="submit" disabled={busy}>
          {busy ? (initialBody ? "Saving…" : "Posting…") : submitLabel}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => setPreview((p) => !p)}
          aria-pressed={preview}
        >
          Preview
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <span className={body.length > MAX_BODY_LENGTH ? "count over" : "count"}>
          {body.length.toLocaleString("en")} / {MAX_BODY_LENGTH.toLocaleString("en")}
        </span>
      </div>
      <FormError error={error} id={`${id}-error`} />
    </form>
  );
}
