/**
 * Row locks in the one global order every transaction follows (docs/locking.md): cruxes by
 * ascending id, then offers, then ledger accounts by ascending id, and the debate's event counter
 * last (commit() writes events as the final step).
 */
import { asc, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cruxes, debates } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { DebateRef } from "../events";

export type CruxRecord = typeof cruxes.$inferSelect;

/** Locks the given cruxes in ascending id order and returns them by id. */
export async function lockCruxes(tx: Tx, ids: readonly number[]): Promise<Map<number, CruxRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(cruxes)
    .where(inArray(cruxes.id, [...new Set(ids)]))
    .orderBy(asc(cruxes.id))
    .for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Every crux whose fate follows `cruxId`, directly or through others (not locked): those
 * conditional on it and the threshold cruxes derived from it (docs/numeric-cruxes.md).
 */
export async function dependentsOf(tx: Tx, cruxId: number): Promise<number[]> {
  const seen = new Set<number>([cruxId]);
  let frontier = [cruxId];
  while (frontier.length > 0) {
    const rows = await tx
      .select({ id: cruxes.id })
      .from(cruxes)
      .where(
        or(inArray(cruxes.conditionCruxId, frontier), inArray(cruxes.derivedFromCruxId, frontier)),
      );
    frontier = rows.map((r) => r.id).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  seen.delete(cruxId);
  return [...seen];
}

export interface Family {
  debate: DebateRef;
  /** The crux acted on. */
  crux: CruxRecord;
  /** It and every crux conditional on it (transitively), locked, by id. */
  members: Map<number, CruxRecord>;
}

/**
 * Locks a crux together with every crux whose fate follows it (its dependents, transitively), in
 * ascending id order. Any step that may cascade (finalize, annul, undo) takes this lock first; the
 * ledger accounts it moves money in are locked at the end, all at once (postAll). If a dependent
 * is attached meanwhile, it is locked as well.
 */
export async function lockFamily(tx: Tx, cruxId: number): Promise<Family> {
  let ids = [cruxId, ...(await dependentsOf(tx, cruxId))];
  let members = await lockCruxes(tx, ids);
  const now = [cruxId, ...(await dependentsOf(tx, cruxId))];
  if (now.some((id) => !members.has(id))) {
    ids = now;
    members = new Map([...members, ...(await lockCruxes(tx, ids))]);
  }
  const crux = members.get(cruxId);
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  const [debate] = await tx
    .select({ id: debates.id, slug: debates.slug })
    .from(debates)
    .where(eq(debates.id, crux.debateId));
  return { debate: debate!, crux, members };
}
