"use client";

import { useState } from "react";
import type { VoteAxis, VoteValue } from "@/server/domain/votes";

interface Props {
  claimId: number;
  quality: number;
  agree: number;
  disagree: number;
  myQuality: VoteValue;
  myAgreement: VoteValue;
  /** Signed out, or the viewer's own claim: show counts only. */
  canVote: boolean;
  onVote: (axis: VoteAxis, value: VoteValue) => Promise<void>;
}

/** Two axes, as on LessWrong: quality (sorts "top") and agreement (shown apart). */
export function VoteControls({
  claimId,
  quality,
  agree,
  disagree,
  myQuality,
  myAgreement,
  canVote,
  onVote,
}: Props) {
  const [error, setError] = useState<string | null>(null);
  const vote = (axis: VoteAxis, current: VoteValue, pressed: 1 | -1) => async () => {
    setError(null);
    try {
      await onVote(axis, current === pressed ? 0 : pressed);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Vote failed");
    }
  };
  return (
    <div className="votes">
      <div className="vote-axis" role="group" aria-label={`Quality of claim ${claimId}`}>
        <span className="vote-label" aria-hidden="true">
          quality
        </span>
        <button
          type="button"
          className="vote"
          aria-pressed={myQuality === 1}
          disabled={!canVote}
          onClick={vote("quality", myQuality, 1)}
          aria-label="Upvote quality"
          title="Good quality: worth reading (sorts “top”)"
        >
          ▲
        </button>
        <span className="vote-count">
          <span className="visually-hidden">Quality score </span>
          <span className="vote-number">{quality}</span>
        </span>
        <button
          type="button"
          className="vote"
          aria-pressed={myQuality === -1}
          disabled={!canVote}
          onClick={vote("quality", myQuality, -1)}
          aria-label="Downvote quality"
          title="Poor quality (sorts “top”)"
        >
          ▼
        </button>
      </div>
      <div className="vote-axis" role="group" aria-label={`Agreement with claim ${claimId}`}>
        <span className="vote-label" aria-hidden="true">
          agree?
        </span>
        <button
          type="button"
          className="vote agree"
          aria-pressed={myAgreement === 1}
          disabled={!canVote}
          onClick={vote("agreement", myAgreement, 1)}
          aria-label={`Agree (${agree})`}
          title="I agree (apart from quality; does not change the order)"
        >
          ✓
        </button>
        {/* The count sits beside the button, not in it: the button's name then contains its
            visible text ("✓"), as WCAG 2.5.3 asks, and still says the count. */}
        <span className="vote-tally" aria-hidden="true">
          {agree}
        </span>
        <button
          type="button"
          className="vote disagree"
          aria-pressed={myAgreement === -1}
          disabled={!canVote}
          onClick={vote("agreement", myAgreement, -1)}
          aria-label={`Disagree (${disagree})`}
          title="I disagree (apart from quality; does not change the order)"
        >
          ✗
        </button>
        <span className="vote-tally" aria-hidden="true">
          {disagree}
        </span>
      </div>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
