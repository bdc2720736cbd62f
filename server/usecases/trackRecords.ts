/** Track records and leaderboards, aggregated in the database. */
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { cruxes, debates, fills, offers, scores, users } from "@/db/schema";
import { calibrationBuckets } from "@/server/domain/calibration";
import { notFound } from "@/server/errors";
import { walletOf } from "./ledger";

/**
 * Profit of one side of one settled fill, in SQL: the YES side wins the other side's stake on YES
 * and loses its own on NO; annulled bets are refunds (0).
 */
const makerProfit = sql<number>`case
  when ${cruxes.outcome} = 'annulled' or ${cruxes.status} <> 'resolved' then 0
  when ${cruxes.outcome}::text = ${offers.side}::text then ${fills.takerStake}
  else -${fills.makerStake} end`;

/** One row per user: (user, debate, profit) for every side of every settled fill. */
function profitRows(db: DbExecutor) {
  const maker = db
    .select({
      userId: offers.makerId,
      debateId: cruxes.debateId,
      profit: sql<number>`${makerProfit}`.as("profit"),
    })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(sql`${cruxes.status} in ('resolved', 'annulled')`);
  const taker = db
    .select({
      userId: fills.takerId,
      debateId: cruxes.debateId,
      profit: sql<number>`-(${makerProfit})`.as("profit"),
    })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(sql`${cruxes.status} in ('resolved', 'annulled')`);
  return maker.unionAll(taker).as("profits");
}

export async function userTrackRecord(db: DbExecutor, handle: string) {
  const [user] = await db
    .select({ id: users.id, handle: users.handle })
    .from(users)
    .where(eq(users.handle, handle.toLowerCase()));
  if (!user) throw notFound(`No user with handle "${handle}".`);
  const [agg] = await db
    .select({
      resolvedForecasts: sql<number>`count(*)::int`,
      brier: sql<number | null>`avg(${scores.brier})`,
      baseline: sql<number | null>`avg(${scores.baseline})`,
      peer: sql<number | null>`avg(${scores.peer})`,
      coverage: sql<number | null>`avg(${scores.coverage})`,
    })
    .from(scores)
    .where(eq(scores.userId, user.id));
  const profits = profitRows(db);
  const [profit] = await db
    .select({ total: sql<number>`coalesce(sum(${profits.profit}), 0)::float8` })
    .from(profits)
    .where(eq(profits.userId, user.id));
  const resolved = await db
    .select({
      cruxId: scores.cruxId,
      title: cruxes.title,
      p: scores.finalProbability,
      outcome: scores.outcome,
      brier: scores.brier,
      baseline: scores.baseline,
      peer: scores.peer,
      coverage: scores.coverage,
    })
    .from(scores)
    .innerJoin(cruxes, eq(cruxes.id, scores.cruxId))
    .where(and(eq(scores.userId, user.id), isNotNull(scores.finalProbability)))
    .orderBy(desc(scores.cruxId));
  // Numeric cruxes: no probability or Brier score; the number and the final median instead.
  const resolvedNumeric = await db
    .select({
      cruxId: scores.cruxId,
      title: cruxes.title,
      unit: cruxes.unit,
      resolvedValue: sql<number>`${scores.resolvedValue}`,
      finalMedian: sql<number>`${scores.finalMedian}`,
      log: scores.log,
      baseline: scores.baseline,
      peer: scores.peer,
      coverage: scores.coverage,
    })
    .from(scores)
    .innerJoin(cruxes, eq(cruxes.id, scores.cruxId))
    .where(and(eq(scores.userId, user.id), isNotNull(scores.resolvedValue)))
    .orderBy(desc(scores.cruxId));
  const bets = await db
    .select({
      fillId: fills.id,
      cruxId: cruxes.id,
      title: cruxes.title,
      status: cruxes.status,
      outcome: cruxes.outcome,
      side: sql<string>`case when ${offers.makerId} = ${user.id} then ${offers.side}::text else (case when ${offers.side} = 'yes' then 'no' else 'yes' end) end`,
      price: offers.price,
      stake: sql<number>`case when ${offers.makerId} = ${user.id} then ${fills.makerStake} else ${fills.takerStake} end`,
      pot: sql<number>`${fills.makerStake} + ${fills.takerStake}`,
      profit: sql<number>`case when ${offers.makerId} = ${user.id} then ${makerProfit} else -(${makerProfit}) end`,
    })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(sql`${offers.makerId} = ${user.id} or ${fills.takerId} = ${user.id}`)
    .orderBy(desc(fills.id));
  const wallet = await walletOf(db, user.id, 0);
  return {
    handle: user.handle,
    balance: wallet.balance,
    locked: wallet.locked,
    track: {
      resolvedForecasts: agg?.resolvedForecasts ?? 0,
      brier: agg?.brier === null || agg?.brier === undefined ? null : Number(agg.brier),
      baseline: agg?.baseline === null || agg?.baseline === undefined ? null : Number(agg.baseline),
      peer: agg?.peer === null || agg?.peer === undefined ? null : Number(agg.peer),
      coverage: agg?.coverage === null || agg?.coverage === undefined ? null : Number(agg.coverage),
      profit: Number(profit?.total ?? 0),
    },
    calibration: calibrationBuckets(resolved.map((r) => ({ p: r.p!, outcome: r.outcome! }))),
    resolved: resolved.map((r) => ({ ...r, p: r.p!, outcome: r.outcome!, brier: r.brier! })),
    resolvedNumeric: resolvedNumeric.map((r) => ({ ...r, unit: r.unit ?? "" })),
    bets: bets.map((b) => ({
      ...b,
      stake: Number(b.stake),
      pot: Number(b.pot),
      profit: Number(b.profit),
    })),
  };
}

/** Leaderboards by total peer score and by betting profit, over one debate or everything. */
export async function leaderboards(db: DbExecutor, debateSlug: string | null, limit = 20) {
  let debateId: number | null = null;
  if (debateSlug) {
    const [d] = await db
      .select({ id: debates.id })
      .from(debates)
      .where(eq(debates.slug, debateSlug));
    if (!d) throw notFound(`No debate with slug "${debateSlug}".`);
    debateId = d.id;
  }
  const peer = await db
    .select({
      handle: users.handle,
      peer: sql<number>`sum(${scores.peer})`,
      baseline: sql<number>`avg(${scores.baseline})`,
      // A simple mean over the cruxes scored, like the average baseline beside it (docs/scoring.md).
      coverage: sql<number>`avg(${scores.coverage})`,
      resolved: sql<number>`count(*)::int`,
    })
    .from(scores)
    .innerJoin(users, eq(users.id, scores.userId))
    .innerJoin(cruxes, eq(cruxes.id, scores.cruxId))
    .where(debateId === null ? undefined : eq(cruxes.debateId, debateId))
    .groupBy(users.handle)
    .orderBy(desc(sql`sum(${scores.peer})`), users.handle)
    .limit(limit);
  const profits = profitRows(db);
  const profit = await db
    .select({
      handle: users.handle,
      profit: sql<number>`sum(${profits.profit})::float8`,
      bets: sql<number>`count(*)::int`,
    })
    .from(profits)
    .innerJoin(users, eq(users.id, profits.userId))
    .where(debateId === null ? undefined : and(eq(profits.debateId, debateId)))
    .groupBy(users.handle)
    .orderBy(desc(sql`sum(${profits.profit})`), users.handle)
    .limit(limit);
  return {
    peer: peer.map((r) => ({
      handle: r.handle,
      peer: Number(r.peer),
      baseline: Number(r.baseline),
      coverage: Number(r.coverage),
      resolved: r.resolved,
    })),
    profit: profit.map((r) => ({ handle: r.handle, profit: Number(r.profit), bets: r.bets })),
  };
}
