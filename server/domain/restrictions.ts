/**
 * Restrictions on writing (docs/moderation.md): locks on a debate or a thread, a user's standing
 * (suspended until a time, or banned) and probation for new accounts. Pure: the use-cases and the
 * write gate (server/trpc/init.ts) load the facts and ask these functions.
 */
import type { DebateEvent } from "./events";

/** A lock as the page and the refusal show it. */
export interface LockInfo {
  /** The locking moderator's handle. */
  by: string;
  reason: string;
  /** ISO-8601 */
  at: string;
}

/** What a lock covers: the whole debate, or a claim and everything below it. */
export type LockScope = { kind: "debate" } | { kind: "thread"; claimId: number };

export interface EffectiveLock extends LockInfo {
  scope: LockScope;
}

/**
 * The writes a lock refuses (HTTP 423). Everything here happens in the locked debate or subtree.
 * Left open on purpose: the resolution lifecycle (evidence, propose, dispute, decide, finalize, undo)
 * so bets still settle, and cancelling one's own offer (getting money out never hurts a discussion).
 */
export const LOCKED_WRITES = [
  "post",
  "reply",
  "edit",
  "delete",
  "vote",
  "react",
  "crux.create",
  "crux.link",
  "forecast",
  "offer",
  "take",
] as const;
export type LockedWrite = (typeof LOCKED_WRITES)[number];

const VERBS: Record<LockedWrite, string> = {
  post: "post",
  reply: "reply",
  edit: "edit claims",
  delete: "delete claims",
  vote: "vote",
  react: "react",
  "crux.create": "make cruxes",
  "crux.link": "link cruxes",
  forecast: "forecast",
  offer: "offer bets",
  take: "take bets",
};

/**
 * The lock that covers a write, if any: the debate's first, else the lock nearest the root among
 * the claim's ancestors (`chain` runs from the claim itself up to its top-level claim).
 */
export function coveringLock(
  debateLock: LockInfo | null,
  chain: readonly { claimId: number; lock: LockInfo | null }[],
): EffectiveLock | null {
  if (debateLock) return { ...debateLock, scope: { kind: "debate" } };
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    if (link.lock) return { ...link.lock, scope: { kind: "thread", claimId: link.claimId } };
  }
  return null;
}

/** The chain from a claim up to the top level, by parent links (stops at a missing parent). */
export function ancestry(
  claimId: number,
  parentOf: (id: number) => number | null | undefined,
): number[] {
  const chain: number[] = [];
  const seen = new Set<number>();
  for (let id: number | null | undefined = claimId; id != null && !seen.has(id);) {
    chain.push(id);
    seen.add(id);
    id = parentOf(id);
  }
  return chain;
}

/** "This debate is locked by @mod: “reason”." */
export function lockNotice(lock: EffectiveLock): string {
  const what = lock.scope.kind === "debate" ? "This debate" : "This thread";
  return `${what} is locked by @${lock.by}${lock.reason ? `: “${lock.reason}”` : ""}.`;
}

/** What a refused writer reads: what is locked, by whom, why, and what they can't do. */
export function lockRefusal(lock: EffectiveLock, write: LockedWrite): string {
  return `${lockNotice(lock)} You can't ${VERBS[write]} in it until a moderator unlocks it.`;
}

/** A user's standing as stored on their account. */
export interface Standing {
  suspendedUntil: Date | null;
  suspensionReason: string | null;
  bannedAt: Date | null;
  banReason: string | null;
}

export type Restriction =
  { kind: "banned"; reason: string } | { kind: "suspended"; until: Date; reason: string };

/** Banned, suspended (until a time still to come), or null when the user may write. */
export function restrictionOf(s: Standing, now: number): Restriction | null {
  if (s.bannedAt) return { kind: "banned", reason: s.banReason ?? "" };
  if (s.suspendedUntil && s.suspendedUntil.getTime() > now)
    return { kind: "suspended", until: s.suspendedUntil, reason: s.suspensionReason ?? "" };
  return null;
}

/** "30 Nov 2026, 21:05 UTC": unambiguous wherever the reader is. */
export function formatUntil(d: Date): string {
  const month = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${month[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** The 403 a restricted user gets for any write: until when (or for good), and why. */
export function restrictionMessage(r: Restriction): string {
  const why = r.reason ? ` Reason: “${r.reason}”.` : "";
  return r.kind === "banned"
    ? `Your account is banned permanently; you can read but not post, vote, react, forecast or bet.${why}`
    : `Your account is suspended until ${formatUntil(r.until)}; until then you can read but not post, vote, react, forecast or bet.${why}`;
}

/**
 * Writes a restricted account may still make: protecting the account (revoking keys, signing out
 * everywhere, deleting webhooks), what they read and hear of (notifications, follows, preferences,
 * "seen" marks: nobody else sees these), and getting money out of an open offer.
 * Procedure paths as tRPC names them.
 */
export const OPEN_TO_RESTRICTED: ReadonlySet<string> = new Set([
  "account.revokeApiKey",
  "account.signOutEverywhere",
  "people.markNotificationsRead",
  "follows.followCrux",
  "follows.unfollowCrux",
  "follows.followDebate",
  "follows.unfollowDebate",
  "follows.cruxSeen",
  "follows.setPreferences",
  "webhooks.delete",
  "bets.cancel",
]);

/** The longest suspension: longer than this is a ban, which says so. */
export const MAX_SUSPENSION_HOURS = 24 * 366;

/**
 * When a suspension ends, from an end time or a number of hours; a problem a moderator can act on
 * otherwise.
 */
export function suspensionEnd(
  input: { until?: number | undefined; hours?: number | undefined },
  now: number,
): { until: Date } | { problem: string; field: "until" | "hours" } {
  if ((input.until === undefined) === (input.hours === undefined))
    return { problem: "give either until (a time) or hours, not both", field: "hours" };
  if (input.hours !== undefined) {
    if (!(input.hours > 0 && input.hours <= MAX_SUSPENSION_HOURS))
      return {
        problem: `must be more than 0 and at most ${MAX_SUSPENSION_HOURS} (a year); ban for longer`,
        field: "hours",
      };
    return { until: new Date(now + input.hours * 3600_000) };
  }
  const until = input.until!;
  if (!(until > now)) return { problem: "must be in the future", field: "until" };
  if (until > now + MAX_SUSPENSION_HOURS * 3600_000)
    return { problem: "must be within a year; ban for longer", field: "until" };
  return { until: new Date(until) };
}

export interface ProbationRule {
  /** How long a new account is on probation (0: no probation). */
  minutes: number;
  /** Writes a minute allowed while on probation. */
  writesPerMinute: number;
}

/**
 * Whether an account is on probation now: for its first minutes, unless it is a seeded demo
 * account or an admin (trusted by whoever runs the site).
 */
export function onProbation(
  user: { createdAt: Date; isAdmin: boolean; isDemo: boolean },
  rule: ProbationRule,
  now: number,
): boolean {
  if (rule.minutes <= 0 || user.isAdmin || user.isDemo) return false;
  return now < user.createdAt.getTime() + rule.minutes * 60_000;
}

/** When probation ends (for the message). */
export const probationEnds = (createdAt: Date, rule: ProbationRule) =>
  new Date(createdAt.getTime() + rule.minutes * 60_000);

export function probationRefusal(ends: Date, rule: ProbationRule, waitText: string): string {
  return `New accounts may make at most ${rule.writesPerMinute} changes a minute until ${formatUntil(ends)}. Try again in ${waitText}.`;
}

/** A debate's locks as the page receives them. */
export interface DebateLocks {
  debate: LockInfo | null;
  claims: ({ claimId: number } & LockInfo)[];
}

/** A debate's locks as a page keeps them, live. */
export interface LockState {
  debate: LockInfo | null;
  claims: ReadonlyMap<number, LockInfo>;
}

export const lockStateOf = (locks: DebateLocks): LockState => ({
  debate: locks.debate,
  claims: new Map(locks.claims.map(({ claimId, ...info }) => [claimId, info])),
});

/** Applies lock events (others pass through); the input is not changed. */
export function applyLockEvents(state: LockState, events: readonly DebateEvent[]): LockState {
  let next = state;
  for (const e of events) {
    if (e.type === "debate.locked") next = { ...next, debate: e.data.lock };
    else if (e.type === "debate.unlocked") next = { ...next, debate: null };
    else if (e.type === "claim.locked")
      next = { ...next, claims: new Map(next.claims).set(e.data.claimId, e.data.lock) };
    else if (e.type === "claim.unlocked") {
      const claims = new Map(next.claims);
      claims.delete(e.data.claimId);
      next = { ...next, claims };
    }
  }
  return next;
}

/** The lock covering a claim on a page (null claimId: the top level), by its loaded ancestors. */
export function lockOnPage(
  state: LockState,
  claimId: number | null,
  parentOf: (id: number) => number | null | undefined,
): EffectiveLock | null {
  const chain =
    claimId === null
      ? []
      : ancestry(claimId, parentOf).map((id) => ({
          claimId: id,
          lock: state.claims.get(id) ?? null,
        }));
  return coveringLock(state.debate, chain);
}

/** What a person (and GET /me) is told of their own standing. */
export interface StandingView {
  restriction: {
    kind: Restriction["kind"];
    /** ISO-8601; null for a ban (permanent). */
    until: string | null;
    reason: string;
    message: string;
  } | null;
  /** ISO-8601 end of probation, while on it. */
  probationUntil: string | null;
}

export function standingView(
  user: Standing & { createdAt: Date; isAdmin: boolean; isDemo: boolean },
  rule: ProbationRule,
  now: number,
): StandingView {
  const r = restrictionOf(user, now);
  return {
    restriction: r && {
      kind: r.kind,
      until: r.kind === "suspended" ? r.until.toISOString() : null,
      reason: r.reason,
      message: restrictionMessage(r),
    },
    probationUntil: onProbation(user, rule, now)
      ? probationEnds(user.createdAt, rule).toISOString()
      : null,
  };
}
