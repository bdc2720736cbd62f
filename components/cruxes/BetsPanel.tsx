"use client";

import { useId, useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import type { OfferItem, Suggestion } from "@/lib/types";
import { BetError, matchFill, MAX_STAKE, type Side } from "@/server/domain/bets";
import { formatProbability } from "@/server/domain/probability";
import { FormError } from "@/components/FormError";

interface Props {
  cruxId: number;
  viewer: string | null;
  /** What the server says this viewer may do now. */
  canOffer: boolean;
  canTake: boolean;
  offers: OfferItem[];
  suggestions: Suggestion[];
  onChanged: () => void;
}

const other = (side: Side): Side => (side === "yes" ? "no" : "yes");
const label = (side: Side) => side.toUpperCase();

/** What a taker risks and could win taking `stake` against an offer, or why it can't match. */
function takeTerms(offer: OfferItem, stake: number): string {
  try {
    const fill = matchFill(
      { side: offer.side, price: offer.price, remaining: offer.remaining },
      stake,
    );
    return `You risk ${fill.takerStake} to win ${fill.makerStake} (pot ${fill.pot})${fill.takerStake < stake ? "; that is all that is left" : ""}.`;
  } catch (err) {
    return err instanceof BetError ? err.message : "Enter a whole number of credits.";
  }
}

/** The order book, an offer form and bet suggestions. */
export function BetsPanel({
  cruxId,
  viewer,
  canOffer,
  canTake,
  offers,
  suggestions,
  onChanged,
}: Props) {
  return (
    <section aria-labelledby="bets-heading">
      <h2 id="bets-heading">Bets</h2>
      <p className="muted small">
        Play-money credits. An offer names the side you back and the price (the probability of YES
        it implies); your stake is escrowed until the crux resolves. Anyone can take all or part of
        an offer on the other side.
      </p>
      {offers.length === 0 ? (
        <p className="muted">No open offers.</p>
      ) : (
        <table className="order-book">
          <caption className="visually-hidden">Open offers</caption>
          <thead>
            <tr>
              <th scope="col">Maker backs</th>
              <th scope="col">Price</th>
              <th scope="col">Left</th>
              <th scope="col">To take it all</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <OfferRow
                key={o.id}
                offer={o}
                viewer={viewer}
                canTake={canTake}
                onChanged={onChanged}
              />
            ))}
          </tbody>
        </table>
      )}
      {canOffer && <OfferForm cruxId={cruxId} onChanged={onChanged} />}
      {canOffer && suggestions.length > 0 && (
        <Suggestions cruxId={cruxId} suggestions={suggestions} onChanged={onChanged} />
      )}
    </section>
  );
}

function OfferRow({
  offer,
  viewer,
  canTake,
  onChanged,
}: {
  offer: OfferItem;
  viewer: string | null;
  canTake: boolean;
  onChanged: () => void;
}) {
  const [stake, setStake] = useState(String(offer.takerRiskForRemaining || ""));
  const [error, setError] = useState<string | null>(null);
  const mine = viewer === offer.makerHandle;
  const forOther =
    offer.counterpartyHandle !== null && offer.counterpartyHandle !== viewer && !mine;
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <tr>
      <td>
        <strong>{label(offer.side)}</strong> · @{offer.makerHandle}
        {offer.counterpartyHandle && (
          <span className="muted small"> → @{offer.counterpartyHandle} only</span>
        )}
        {offer.note && <div className="muted small">{offer.note}</div>}
      </td>
      <td>{offer.price}%</td>
      <td>{offer.remaining}</td>
      <td>{offer.takerRiskForRemaining}</td>
      <td>
        {mine && (
          <button
            type="button"
            className="secondary small"
            onClick={() => void act(() => trpc.bets.cancel.mutate({ id: offer.id }))}
          >
            Cancel offer
          </button>
        )}
        {canTake && !mine && !forOther && (
          <form
            className="take-form"
            aria-label={`Take offer ${offer.id}`}
            onSubmit={(e) => {
              e.preventDefault();
              void act(() =>
                trpc.bets.accept.mutate({
                  id: offer.id,
                  stake: Number(stake),
                  idempotencyKey: crypto.randomUUID(),
                }),
              );
            }}
          >
            <label>
              <span className="visually-hidden">Credits to risk on offer {offer.id}</span>
              <input
                inputMode="numeric"
                value={stake}
                onChange={(e) => setStake(e.target.value)}
                size={5}
              />
            </label>
            <button type="submit" className="small">
              Take {label(other(offer.side))} at {offer.price}%
            </button>
            <span className="muted small">{takeTerms(offer, Number(stake))}</span>
          </form>
        )}
        {error && (
          <span className="error small" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

function OfferForm({ cruxId, onChanged }: { cruxId: number; onChanged: () => void }) {
  const id = useId();
  const [side, setSide] = useState<Side>("yes");
  const [price, setPrice] = useState("50");
  const [stake, setStake] = useState("50");
  const [counterparty, setCounterparty] = useState("");
  const [note, setNote] = useState("");
  const [expires, setExpires] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  let terms = "";
  try {
    const all = matchFill({ side, price: Number(price), remaining: Number(stake) }, MAX_STAKE);
    terms = `You risk ${all.makerStake}; a taker risks ${all.takerStake} to take it all. If ${label(side)} happens you win ${all.takerStake}.`;
  } catch (err) {
    terms = err instanceof BetError ? err.message : "";
  }
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await trpc.bets.offer.mutate({
        id: cruxId,
        side,
        price: Number(price),
        stake: Number(stake),
        counterpartyHandle: counterparty.trim() || undefined,
        note: note.trim() || undefined,
        expiresAt: expires ? new Date(expires).toISOString() : undefined,
        idempotencyKey: crypto.randomUUID(),
      });
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="offer-form" onSubmit={submit} aria-label="Offer a bet">
      <div className="form-grid">
        <div>
          <label htmlFor={`${id}-side`}>I back</label>
          <select id={`${id}-side`} value={side} onChange={(e) => setSide(e.target.value as Side)}>
            <option value="yes">YES</option>
            <option value="no">NO</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-price`}>Price (% chance of YES)</label>
          <input
            id={`${id}-price`}
            inputMode="numeric"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-stake`}>My stake (credits)</label>
          <input
            id={`${id}-stake`}
            inputMode="numeric"
            value={stake}
            onChange={(e) => setStake(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>Only for (optional handle)</label>
          <input
            id={`${id}-to`}
            value={counterparty}
            onChange={(e) => setCounterparty(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-expires`}>Expires (optional)</label>
          <input
            id={`${id}-expires`}
            type="datetime-local"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        </div>
      </div>
      <label htmlFor={`${id}-note`}>Terms or note (optional)</label>
      <input
        id={`${id}-note`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={1000}
      />
      <p className="small">{terms}</p>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Offer bet
      </button>
    </form>
  );
}

function Suggestions({
  cruxId,
  suggestions,
  onChanged,
}: {
  cruxId: number;
  suggestions: Suggestion[];
  onChanged: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string[]>([]);
  return (
    <div className="suggestions">
      <h3>People you disagree with</h3>
      <ul className="plain">
        {suggestions.map((s) => (
          <li key={s.counterpartyHandle}>
            You say {formatProbability(s.myProbability)}, @{s.counterpartyHandle} says{" "}
            {formatProbability(s.theirProbability)}. Bet {label(s.side)} at {s.price}%: by your own
            forecasts you both expect to gain.{" "}
            {sent.includes(s.counterpartyHandle) ? (
              <span className="muted">Sent.</span>
            ) : (
              <button
                type="button"
                className="secondary small"
                onClick={() =>
                  void trpc.bets.offer
                    .mutate({
                      id: cruxId,
                      side: s.side,
                      price: s.price,
                      stake: 50,
                      counterpartyHandle: s.counterpartyHandle,
                      idempotencyKey: crypto.randomUUID(),
                    })
                    .then(() => {
                      setSent((list) => [...list, s.counterpartyHandle]);
                      onChanged();
                    })
                    .catch((err: unknown) => setError(errorMessage(err)))
                }
              >
                Offer @{s.counterpartyHandle} 50 credits
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </div>
  );
}
