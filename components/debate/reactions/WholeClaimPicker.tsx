"use client";

import { useState } from "react";
import { errorMessage } from "@/lib/trpc";
import { useThread } from "../ThreadContext";
import { ReactionPicker } from "./ReactionPicker";
import { mineOn } from "./spans";

/** Opened by a claim's "React": the kinds for the whole claim (the keyboard path to reacting). */
export function WholeClaimPicker({ claimId, onDone }: { claimId: number; onDone: () => void }) {
  const thread = useThread();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const whole = thread.reactionsOf(claimId).find((s) => s.quote === "");
  return (
    <div className="whole-claim-picker">
      <ReactionPicker
        label={`React to the whole of claim ${claimId}`}
        mine={mineOn(whole, thread.viewer)}
        busy={busy}
        onPick={async (kind, pressed) => {
          setBusy(true);
          setError(null);
          try {
            if (pressed) await thread.unreact(claimId, kind, "");
            else await thread.react(claimId, kind, "");
            onDone();
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      />
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
