/**
 * Locks on a debate or a thread (docs/moderation.md): what covers a write, checked inside the
 * write's own transaction by every use-case listed in LOCKED_WRITES.
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { queryRows, type DbExecutor, type Tx } from "@/db/client";
import { claims, debates } from "@/db/schema";
import { mayLock } from "@/server/domain/moderation";
import {
  coveringLock,
  lockRefusal,
  type DebateLocks,
  type EffectiveLock,
  type LockInfo,
  type LockedWrite,
} from "@/server/domain/restrictions";
import { conflict, forbidden, locked, notFound } from "@/server/errors";
import { requireDebate } from "../debates";
import { debateEvent } from "../events";
import { commit, type Actor, type Services } from "../services";
import { recordModeration } from "./audit";
import { moderationScopeOf } from "./roles";

interface LockRow {
  claimId: number | null;
  depth: number;
  atMs: number;
  reason: string | null;
  by: string | null;
}

const infoOf = (r: LockRow): LockInfo => ({
  by: r.by ?? "a moderator",
  reason: r.reason ?? "",
  at: new Date(r.atMs).toISOString(),
});

/**
 * The lock covering a write in a debate, at a claim (or at the top level when claimId is null):
 * the debate's lock, or a lock on the claim or any claim above it. One statement walks up the tree.
 */
export async function lockCovering(
  db: DbExecutor,
  debateId: number,
  claimId: number | null,
): Promise<EffectiveLock | null> {
  const rows = await queryRows<LockRow>(
    db,
    sql`with recursive up(id, parent_id, locked_at, locked_by, lock_reason, depth) as (
        select id, parent_id, locked_at, locked_by, lock_reason, 0 from claims
          where id = ${claimId}::int
        union all
        select c.id, c.parent_id, c.locked_at, c.locked_by, c.lock_reason, up.depth + 1
          from claims c join up on c.id = up.parent_id)
      select null::int as "claimId", -1 as depth,
          (extract(epoch from d.locked_at) * 1000)::float8 as "atMs", d.lock_reason as reason,
          u.handle as by
        from debates d left join users u on u.id = d.locked_by
        where d.id = ${debateId}::int and d.locked_at is not null
      union all
      select up.id, up.depth, (extract(epoch from up.locked_at) * 1000)::float8, up.lock_reason,
          u.handle
        from up left join users u on u.id = up.locked_by
        where up.locked_at is not null`,
  );
  const debateRow = rows.find((r) => r.claimId === null);
  const chain = rows
    .filter((r) => r.claimId !== null)
    .sort((a, b) => a.depth - b.depth)
    .map((r) => ({ claimId: r.claimId!, lock: infoOf(r) }));
  return coveringLock(debateRow ? infoOf(debateRow) : null, chain);
}

/** Refuses the write with a 423 (who locked, why) when a lock covers where it lands. */
export async function ensureUnlocked(
  db: DbExecutor,
  target: { debateId: number; claimId: number | null },
  write: LockedWrite,
): Promise<void> {
  const lock = await lockCovering(db, target.debateId, target.claimId);
  if (lock) throw locked(lockRefusal(lock, write));
}

/** A debate's locks for its page: the debate's own and each locked claim's (docs/moderation.md). */
export async function debateLocks(db: DbExecutor, debateId: number): Promise<DebateLocks> {
  const rows = await queryRows<LockRow>(
    db,
    sql`select null::int as "claimId", 0 as depth,
          (extract(epoch from d.locked_at) * 1000)::float8 as "atMs", d.lock_reason as reason,
          u.handle as by
        from debates d left join users u on u.id = d.locked_by
        where d.id = ${debateId}::int and d.locked_at is not null
      union all
      select c.id, 0, (extract(epoch from c.locked_at) * 1000)::float8, c.lock_reason, u.handle
        from claims c left join users u on u.id = c.locked_by
        where c.debate_id = ${debateId}::int and c.locked_at is not null`,
  );
  const debateRow = rows.find((r) => r.claimId === null);
  return {
    debate: debateRow ? infoOf(debateRow) : null,
    claims: rows
      .filter((r) => r.claimId !== null)
      .map((r) => ({ claimId: r.claimId!, ...infoOf(r) }))
      .sort((a, b) => a.claimId - b.claimId),
  };
}

export interface LockChange {
  /** Why (shown on the page and kept in the audit log); required to lock. */
  reason: string;
}

const lockInfo = (actor: Actor, reason: string, at: Date): LockInfo => ({
  by: actor.handle,
  reason,
  at: at.toISOString(),
});

async function requireLocker(tx: Tx, actor: Actor, debateId: number): Promise<void> {
  if (!mayLock(await moderationScopeOf(tx, actor), debateId))
    throw forbidden(
      "Only moderators of this debate (or site-wide moderators and admins) can lock or unlock it.",
    );
}

/** Locks a whole debate: read-only for everyone until unlocked (docs/moderation.md). */
export function lockDebate(
  services: Services,
  actor: Actor,
  slug: string,
  { reason }: LockChange,
): Promise<{ slug: string; lock: LockInfo }> {
  return commit(services, async (tx) => {
    const debate = await requireDebate(tx, slug);
    await requireLocker(tx, actor, debate.id);
    const [row] = await tx
      .update(debates)
      .set({ lockedAt: sql`now()`, lockedBy: actor.id, lockReason: reason })
      .where(and(eq(debates.id, debate.id), isNull(debates.lockedAt)))
      .returning({ at: debates.lockedAt });
    if (!row?.at) throw conflict("This debate is already locked.");
    const lock = lockInfo(actor, reason, row.at);
    await recordModeration(tx, {
      actorId: actor.id,
      action: "debate.lock",
      targetKind: "debate",
      targetId: debate.id,
      debateId: debate.id,
      reason,
    });
    return {
      value: { slug: debate.slug, lock },
      events: [debateEvent(debate, "debate.locked", { lock }, actor.id)],
    };
  });
}

export function unlockDebate(
  services: Services,
  actor: Actor,
  slug: string,
  reason = "",
): Promise<{ slug: string; locked: false }> {
  return commit(services, async (tx) => {
    const debate = await requireDebate(tx, slug);
    await requireLocker(tx, actor, debate.id);
    const done = await tx
      .update(debates)
      .set({ lockedAt: null, lockedBy: null, lockReason: null })
      .where(and(eq(debates.id, debate.id), isNotNull(debates.lockedAt)))
      .returning({ id: debates.id });
    if (done.length === 0) throw conflict("This debate is not locked.");
    await recordModeration(tx, {
      actorId: actor.id,
      action: "debate.unlock",
      targetKind: "debate",
      targetId: debate.id,
      debateId: debate.id,
      reason,
    });
    return {
      value: { slug: debate.slug, locked: false as const },
      events: [debateEvent(debate, "debate.unlocked", {}, actor.id)],
    };
  });
}

async function claimWithDebate(tx: Tx, claimId: number) {
  const [row] = await tx
    .select({ debate: { id: debates.id, slug: debates.slug } })
    .from(claims)
    .innerJoin(debates, eq(debates.id, claims.debateId))
    .where(eq(claims.id, claimId));
  if (!row) throw notFound(`No claim with id ${claimId}.`);
  return row.debate;
}

/** Locks a claim and everything below it (its thread). */
export function lockThread(
  services: Services,
  actor: Actor,
  claimId: number,
  { reason }: LockChange,
): Promise<{ claimId: number; lock: LockInfo }> {
  return commit(services, async (tx) => {
    const debate = await claimWithDebate(tx, claimId);
    await requireLocker(tx, actor, debate.id);
    const [row] = await tx
      .update(claims)
      .set({ lockedAt: sql`now()`, lockedBy: actor.id, lockReason: reason })
      .where(and(eq(claims.id, claimId), isNull(claims.lockedAt)))
      .returning({ at: claims.lockedAt });
    if (!row?.at) throw conflict(`Claim ${claimId}'s thread is already locked.`);
    const lock = lockInfo(actor, reason, row.at);
    await recordModeration(tx, {
      actorId: actor.id,
      action: "claim.lock",
      targetKind: "claim",
      targetId: claimId,
      debateId: debate.id,
      reason,
    });
    return {
      value: { claimId, lock },
      events: [debateEvent(debate, "claim.locked", { claimId, lock }, actor.id)],
    };
  });
}

export function unlockThread(
  services: Services,
  actor: Actor,
  claimId: number,
  reason = "",
): Promise<{ claimId: number; locked: false }> {
  return commit(services, async (tx) => {
    const debate = await claimWithDebate(tx, claimId);
    await requireLocker(tx, actor, debate.id);
    const done = await tx
      .update(claims)
      .set({ lockedAt: null, lockedBy: null, lockReason: null })
      .where(and(eq(claims.id, claimId), isNotNull(claims.lockedAt)))
      .returning({ id: claims.id });
    if (done.length === 0)
      throw conflict(
        `Claim ${claimId}'s thread is not locked here (a lock higher up, or on the debate, is unlocked where it was set).`,
      );
    await recordModeration(tx, {
      actorId: actor.id,
      action: "claim.unlock",
      targetKind: "claim",
      targetId: claimId,
      debateId: debate.id,
      reason,
    });
    return {
      value: { claimId, locked: false as const },
      events: [debateEvent(debate, "claim.unlocked", { claimId }, actor.id)],
    };
  });
}
