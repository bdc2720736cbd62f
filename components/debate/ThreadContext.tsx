"use client";

import { createContext, useContext } from "react";
import type { ClaimView, Stance, ThreadSort } from "@/server/domain/thread";
import type { VoteAxis, VoteValue } from "@/server/domain/votes";
import type { ReactionKind, ReactionSpan } from "@/server/domain/reactions";
import type { DebateCruxState, More } from "@/lib/types";
import type { EffectiveLock, LockInfo } from "@/server/domain/restrictions";

export interface ThreadActions {
  slug: string;
  viewer: string | null;
  /** The viewer moderates this debate (docs/moderation.md). */
  moderates: boolean;
  hide: (claimId: number, reason: string) => Promise<void>;
  restore: (claimId: number) => Promise<void>;
  /** The lock covering a claim and its replies (null: the top level), if any. */
  lockAt: (claimId: number | null) => EffectiveLock | null;
  /** The lock set on this very claim (its thread), whatever covers it from above. */
  threadLockOf: (claimId: number) => LockInfo | null;
  /** Why the viewer can't write at a claim now (a lock, or their suspension), or null. */
  blockedAt: (claimId: number | null) => string | null;
  /** The viewer moderates this debate: they may lock and unlock threads. */
  canLock: boolean;
  lockThread: (claimId: number, reason: string) => Promise<void>;
  unlockThread: (claimId: number) => Promise<void>;
  sort: ThreadSort;
  groups: Map<number | null, ClaimView[]>;
  claims: ReadonlyMap<number, ClaimView>;
  cruxState: DebateCruxState;
  /** Replies not loaded yet, per claim (null: the top level), and how to ask for them. */
  more: ReadonlyMap<number | null, More>;
  loadMore: (parentId: number | null) => Promise<void>;
  /** The claim last brought into view (a permalink's, a new post, "next new", a search hit). */
  focusId: number | null;
  /** Claims new since the reader's last visit (highlighted). */
  newIds: ReadonlySet<number>;
  /** Claims matching the thread search (highlighted). */
  searchHits: ReadonlySet<number>;
  myVote: (claimId: number, axis: VoteAxis) => VoteValue;
  reply: (
    parentId: number,
    value: { body: string; stance: Stance | null; quote: string | null },
  ) => Promise<void>;
  edit: (claimId: number, body: string) => Promise<void>;
  remove: (claimId: number) => Promise<void>;
  vote: (claimId: number, axis: VoteAxis, value: VoteValue) => Promise<void>;
  /** A claim's reactions per span (docs/reactions.md). */
  reactionsOf: (claimId: number) => readonly ReactionSpan[];
  /** Adds the viewer's reaction (quote "": the whole claim; start picks an occurrence). */
  react: (claimId: number, kind: ReactionKind, quote: string, start?: number) => Promise<void>;
  unreact: (claimId: number, kind: ReactionKind, quote: string) => Promise<void>;
}

export const ThreadContext = createContext<ThreadActions | null>(null);

export function useThread(): ThreadActions {
  const value = useContext(ThreadContext);
  if (!value) throw new Error("useThread must be used inside a ThreadContext provider");
  return value;
}
