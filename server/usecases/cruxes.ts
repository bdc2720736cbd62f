import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { ensureUnlocked } from "./moderation/locks";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor, Tx } from "@/db/client";
import {
  claims,
  cruxes,
  cruxLinkJudgements,
  cruxLinks,
  cruxTransitions,
  debates,
  offers,
  users,
} from "@/db/schema";
import { createsConditionCycle } from "@/server/domain/cruxes";
import { rangeProblem, type NumericRange, type NumericScale } from "@/server/domain/numeric";
import { effectiveStatus, isFinal, parseStatus, type CruxStatus } from "@/server/domain/lifecycle";
import type { CruxEventData } from "@/server/domain/events";
import { checkProbability, ProbabilityError } from "@/server/domain/probability";
import { badInput, conflict, notFound } from "@/server/errors";
import { debateEvent } from "./events";
import { requireDebate } from "./debates";
import { ensureAllowed } from "./lifecycle/engine";
import { lockCruxes } from "./lifecycle/locks";
import { debateFollowers } from "./followers";
import { notifyAll } from "./notifications";
import { commit, type Actor, type Services } from "./services";

export interface CreateCruxInput {
  debateSlug: string;
  claimId?: number | null | undefined;
  title: string;
  resolutionCriteria: string;
  finePrint?: string | undefined;
  /** epoch ms */
  closesAt: number;
  conditionCruxId?: number | null | undefined;
  arbiterHandle?: string | null | undefined;
  hideCrowdUntilForecast?: boolean | undefined;
  /** "numeric": resolves to a number in a range (docs/numeric-cruxes.md); default "binary". */
  kind?: "binary" | "numeric" | undefined;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  openLower?: boolean | undefined;
  openUpper?: boolean | undefined;
  scale?: NumericScale | undefined;
}

/** The range of a numeric crux being made, checked (400 naming the problem); null for yes/no. */
export function numericRangeInput(
  input: CreateCruxInput,
): { range: NumericRange; unit: string } | null {
  const given = (["unit", "min", "max", "openLower", "openUpper", "scale"] as const).filter(
    (k) => input[k] !== undefined,
  );
  if ((input.kind ?? "binary") === "binary") {
    if (given.length > 0)
      throw badInput(given[0]!, 'only a numeric crux (kind: "numeric") has a range');
    return null;
  }
  for (const k of ["unit", "min", "max"] as const)
    if (input[k] === undefined) throw badInput(k, "a numeric crux needs unit, min and max");
  const range: NumericRange = {
    min: input.min!,
    max: input.max!,
    openLower: input.openLower ?? false,
    openUpper: input.openUpper ?? false,
    scale: input.scale ?? "linear",
  };
  const problem = rangeProblem(range);
  if (problem) throw badInput("range", problem);
  return { range, unit: input.unit!.trim() };
}

/** The crux row with its debate, locked for the rest of the transaction. */
export async function lockCrux(tx: Tx, cruxId: number) {
  const [row] = await lockCruxWhere(tx, eq(cruxes.id, cruxId), "lock_crux");
  if (!row) throw notFound(`No crux with id ${cruxId}.`);
  return row;
}

/** Locks the crux an offer is on, found and locked in one statement (an offer never moves). */
export async function lockCruxOfOffer(tx: Tx, offerId: number) {
  const [row] = await lockCruxWhere(
    tx,
    eq(cruxes.id, sql`(select ${offers.cruxId} from ${offers} where ${offers.id} = ${offerId})`),
    "lock_crux_of_offer",
  );
  if (!row) throw notFound(`No offer with id ${offerId}.`);
  return row;
}

/** `name` names the statement: the hottest statements are planned once per connection. */
function lockCruxWhere(tx: Tx, where: SQL, name: string) {
  return tx
    .select({ crux: cruxes, debate: { id: debates.id, slug: debates.slug } })
    .from(cruxes)
    .innerJoin(debates, eq(debates.id, cruxes.debateId))
    .where(where)
    .for("update", { of: cruxes })
    .prepare(name)
    .execute();
}

export const cruxEventData = (c: typeof cruxes.$inferSelect): CruxEventData => ({
  id: c.id,
  claimId: c.claimId,
  title: c.title,
  closesAt: c.closesAt.toISOString(),
  conditionCruxId: c.conditionCruxId,
  hideCrowdUntilForecast: c.hideCrowdUntilForecast,
  kind: c.kind,
  derivedFromCruxId: c.derivedFromCruxId,
  threshold: c.threshold,
});

async function conditionGraph(
  tx: DbExecutor,
  debateId: number,
): Promise<Map<number, number | null>> {
  const rows = await tx
    .select({ id: cruxes.id, conditionCruxId: cruxes.conditionCruxId })
    .from(cruxes)
    .where(eq(cruxes.debateId, debateId));
  return new Map(rows.map((r) => [r.id, r.conditionCruxId]));
}

/** Checks a would-be condition; the caller has locked it (so it can't finalize meanwhile). */
async function checkCondition(
  tx: Tx,
  debateId: number,
  cruxId: number | null,
  conditionId: number,
  condition: { debateId: number; status: string; kind: string } | undefined,
) {
  if (!condition) throw badInput("conditionCruxId", `no crux with id ${conditionId}`);
  if (condition.kind === "numeric")
    throw badInput(
      "conditionCruxId",
      `crux ${conditionId} is numeric; a condition must be a yes/no crux (use one of its threshold cruxes)`,
    );
  if (condition.debateId !== debateId)
    throw badInput("conditionCruxId", `crux ${conditionId} belongs to another debate`);
  if (isFinal(parseStatus(condition.status)))
    throw conflict(
      `Crux ${conditionId} is already ${condition.status}; a condition must still be unresolved.`,
    );
  if (createsConditionCycle(cruxId, conditionId, await conditionGraph(tx, debateId)))
    throw badInput(
      "conditionCruxId",
      `crux ${conditionId} is conditional on this crux: that would be a cycle`,
    );
}

async function checkClaimInDebate(tx: Tx, field: string, claimId: number, debateId: number) {
  const [claim] = await tx
    .select({ debateId: claims.debateId, deletedAt: claims.deletedAt })
    .from(claims)
    .where(eq(claims.id, claimId));
  if (!claim) throw badInput(field, `no claim with id ${claimId}`);
  if (claim.debateId !== debateId)
    throw badInput(field, `claim ${claimId} belongs to another debate`);
  if (claim.deletedAt) throw badInput(field, `claim ${claimId} was deleted`);
}

export function createCrux(
  services: Services,
  actor: Actor,
  input: CreateCruxInput,
  now: number,
): Promise<{ id: number; status: CruxStatus }> {
  return commit(services, async (tx) => {
    const numeric = numericRangeInput(input);
    const debate = await requireDebate(tx, input.debateSlug);
    if (!(input.closesAt > now)) throw badInput("closesAt", "must be in the future");
    if (input.claimId) await checkClaimInDebate(tx, "claimId", input.claimId, debate.id);
    await ensureUnlocked(
      tx,
      { debateId: debate.id, claimId: input.claimId ?? null },
      "crux.create",
    );
    if (input.conditionCruxId) {
      const locked = await lockCruxes(tx, [input.conditionCruxId]);
      await checkCondition(
        tx,
        debate.id,
        null,
        input.conditionCruxId,
        locked.get(input.conditionCruxId),
      );
    }
    let arbiterId: number | null = null;
    if (input.arbiterHandle) {
      const [arbiter] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.handle, input.arbiterHandle.toLowerCase()));
      if (!arbiter) throw badInput("arbiterHandle", `no user with handle "${input.arbiterHandle}"`);
      arbiterId = arbiter.id;
    }
    const [crux] = await tx
      .insert(cruxes)
      .values({
        debateId: debate.id,
        claimId: input.claimId ?? null,
        title: input.title,
        resolutionCriteria: input.resolutionCriteria,
        finePrint: input.finePrint ?? "",
        createdBy: actor.id,
        arbiterId,
        conditionCruxId: input.conditionCruxId ?? null,
        hideCrowdUntilForecast: input.hideCrowdUntilForecast ?? false,
        closesAt: new Date(input.closesAt),
        ...numericColumns(numeric),
      })
      .returning();
    if (!crux) throw new Error("crux insert returned nothing");
    await recordCreation(tx, crux);
    // A crux made from a claim bears on that claim.
    if (crux.claimId)
      await tx
        .insert(cruxLinks)
        .values({ cruxId: crux.id, claimId: crux.claimId, createdBy: actor.id });
    await notifyAll(
      tx,
      (await debateFollowers(tx, debate.id)).filter((id) => id !== actor.id),
      "new-crux",
      `@${actor.handle} asked a new crux in a debate you follow: “${crux.title}”`,
      `/cruxes/${crux.id}`,
    );
    const event = debateEvent(debate, "crux.created", { crux: cruxEventData(crux) }, actor.id);
    return { value: { id: crux.id, status: "open" as const }, events: [event] };
  });
}

/** The columns of a numeric crux's range (none for a yes/no crux); also used by the seed. */
export function numericColumns(numeric: { range: NumericRange; unit: string } | null) {
  if (!numeric) return {};
  return {
    kind: "numeric" as const,
    unit: numeric.unit,
    rangeMin: numeric.range.min,
    rangeMax: numeric.range.max,
    openLower: numeric.range.openLower,
    openUpper: numeric.range.openUpper,
    scale: numeric.range.scale,
  };
}

/** The first step of a crux's history (also used by the seed). */
export async function recordCreation(
  tx: Tx,
  crux: { id: number; createdBy: number; createdAt: Date },
): Promise<void> {
  await tx.insert(cruxTransitions).values({
    cruxId: crux.id,
    fromStatus: null,
    toStatus: "open",
    action: "create",
    actorId: crux.createdBy,
    at: crux.createdAt,
  });
}

/**
 * Makes a crux conditional on another (or not, with null). The lifecycle says who may and when:
 * its creator, while it is open and nobody has forecast or bet on it yet.
 */
export function setCruxCondition(
  services: Services,
  actor: Actor,
  cruxId: number,
  conditionCruxId: number | null,
  now: number,
): Promise<{ id: number; conditionCruxId: number | null }> {
  return commit(services, async (tx) => {
    const locked = await lockCruxes(tx, conditionCruxId ? [cruxId, conditionCruxId] : [cruxId]);
    const { debate } = await lockCrux(tx, cruxId);
    await ensureAllowed(tx, cruxId, { type: "set-condition" }, actor, now);
    if (conditionCruxId !== null)
      await checkCondition(tx, debate.id, cruxId, conditionCruxId, locked.get(conditionCruxId));
    const [updated] = await tx
      .update(cruxes)
      .set({ conditionCruxId })
      .where(eq(cruxes.id, cruxId))
      .returning();
    const event = debateEvent(debate, "crux.updated", { crux: cruxEventData(updated!) }, actor.id);
    return { value: { id: cruxId, conditionCruxId }, events: [event] };
  });
}

export interface LinkInput {
  claimId: number;
  pClaimIfYes?: number | undefined;
  pClaimIfNo?: number | undefined;
}

/** Links a crux to a claim it bears on, optionally with the actor's conditional probabilities. */
export function linkCrux(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: LinkInput,
): Promise<{
  cruxId: number;
  claimId: number;
  pClaimIfYes: number | null;
  pClaimIfNo: number | null;
}> {
  return commit(services, async (tx) => {
    const { debate } = await lockCrux(tx, cruxId);
    await checkClaimInDebate(tx, "claimId", input.claimId, debate.id);
    await ensureUnlocked(tx, { debateId: debate.id, claimId: input.claimId }, "crux.link");
    if ((input.pClaimIfYes === undefined) !== (input.pClaimIfNo === undefined))
      throw badInput("pClaimIfNo", "give both pClaimIfYes and pClaimIfNo, or neither");
    const judged = input.pClaimIfYes !== undefined && input.pClaimIfNo !== undefined;
    const pIfYes = judged ? checkField("pClaimIfYes", input.pClaimIfYes!) : null;
    const pIfNo = judged ? checkField("pClaimIfNo", input.pClaimIfNo!) : null;

    const inserted = await tx
      .insert(cruxLinks)
      .values({ cruxId, claimId: input.claimId, createdBy: actor.id })
      .onConflictDoNothing()
      .returning({ cruxId: cruxLinks.cruxId });
    if (pIfYes !== null && pIfNo !== null) {
      await tx
        .insert(cruxLinkJudgements)
        .values({
          cruxId,
          claimId: input.claimId,
          userId: actor.id,
          pClaimIfYes: pIfYes,
          pClaimIfNo: pIfNo,
        })
        .onConflictDoUpdate({
          target: [
            cruxLinkJudgements.cruxId,
            cruxLinkJudgements.claimId,
            cruxLinkJudgements.userId,
          ],
          set: { pClaimIfYes: pIfYes, pClaimIfNo: pIfNo, updatedAt: new Date() },
        });
    }
    const events =
      inserted.length > 0 || judged
        ? [debateEvent(debate, "crux.linked", { cruxId, claimId: input.claimId }, actor.id)]
        : [];
    return {
      value: { cruxId, claimId: input.claimId, pClaimIfYes: pIfYes, pClaimIfNo: pIfNo },
      events,
    };
  });
}

function checkField(field: string, p: number): number {
  try {
    return checkProbability(p);
  } catch (err) {
    if (err instanceof ProbabilityError) throw badInput(field, err.message);
    throw err;
  }
}

const creator = alias(users, "creator");
const arbiter = alias(users, "arbiter");
const condition = alias(cruxes, "condition");

/** Cruxes with the handles and titles their views need. */
export async function loadCruxRows(
  db: DbExecutor,
  where: { id?: number; debateId?: number; ids?: number[] },
) {
  const filter = where.id
    ? eq(cruxes.id, where.id)
    : where.ids
      ? inArray(cruxes.id, where.ids.length ? where.ids : [-1])
      : eq(cruxes.debateId, where.debateId ?? -1);
  return db
    .select({
      crux: cruxes,
      debateSlug: debates.slug,
      creatorHandle: creator.handle,
      arbiterHandle: arbiter.handle,
      conditionTitle: condition.title,
    })
    .from(cruxes)
    .innerJoin(debates, eq(debates.id, cruxes.debateId))
    .innerJoin(creator, eq(creator.id, cruxes.createdBy))
    .leftJoin(arbiter, eq(arbiter.id, cruxes.arbiterId))
    .leftJoin(condition, eq(condition.id, cruxes.conditionCruxId))
    .where(and(filter))
    .orderBy(asc(cruxes.id));
}

export type CruxRow = Awaited<ReturnType<typeof loadCruxRows>>[number];

export const statusOf = (row: CruxRow, now: number): CruxStatus =>
  effectiveStatus(parseStatus(row.crux.status), row.crux.closesAt.getTime(), now);
