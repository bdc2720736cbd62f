"use client";

import { ReportButton } from "@/components/moderation/ReportButton";
import { useId, useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";
import type { CruxDetails, ResolutionState } from "@/lib/types";
import { formatProbability } from "@/server/domain/probability";
import { FormError } from "@/components/FormError";
import { ScoresLink } from "@/components/ScoreHelp";
import { formatScore, formatShare } from "@/server/domain/format";
import { Confirmation } from "./Confirmation";
import { Disclosure } from "./Disclosure";
import { formatNumericValue } from "@/server/domain/numeric";
import { parseNumber } from "./numeric/words";

interface Props {
  crux: CruxDetails;
  state: ResolutionState;
  onChanged: () => void;
  /** The signed-in viewer's handle (they may report evidence that isn't theirs). */
  viewer?: string | null;
}

type Outcome = "yes" | "no" | "annulled";
/** A numeric crux resolves to a number ("value") or is annulled. */
type Verdict = { outcome: Outcome } | { value: number };

/** What to send for the chosen outcome; a numeric crux's number must parse. */
function verdictOf(outcome: Outcome | "value", valueText: string): Verdict {
  if (outcome !== "value") return { outcome };
  const value = parseNumber(valueText);
  if (value === null) throw new Error("Enter the number the crux resolves to.");
  return { value };
}

const verdictWords = (v: Verdict, unit: string) =>
  "value" in v ? formatNumericValue(v.value, unit) : v.outcome.toUpperCase();

/** Fixed decimals without a "-0.0" for values that round to zero (docs/scoring.md, Display). */
const fixed = formatScore;

function useAction(onChanged: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, success: string) => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(success);
      onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, done, run };
}

/**
 * Evidence, the proposed resolution, disputes, the decision, and scores once final. Every form
 * shows only when the server says this viewer may use it (`crux.can`).
 */
export function ResolutionPanel({ crux, state, onChanged, viewer = null }: Props) {
  // A numeric crux resolves to a number in its unit; null on a yes/no crux.
  const unit = crux.kind === "numeric" ? (crux.numeric?.unit ?? "") : null;
  return (
    <section aria-labelledby="resolution-heading">
      <h2 id="resolution-heading">Evidence and resolution</h2>
      {state.evidence.length > 0 ? (
        <ul className="plain evidence-list">
          {state.evidence.map((e) => (
            <li key={e.id}>
              <span className={`badge subtle dir-${e.direction}`}>
                {e.direction === "neutral" ? "neutral" : `points ${e.direction.toUpperCase()}`}
              </span>{" "}
              {e.url ? (
                <a href={e.url} rel="nofollow noopener noreferrer" target="_blank">
                  {e.title}
                </a>
              ) : (
                e.title
              )}
              {e.quote && <blockquote className="quote">{e.quote}</blockquote>}
              <span className="muted small">
                {" "}
                @{e.handle}, <RelativeTime iso={e.at} />
              </span>
              {viewer && viewer !== e.handle && (
                <>
                  {" "}
                  <ReportButton
                    target={{ kind: "evidence", id: e.id }}
                    label={`Report evidence “${e.title}”`}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No evidence yet.</p>
      )}
      {crux.can.addEvidence && (
        <Disclosure label="Add evidence">
          <EvidenceForm cruxId={crux.id} onChanged={onChanged} />
        </Disclosure>
      )}
      {state.proposal && (crux.status === "resolving" || crux.status === "disputed") && (
        <div className="proposal">
          <p>
            <strong>
              @{state.proposal.proposedBy} proposed{" "}
              {state.proposal.outcome === "value" && state.proposal.value !== null
                ? formatNumericValue(state.proposal.value, unit ?? "")
                : state.proposal.outcome.toUpperCase()}
            </strong>
            {state.proposal.note && <> — {state.proposal.note}</>}
          </p>
          <p className="muted small">
            {crux.status === "disputed" ? (
              crux.disputesDecidedByAdmin ? (
                "Disputed. The resolver holds a bet on this crux, so an admin decides."
              ) : (
                <>Disputed: @{crux.resolverHandle} (the resolver) decides.</>
              )
            ) : (
              <>
                Becomes final <RelativeTime iso={state.proposal.disputeUntil} /> unless someone with
                a forecast or a bet disputes it.
              </>
            )}
          </p>
          {state.disputes.map((d, i) => (
            <p key={i} className="small">
              Dispute by @{d.handle}: {d.reason}
            </p>
          ))}
        </div>
      )}
      {crux.can.propose && (
        <Disclosure label="Propose a resolution">
          <ProposeForm
            cruxId={crux.id}
            unit={unit}
            evidence={state.evidence}
            onChanged={onChanged}
          />
        </Disclosure>
      )}
      {crux.can.dispute && <DisputeForm cruxId={crux.id} onChanged={onChanged} />}
      {crux.can.decide && <DecideForm cruxId={crux.id} unit={unit} onChanged={onChanged} />}
      {crux.can.undo && <UndoButton cruxId={crux.id} onChanged={onChanged} />}
      {Object.keys(state.scores).length > 0 && (
        <table className="forecast-table scores">
          <caption>
            Scores <ScoresLink />
          </caption>
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Final</th>
              <th scope="col">Brier</th>
              <th scope="col">Baseline</th>
              <th scope="col">Peer</th>
              <th scope="col">Held for</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(state.scores)
              .sort(([, a], [, b]) => b.peer - a.peer)
              .map(([handle, s]) => (
                <tr key={handle}>
                  <td>@{handle}</td>
                  <td>{formatProbability(s.finalProbability)}</td>
                  <td>{fixed(s.brier, 3)}</td>
                  <td>{fixed(s.baseline, 1)}</td>
                  <td>{fixed(s.peer, 1)}</td>
                  <td>{formatShare(s.coverage)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EvidenceForm({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const id = useId();
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [quote, setQuote] = useState("");
  const [direction, setDirection] = useState<"yes" | "no" | "neutral">("neutral");
  const { error, busy, done, run } = useAction(onChanged);
  return (
    <div className="evidence-form">
      <form
        aria-label="Add evidence"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () =>
              trpc.resolution.addEvidence.mutate({
                id: cruxId,
                title,
                url: url.trim() || undefined,
                quote: quote.trim() || undefined,
                direction,
              }),
            "Evidence added; it is in the list above.",
          ).then((ok) => ok && (setTitle(""), setUrl(""), setQuote("")));
        }}
      >
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <label htmlFor={`${id}-url`}>Link</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://…"
        />
        <label htmlFor={`${id}-quote`}>Quote</label>
        <textarea
          id={`${id}-quote`}
          value={quote}
          onChange={(e) => setQuote(e.target.value)}
          rows={2}
        />
        <label htmlFor={`${id}-dir`}>Points</label>
        <select
          id={`${id}-dir`}
          value={direction}
          onChange={(e) => setDirection(e.target.value as "yes" | "no" | "neutral")}
        >
          <option value="yes">towards YES</option>
          <option value="no">towards NO</option>
          <option value="neutral">neither way</option>
        </select>
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          Add evidence
        </button>
        <Confirmation message={done} />
      </form>
    </div>
  );
}

function OutcomeSelect({
  id,
  value,
  onChange,
  numeric,
}: {
  id: string;
  value: Outcome | "value";
  onChange: (v: Outcome | "value") => void;
  numeric: boolean;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Outcome | "value")}>
      {numeric ? (
        <option value="value">A number</option>
      ) : (
        <>
          <option value="yes">YES</option>
          <option value="no">NO</option>
        </>
      )}
      <option value="annulled">ANNULLED</option>
    </select>
  );
}

/** The outcome select and, on a numeric crux, the number (with its unit) it resolves to. */
function VerdictFields({
  id,
  unit,
  outcome,
  setOutcome,
  valueText,
  setValueText,
}: {
  id: string;
  unit: string | null;
  outcome: Outcome | "value";
  setOutcome: (v: Outcome | "value") => void;
  valueText: string;
  setValueText: (v: string) => void;
}) {
  return (
    <>
      <label htmlFor={`${id}-outcome`}>{unit === null ? "Outcome" : "Resolves to"}</label>
      <OutcomeSelect
        id={`${id}-outcome`}
        value={outcome}
        onChange={setOutcome}
        numeric={unit !== null}
      />
      {unit !== null && outcome === "value" && (
        <>
          <label htmlFor={`${id}-value`}>The number{unit ? ` (${unit})` : ""}</label>
          <input
            id={`${id}-value`}
            inputMode="decimal"
            value={valueText}
            onChange={(e) => setValueText(e.target.value)}
            required
          />
        </>
      )}
    </>
  );
}

function ProposeForm({
  cruxId,
  unit,
  evidence,
  onChanged,
}: {
  cruxId: number;
  unit: string | null;
  evidence: ResolutionState["evidence"];
  onChanged: () => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | "value">(unit === null ? "yes" : "value");
  const [valueText, setValueText] = useState("");
  const [note, setNote] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const { error, busy, done, run } = useAction(onChanged);
  return (
    <form
      className="resolve-form"
      aria-label="Resolve this crux"
      onSubmit={(e) => {
        e.preventDefault();
        let verdict: Verdict;
        try {
          verdict = verdictOf(outcome, valueText);
        } catch (err) {
          void run(() => Promise.reject(err), "");
          return;
        }
        void run(
          () =>
            trpc.resolution.propose.mutate({
              id: cruxId,
              ...verdict,
              note: note.trim() || undefined,
              evidenceIds: chosen,
            }),
          `Proposed ${verdictWords(verdict, unit ?? "")}.`,
        );
      }}
    >
      <h3>Resolve</h3>
      <VerdictFields
        id={id}
        unit={unit}
        outcome={outcome}
        setOutcome={setOutcome}
        valueText={valueText}
        setValueText={setValueText}
      />
      <label htmlFor={`${id}-note`}>Note</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      {evidence.length > 0 && (
        <fieldset>
          <legend>Evidence it rests on</legend>
          {evidence.map((e) => (
            <label key={e.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(e.id)}
                onChange={(ev) =>
                  setChosen((list) =>
                    ev.target.checked ? [...list, e.id] : list.filter((x) => x !== e.id),
                  )
                }
              />{" "}
              {e.title}
            </label>
          ))}
        </fieldset>
      )}
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Propose resolution
      </button>
      <Confirmation message={done} />
    </form>
  );
}

function DisputeForm({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const { error, busy, done, run } = useAction(onChanged);
  return (
    <form
      aria-label="Dispute this resolution"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => trpc.resolution.dispute.mutate({ id: cruxId, reason }),
          "Dispute recorded; the decision comes next.",
        );
      }}
    >
      <label htmlFor={`${id}-reason`}>
        Disagree with the proposal? Say why (the resolver, or an admin, then decides)
      </label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
        required
      />
      <FormError error={error} />
      <button type="submit" className="secondary" disabled={busy}>
        Dispute resolution
      </button>
      <Confirmation message={done} />
    </form>
  );
}

function DecideForm({
  cruxId,
  unit,
  onChanged,
}: {
  cruxId: number;
  unit: string | null;
  onChanged: () => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | "value">(unit === null ? "yes" : "value");
  const [valueText, setValueText] = useState("");
  const [note, setNote] = useState("");
  const { error, busy, done, run } = useAction(onChanged);
  return (
    <form
      aria-label="Decide this dispute"
      onSubmit={(e) => {
        e.preventDefault();
        let verdict: Verdict;
        try {
          verdict = verdictOf(outcome, valueText);
        } catch (err) {
          void run(() => Promise.reject(err), "");
          return;
        }
        void run(
          () =>
            trpc.resolution.decide.mutate({
              id: cruxId,
              ...verdict,
              note: note.trim() || undefined,
            }),
          `Decided ${verdictWords(verdict, unit ?? "")}.`,
        );
      }}
    >
      <h3>Decide the dispute</h3>
      <VerdictFields
        id={id}
        unit={unit}
        outcome={outcome}
        setOutcome={setOutcome}
        valueText={valueText}
        setValueText={setValueText}
      />
      <label htmlFor={`${id}-note`}>Why (shown in the history)</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Decide and finalize
      </button>
      <Confirmation message={done} />
    </form>
  );
}

function UndoButton({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const id = useId();
  const [note, setNote] = useState("");
  const { error, busy, done, run } = useAction(onChanged);
  return (
    <form
      aria-label="Undo this resolution"
      onSubmit={(e) => {
        e.preventDefault();
        if (
          window.confirm(
            "Undo this resolution? Payouts are reversed (also of cruxes conditional on it), scores removed, and it is disputed again until a new decision.",
          )
        )
          void run(
            () => trpc.resolution.undo.mutate({ id: cruxId, note: note.trim() || undefined }),
            "Resolution undone; it awaits a new decision.",
          );
      }}
    >
      <h3>Undo (admin)</h3>
      <label htmlFor={`${id}-note`}>Why (shown in the history)</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <FormError error={error} />
      <button type="submit" className="secondary" disabled={busy}>
        Undo the resolution
      </button>
      <Confirmation message={done} />
    </form>
  );
}
