/**
 * Evidence, resolution proposals, disputes, arbiter decisions and finalization. Finalization is one
 * transaction: the crux's status and outcome, settlement of every fill, refunds of every unmatched
 * stake, scores for every forecaster, events and notifications; undoing it is one transaction too.
 */
import { and, asc, desc, eq, inArray, lte, or } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import {
  cruxes,
  disputes,
  evidence,
  fills,
  forecasts,
  offers,
  resolutions,
  scores,
  users,
  ledgerAccounts,
  postings,
} from "@/db/schema";
import { settleFill, type Outcome, type Side } from "@/server/domain/bets";
import { transfer, type Posting } from "@/server/domain/ledger";
import {
  brierScore,
  logScore,
  peerScores,
  timeAveragedBaselineScore,
  type HistoryPoint,
} from "@/server/domain/scoring";
import type { DebateEvent } from "@/server/domain/events";
import { badInput, conflict, forbidden, notFound } from "@/server/errors";
import { lockCrux } from "./cruxes";
import { appendEvent, type DebateRef } from "./events";
import { escrowAccount, post, reverse, unreversedSettlement, userAccount } from "./ledger";
import { notifyAll } from "./notifications";
import { commit, type Actor, type Services } from "./services";

export const DEFAULT_DISPUTE_WINDOW_HOURS = 48;

export function disputeWindowMs(): number {
  const raw = process.env.DISPUTE_WINDOW_HOURS;
  const hours = raw === undefined || raw === "" ? DEFAULT_DISPUTE_WINDOW_HOURS : Number(raw);
  return Number.isFinite(hours) && hours >= 0
    ? hours * 3600 * 1000
    : DEFAULT_DISPUTE_WINDOW_HOURS * 3600 * 1000;
}

type CruxRow = typeof cruxes.$inferSelect;
const resolverOf = (c: CruxRow) => c.arbiterId ?? c.createdBy;

/** Everyone with a forecast or a bet on the crux (they may dispute and are notified). */
async function participants(tx: DbExecutor, cruxId: number): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const f of await tx
    .selectDistinct({ id: forecasts.userId })
    .from(forecasts)
    .where(eq(forecasts.cruxId, cruxId)))
    ids.add(f.id);
  for (const o of await tx
    .selectDistinct({ id: offers.makerId })
    .from(offers)
    .where(eq(offers.cruxId, cruxId)))
    ids.add(o.id);
  for (const f of await tx
    .selectDistinct({ id: fills.takerId })
    .from(fills)
    .where(eq(fills.cruxId, cruxId)))
    ids.add(f.id);
  return ids;
}

export interface EvidenceInput {
  title: string;
  url?: string | undefined;
  quote?: string | undefined;
  direction: "yes" | "no" | "neutral";
}

export function addEvidence(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: EvidenceInput,
) {
  return commit(services, async (tx) => {
    const { debate } = await lockCrux(tx, cruxId);
    if (!input.url && !input.quote) throw badInput("url", "give a link (url) or a quote, or both");
    const [row] = await tx
      .insert(evidence)
      .values({
        cruxId,
        userId: actor.id,
        title: input.title,
        url: input.url ?? null,
        quote: input.quote ?? null,
        direction: input.direction,
      })
      .returning();
    const event = await appendEvent(
      tx,
      debate,
      "evidence.added",
      { cruxId, evidenceId: row!.id },
      actor.id,
    );
    return {
      value: {
        title: input.title,
        url: input.url,
        quote: input.quote,
        direction: input.direction,
        id: row!.id,
        handle: actor.handle,
        at: row!.createdAt.toISOString(),
      },
      events: [event],
    };
  });
}

async function liveResolution(tx: Tx, cruxId: number) {
  const [row] = await tx
    .select()
    .from(resolutions)
    .where(
      and(
        eq(resolutions.cruxId, cruxId),
        inArray(resolutions.status, ["proposed", "disputed", "finalized"]),
      ),
    )
    .orderBy(desc(resolutions.id))
    .limit(1);
  return row;
}

const resolutionEvent = (
  tx: Tx,
  debate: DebateRef,
  crux: { id: number },
  status: string,
  outcome: string | null,
  actorId: number | null,
) => appendEvent(tx, debate, "crux.resolution", { cruxId: crux.id, status, outcome }, actorId);

export function proposeResolution(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: { outcome: Outcome; note?: string | undefined; evidenceIds?: number[] | undefined },
  now: number,
) {
  return commit(services, async (tx) => {
    const { crux, debate } = await lockCrux(tx, cruxId);
    if (resolverOf(crux) !== actor.id && !actor.isAdmin)
      throw forbidden("Only this crux's resolver (its creator or named arbiter) can resolve it.");
    if (crux.status !== "open")
      throw conflict(`This crux is already ${crux.status}; it can't be resolved again.`);
    const ids = input.evidenceIds ?? [];
    if (ids.length) {
      const found = await tx
        .select({ id: evidence.id })
        .from(evidence)
        .where(and(eq(evidence.cruxId, cruxId), inArray(evidence.id, ids)));
      if (found.length !== new Set(ids).size)
        throw badInput("evidenceIds", "every id must be evidence attached to this crux");
    }
    const window = disputeWindowMs();
    const [resolution] = await tx
      .insert(resolutions)
      .values({
        cruxId,
        proposedBy: actor.id,
        outcome: input.outcome,
        note: input.note ?? "",
        evidenceIds: ids,
        disputeUntil: new Date(now + window),
      })
      .returning();
    // Resolving before the close time closes the crux at this moment (scores count time only until then).
    await tx
      .update(cruxes)
      .set({ status: "resolving", closedAt: new Date(Math.min(now, crux.closesAt.getTime())) })
      .where(eq(cruxes.id, cruxId));
    const events: DebateEvent[] = [
      await resolutionEvent(tx, debate, crux, "resolving", input.outcome, actor.id),
    ];
    await notifyAll(
      tx,
      [...(await participants(tx, cruxId))].filter((id) => id !== actor.id),
      "resolution",
      `“${crux.title}” was proposed to resolve ${input.outcome.toUpperCase()}${window > 0 ? "; you can dispute it during the dispute window" : ""}`,
      `/cruxes/${cruxId}`,
    );
    if (window === 0)
      events.push(...(await finalize(tx, cruxId, input.outcome, resolution!.id, now, actor.id)));
    return {
      value: {
        cruxId,
        status: window === 0 ? await currentStatus(tx, cruxId) : "resolving",
        disputeUntil: resolution!.disputeUntil.toISOString(),
      },
      events,
    };
  });
}

async function currentStatus(tx: Tx, cruxId: number): Promise<string> {
  const [row] = await tx
    .select({ status: cruxes.status })
    .from(cruxes)
    .where(eq(cruxes.id, cruxId));
  return row?.status ?? "open";
}

export function disputeResolution(
  services: Services,
  actor: Actor,
  cruxId: number,
  reason: string,
  now: number,
) {
  return commit(services, async (tx) => {
    const { crux, debate } = await lockCrux(tx, cruxId);
    const resolution = await liveResolution(tx, cruxId);
    if (crux.status !== "resolving" || !resolution || resolution.status !== "proposed")
      throw conflict(
        crux.status === "disputed"
          ? "This resolution is already disputed; the arbiter will decide."
          : `This crux is ${crux.status}; there is no proposal to dispute.`,
      );
    if (resolution.disputeUntil.getTime() <= now) throw conflict("The dispute window has closed.");
    if (!(await participants(tx, cruxId)).has(actor.id))
      throw forbidden(
        "Only people with a forecast or a bet on this crux can dispute its resolution.",
      );
    await tx.insert(disputes).values({ resolutionId: resolution.id, userId: actor.id, reason });
    await tx
      .update(resolutions)
      .set({ status: "disputed" })
      .where(eq(resolutions.id, resolution.id));
    await tx.update(cruxes).set({ status: "disputed" }).where(eq(cruxes.id, cruxId));
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true));
    await notifyAll(
      tx,
      [resolverOf(crux), ...admins.map((a) => a.id), ...(await participants(tx, cruxId))].filter(
        (id) => id !== actor.id,
      ),
      "dispute",
      `@${actor.handle} disputed the resolution of “${crux.title}”: ${reason.slice(0, 140)}`,
      `/cruxes/${cruxId}`,
    );
    const event = await resolutionEvent(tx, debate, crux, "disputed", resolution.outcome, actor.id);
    return { value: { cruxId, status: "disputed" }, events: [event] };
  });
}

/** The arbiter (or an admin) decides a disputed or pending resolution, which finalizes it. */
export function decideResolution(
  services: Services,
  actor: Actor,
  cruxId: number,
  outcome: Outcome,
  now: number,
) {
  return commit(services, async (tx) => {
    const { crux } = await lockCrux(tx, cruxId);
    const arbiter = crux.arbiterId ?? crux.createdBy;
    if (actor.id !== arbiter && !actor.isAdmin)
      throw forbidden("Only the arbiter or an admin can decide this crux.");
    const resolution = await liveResolution(tx, cruxId);
    if (!resolution || !["resolving", "disputed"].includes(crux.status))
      throw conflict(`This crux is ${crux.status}; there is nothing to decide.`);
    await tx
      .update(resolutions)
      .set({ decidedBy: actor.id })
      .where(eq(resolutions.id, resolution.id));
    const events = await finalize(tx, cruxId, outcome, resolution.id, now, actor.id);
    return { value: { cruxId, status: await currentStatus(tx, cruxId), outcome }, events };
  });
}

/**
 * Settles a crux inside the caller's transaction. A conditional crux waits for its condition; if
 * the condition resolved anything but YES, the crux is annulled and every bet refunded.
 */
async function finalize(
  tx: Tx,
  cruxId: number,
  proposed: Outcome,
  resolutionId: number,
  now: number,
  actorId: number | null,
): Promise<DebateEvent[]> {
  const { crux, debate } = await lockCrux(tx, cruxId);
  let outcome: Outcome = proposed;
  if (crux.conditionCruxId !== null) {
    const [condition] = await tx.select().from(cruxes).where(eq(cruxes.id, crux.conditionCruxId));
    if (condition && condition.status !== "resolved" && condition.status !== "annulled") {
      await tx
        .update(resolutions)
        .set({ finalOutcome: proposed })
        .where(eq(resolutions.id, resolutionId));
      await tx.update(cruxes).set({ status: "awaiting-condition" }).where(eq(cruxes.id, cruxId));
      return [await resolutionEvent(tx, debate, crux, "awaiting-condition", proposed, actorId)];
    }
    if (condition?.outcome !== "yes") outcome = "annulled";
  }

  // Settle every fill, then refund every unmatched stake.
  const escrow = escrowAccount(cruxId);
  const fillRows = await tx
    .select({ fill: fills, makerId: offers.makerId, side: offers.side })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .where(eq(fills.cruxId, cruxId))
    .orderBy(asc(fills.id));
  for (const { fill, makerId, side } of fillRows) {
    const pay = settleFill(
      { makerSide: side as Side, makerStake: fill.makerStake, takerStake: fill.takerStake },
      outcome,
    );
    const lines: Posting[] = [];
    if (pay.maker > 0) lines.push(...transfer(escrow, userAccount(makerId), pay.maker));
    if (pay.taker > 0) lines.push(...transfer(escrow, userAccount(fill.takerId), pay.taker));
    await post(
      tx,
      {
        kind: "settle",
        memo: `Settled ${outcome.toUpperCase()}: “${crux.title}”`,
        cruxId,
        offerId: fill.offerId,
        fillId: fill.id,
      },
      lines,
    );
  }
  const open = await tx
    .select()
    .from(offers)
    .where(and(eq(offers.cruxId, cruxId), eq(offers.status, "open")));
  for (const offer of open) {
    if (offer.remaining > 0)
      await post(
        tx,
        {
          kind: "refund",
          memo: `Refund of the unmatched stake: “${crux.title}”`,
          cruxId,
          offerId: offer.id,
          userId: offer.makerId,
        },
        transfer(escrow, userAccount(offer.makerId), offer.remaining),
      );
    await tx.update(offers).set({ status: "closed", remaining: 0 }).where(eq(offers.id, offer.id));
  }

  if (outcome !== "annulled") await scoreForecasts(tx, crux, outcome === "yes", now);
  const status = outcome === "annulled" ? "annulled" : "resolved";
  await tx
    .update(cruxes)
    .set({
      status,
      outcome,
      closedAt: crux.closedAt ?? new Date(Math.min(now, crux.closesAt.getTime())),
    })
    .where(eq(cruxes.id, cruxId));
  await tx
    .update(resolutions)
    .set({ status: "finalized", finalOutcome: outcome, finalizedAt: new Date(now) })
    .where(eq(resolutions.id, resolutionId));
  await notifyAll(
    tx,
    await participants(tx, cruxId),
    "finalized",
    `“${crux.title}” ${status === "annulled" ? "was annulled: bets refunded" : `resolved ${outcome.toUpperCase()}: bets settled and forecasts scored`}`,
    `/cruxes/${cruxId}`,
  );
  const events: DebateEvent[] = [await resolutionEvent(tx, debate, crux, status, outcome, actorId)];

  // Conditional cruxes waiting on this one can now finish too.
  const waiting = await tx
    .select({ id: cruxes.id })
    .from(cruxes)
    .where(and(eq(cruxes.conditionCruxId, cruxId), eq(cruxes.status, "awaiting-condition")));
  for (const w of waiting) {
    const pending = await liveResolution(tx, w.id);
    if (pending)
      events.push(
        ...(await finalize(
          tx,
          w.id,
          (pending.finalOutcome ?? pending.outcome) as Outcome,
          pending.id,
          now,
          actorId,
        )),
      );
  }
  return events;
}

/** Brier, log, baseline and peer scores for every forecaster, time-averaged over the crux's window. */
async function scoreForecasts(tx: Tx, crux: CruxRow, outcome: boolean, now: number): Promise<void> {
  const rows = await tx
    .select()
    .from(forecasts)
    .where(eq(forecasts.cruxId, crux.id))
    .orderBy(asc(forecasts.id));
  const window = {
    openAt: crux.createdAt.getTime(),
    scheduledCloseAt: crux.closesAt.getTime(),
    closedAt: (crux.closedAt ?? new Date(Math.min(now, crux.closesAt.getTime()))).getTime(),
  };
  // Withdrawals (null) end a user's standing forecast until their next one.
  const byUser = new Map<number, HistoryPoint[]>();
  const finalP = new Map<number, number>();
  for (const f of rows) {
    byUser.set(f.userId, [
      ...(byUser.get(f.userId) ?? []),
      { at: f.createdAt.getTime(), p: f.probability },
    ]);
    if (f.probability !== null) finalP.set(f.userId, f.probability);
  }
  const peer = peerScores(
    Object.fromEntries([...byUser].map(([u, list]) => [String(u), list])),
    window,
    outcome,
  );
  for (const [userId, list] of byUser) {
    const p = finalP.get(userId);
    if (p === undefined) continue;
    const base = timeAveragedBaselineScore(list, window, outcome);
    await tx.insert(scores).values({
      cruxId: crux.id,
      userId,
      finalProbability: p,
      brier: brierScore(p, outcome),
      log: logScore(p, outcome),
      baseline: base.score,
      peer: peer[String(userId)]?.score ?? 0,
      coverage: base.coverage,
      outcome,
    });
  }
}

/** Finalizes every undisputed proposal whose dispute window has ended (run on start and on a timer). */
export async function finalizeDue(services: Services, now: number): Promise<number> {
  const due = await services.db
    .select({ cruxId: resolutions.cruxId })
    .from(resolutions)
    .innerJoin(cruxes, eq(cruxes.id, resolutions.cruxId))
    .where(
      and(
        eq(resolutions.status, "proposed"),
        lte(resolutions.disputeUntil, new Date(now)),
        or(eq(cruxes.status, "resolving")),
      ),
    );
  let done = 0;
  for (const { cruxId } of due) {
    await commit(services, async (tx) => {
      const { crux } = await lockCrux(tx, cruxId);
      const resolution = await liveResolution(tx, cruxId);
      // Re-checked under the lock: another process may have finalized it meanwhile.
      if (
        crux.status !== "resolving" ||
        resolution?.status !== "proposed" ||
        resolution.disputeUntil.getTime() > now
      )
        return { value: null, events: [] };
      done += 1;
      return {
        value: null,
        events: await finalize(tx, cruxId, resolution.outcome as Outcome, resolution.id, now, null),
      };
    });
  }
  return done;
}

/** Admin: undo a finalization with reversing journal transactions; scores removed; back to "resolving". */
export function undoFinalization(services: Services, actor: Actor, cruxId: number) {
  return commit(services, async (tx) => {
    if (!actor.isAdmin) throw forbidden("Only an admin can undo a finalization.");
    const { crux, debate } = await lockCrux(tx, cruxId);
    if (crux.status !== "resolved" && crux.status !== "annulled")
      throw conflict(`This crux is ${crux.status}; there is no finalization to undo.`);
    for (const t of await unreversedSettlement(tx, cruxId)) {
      await reverse(tx, t.id, `Undo of finalization: “${crux.title}”`, actor.id);
      // A refunded offer's unmatched stake is back in escrow: the offer holds it again.
      if (t.kind === "refund" && t.offerId !== null) {
        const [refund] = await tx.select().from(offers).where(eq(offers.id, t.offerId));
        const amount = await refundedAmount(tx, t.id);
        await tx
          .update(offers)
          .set({ status: "open", remaining: (refund?.remaining ?? 0) + amount })
          .where(eq(offers.id, t.offerId));
      }
    }
    await tx.delete(scores).where(eq(scores.cruxId, cruxId));
    const resolution = await liveResolution(tx, cruxId);
    if (resolution)
      await tx
        .update(resolutions)
        .set({ status: "proposed", finalOutcome: null, finalizedAt: null })
        .where(eq(resolutions.id, resolution.id));
    await tx
      .update(cruxes)
      .set({ status: "resolving", outcome: null })
      .where(eq(cruxes.id, cruxId));
    const event = await resolutionEvent(tx, debate, crux, "resolving", null, actor.id);
    return { value: { cruxId, status: "resolving" }, events: [event] };
  });
}

async function refundedAmount(tx: Tx, transactionId: number): Promise<number> {
  const rows = await tx
    .select({ amount: postings.amount, ref: ledgerAccounts.ref })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(postings.transactionId, transactionId));
  return rows.filter((r) => r.ref.startsWith("user:")).reduce((sum, r) => sum + r.amount, 0);
}

export async function getResolutionState(db: DbExecutor, cruxId: number) {
  const [crux] = await db.select().from(cruxes).where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  const [resolution] = await db
    .select()
    .from(resolutions)
    .where(eq(resolutions.cruxId, cruxId))
    .orderBy(desc(resolutions.id))
    .limit(1);
  const evidenceRows = await db
    .select({ e: evidence, handle: users.handle })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.userId))
    .where(eq(evidence.cruxId, cruxId))
    .orderBy(asc(evidence.id));
  const disputeRows = resolution
    ? await db
        .select({ d: disputes, handle: users.handle })
        .from(disputes)
        .innerJoin(users, eq(users.id, disputes.userId))
        .where(eq(disputes.resolutionId, resolution.id))
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
    proposal: resolution
      ? {
          outcome: resolution.outcome,
          note: resolution.note,
          evidenceIds: resolution.evidenceIds,
          status: resolution.status,
          disputeUntil: resolution.disputeUntil.toISOString(),
          finalOutcome: resolution.finalOutcome,
        }
      : null,
    disputes: disputeRows.map(({ d, handle }) => ({
      handle,
      reason: d.reason,
      at: d.createdAt.toISOString(),
    })),
    scores: Object.fromEntries(
      scoreRows.map(({ s, handle }) => [
        handle,
        {
          finalProbability: s.finalProbability,
          brier: s.brier,
          log: s.log,
          baseline: s.baseline,
          peer: s.peer,
          coverage: s.coverage,
        },
      ]),
    ),
  };
}
