"use client";

import { useId, useState } from "react";
import { errorMessage } from "@/lib/trpc";

/**
 * One-click offers from a list of suggested bets (people you disagree with, range disagreements):
 * one stake for the list, one offer at a time, and one idempotency key per suggestion so a double
 * click sends a single offer.
 */
export function useSuggestedOffers() {
  const [amount, setAmount] = useState("50");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [keys] = useState(() => new Map<string, string>());
  const stake = Number(amount);
  const stakeOk = Number.isSafeInteger(stake) && stake >= 1;

  /** Runs `work` for suggestion `key`; what it returns is the confirmation shown. */
  const send = async (key: string, work: (idempotencyKey: string) => Promise<string>) => {
    if (busy) return;
    setBusy(key);
    setError(null);
    setMessage(null);
    try {
      const idempotencyKey = keys.get(key) ?? keys.set(key, crypto.randomUUID()).get(key)!;
      setMessage(await work(idempotencyKey));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return { amount, setAmount, stake, stakeOk, busy: busy !== null, error, message, send };
}

/** The stake every suggested bet in a list is offered at. */
export function StakeField({
  amount,
  onChange,
}: {
  amount: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <p className="small">
      <label htmlFor={`${id}-amount`}>Stake for a suggested bet (credits)</label>{" "}
      <input
        id={`${id}-amount`}
        inputMode="numeric"
        size={6}
        value={amount}
        onChange={(e) => onChange(e.target.value)}
      />
    </p>
  );
}
