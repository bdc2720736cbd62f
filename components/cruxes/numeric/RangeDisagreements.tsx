"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { formatNumericValue } from "@/server/domain/numeric";
import { formatProbability } from "@/server/domain/probability";
import { FormError } from "@/components/FormError";
import { Confirmation } from "../Confirmation";
import { StakeField, useSuggestedOffers } from "../useSuggestedOffers";

/** One forecaster the viewer disagrees with, and the threshold bet that splits them most. */
export interface ThresholdDisagreement {
  handle: string;
  threshold: number;
  /** P(outcome > threshold) by the viewer's and by their forecast. */
  myProbability: number;
  theirProbability: number;
  /** The viewer's side and the suggested price (whole percent, log-odds midpoint). */
  side: "yes" | "no";
  price: number;
  /** The derived "more than x?" crux, once someone has made it. */
  derivedCruxId: number | null;
}

interface Props {
  unit: string;
  items: ThresholdDisagreement[];
  /**
   * Creates (or reuses) the derived "more than x?" crux and sends the suggested offer to the other
   * person; answers the derived crux's id. Throws with a message a person can act on.
   */
  offer: (item: ThresholdDisagreement, stake: number, idempotencyKey: string) => Promise<number>;
  onChanged: () => void;
}

/**
 * "Disagreements you could bet on": for each forecaster whose distribution differs from the
 * viewer's, the threshold where they disagree most and a one-click offer on "more than x?".
 */
export function RangeDisagreements({ unit, items, offer, onChanged }: Props) {
  const id = useId();
  const offers = useSuggestedOffers();
  const [sent, setSent] = useState<Record<string, number>>({});
  const send = (item: ThresholdDisagreement) =>
    offers.send(`${item.handle}@${item.threshold}`, async (idempotencyKey) => {
      const derivedId = await offer(item, offers.stake, idempotencyKey);
      setSent((s) => ({ ...s, [item.handle]: derivedId }));
      onChanged();
      return `Offer sent to @${item.handle}: ${item.side.toUpperCase()} on “more than ${formatNumericValue(item.threshold, unit)}” at ${item.price}%, ${offers.stake} credits.`;
    });

  return (
    <section aria-labelledby={`${id}-heading`} className="range-disagreements">
      <h2 id={`${id}-heading`}>Disagreements you could bet on</h2>
      {items.length === 0 ? (
        <p className="muted small">
          Nobody&apos;s forecast differs enough from yours for a bet you would both expect to win.
        </p>
      ) : (
        <>
          <StakeField amount={offers.amount} onChange={offers.setAmount} />
          <ul className="plain disagreement-list">
            {items.map((item) => {
              const x = formatNumericValue(item.threshold, unit);
              const derived = sent[item.handle];
              const existing = derived ?? item.derivedCruxId;
              return (
                <li key={item.handle}>
                  <p>
                    You and <Link href={`/users/${item.handle}`}>@{item.handle}</Link> disagree most
                    about whether it exceeds <strong>{x}</strong>: you{" "}
                    {formatProbability(item.myProbability)}, them{" "}
                    {formatProbability(item.theirProbability)}.
                  </p>
                  <p className="small muted">
                    You back {item.side.toUpperCase()} at {item.price}%: by your own forecasts you
                    both expect to gain.
                  </p>
                  {derived !== undefined ? (
                    <p className="small">
                      Sent. <Link href={`/cruxes/${derived}`}>Open “more than {x}”</Link>
                    </p>
                  ) : (
                    <p className="small">
                      <button
                        type="button"
                        className="secondary small"
                        disabled={offers.busy || !offers.stakeOk}
                        onClick={() => void send(item)}
                      >
                        Offer @{item.handle} a bet on ‘more than {x}’
                      </button>
                      {existing !== null && (
                        <>
                          {" "}
                          <Link href={`/cruxes/${existing}`}>Open “more than {x}”</Link>
                        </>
                      )}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <FormError error={offers.error} />
      <Confirmation message={offers.message} />
    </section>
  );
}
