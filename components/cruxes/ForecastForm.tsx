"use client";

import { useId, useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import { formatProbability, MAX_P, MIN_P, parseProbability } from "@/server/domain/probability";
import { FormError } from "@/components/FormError";
import { ClaimPicker } from "./ClaimPicker";
import { Confirmation } from "./Confirmation";
import { Disclosure } from "./Disclosure";

export interface ClaimOption {
  id: number;
  label: string;
}

interface Props {
  cruxId: number;
  current: number | null;
  claims: ClaimOption[];
  onSaved: () => void;
}

const sliderText = (permille: number) => `${(permille / 10).toFixed(1).replace(/\.0$/, "")}%`;

/** A slider and a text box that accepts 37%, 0.37, 1 in 20 or 3:1; optional reasoning and credit. */
export function ForecastForm({ cruxId, current, claims, onSaved }: Props) {
  const id = useId();
  const initial = current ?? 0.5;
  const [text, setText] = useState(current === null ? "" : formatProbability(current));
  const [permille, setPermille] = useState(Math.round(initial * 1000));
  const [reasoning, setReasoning] = useState("");
  const [movedBy, setMovedBy] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  let parsed: number | null = null;
  let hint: string | null = null;
  if (text.trim()) {
    try {
      parsed = parseProbability(text);
    } catch (err) {
      hint = err instanceof Error ? err.message : String(err);
    }
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const forecast = await trpc.cruxes.forecast.mutate({
        id: cruxId,
        probability: text.trim() || sliderText(permille),
        reasoning: reasoning.trim() || undefined,
        movedByClaimId: movedBy ? Number(movedBy) : undefined,
      });
      setReasoning("");
      setMovedBy("");
      // A yes/no crux's forecast always carries its probability (null only on numeric cruxes).
      const saved = forecast.probability ?? 0.5;
      setText(formatProbability(saved));
      setSaved(
        `Forecast saved: ${formatProbability(saved)}` +
          (forecast.reasoningClaimId !== null
            ? ", with your reasoning posted in the thread."
            : "."),
      );
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await trpc.cruxes.withdraw.mutate({ id: cruxId });
      setText("");
      setSaved("Forecast withdrawn.");
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="forecast-form" onSubmit={submit} aria-label="Your forecast">
      <label htmlFor={`${id}-slider`}>Your P(YES)</label>
      <div className="forecast-inputs">
        <input
          id={`${id}-slider`}
          type="range"
          min={MIN_P * 1000}
          max={MAX_P * 1000}
          step={1}
          value={permille}
          aria-valuetext={sliderText(permille)}
          onChange={(e) => {
            setPermille(Number(e.target.value));
            setText(sliderText(Number(e.target.value)));
          }}
        />
        <label htmlFor={`${id}-text`} className="visually-hidden">
          Probability as text
        </label>
        <input
          id={`${id}-text`}
          className="probability-text"
          value={text}
          placeholder="e.g. 37%"
          onChange={(e) => {
            setText(e.target.value);
            try {
              setPermille(Math.round(parseProbability(e.target.value) * 1000));
            } catch {
              // Keep the slider where it was until the text parses.
            }
          }}
          aria-describedby={`${id}-hint`}
          aria-invalid={hint ? true : undefined}
        />
      </div>
      <p id={`${id}-hint`} className={hint ? "error small" : "muted small"}>
        {hint ??
          (parsed !== null
            ? `= ${formatProbability(parsed)} chance of YES`
            : "Type 37%, 0.37, 1 in 20 or 3:1 (odds for YES), or use the slider.")}
      </p>
      <label htmlFor={`${id}-reasoning`}>Why? (optional; posted as a reply in the thread)</label>
      <textarea
        id={`${id}-reasoning`}
        rows={2}
        value={reasoning}
        onChange={(e) => setReasoning(e.target.value)}
      />
      {current !== null && (
        <Disclosure label="Changed your mind? Credit a claim">
          <ClaimPicker claims={claims} value={movedBy} onChange={setMovedBy} />
        </Disclosure>
      )}
      <FormError error={error} />
      <div className="composer-row">
        <button type="submit" disabled={busy}>
          {current === null ? "Save forecast" : "Update forecast"}
        </button>
        {current !== null && (
          <button
            type="button"
            className="secondary"
            onClick={() => void withdraw()}
            disabled={busy}
          >
            Withdraw forecast
          </button>
        )}
      </div>
      <Confirmation message={saved} />
    </form>
  );
}
