import type { ReactNode } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import type { LockInfo } from "@/server/domain/restrictions";

/** A padlock (an emoji may be missing from the reader's fonts). */
function LockIcon() {
  return (
    <svg
      className="lock-icon"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1h1Zm2 0h6V7a3 3 0 0 0-6 0v3Z"
        fill="currentColor"
      />
    </svg>
  );
}

/** Everyone sees that the debate is locked, by whom and why; a moderator's unlock goes beside it. */
export function LockBanner({ lock, children }: { lock: LockInfo; children?: ReactNode }) {
  return (
    <div className="lock-banner" role="status" id="lock-banner">
      <p>
        <LockIcon />
        <strong>This debate is locked</strong> by @{lock.by} (<RelativeTime iso={lock.at} />)
        {lock.reason ? <>: “{lock.reason}”</> : null}. Nothing can be posted, replied to, edited,
        voted on, reacted to, forecast or bet on here until a moderator unlocks it.
      </p>
      {children}
    </div>
  );
}

/** The mark on a locked claim: it and every reply below it are read-only. */
export function ThreadLockNote({
  claimId,
  lock,
  children,
}: {
  claimId: number;
  lock: LockInfo;
  children?: ReactNode;
}) {
  return (
    <div className="lock-note" id={`claim-${claimId}-lock`}>
      <LockIcon />
      Thread locked by @{lock.by}
      {lock.reason ? <>: “{lock.reason}”</> : null}. No replies, edits, votes or reactions here.
      {children}
    </div>
  );
}
