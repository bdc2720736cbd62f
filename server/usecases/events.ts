import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { queryRows, type DbExecutor, type Tx } from "@/db/client";
import { claims, debateEvents, debates } from "@/db/schema";
import { claimIdOfEvent, redactEvent, type ClaimTextState } from "@/server/domain/claimVisibility";
import type { DebateEvent, DebateEventData, DebateEventType } from "@/server/domain/events";
import { notFound } from "@/server/errors";

export interface DebateRef {
  id: number;
  slug: string;
}

/** An event a use-case caused; commit() gives it its seq and writes it (see writeEvents). */
export interface PendingEvent {
  debate: DebateRef;
  type: DebateEventType;
  data: DebateEventData<DebateEventType>;
  actorId: number | null;
}

export function debateEvent<T extends DebateEventType>(
  debate: DebateRef,
  type: T,
  data: DebateEventData<T>,
  actorId: number | null,
): PendingEvent {
  return { debate, type, data, actorId };
}

/**
 * Writes a transaction's events as its last step: per debate (ascending id), one bump of the
 * counter row by the number of events, then the rows with consecutive seqs. The counter is the
 * hottest row of a debate, so it is locked last and held only until commit (docs/locking.md);
 * a rollback takes the bump with it, so seqs stay gap-free.
 */
export async function writeEvents(
  tx: Tx,
  pending: readonly PendingEvent[],
): Promise<DebateEvent[]> {
  const byDebate = new Map<number, PendingEvent[]>();
  for (const e of pending) byDebate.set(e.debate.id, [...(byDebate.get(e.debate.id) ?? []), e]);
  const written: DebateEvent[] = [];
  for (const [debateId, list] of [...byDebate].sort(([a], [b]) => a - b)) {
    const slug = list[0]!.debate.slug;
    // One statement: bump the counter, insert the rows numbered from the bumped value.
    const n = list.length;
    const rows = await queryRows<{ seq: number; atMs: number }>(
      tx,
      sql`with bumped as (
          update ${debates} set last_seq = last_seq + ${n}::int where id = ${debateId}::int
          returning last_seq)
        insert into ${debateEvents} (debate_id, seq, type, data, actor_id)
        select ${debateId}::int, bumped.last_seq - ${n}::int + v.i, v.type, v.data, v.actor_id
        from bumped, (values ${sql.join(
          list.map(
            (e, i) =>
              sql`(${i + 1}::int, ${e.type}::text, ${JSON.stringify(e.data)}::jsonb, ${e.actorId}::int)`,
          ),
          sql`, `,
        )}) as v(i, type, data, actor_id)
        returning seq, (extract(epoch from at) * 1000)::float8 as "atMs"`,
    );
    if (rows.length === 0) throw notFound(`Debate ${slug} not found`);
    const first = rows.reduce((low, r) => Math.min(low, Number(r.seq)), Infinity);
    const atOf = new Map(rows.map((r) => [Number(r.seq), new Date(Number(r.atMs)).toISOString()]));
    list.forEach((e, i) =>
      written.push({
        slug,
        seq: first + i,
        type: e.type,
        data: e.data,
        at: atOf.get(first + i) ?? new Date().toISOString(),
      } as DebateEvent),
    );
  }
  return written;
}

export const MAX_EVENTS_PER_PAGE = 1000;

/** Events after `after`, in seq order (the replay path for reconnecting clients and the API). */
export async function eventsAfter(
  db: DbExecutor,
  debate: DebateRef,
  after: number,
  limit = MAX_EVENTS_PER_PAGE,
): Promise<DebateEvent[]> {
  const rows = await db
    .select()
    .from(debateEvents)
    .where(and(eq(debateEvents.debateId, debate.id), gt(debateEvents.seq, after)))
    .orderBy(asc(debateEvents.seq))
    .limit(limit);
  return redactStoredEvents(
    db,
    rows.map(
      (r) =>
        ({
          slug: debate.slug,
          seq: r.seq,
          type: r.type,
          data: r.data,
          at: r.at.toISOString(),
        }) as DebateEvent,
    ),
  );
}

/**
 * Stored events as everyone may read them now (server/domain/claimVisibility.ts): a claim hidden
 * or deleted since loses its text from the old events too. One query for the claims they name.
 */
export async function redactStoredEvents(
  db: DbExecutor,
  events: DebateEvent[],
): Promise<DebateEvent[]> {
  const ids = [...new Set(events.map(claimIdOfEvent).filter((id) => id !== null))];
  if (ids.length === 0) return events;
  const rows = await db
    .select({
      id: claims.id,
      deletedAt: claims.deletedAt,
      hiddenReason: claims.hiddenReason,
      hiddenAt: claims.hiddenAt,
    })
    .from(claims)
    .where(inArray(claims.id, ids));
  const now = new Map<number, ClaimTextState>(
    rows.map((r) => [
      r.id,
      { deleted: r.deletedAt !== null, hiddenReason: r.hiddenAt ? (r.hiddenReason ?? "") : null },
    ]),
  );
  return events.map((e) => redactEvent(e, now));
}
