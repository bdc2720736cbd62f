"use client";

import { useId, useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import type { OfferItem, Suggestion } from "@/lib/types";
import { BetError, matchFill, MAX_STAKE, type Side } from "@/server/domain/bets";
import { formatProbability } from "@/server/domain/probability";
import { FormError } from "@/components/FormError";
import { Confirmation } from "./Confirmation";
import { Disclosure } from "./Disclosure";
import { useFormKey } from "./useFormKey";
import { StakeField, useSuggestedOffers } from "./useSuggestedOffers";

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
  if (stake === 0) return "Enter the credits you want to risk.";
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

/** The order book, an offer form (behind a button) and bet suggestions. */
export function BetsPanel({
  cruxId,
  viewer,
  canOffer,
  canTake,
  offers,
  suggestions,
  onChanged,
}: Props) {
  // Said here, not in the row: a fully taken offer's row leaves the book with its form.
  const [taken, setTaken] = useState<string | null>(null);
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
                onTaken={setTaken}
              />
            ))}
          </tbody>
        </table>
      )}
      <Confirmation message={taken} />
      {canOffer && (
        <Disclosure label="Offer a bet">
          <OfferForm cruxId={cruxId} onChanged={onChanged} />
        </Disclosure>
      )}
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
  onTaken,
}: {
  offer: OfferItem;
  viewer: string | null;
  canTake: boolean;
  onChanged: () => void;
  onTaken: (message: string) => void;
}) {
  const all = String(offer.takerRiskForRemaining || "");
  const [stake, setStake] = useState(all);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { key, renew } = useFormKey();
  const mine = viewer === offer.makerHandle;
  const forOther =
    offer.counterpartyHandle !== null && offer.counterpartyHandle !== viewer && !mine;
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
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
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const { refunded } = await trpc.bets.cancel.mutate({ id: offer.id });
                onTaken(`Offer cancelled: ${refunded} credits back in your wallet.`);
              })
            }
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
              if (busy) return;
              void act(async () => {
                const fill = await trpc.bets.accept.mutate({
                  id: offer.id,
                  stake: Number(stake),
                  idempotencyKey: key,
                });
                renew();
                setStake("");
                onTaken(
                  `Bet taken: ${label(other(offer.side))} at ${offer.price}%. You risk ${fill.takerStake} credits to win ${fill.makerStake} (pot ${fill.pot}).`,
                );
              });
            }}
          >
            <label>
              <span className="visually-hidden">Credits to risk on offer {offer.id}</span>
              <input
                inputMode="numeric"
                value={stake}
                onChange={(e) => setStake(e.target.value)}
                size={5}
                disabled={busy}
              />
            </label>
            <button type="submit" className="small" disabled={busy}>
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
  const [posted, setPosted] = useState<string | null>(null);
  const { key, renew } = useFormKey();
  let terms = "Enter your stake in credits.";
  if (stake.trim())
    try {
      const all = matchFill({ side, price: Number(price), remaining: Number(stake) }, MAX_STAKE);
      terms = `You risk ${all.makerStake}; a taker risks ${all.takerStake} to take it all. If ${label(side)} happens you win ${all.takerStake}.`;
    } catch (err) {
      terms = err instanceof BetError ? err.message : "";
    }
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setPosted(null);
    try {
      const offer = await trpc.bets.offer.mutate({
        id: cruxId,
        side,
        price: Number(price),
        stake: Number(stake),
        counterpartyHandle: counterparty.trim() || undefined,
        note: note.trim() || undefined,
        expiresAt: expires ? new Date(expires).toISOString() : undefined,
        idempotencyKey: key,
      });
      renew();
      setStake("");
      setNote("");
      setCounterparty("");
      setExpires("");
      setPosted(
        `Offer posted: ${label(offer.side)} at ${offer.price}%, ${offer.stake} credits` +
          `${offer.counterpartyHandle ? ` for @${offer.counterpartyHandle}` : ""}. It is in the order book above.`,
      );
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
        {busy ? "Offering…" : "Offer bet"}
      </button>
      <Confirmation message={posted} />
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
  const offers = useSuggestedOffers();
  const [sent, setSent] = useState<string[]>([]);
  const { stake } = offers;
  const send = (s: Suggestion) =>
    offers.send(s.counterpartyHandle, async (idempotencyKey) => {
      await trpc.bets.offer.mutate({
        id: cruxId,
        side: s.side,
        price: s.price,
        stake,
        counterpartyHandle: s.counterpartyHandle,
        idempotencyKey,
      });
      setSent((list) => [...list, s.counterpartyHandle]);
      onChanged();
      return `Offer sent to @${s.counterpartyHandle}: ${label(s.side)} at ${s.price}%, ${stake} credits.`;
    });
  return (
    <div className="suggestions">
      <h3>People you disagree with</h3>
      <StakeField amount={offers.amount} onChange={offers.setAmount} />
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
                disabled={offers.busy || !offers.stakeOk}
                onClick={() => void send(s)}
              >
                Offer @{s.counterpartyHandle} {Number.isSafeInteger(stake) ? stake : "?"} credits
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError error={offers.error} />
      <Confirmation message={offers.message} />
    </div>
  );
}
