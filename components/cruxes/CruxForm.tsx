"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import type { DebateCruxSummary } from "@/lib/types";
import { FormError } from "@/components/FormError";

interface Props {
  debateSlug: string;
  claimId: number;
  cruxes: DebateCruxSummary[];
  onDone: () => void;
  /** A draft of the question (e.g. a passage marked "that's a crux"). */
  initialTitle?: string;
}

/** yyyy-MM-ddTHH:mm in local time, as <input type="datetime-local"> wants it. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Make this a crux": a yes/no question with criteria, a close time, a resolver, maybe a condition. */
export function CruxForm({ debateSlug, claimId, cruxes, onDone, initialTitle = "" }: Props) {
  const id = useId();
  const [title, setTitle] = useState(initialTitle);
  const [criteria, setCriteria] = useState("");
  const [finePrint, setFinePrint] = useState("");
  const [closesAt, setClosesAt] = useState(() =>
    localInputValue(new Date(Date.now() + 365 * 24 * 3600 * 1000)),
  );
  const [arbiter, setArbiter] = useState("");
  const [condition, setCondition] = useState("");
  const [hideCrowd, setHideCrowd] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<number | null>(null);

  if (created !== null)
    return (
      <p className="notice" role="status">
        Crux created. <Link href={`/cruxes/${created}`}>Open it to forecast</Link>.{" "}
        <button type="button" className="link-button" onClick={onDone}>
          Close
        </button>
      </p>
    );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const closes = new Date(closesAt);
      if (Number.isNaN(closes.getTime())) throw new Error("closesAt: pick a close date and time");
      const crux = await trpc.cruxes.create.mutate({
        debateSlug,
        claimId,
        title,
        resolutionCriteria: criteria,
        finePrint: finePrint || undefined,
        closesAt: closes.toISOString(),
        arbiterHandle: arbiter.trim() || undefined,
        conditionCruxId: condition ? Number(condition) : undefined,
        hideCrowdUntilForecast: hideCrowd,
      });
      setCreated(crux.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="composer crux-form"
      onSubmit={submit}
      aria-label={`Make claim ${claimId} a crux`}
    >
      <label htmlFor={`${id}-title`}>Yes/no question</label>
      <input
        id={`${id}-title`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="Will …?"
        required
        maxLength={300}
      />
      <label htmlFor={`${id}-criteria`}>
        Resolution criteria: what exactly makes it YES or NO?
      </label>
      <textarea
        id={`${id}-criteria`}
        value={criteria}
        onChange={(e) => setCriteria(e.target.value)}
        rows={3}
        required
      />
      <label htmlFor={`${id}-fine`}>Fine print (optional)</label>
      <textarea
        id={`${id}-fine`}
        value={finePrint}
        onChange={(e) => setFinePrint(e.target.value)}
        rows={2}
      />
      <div className="form-grid">
        <div>
          <label htmlFor={`${id}-closes`}>Closes</label>
          <input
            id={`${id}-closes`}
            type="datetime-local"
            value={closesAt}
            onChange={(e) => setClosesAt(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor={`${id}-arbiter`}>Arbiter (optional handle; you resolve otherwise)</label>
          <input
            id={`${id}-arbiter`}
            value={arbiter}
            onChange={(e) => setArbiter(e.target.value)}
            placeholder="handle"
          />
        </div>
        <div>
          <label htmlFor={`${id}-condition`}>Conditional on (optional)</label>
          <select
            id={`${id}-condition`}
            value={condition}
            onChange={(e) => setCondition(e.target.value)}
          >
            <option value="">Not conditional</option>
            {cruxes.map((c) => (
              <option key={c.id} value={c.id}>
                If “{c.title}” resolves YES
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hideCrowd}
          onChange={(e) => setHideCrowd(e.target.checked)}
        />{" "}
        Hide the crowd&apos;s forecasts from each person until they have forecast
      </label>
      <FormError error={error} />
      <div className="composer-row">
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create crux"}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
