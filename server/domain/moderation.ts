/**
 * Who may moderate what, and the vocabulary of the audit log (docs/moderation.md). Pure: the
 * use-cases in server/usecases/moderation/ load a user's scope and ask these rules.
 */

/** What a user may moderate: admins everything; moderators site-wide or in some debates. */
export interface ModerationScope {
  admin: boolean;
  siteWide: boolean;
  debateIds: readonly number[];
}

export const NO_SCOPE: ModerationScope = { admin: false, siteWide: false, debateIds: [] };

/**
 * Whether the scope covers a debate's content (`debateId`) or something site-wide (`null`: users,
 * reports about people). Per-debate moderators act only inside their debates.
 */
export function mayModerate(scope: ModerationScope, debateId: number | null): boolean {
  if (scope.admin || scope.siteWide) return true;
  return debateId !== null && scope.debateIds.includes(debateId);
}

/** Whether the scope covers anything at all (the moderation pages and the queue link). */
export function isModerator(scope: ModerationScope): boolean {
  return scope.admin || scope.siteWide || scope.debateIds.length > 0;
}

export const ROLE_KINDS = ["moderator", "admin"] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/**
 * What a role grant means. Only admins grant or revoke roles; an admin role is site-wide by
 * nature, so it can't be limited to a debate. Returns the reason it is refused, or null.
 */
export function roleGrantProblem(
  granter: ModerationScope,
  role: RoleKind,
  debateId: number | null,
): string | null {
  if (!granter.admin) return "Only admins grant or revoke roles.";
  if (role === "admin" && debateId !== null)
    return "Admin is a site-wide role; leave out the debate (or grant moderator of that debate).";
  return null;
}

export const MODERATION_ACTIONS = [
  "role.grant",
  "role.revoke",
  "claim.hide",
  "claim.restore",
  "debate.lock",
  "debate.unlock",
  "claim.lock",
  "claim.unlock",
  "user.suspend",
  "user.unsuspend",
  "user.ban",
  "user.unban",
  "report.resolve",
  "report.dismiss",
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const MODERATION_TARGETS = [
  "claim",
  "crux",
  "evidence",
  "user",
  "debate",
  "report",
] as const;
export type ModerationTarget = (typeof MODERATION_TARGETS)[number];

/** Every audited action states why; this bounds the reason people type. */
export const REASON_MAX_LENGTH = 500;

// ── Locks, suspensions and bans (docs/moderation.md, "Locks" and "Suspensions and bans") ──

/** Locking or unlocking a debate, or a thread in it: its moderators, site-wide moderators, admins. */
export const mayLock = (scope: ModerationScope, debateId: number): boolean =>
  mayModerate(scope, debateId);

/** Suspending someone for a time, or lifting it: site-wide moderators and admins. */
export const maySuspend = (scope: ModerationScope): boolean => mayModerate(scope, null);

/** Banning someone for good, or lifting it: admins only. */
export const mayBan = (scope: ModerationScope): boolean => scope.admin;

/**
 * Whom a suspension or ban can't reach, or null: nobody restricts themself, and an admin must lose
 * the role first (an admin could simply lift it again).
 */
export function restrictTargetProblem(
  actorId: number | null,
  target: { id: number; isAdmin: boolean },
): string | null {
  if (actorId !== null && actorId === target.id) return "You can't suspend or ban yourself.";
  if (target.isAdmin) return "Admins can't be suspended or banned; revoke the admin role first.";
  return null;
}
