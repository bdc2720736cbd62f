"use client";

import { useId, useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";
import type { CruxDetails, ResolutionState } from "@/lib/types";
import { formatProbability } from "@/server/domain/probability";
import { FormError } from "@/components/FormError";

interface Props {
  crux: CruxDetails;
  state: ResolutionState;
  viewer: string | null;
  viewerIsAdmin: boolean;
  onChanged: () => void;
}

type Outcome = "yes" | "no" | "annulled";

/** Fixed decimals without a "-0.0" for values that round to zero. */
const fixed = (v: number, digits: number) =>
  (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits);

function useAction(onChanged: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** Evidence, the proposed resolution, disputes, the arbiter's decision, and scores once final. */
export function ResolutionPanel({ crux, state, viewer, viewerIsAdmin, onChanged }: Props) {
  const final = crux.status === "resolved" || crux.status === "annulled";
  return (
    <section aria-labelledby="resolution-heading">
      <h2 id="resolution-heading">Evidence and resolution</h2>
      {final && (
        <p className={`outcome outcome-${crux.outcome}`} role="status">
          {crux.status === "annulled"
            ? "Annulled: every bet was refunded."
            : `Resolved ${crux.outcome?.toUpperCase()}: bets settled, forecasts scored.`}
        </p>
      )}
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
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No evidence yet.</p>
      )}
      {viewer && <EvidenceForm cruxId={crux.id} onChanged={onChanged} />}
      {state.proposal && !final && (
        <div className="proposal">
          <p>
            <strong>Proposed: {state.proposal.outcome.toUpperCase()}</strong>
            {state.proposal.note && <> — {state.proposal.note}</>}
          </p>
          <p className="muted small">
            {crux.status === "disputed" ? (
              "Disputed: the arbiter decides."
            ) : crux.status === "awaiting-condition" ? (
              "Waiting for the condition to resolve."
            ) : (
              <>
                Finalizes <RelativeTime iso={state.proposal.disputeUntil} /> unless disputed.
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
      {viewer &&
        (crux.status === "open" || crux.status === "closed") &&
        (viewer === crux.resolverHandle || viewerIsAdmin) && (
          <ProposeForm cruxId={crux.id} evidence={state.evidence} onChanged={onChanged} />
        )}
      {viewer && crux.status === "resolving" && (
        <DisputeForm cruxId={crux.id} onChanged={onChanged} />
      )}
      {viewer &&
        (crux.status === "disputed" || crux.status === "resolving") &&
        (viewer === (crux.arbiterHandle ?? crux.creatorHandle) || viewerIsAdmin) && (
          <DecideForm cruxId={crux.id} onChanged={onChanged} />
        )}
      {viewerIsAdmin && final && <UndoButton cruxId={crux.id} onChanged={onChanged} />}
      {Object.keys(state.scores).length > 0 && (
        <table className="forecast-table scores">
          <caption>Scores</caption>
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Final</th>
              <th scope="col">Brier</th>
              <th scope="col">Baseline</th>
              <th scope="col">Peer</th>
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
  const { error, busy, run } = useAction(onChanged);
  return (
    <details className="evidence-form">
      <summary>Add evidence</summary>
      <form
        aria-label="Add evidence"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() =>
            trpc.resolution.addEvidence.mutate({
              id: cruxId,
              title,
              url: url.trim() || undefined,
              quote: quote.trim() || undefined,
              direction,
            }),
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
      </form>
    </details>
  );
}

function OutcomeSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Outcome;
  onChange: (v: Outcome) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Outcome)}>
      <option value="yes">YES</option>
      <option value="no">NO</option>
      <option value="annulled">ANNULLED</option>
    </select>
  );
}

function ProposeForm({
  cruxId,
  evidence,
  onChanged,
}: {
  cruxId: number;
  evidence: ResolutionState["evidence"];
  onChanged: () => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>("yes");
  const [note, setNote] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const { error, busy, run } = useAction(onChanged);
  return (
    <form
      className="resolve-form"
      aria-label="Resolve this crux"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() =>
          trpc.resolution.propose.mutate({
            id: cruxId,
            outcome,
            note: note.trim() || undefined,
            evidenceIds: chosen,
          }),
        );
      }}
    >
      <h3>Resolve</h3>
      <label htmlFor={`${id}-outcome`}>Outcome</label>
      <OutcomeSelect id={`${id}-outcome`} value={outcome} onChange={setOutcome} />
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
    </form>
  );
}

function DisputeForm({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const { error, busy, run } = useAction(onChanged);
  return (
    <form
      aria-label="Dispute this resolution"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => trpc.resolution.dispute.mutate({ id: cruxId, reason }));
      }}
    >
      <label htmlFor={`${id}-reason`}>
        Disagree with the proposal? Say why (people with a forecast or bet here can dispute)
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
    </form>
  );
}

function DecideForm({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>("yes");
  const { error, busy, run } = useAction(onChanged);
  return (
    <form
      aria-label="Decide this crux"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => trpc.resolution.decide.mutate({ id: cruxId, outcome }));
      }}
    >
      <label htmlFor={`${id}-outcome`}>Arbiter&apos;s decision</label>
      <OutcomeSelect id={`${id}-outcome`} value={outcome} onChange={setOutcome} />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Decide and finalize
      </button>
    </form>
  );
}

function UndoButton({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const { error, busy, run } = useAction(onChanged);
  return (
    <div>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() => {
          if (window.confirm("Undo this finalization? Payouts are reversed and scores removed."))
            void run(() => trpc.resolution.undo.mutate({ id: cruxId }));
        }}
      >
        Undo finalization (admin)
      </button>
      <FormError error={error} />
    </div>
  );
}
