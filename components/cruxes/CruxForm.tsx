"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { errorField, errorMessage, trpc } from "@/lib/trpc";
import type { DebateCruxSummary } from "@/lib/types";
import { FormError } from "@/components/FormError";
import { rangeProblem, type NumericRange } from "@/server/domain/numeric";
import {
  EMPTY_RANGE,
  NumericRangeFields,
  type RangeDraft,
  type RangeField,
} from "./numeric/NumericRangeFields";
import { parseNumber } from "./numeric/words";

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

type Kind = "binary" | "numeric";
const RANGE_FIELDS: readonly string[] = ["unit", "min", "max", "scale"];

/** The range as typed, or the field that is wrong and why (the range rules of the domain). */
function readRange(
  draft: RangeDraft,
):
  | { range: NumericRange; problem: null }
  | { range: null; problem: { field: RangeField; message: string } } {
  const min = parseNumber(draft.min);
  const max = parseNumber(draft.max);
  if (!draft.unit.trim())
    return {
      range: null,
      problem: { field: "unit", message: "Name the unit (weeks, billion USD, %)." },
    };
  if (min === null)
    return {
      range: null,
      problem: { field: "min", message: "Enter the lowest value as a number." },
    };
  if (max === null)
    return {
      range: null,
      problem: { field: "max", message: "Enter the highest value as a number." },
    };
  const range = {
    min,
    max,
    openLower: draft.openLower,
    openUpper: draft.openUpper,
    scale: draft.scale,
  };
  const message = rangeProblem(range);
  if (!message) return { range, problem: null };
  // A log scale's complaint is about the lowest value; an order complaint about the highest.
  const field: RangeField = /log/i.test(message) ? "min" : "max";
  return { range: null, problem: { field, message } };
}

/** "Make this a crux": a yes/no or numeric question with criteria, a close time, a resolver, maybe a condition. */
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
  const [kind, setKind] = useState<Kind>("binary");
  const [rangeDraft, setRangeDraft] = useState<RangeDraft>(EMPTY_RANGE);
  const [rangeError, setRangeError] = useState<{ field: RangeField; message: string } | null>(null);
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
    setError(null);
    setRangeError(null);
    let numeric: (NumericRange & { unit: string }) | undefined;
    if (kind === "numeric") {
      const read = readRange(rangeDraft);
      if (read.problem) {
        setRangeError(read.problem);
        return;
      }
      numeric = { ...read.range, unit: rangeDraft.unit.trim() };
    }
    setBusy(true);
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
        ...(numeric ? { kind: "numeric" as const, ...numeric } : {}),
      });
      setCreated(crux.id);
    } catch (err) {
      const field = errorField(err);
      const message = errorMessage(err);
      if (kind === "numeric" && field && RANGE_FIELDS.includes(field))
        setRangeError({ field: field as RangeField, message });
      // The server names the whole "range" for the range rules: shown where readRange would.
      else if (kind === "numeric" && field === "range")
        setRangeError({ field: /log/i.test(message) ? "min" : "max", message });
      else setError(message);
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
      <fieldset className="crux-kind">
        <legend>Kind of answer</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === "binary"}
            onChange={() => setKind("binary")}
          />{" "}
          Yes/no
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === "numeric"}
            onChange={() => setKind("numeric")}
          />{" "}
          Numeric (a number in a range)
        </label>
      </fieldset>
      <label htmlFor={`${id}-title`}>
        {kind === "binary" ? "Yes/no question" : "Question (answered by a number)"}
      </label>
      <input
        id={`${id}-title`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder={kind === "binary" ? "Will …?" : "How many …?"}
        required
        maxLength={300}
      />
      <label htmlFor={`${id}-criteria`}>
        {kind === "binary"
          ? "Resolution criteria: what exactly makes it YES or NO?"
          : "Resolution criteria: who or what settles the number, and when?"}
      </label>
      <textarea
        id={`${id}-criteria`}
        value={criteria}
        onChange={(e) => setCriteria(e.target.value)}
        rows={3}
        required
      />
      {kind === "numeric" && (
        <NumericRangeFields
          value={rangeDraft}
          onChange={(v) => {
            setRangeDraft(v);
            setRangeError(null);
          }}
          problem={rangeError}
        />
      )}
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
            {/* Only a yes/no crux can be a condition (a numeric one through its threshold cruxes). */}
            {cruxes
              .filter((c) => c.kind !== "numeric")
              .map((c) => (
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
