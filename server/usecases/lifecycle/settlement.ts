/**
 * The money and scores of a finalization, inside the caller's transaction: every fill settled by
 * the outcome, every unmatched stake refunded, every forecast scored (YES/NO only). Each journal
 * entry names the lifecycle step it belongs to, so an undo reverses exactly these.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { fills, forecasts, offers, scores } from "@/db/schema";
import { settleFill, type Outcome, type Side } from "@/server/domain/bets";
import { transfer, type Posting } from "@/server/domain/ledger";
import {
  brierScore,
  logScore,
  peerScores,
  timeAveragedBaselineScore,
  type HistoryPoint,
} from "@/server/domain/scoring";
import { escrowAccount, post, userAccount } from "../ledger";
import type { CruxRecord } from "./locks";

/** Returns every open offer's unmatched stake to its maker and closes the offer. */
export async function refundUnmatched(
  tx: Tx,
  crux: CruxRecord,
  transitionId: number,
  why: string,
): Promise<void> {
  const open = await tx
    .select()
    .from(offers)
    .where(and(eq(offers.cruxId, crux.id), eq(offers.status, "open")))
    .orderBy(asc(offers.id))
    .for("update");
  for (const offer of open) {
    if (offer.remaining > 0)
      await post(
        tx,
        {
          kind: "refund",
          memo: `Refund of an unmatched stake (${why}): “${crux.title}”`,
          cruxId: crux.id,
          offerId: offer.id,
          userId: offer.makerId,
          transitionId,
        },
        transfer(escrowAccount(crux.id), userAccount(offer.makerId), offer.remaining),
      );
    await tx.update(offers).set({ status: "closed", remaining: 0 }).where(eq(offers.id, offer.id));
  }
}

/** Pays every fill's pot by the outcome (ANNULLED refunds each side its stake), then refunds offers. */
export async function settleCrux(
  tx: Tx,
  crux: CruxRecord,
  outcome: Outcome,
  transitionId: number,
  closedAt: number,
  conditionNotMet: boolean,
): Promise<void> {
  const escrow = escrowAccount(crux.id);
  const rows = await tx
    .select({ fill: fills, makerId: offers.makerId, side: offers.side })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .where(eq(fills.cruxId, crux.id))
    .orderBy(asc(fills.id));
  const memo =
    outcome === "annulled"
      ? `Refunded (${conditionNotMet ? "condition not met" : "annulled"}): “${crux.title}”`
      : `Settled ${outcome.toUpperCase()}: “${crux.title}”`;
  for (const { fill, makerId, side } of rows) {
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
        memo,
        cruxId: crux.id,
        offerId: fill.offerId,
        fillId: fill.id,
        transitionId,
      },
      lines,
    );
  }
  await refundUnmatched(tx, crux, transitionId, conditionNotMet ? "condition not met" : "settled");
  if (outcome !== "annulled") await scoreForecasts(tx, crux, outcome === "yes", closedAt);
}

/** Brier, log, baseline and peer scores for every forecaster, time-averaged over the crux's window. */
async function scoreForecasts(
  tx: Tx,
  crux: CruxRecord,
  outcome: boolean,
  closedAt: number,
): Promise<void> {
  const rows = await tx
    .select()
    .from(forecasts)
    .where(eq(forecasts.cruxId, crux.id))
    .orderBy(asc(forecasts.id));
  const window = {
    openAt: crux.createdAt.getTime(),
    scheduledCloseAt: crux.closesAt.getTime(),
    closedAt,
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
  const values = [];
  for (const [userId, list] of byUser) {
    const p = finalP.get(userId);
    if (p === undefined) continue;
    const base = timeAveragedBaselineScore(list, window, outcome);
    values.push({
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
  if (values.length > 0) await tx.insert(scores).values(values);
}

export async function removeScores(tx: Tx, cruxId: number): Promise<void> {
  await tx.delete(scores).where(eq(scores.cruxId, cruxId));
}
