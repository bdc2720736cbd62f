import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { debateEvents, debates } from "@/db/schema";
import type { DebateEvent, DebateEventData, DebateEventType } from "@/server/domain/events";
import { notFound } from "@/server/errors";

export interface DebateRef {
  id: number;
  slug: string;
}

/**
 * Appends an event inside the caller's transaction. The counter row update takes a row lock, so
 * concurrent writers to one debate get consecutive seqs, and a rollback takes the bump with it.
 */
export async function appendEvent<T extends DebateEventType>(
  tx: Tx,
  debate: DebateRef,
  type: T,
  data: DebateEventData<T>,
  actorId: number | null,
): Promise<DebateEvent> {
  const [bumped] = await tx
    .update(debates)
    .set({ lastSeq: sql`${debates.lastSeq} + 1` })
    .where(eq(debates.id, debate.id))
    .returning({ seq: debates.lastSeq });
  if (!bumped) throw notFound(`Debate ${debate.slug} not found`);
  const [row] = await tx
    .insert(debateEvents)
    .values({ debateId: debate.id, seq: bumped.seq, type, data, actorId })
    .returning({ at: debateEvents.at });
  return {
    slug: debate.slug,
    seq: bumped.seq,
    type,
    data,
    at: (row?.at ?? new Date()).toISOString(),
  } as DebateEvent;
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
