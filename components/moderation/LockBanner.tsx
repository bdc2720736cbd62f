import type { ReactNode } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import type { LockInfo } from "@/server/domain/restrictions";

/** Everyone sees that the debate is locked, by whom and why; a moderator's unlock goes beside it. */
export function LockBanner({ lock, children }: { lock: LockInfo; children?: ReactNode }) {
  return (
    <div className="lock-banner" role="status" id="lock-banner">
      <p>
        <span aria-hidden="true">🔒 </span>
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
      <span aria-hidden="true">🔒 </span>
      Thread locked by @{lock.by}
      {lock.reason ? <>: “{lock.reason}”</> : null}. No replies, edits, votes or reactions here.
      {children}
    </div>
  );
}
