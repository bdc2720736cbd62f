"use client";

import { useRef, useState } from "react";
import { errorMessage } from "@/lib/trpc";
import { useThread } from "../ThreadContext";
import { ReactionPicker } from "./ReactionPicker";
import { mineOn } from "./spans";

/** "React" in a claim's actions: the kinds for the whole claim (the keyboard path to reacting). */
export function ReactButton({ claimId }: { claimId: number }) {
  const thread = useThread();
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const whole = thread.reactionsOf(claimId).find((s) => s.quote === "");
  return (
    <>
      <button
        type="button"
        className="link-button"
        ref={button}
        aria-expanded={picking}
        aria-label={`React to claim ${claimId}`}
        onClick={() => setPicking((p) => !p)}
      >
        React
      </button>
      {picking && (
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
              setPicking(false);
              button.current?.focus();
            } catch (err) {
              setError(errorMessage(err));
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
