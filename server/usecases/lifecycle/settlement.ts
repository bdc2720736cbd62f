/**
 * The money and scores of a finalization, inside the caller's transaction: every fill settled by
 * the outcome, every unmatched stake refunded, every forecast scored (YES/NO only). The journal
 * entries are collected in `ledger` and written together at the end of the transaction (so wallets
 * are locked only for its last statements); each names the lifecycle step it belongs to, so an
 * undo reverses exactly these.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { fills, forecasts, offers, scores } from "@/db/schema";
import { settleFill, type Outcome } from "@/server/domain/bets";
import { transfer, type Posting } from "@/server/domain/ledger";
import {
  brierScore,
  logScore,
  peerScores,
  timeAveragedBaselineScore,
  type HistoryPoint,
} from "@/server/domain/scoring";
import {
  numericLogScore,
  numericPeerScores,
  quantile,
  timeAveragedNumericBaselineScore,
  type CdfHistoryPoint,
} from "@/server/domain/numeric";
import { numericRangeOf } from "../numericCruxes";
import { escrowAccount, userAccount, type Entry } from "../ledger";
import type { CruxRecord } from "./locks";

/** Returns every open offer's unmatched stake to its maker (one entry per offer) and closes it. */
export async function refundUnmatched(
  tx: Tx,
  ledger: Entry[],
  crux: CruxRecord,
  transitionId: number,
  why: string,
): Promise<void> {
  const open = await tx
    .select({ id: offers.id, makerId: offers.makerId, remaining: offers.remaining })
    .from(offers)
    .where(and(eq(offers.cruxId, crux.id), eq(offers.status, "open")))
    .orderBy(asc(offers.id))
    .for("update");
  if (open.length === 0) return;
  for (const offer of open)
    if (offer.remaining > 0)
      ledger.push({
        entry: {
          kind: "refund",
          memo: `Refund of an unmatched stake (${why}): “${crux.title}”`,
          cruxId: crux.id,
          offerId: offer.id,
          userId: offer.makerId,
          transitionId,
        },
        lines: transfer(escrowAccount(crux.id), userAccount(offer.makerId), offer.remaining),
      });
  await tx
    .update(offers)
    .set({ status: "closed", remaining: 0 })
    .where(
      inArray(
        offers.id,
        open.map((o) => o.id),
      ),
    );
}

/**
 * Pays every fill's pot by the outcome (ANNULLED refunds each side its stake): the settlement
 * rule is applied fill by fill, and what each person receives is paid in one entry for the crux.
 * Then refunds unmatched offers and scores the forecasts.
 */
export async function settleCrux(
  tx: Tx,
  ledger: Entry[],
  crux: CruxRecord,
  outcome: Outcome,
  transitionId: number,
  closedAt: number,
  conditionNotMet: boolean,
): Promise<void> {
  const rows = await tx
    .select({
      makerId: offers.makerId,
      side: offers.side,
      takerId: fills.takerId,
      makerStake: fills.makerStake,
      takerStake: fills.takerStake,
    })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .where(eq(fills.cruxId, crux.id));
  const owed = new Map<number, number>();
  const pay = (userId: number, amount: number) => {
    if (amount > 0) owed.set(userId, (owed.get(userId) ?? 0) + amount);
  };
  for (const r of rows) {
    const paid = settleFill(
      { makerSide: r.side, makerStake: r.makerStake, takerStake: r.takerStake },
      outcome,
    );
    pay(r.makerId, paid.maker);
    pay(r.takerId, paid.taker);
  }
  if (owed.size > 0) {
    const escrow = escrowAccount(crux.id);
    const lines: Posting[] = [...owed]
      .sort(([a], [b]) => a - b)
      .flatMap(([userId, amount]) => transfer(escrow, userAccount(userId), amount));
    ledger.push({
      entry: {
        kind: "settle",
        memo:
          outcome === "annulled"
            ? `Refunded (${conditionNotMet ? "condition not met" : "annulled"}): “${crux.title}”`
            : `Settled ${outcome.toUpperCase()}: “${crux.title}”`,
        cruxId: crux.id,
        transitionId,
      },
      lines,
    });
  }
  await refundUnmatched(
    tx,
    ledger,
    crux,
    transitionId,
    conditionNotMet ? "condition not met" : "settled",
  );
  if (outcome !== "annulled") await scoreForecasts(tx, crux, outcome === "yes", closedAt);
}

/** Brier, log, baseline and peer scores for every forecaster, time-averaged over the crux's window. */
async function scoreForecasts(
  tx: Tx,
  crux: CruxRecord,
  outcome: boolean,
  closedAt: number,
): Promise<void> {
  // The whole history (time-averaged scores need it): read lean, as epoch ms rather than Dates,
  // because a popular crux has tens of thousands of forecasts (docs/benchmarks.md, P4).
  const rows = await queryRows<{ userId: number; probability: number | null; at: number }>(
    tx,
    sql`select ${forecasts.userId} as "userId", ${forecasts.probability} as probability,
          (extract(epoch from ${forecasts.createdAt}) * 1000)::float8 as at
        from ${forecasts} where ${forecasts.cruxId} = ${crux.id} order by ${forecasts.id}`,
  );
  const window = scoringWindow(crux, closedAt);
  const { byUser, last: finalP } = historiesByUser(
    rows,
    (f): HistoryPoint => ({ at: Number(f.at), p: f.probability }),
    (point) => point.p,
  );
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

/** A crux's scoring window: from its creation to its scheduled close, closed at `closedAt`. */
const scoringWindow = (crux: CruxRecord, closedAt: number) => ({
  openAt: crux.createdAt.getTime(),
  scheduledCloseAt: crux.closesAt.getTime(),
  closedAt,
});

/**
 * Each user's forecast history in order, and their last forecast that was not a withdrawal
 * (a withdrawal ends a user's standing forecast until their next one).
 */
function historiesByUser<R extends { userId: number }, P, V>(
  rows: readonly R[],
  pointOf: (row: R) => P,
  valueOf: (point: P) => V | null,
): { byUser: Map<number, P[]>; last: Map<number, V> } {
  const byUser = new Map<number, P[]>();
  const last = new Map<number, V>();
  for (const row of rows) {
    const point = pointOf(row);
    let list = byUser.get(row.userId);
    if (!list) byUser.set(row.userId, (list = []));
    list.push(point);
    const value = valueOf(point);
    if (value !== null) last.set(row.userId, value);
  }
  return { byUser, last };
}

export async function removeScores(tx: Tx, cruxId: number): Promise<void> {
  await tx.delete(scores).where(eq(scores.cruxId, cruxId));
}

/**
 * Continuous scores of every forecaster on a numeric crux that resolved to `value`
 * (docs/numeric-cruxes.md): log score of the final distribution at the value, time-averaged
 * baseline and peer scores, coverage; kept with the value and the forecaster's final median.
 */
export async function scoreNumericCrux(
  tx: Tx,
  crux: CruxRecord,
  value: number,
  closedAt: number,
): Promise<void> {
  const range = numericRangeOf(crux);
  if (!range) throw new Error(`crux ${crux.id} is not numeric`);
  const rows = await queryRows<{ userId: number; cdf: number[] | null; at: number }>(
    tx,
    sql`select ${forecasts.userId} as "userId", ${forecasts.cdf} as cdf,
          (extract(epoch from ${forecasts.createdAt}) * 1000)::float8 as at
        from ${forecasts} where ${forecasts.cruxId} = ${crux.id} order by ${forecasts.id}`,
  );
  const window = scoringWindow(crux, closedAt);
  const { byUser, last: finalCdf } = historiesByUser(
    rows,
    (f): CdfHistoryPoint => ({ at: Number(f.at), cdf: f.cdf ? f.cdf.map(Number) : null }),
    (point) => point.cdf,
  );
  const peer = numericPeerScores(
    Object.fromEntries([...byUser].map(([u, list]) => [String(u), list])),
    window,
    range,
    value,
  );
  const values = [];
  for (const [userId, list] of byUser) {
    const cdf = finalCdf.get(userId);
    if (!cdf) continue;
    const base = timeAveragedNumericBaselineScore(list, window, range, value);
    values.push({
      cruxId: crux.id,
      userId,
      log: numericLogScore(range, cdf, value),
      baseline: base.score,
      peer: peer[String(userId)]?.score ?? 0,
      coverage: base.coverage,
      resolvedValue: value,
      finalMedian: quantile(range, cdf, 0.5),
    });
  }
  if (values.length > 0) await tx.insert(scores).values(values);
}
