/** Gathers what server/domain/lifecycle.ts needs to decide: the crux's facts and the actor's. */
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/db/client";
import { cruxes, ledgerAccounts, resolutions } from "@/db/schema";
import type { Outcome } from "@/server/domain/bets";
import {
  parseStatus,
  type Actor as LifecycleActor,
  type CruxFacts,
} from "@/server/domain/lifecycle";
import { notFound } from "@/server/errors";
import { debtAccount } from "../ledger";
import type { Actor } from "../services";

const condition = alias(cruxes, "condition");

const outcomeOf = (v: string | null): Outcome | null =>
  v === "yes" || v === "no" || v === "annulled" ? v : null;

/** One query: the crux, its proposal, its condition, and who has committed what to it. */
export async function loadFacts(db: DbExecutor, cruxId: number): Promise<CruxFacts> {
  const [row] = await db
    .select({
      crux: cruxes,
      proposalOutcome: resolutions.outcome,
      proposedBy: resolutions.proposedBy,
      disputeUntil: resolutions.disputeUntil,
      conditionTitle: condition.title,
      conditionStatus: condition.status,
      conditionOutcome: condition.outcome,
      hasCommitments: sql<boolean>`(exists (select 1 from forecasts f where f.crux_id = ${cruxes.id})
        or exists (select 1 from offers o where o.crux_id = ${cruxes.id}))`,
      resolverHasPosition: sql<boolean>`(exists (select 1 from offers o
          where o.crux_id = ${cruxes.id} and o.status = 'open'
            and o.maker_id = coalesce(${cruxes.arbiterId}, ${cruxes.createdBy}))
        or exists (select 1 from fills f join offers o on o.id = f.offer_id
          where f.crux_id = ${cruxes.id}
            and coalesce(${cruxes.arbiterId}, ${cruxes.createdBy}) in (f.taker_id, o.maker_id)))`,
    })
    .from(cruxes)
    .leftJoin(resolutions, eq(resolutions.cruxId, cruxes.id))
    .leftJoin(condition, eq(condition.id, cruxes.conditionCruxId))
    .where(eq(cruxes.id, cruxId));
  if (!row) throw notFound(`No crux with id ${cruxId}.`);
  const c = row.crux;
  return {
    status: parseStatus(c.status),
    closesAt: c.closesAt.getTime(),
    creatorId: c.createdBy,
    resolverId: c.arbiterId ?? c.createdBy,
    proposal:
      row.proposalOutcome !== null && row.proposedBy !== null && row.disputeUntil !== null
        ? {
            outcome: outcomeOf(row.proposalOutcome)!,
            proposedBy: row.proposedBy,
            disputeUntil: row.disputeUntil.getTime(),
          }
        : null,
    decidedOutcome: outcomeOf(c.decidedOutcome),
    condition:
      row.conditionStatus !== null
        ? {
            title: row.conditionTitle ?? "",
            status: parseStatus(row.conditionStatus),
            outcome: outcomeOf(row.conditionOutcome),
          }
        : null,
    hasCommitments: Boolean(row.hasCommitments),
    resolverHasPosition: Boolean(row.resolverHasPosition),
    annulledByCondition: c.annulledByCondition,
  };
}

/** A person as the rules see them on one crux: their roles, their stake in it, what they owe. */
export async function loadActor(
  db: DbExecutor,
  cruxId: number,
  actor: Actor,
): Promise<LifecycleActor> {
  const [row] = await db
    .select({
      hasStake: sql<boolean>`(exists (select 1 from forecasts f where f.crux_id = ${cruxId} and f.user_id = ${actor.id})
        or exists (select 1 from offers o where o.crux_id = ${cruxId} and o.maker_id = ${actor.id})
        or exists (select 1 from fills f where f.crux_id = ${cruxId} and f.taker_id = ${actor.id}))`,
      owed: sql<number>`coalesce((select -${ledgerAccounts.balance} from ${ledgerAccounts}
        where ${ledgerAccounts.ref} = ${debtAccount(actor.id)}), 0)`,
    })
    .from(sql`(select 1) as one`);
  return {
    kind: "user",
    id: actor.id,
    isAdmin: actor.isAdmin,
    hasStake: Boolean(row?.hasStake),
    debt: Number(row?.owed ?? 0),
  };
}
