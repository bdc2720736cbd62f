import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { debateEvents, debates } from "@/db/schema";
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
    const [bumped] = await tx
      .update(debates)
      .set({ lastSeq: sql`${debates.lastSeq} + ${list.length}` })
      .where(eq(debates.id, debateId))
      .returning({ seq: debates.lastSeq });
    if (!bumped) throw notFound(`Debate ${slug} not found`);
    const first = bumped.seq - list.length + 1;
    const rows = await tx
      .insert(debateEvents)
      .values(
        list.map((e, i) => ({
          debateId,
          seq: first + i,
          type: e.type,
          data: e.data,
          actorId: e.actorId,
        })),
      )
      .returning({ seq: debateEvents.seq, at: debateEvents.at });
    const atOf = new Map(rows.map((r) => [r.seq, r.at.toISOString()]));
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
  return rows.map(
    (r) =>
      ({
        slug: debate.slug,
        seq: r.seq,
        type: r.type,
        data: r.data,
        at: r.at.toISOString(),
      }) as DebateEvent,
  );
}
