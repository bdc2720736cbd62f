/**
 * The audit log (docs/moderation.md): every moderation action is written inside the transaction
 * that performs it, so the log never misses or invents one. Moderators read the part their scope
 * covers; admins can also filter it.
 */
import { and, desc, eq, gte, inArray, lt, lte, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor, Tx } from "@/db/client";
import { debates, moderationLog, users } from "@/db/schema";
import type { ModerationAction, ModerationTarget } from "@/server/domain/moderation";
import { forbidden } from "@/server/errors";
import type { Actor } from "../services";
import { requireAnyModeration } from "./roles";

export interface ModerationEntry {
  /** Null for the system (the command line, an expiry). */
  actorId: number | null;
  action: ModerationAction;
  targetKind: ModerationTarget;
  targetId: number;
  debateId: number | null;
  reason: string;
  details?: Record<string, unknown>;
}

export async function recordModeration(tx: Tx, entry: ModerationEntry): Promise<void> {
  await tx.insert(moderationLog).values({ ...entry, details: entry.details ?? {} });
}

export interface LogFilters {
  actorHandle?: string | undefined;
  action?: ModerationAction | undefined;
  targetKind?: ModerationTarget | undefined;
  debateSlug?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries older than this id (the next page). */
  before?: number | undefined;
  limit?: number | undefined;
}

export interface LogEntryView {
  id: number;
  at: string;
  actor: { handle: string } | null;
  action: string;
  targetKind: string;
  targetId: number;
  debate: { slug: string; title: string } | null;
  reason: string;
  details: Record<string, unknown>;
}

const hasFilters = (f: LogFilters) =>
  [f.actorHandle, f.action, f.targetKind, f.debateSlug, f.from, f.to].some((v) => v !== undefined);

/** The newest entries first, `limit` at a time, within what the reader moderates. */
export async function listModerationLog(
  db: DbExecutor,
  actor: Actor | null,
  filters: LogFilters = {},
): Promise<{ entries: LogEntryView[]; nextBefore: number | null }> {
  const scope = await requireAnyModeration(db, actor);
  if (hasFilters(filters) && !scope.admin)
    throw forbidden("Only admins filter the audit log; moderators read it whole.");
  const limit = filters.limit ?? 50;
  const by = alias(users, "by");
  const where: (SQL | undefined)[] = [
    // A per-debate moderator reads their debates' entries (the scope is never empty here).
    scope.admin || scope.siteWide
      ? undefined
      : inArray(moderationLog.debateId, [...scope.debateIds]),
    filters.actorHandle ? eq(by.handle, filters.actorHandle.toLowerCase()) : undefined,
    filters.action ? eq(moderationLog.action, filters.action) : undefined,
    filters.targetKind ? eq(moderationLog.targetKind, filters.targetKind) : undefined,
    filters.debateSlug ? eq(debates.slug, filters.debateSlug) : undefined,
    filters.from ? gte(moderationLog.createdAt, filters.from) : undefined,
    filters.to ? lte(moderationLog.createdAt, filters.to) : undefined,
    filters.before !== undefined ? lt(moderationLog.id, filters.before) : undefined,
  ];
  const rows = await db
    .select({
      id: moderationLog.id,
      at: moderationLog.createdAt,
      actorHandle: by.handle,
      action: moderationLog.action,
      targetKind: moderationLog.targetKind,
      targetId: moderationLog.targetId,
      slug: debates.slug,
      title: debates.title,
      reason: moderationLog.reason,
      details: moderationLog.details,
    })
    .from(moderationLog)
    .leftJoin(by, eq(by.id, moderationLog.actorId))
    .leftJoin(debates, eq(debates.id, moderationLog.debateId))
    .where(and(...where))
    .orderBy(desc(moderationLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorHandle === null ? null : { handle: r.actorHandle },
      action: r.action,
      targetKind: r.targetKind,
      targetId: r.targetId,
      debate: r.slug !== null && r.title !== null ? { slug: r.slug, title: r.title } : null,
      reason: r.reason,
      details: r.details,
    })),
    nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
