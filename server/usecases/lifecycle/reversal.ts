/**
 * Undoing a finalization, inside the caller's transaction: every crux that finalized because of it
 * first (newest first), then its own payouts reversed by new journal entries (never by deleting
 * rows), refunded offers holding their stakes again, and its scores removed.
 */
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cruxes, cruxTransitions, offers } from "@/db/schema";
import { parseStatus, type Action } from "@/server/domain/lifecycle";
import { reversalOf, unreversedEntriesOf, userAccount, type Entry } from "../ledger";
import type { CruxRecord } from "./locks";
import { removeScores } from "./settlement";

type Finalization = typeof cruxTransitions.$inferSelect;

/** The step that made a crux final, if it has not been undone. */
export async function currentFinalization(tx: Tx, cruxId: number): Promise<Finalization | null> {
  const [row] = await tx
    .select()
    .from(cruxTransitions)
    .where(
      and(
        eq(cruxTransitions.cruxId, cruxId),
        inArray(cruxTransitions.toStatus, ["resolved", "annulled"]),
        isNull(cruxTransitions.undoneById),
      ),
    )
    .orderBy(desc(cruxTransitions.id))
    .limit(1);
  return row ?? null;
}

/**
 * Reverses `crux`'s finalization as part of the undo step `undoId`. `restoreDependent` runs the
 * "condition-undone" step on each final dependent (which reverses its own dependents in turn), and
 * "parent-undone" on each final threshold crux derived from it.
 */
export async function reverseFinalization(
  tx: Tx,
  ledger: Entry[],
  crux: CruxRecord,
  undoId: number,
  restoreDependent: (cruxId: number, action: Action) => Promise<void>,
): Promise<void> {
  const dependents = await tx
    .select({ id: cruxes.id, annulledByCondition: cruxes.annulledByCondition })
    .from(cruxes)
    .where(
      and(eq(cruxes.conditionCruxId, crux.id), inArray(cruxes.status, ["resolved", "annulled"])),
    );
  // One query at a time: a transaction is one connection.
  const withFinalization = [];
  for (const d of dependents)
    withFinalization.push({ ...d, finalization: await currentFinalization(tx, d.id) });
  withFinalization.sort((a, b) => (b.finalization?.id ?? 0) - (a.finalization?.id ?? 0));
  for (const d of withFinalization)
    await restoreDependent(d.id, {
      type: "condition-undone",
      before: parseStatus(d.finalization?.fromStatus ?? "open"),
      byCondition: d.annulledByCondition,
    });

  // A numeric crux's threshold cruxes went final with it: back to where it found them.
  const derived = await tx
    .select({ id: cruxes.id })
    .from(cruxes)
    .where(
      and(eq(cruxes.derivedFromCruxId, crux.id), inArray(cruxes.status, ["resolved", "annulled"])),
    )
    .orderBy(desc(cruxes.id));
  for (const d of derived) {
    const f = await currentFinalization(tx, d.id);
    await restoreDependent(d.id, {
      type: "parent-undone",
      before: parseStatus(f?.fromStatus ?? "open"),
    });
  }

  const finalization = await currentFinalization(tx, crux.id);
  if (!finalization) return;
  for (const entry of await unreversedEntriesOf(tx, finalization.id)) {
    const reversal = await reversalOf(tx, entry.id, `Undo of a resolution: “${crux.title}”`, {
      userId: null,
      transitionId: undoId,
    });
    ledger.push(reversal);
    const lines = reversal.lines;
    // A refunded offer's unmatched stake is back in escrow: the offer holds it again.
    if (entry.kind === "refund" && entry.offerId !== null) {
      const [offer] = await tx.select().from(offers).where(eq(offers.id, entry.offerId));
      if (offer) {
        const back = -lines
          .filter((l) => l.account === userAccount(offer.makerId))
          .reduce((sum, l) => sum + l.amount, 0);
        await tx
          .update(offers)
          .set({ status: "open", remaining: offer.remaining + back })
          .where(eq(offers.id, offer.id));
      }
    }
  }
  await removeScores(tx, crux.id);
  await tx
    .update(cruxTransitions)
    .set({ undoneById: undoId })
    .where(eq(cruxTransitions.id, finalization.id));
}
