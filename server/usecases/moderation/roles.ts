/**
 * Moderator and admin roles (docs/moderation.md): loading a user's scope, checking it, and admins
 * granting or revoking roles, each grant audited in its own transaction.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { debates, moderatorRoles, users } from "@/db/schema";
import {
  isModerator,
  mayModerate,
  NO_SCOPE,
  roleGrantProblem,
  type ModerationScope,
  type RoleKind,
} from "@/server/domain/moderation";
import { badInput, conflict, forbidden } from "@/server/errors";
import { requireUserByHandle } from "../accounts";
import { requireDebate } from "../debates";
import type { Actor } from "../services";
import { recordModeration } from "./audit";

/** What `actor` may moderate (nothing when signed out). */
export async function moderationScopeOf(
  db: DbExecutor,
  actor: Actor | null,
): Promise<ModerationScope> {
  if (!actor) return NO_SCOPE;
  const rows = await db
    .select({ debateId: moderatorRoles.debateId })
    .from(moderatorRoles)
    .where(eq(moderatorRoles.userId, actor.id));
  return {
    admin: actor.isAdmin,
    siteWide: rows.some((r) => r.debateId === null),
    debateIds: rows.flatMap((r) => (r.debateId === null ? [] : [r.debateId])),
  };
}

/** The actor's scope when it covers `debateId` (null: site-wide things); a 403 otherwise. */
export async function requireModerator(
  db: DbExecutor,
  actor: Actor | null,
  debateId: number | null,
): Promise<ModerationScope> {
  const scope = await moderationScopeOf(db, actor);
  if (!mayModerate(scope, debateId))
    throw forbidden(
      debateId === null
        ? "Only site-wide moderators and admins can do that."
        : "Only moderators of this debate (or site-wide moderators and admins) can do that.",
    );
  return scope;
}

/** A 403 unless the actor moderates something (the queue and the audit log). */
export async function requireAnyModeration(
  db: DbExecutor,
  actor: Actor | null,
): Promise<ModerationScope> {
  const scope = await moderationScopeOf(db, actor);
  if (!isModerator(scope)) throw forbidden("Only moderators and admins can see this.");
  return scope;
}

export interface RoleChange {
  handle: string;
  role: RoleKind;
  /** A debate's slug: moderator of that debate only. Left out: site-wide. */
  debateSlug?: string | undefined;
  reason?: string | undefined;
}

export interface RoleView {
  handle: string;
  displayName: string;
  role: RoleKind;
  debate: { slug: string; title: string } | null;
}

/** `null` actor: the operator at the command line (`npm run cli -- role:grant`). */
async function granterScope(db: DbExecutor, actor: Actor | null): Promise<ModerationScope> {
  return actor ? moderationScopeOf(db, actor) : { ...NO_SCOPE, admin: true };
}

export async function grantRole(
  db: DbExecutor,
  actor: Actor | null,
  change: RoleChange,
): Promise<RoleView> {
  return changeRole(db, actor, change, "grant");
}

export async function revokeRole(
  db: DbExecutor,
  actor: Actor | null,
  change: RoleChange,
): Promise<RoleView> {
  return changeRole(db, actor, change, "revoke");
}

async function changeRole(
  db: DbExecutor,
  actor: Actor | null,
  change: RoleChange,
  kind: "grant" | "revoke",
): Promise<RoleView> {
  return db.transaction(async (tx) => {
    const user = await requireUserByHandle(tx, change.handle);
    const debate = change.debateSlug ? await requireDebate(tx, change.debateSlug) : null;
    const problem = roleGrantProblem(
      await granterScope(tx, actor),
      change.role,
      debate?.id ?? null,
    );
    if (problem) throw forbidden(problem);
    if (change.role === "admin") {
      if (kind === "revoke" && actor?.id === user.id)
        throw badInput("handle", "You can't revoke your own admin role; ask another admin.");
      const [row] = await tx
        .update(users)
        .set({ isAdmin: kind === "grant" })
        .where(and(eq(users.id, user.id), eq(users.isAdmin, kind === "revoke")))
        .returning({ id: users.id });
      if (!row)
        throw conflict(
          `@${user.handle} ${kind === "grant" ? "is already" : "is not"} an admin; nothing changed.`,
        );
    } else {
      const scopeMatch = and(
        eq(moderatorRoles.userId, user.id),
        debate ? eq(moderatorRoles.debateId, debate.id) : isNull(moderatorRoles.debateId),
      );
      const changed =
        kind === "grant"
          ? await tx
              .insert(moderatorRoles)
              .values({ userId: user.id, debateId: debate?.id ?? null, grantedBy: actor?.id })
              .onConflictDoNothing()
              .returning({ id: moderatorRoles.id })
          : await tx.delete(moderatorRoles).where(scopeMatch).returning({ id: moderatorRoles.id });
      const where = debate ? `of "${debate.slug}"` : "site-wide";
      if (changed.length === 0)
        throw conflict(
          `@${user.handle} ${kind === "grant" ? "is already" : "is not"} a moderator ${where}; nothing changed.`,
        );
    }
    await recordModeration(tx, {
      actorId: actor?.id ?? null,
      action: kind === "grant" ? "role.grant" : "role.revoke",
      targetKind: "user",
      targetId: user.id,
      debateId: debate?.id ?? null,
      reason: change.reason?.trim() || (actor ? "" : "from the command line"),
      details: { role: change.role, handle: user.handle, debateSlug: debate?.slug ?? null },
    });
    return {
      handle: user.handle,
      displayName: user.displayName,
      role: change.role,
      debate: debate ? { slug: debate.slug, title: debate.title } : null,
    };
  });
}

/** Every admin and moderator with their scope (admins first, then by handle). */
export async function listRoles(db: DbExecutor): Promise<RoleView[]> {
  const admins = await db
    .select({ handle: users.handle, displayName: users.displayName })
    .from(users)
    .where(eq(users.isAdmin, true))
    .orderBy(users.handle);
  const moderators = await db
    .select({
      handle: users.handle,
      displayName: users.displayName,
      slug: debates.slug,
      title: debates.title,
    })
    .from(moderatorRoles)
    .innerJoin(users, eq(users.id, moderatorRoles.userId))
    .leftJoin(debates, eq(debates.id, moderatorRoles.debateId))
    .orderBy(users.handle, debates.slug);
  return [
    ...admins.map((a) => ({ ...a, role: "admin" as const, debate: null })),
    ...moderators.map(({ handle, displayName, slug, title }) => ({
      handle,
      displayName,
      role: "moderator" as const,
      debate: slug !== null && title !== null ? { slug, title } : null,
    })),
  ];
}
