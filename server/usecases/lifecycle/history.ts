/** What people read of a crux's resolution: evidence, the proposal, disputes, scores, history. */
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/db/client";
import {
  cruxes,
  cruxTransitions,
  disputes,
  evidence,
  resolutions,
  scores,
  users,
} from "@/db/schema";
import { notFound } from "@/server/errors";

const actor = alias(users, "actor");
const proposer = alias(users, "proposer");

export interface Transition {
  from: string | null;
  to: string;
  action: string;
  /** The handle of whoever took the step; null when it happened by itself (a timer, a cascade). */
  actor: string | null;
  note: string;
  outcome: string | null;
  /** With outcome "value": the number a numeric crux was resolved to. */
  value: number | null;
  /** When the step followed another crux's step (the condition cascade), that crux. */
  causedByCruxId: number | null;
  at: string;
}

/** Every step of a crux's lifecycle, oldest first. */
export async function getCruxHistory(db: DbExecutor, cruxId: number): Promise<Transition[]> {
  const [crux] = await db.select({ id: cruxes.id }).from(cruxes).where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  const cause = alias(cruxTransitions, "cause");
  const rows = await db
    .select({ t: cruxTransitions, handle: actor.handle, causeCruxId: cause.cruxId })
    .from(cruxTransitions)
    .leftJoin(actor, eq(actor.id, cruxTransitions.actorId))
    .leftJoin(cause, eq(cause.id, cruxTransitions.causeId))
    .where(eq(cruxTransitions.cruxId, cruxId))
    .orderBy(asc(cruxTransitions.id));
  return rows.map(({ t, handle, causeCruxId }) => ({
    from: t.fromStatus,
    to: t.toStatus,
    action: t.action,
    actor: handle,
    note: t.note,
    outcome: t.outcome,
    value: t.value,
    causedByCruxId: causeCruxId !== null && causeCruxId !== cruxId ? causeCruxId : null,
    at: t.at.toISOString(),
  }));
}

export async function getResolutionState(db: DbExecutor, cruxId: number) {
  const [crux] = await db.select({ id: cruxes.id }).from(cruxes).where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  const [proposal] = await db
    .select({ r: resolutions, handle: proposer.handle })
    .from(resolutions)
    .innerJoin(proposer, eq(proposer.id, resolutions.proposedBy))
    .where(eq(resolutions.cruxId, cruxId));
  const evidenceRows = await db
    .select({ e: evidence, handle: users.handle })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.userId))
    .where(eq(evidence.cruxId, cruxId))
    .orderBy(asc(evidence.id));
  const disputeRows = proposal
    ? await db
        .select({ d: disputes, handle: users.handle })
        .from(disputes)
        .innerJoin(users, eq(users.id, disputes.userId))
        .where(eq(disputes.resolutionId, proposal.r.id))
        .orderBy(asc(disputes.id))
    : [];
  const scoreRows = await db
    .select({ s: scores, handle: users.handle })
    .from(scores)
    .innerJoin(users, eq(users.id, scores.userId))
    .where(eq(scores.cruxId, cruxId));
  return {
    evidence: evidenceRows.map(({ e, handle }) => ({
      id: e.id,
      title: e.title,
      url: e.url,
      quote: e.quote,
      direction: e.direction,
      handle,
      at: e.createdAt.toISOString(),
    })),
    proposal: proposal
      ? {
          outcome: proposal.r.outcome,
          value: proposal.r.value,
          note: proposal.r.note,
          evidenceIds: proposal.r.evidenceIds,
          proposedBy: proposal.handle,
          proposedAt: proposal.r.proposedAt.toISOString(),
          disputeUntil: proposal.r.disputeUntil.toISOString(),
        }
      : null,
    disputes: disputeRows.map(({ d, handle }) => ({
      handle,
      reason: d.reason,
      at: d.createdAt.toISOString(),
    })),
    scores: Object.fromEntries(
      scoreRows.flatMap(({ s, handle }) =>
        s.finalProbability !== null && s.brier !== null
          ? [
              [
                handle,
                {
                  finalProbability: s.finalProbability,
                  brier: s.brier,
                  log: s.log,
                  baseline: s.baseline,
                  peer: s.peer,
                  coverage: s.coverage,
                },
              ],
            ]
          : [],
      ),
    ),
    /** A numeric crux's scores (docs/numeric-cruxes.md): continuous log, baseline and peer. */
    numericScores: Object.fromEntries(
      scoreRows.flatMap(({ s, handle }) =>
        s.resolvedValue !== null && s.finalMedian !== null
          ? [
              [
                handle,
                {
                  resolvedValue: s.resolvedValue,
                  finalMedian: s.finalMedian,
                  log: s.log,
                  baseline: s.baseline,
                  peer: s.peer,
                  coverage: s.coverage,
                },
              ],
            ]
          : [],
      ),
    ),
  };
}
