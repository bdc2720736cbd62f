/** Gathers what server/domain/lifecycle.ts needs to decide: the crux's facts and the actor's. */
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/db/client";
import { cruxes, ledgerAccounts, resolutions } from "@/db/schema";
import {
  parseStatus,
  type Actor as LifecycleActor,
  type CruxFacts,
  type Verdict,
} from "@/server/domain/lifecycle";
import { numericRangeOf } from "../numericCruxes";
import { notFound } from "@/server/errors";
import { debtAccount } from "../ledger";
import type { Actor } from "../services";

const condition = alias(cruxes, "condition");
const parent = alias(cruxes, "parent");

const outcomeOf = (v: string | null): Verdict | null =>
  v === "yes" || v === "no" || v === "annulled" || v === "value" ? v : null;

/** The actor's columns of the facts query: a stake in the crux, and what they owe. */
const actorColumns = (actorId: number | null) =>
  actorId === null
    ? { hasStake: sql<boolean>`false`, owed: sql<number>`0` }
    : {
        hasStake: sql<boolean>`(exists (select 1 from forecasts f where f.crux_id = ${cruxes.id} and f.user_id = ${actorId})
          or exists (select 1 from offers o where o.crux_id = ${cruxes.id} and o.maker_id = ${actorId})
          or exists (select 1 from fills f where f.crux_id = ${cruxes.id} and f.taker_id = ${actorId}))`,
        owed: sql<number>`coalesce((select -${ledgerAccounts.balance} from ${ledgerAccounts}
          where ${ledgerAccounts.ref} = ${debtAccount(actorId)}), 0)`,
      };

const toActor = (actor: Actor, row: { hasStake: boolean; owed: number }): LifecycleActor => ({
  kind: "user",
  id: actor.id,
  isAdmin: actor.isAdmin,
  hasStake: Boolean(row.hasStake),
  debt: Number(row.owed),
});

/**
 * One query: the crux, its proposal, its condition, who has committed what to it, and (given an
 * actor) the actor as the rules see them; null for the system.
 */
export async function loadFacts(
  db: DbExecutor,
  cruxId: number,
  actor: Actor | null = null,
): Promise<{ facts: CruxFacts; actor: LifecycleActor | null }> {
  const [row] = await db
    .select({
      crux: cruxes,
      proposalOutcome: resolutions.outcome,
      proposalValue: resolutions.value,
      parentTitle: parent.title,
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
      ...actorColumns(actor?.id ?? null),
    })
    .from(cruxes)
    .leftJoin(resolutions, eq(resolutions.cruxId, cruxes.id))
    .leftJoin(condition, eq(condition.id, cruxes.conditionCruxId))
    .leftJoin(parent, eq(parent.id, cruxes.derivedFromCruxId))
    .where(eq(cruxes.id, cruxId))
    // Named (one name per shape): planning this query each time cost more than running it.
    .prepare(actor ? "crux_facts_with_actor" : "crux_facts")
    .execute();
  if (!row) throw notFound(`No crux with id ${cruxId}.`);
  const c = row.crux;
  const facts: CruxFacts = {
    status: parseStatus(c.status),
    closesAt: c.closesAt.getTime(),
    creatorId: c.createdBy,
    resolverId: c.arbiterId ?? c.createdBy,
    proposal:
      row.proposalOutcome !== null && row.proposedBy !== null && row.disputeUntil !== null
        ? {
            outcome: outcomeOf(row.proposalOutcome)!,
            value: row.proposalValue,
            proposedBy: row.proposedBy,
            disputeUntil: row.disputeUntil.getTime(),
          }
        : null,
    decidedOutcome: outcomeOf(c.decidedOutcome),
    decidedValue: c.decidedValue,
    condition:
      row.conditionStatus !== null
        ? {
            title: row.conditionTitle ?? "",
            status: parseStatus(row.conditionStatus),
            outcome: outcomeOf(row.conditionOutcome),
          }
        : null,
    numeric: (() => {
      const range = numericRangeOf(c);
      return range ? { range, unit: c.unit ?? "" } : null;
    })(),
    derived:
      c.derivedFromCruxId !== null && c.threshold !== null
        ? { parentTitle: row.parentTitle ?? "", threshold: c.threshold }
        : null,
    hasCommitments: Boolean(row.hasCommitments),
    resolverHasPosition: Boolean(row.resolverHasPosition),
    annulledByCondition: c.annulledByCondition,
  };
  return { facts, actor: actor ? toActor(actor, row) : null };
}
