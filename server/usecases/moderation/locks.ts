/**
 * Locks on a debate or a thread (docs/moderation.md): what covers a write, checked inside the
 * write's own transaction by every use-case listed in LOCKED_WRITES.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbExecutor } from "@/db/client";
import {
  coveringLock,
  lockRefusal,
  type DebateLocks,
  type EffectiveLock,
  type LockInfo,
  type LockedWrite,
} from "@/server/domain/restrictions";
import { locked } from "@/server/errors";

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
