/**
 * Resolving a crux: the resolver proposes, people with a stake dispute, the arbiter (or an admin)
 * decides a dispute, an admin undoes a finalization. Each is one transaction around one lifecycle
 * step; the rules are server/domain/lifecycle.ts.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { disputes, evidence, resolutions } from "@/db/schema";
import type { CruxStatus, Verdict } from "@/server/domain/lifecycle";
import { badInput, conflict } from "@/server/errors";
import { postAll } from "../ledger";
import { commit, type Actor, type Services } from "../services";
import { runStep, type Run } from "./engine";
import { lockFamily } from "./locks";

/** One lifecycle transaction on a crux and its family, with its events collected. */
export function onFamily<T>(
  services: Services,
  cruxId: number,
  now: number,
  work: (run: Run) => Promise<T>,
): Promise<T> {
  return commit(services, async (tx) => {
    const family = await lockFamily(tx, cruxId);
    const run: Run = { tx, debate: family.debate, now, events: [], ledger: [] };
    const value = await work(run);
    // The money moves last: wallets are locked (in id order) only from here to commit.
    await postAll(tx, run.ledger);
    return { value, events: run.events };
  });
}

async function checkEvidenceIds(tx: Tx, cruxId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.cruxId, cruxId), inArray(evidence.id, ids)));
  if (found.length !== new Set(ids).size)
    throw badInput("evidenceIds", "every id must be evidence attached to this crux");
}

export interface ProposeInput {
  /** "value": a numeric crux resolves to `value`. */
  outcome: Verdict;
  value?: number | null | undefined;
  note?: string | undefined;
  evidenceIds?: number[] | undefined;
}

export function proposeResolution(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: ProposeInput,
  now: number,
): Promise<{ cruxId: number; status: CruxStatus; disputeUntil: string }> {
  return onFamily(services, cruxId, now, async (run) => {
    const ids = input.evidenceIds ?? [];
    const window = services.config.disputeWindowMs;
    const disputeUntil = new Date(now + window);
    let { to: status } = await runStep(
      run,
      cruxId,
      { type: "propose", outcome: input.outcome, value: input.value ?? null },
      actor,
      {
        note: input.note ?? "",
        beforeEffects: async () => {
          await checkEvidenceIds(run.tx, cruxId, ids);
          await run.tx.insert(resolutions).values({
            cruxId,
            proposedBy: actor.id,
            outcome: input.outcome,
            value: input.value ?? null,
            note: input.note ?? "",
            evidenceIds: ids,
            disputeUntil,
          });
        },
      },
    );
    // A zero-length window (DISPUTE_WINDOW_HOURS=0) ends at once.
    if (window === 0) status = (await runStep(run, cruxId, { type: "window-end" }, null)).to;
    return { cruxId, status, disputeUntil: disputeUntil.toISOString() };
  });
}

export function disputeResolution(
  services: Services,
  actor: Actor,
  cruxId: number,
  reason: string,
  now: number,
): Promise<{ cruxId: number; status: CruxStatus }> {
  return onFamily(services, cruxId, now, async (run) => {
    const { to } = await runStep(run, cruxId, { type: "dispute" }, actor, {
      note: reason,
      beforeEffects: async () => {
        const [proposal] = await run.tx
          .select({ id: resolutions.id })
          .from(resolutions)
          .where(eq(resolutions.cruxId, cruxId));
        if (!proposal) throw conflict("There is no proposal to dispute.");
        await run.tx
          .insert(disputes)
          .values({ resolutionId: proposal.id, userId: actor.id, reason });
      },
    });
    return { cruxId, status: to };
  });
}

/** The arbiter (or an admin) decides a disputed resolution; a decision only ever ends a dispute. */
export function decideResolution(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: { outcome: Verdict; value?: number | null | undefined; note?: string | undefined },
  now: number,
): Promise<{ cruxId: number; status: CruxStatus; outcome: Verdict; value: number | null }> {
  return onFamily(services, cruxId, now, async (run) => {
    const value = input.value ?? null;
    const { to } = await runStep(
      run,
      cruxId,
      { type: "decide", outcome: input.outcome, value },
      actor,
      { note: input.note ?? "" },
    );
    return { cruxId, status: to, outcome: input.outcome, value };
  });
}

/**
 * Admin: reverses a finalization and everything that finalized because of it. The crux goes back
 * to a dispute with its history kept; only an explicit decision finalizes it again.
 */
export function undoFinalization(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: { note?: string | undefined },
  now: number,
): Promise<{ cruxId: number; status: CruxStatus }> {
  return onFamily(services, cruxId, now, async (run) => {
    const { to } = await runStep(run, cruxId, { type: "undo" }, actor, { note: input.note ?? "" });
    return { cruxId, status: to };
  });
}
