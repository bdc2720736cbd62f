import { and, asc, desc, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import { ensureUnlocked } from "./moderation/locks";
import type { DbExecutor, Tx } from "@/db/client";
import { claims, forecasts, users } from "@/db/schema";
import { communityPrediction } from "@/server/domain/aggregation";
import type { ForecastEventData, Percentiles } from "@/server/domain/events";
import {
  cdfFromInput,
  distributionProblem,
  percentiles,
  type DistributionInput,
  type NumericRange,
} from "@/server/domain/numeric";
import {
  crowdIsPublic,
  currentForecasts,
  reviewStandingDistribution,
  reviewStandingForecast,
  type HistoryEntry,
} from "@/server/domain/forecasts";
import { isFinal, parseStatus } from "@/server/domain/lifecycle";
import { formatProbability } from "@/server/domain/probability";
import { MAX_BODY_LENGTH } from "@/server/domain/thread";
import { badInput, conflict } from "@/server/errors";
import { loadCruxRows, lockCrux, statusOf } from "./cruxes";
import { debateEvent, type PendingEvent } from "./events";
import { ensureAllowed } from "./lifecycle/engine";
import { insertClaim } from "./claims";
import { commit, type Actor, type Services } from "./services";
import { distributionHistory, numericCrowd, numericRangeOf } from "./numericCruxes";
import { rangeFraction } from "@/server/domain/numeric/range";
import { describePercentiles } from "@/server/domain/thresholdCruxes";
import { autoFollowCrux } from "./follows";

export const MAX_REASONING_LENGTH = 5_000;

/** The whole forecast history of a crux, by handle, oldest first. */
export async function forecastHistory(db: DbExecutor, cruxId: number) {
  return db
    .select({
      id: forecasts.id,
      userId: forecasts.userId,
      handle: users.handle,
      probability: forecasts.probability,
      previousProbability: forecasts.previousProbability,
      movedByClaimId: forecasts.movedByClaimId,
      reasoningClaimId: forecasts.reasoningClaimId,
      createdAt: forecasts.createdAt,
    })
    .from(forecasts)
    .innerJoin(users, eq(users.id, forecasts.userId))
    .where(eq(forecasts.cruxId, cruxId))
    .orderBy(asc(forecasts.id));
}

export const toHistory = (rows: Awaited<ReturnType<typeof forecastHistory>>): HistoryEntry[] =>
  rows.map((r) => ({ user: r.handle, at: r.createdAt.getTime(), p: r.probability }));

/**
 * The community prediction now. Only each person's latest entry can be current, so only those
 * are read (one index scan, however long the history); currentForecasts still decides which count.
 */
export async function community(db: DbExecutor, cruxId: number) {
  const latest = await db
    .selectDistinctOn([forecasts.userId], {
      handle: users.handle,
      probability: forecasts.probability,
      createdAt: forecasts.createdAt,
    })
    .from(forecasts)
    .innerJoin(users, eq(users.id, forecasts.userId))
    .where(eq(forecasts.cruxId, cruxId))
    .orderBy(forecasts.userId, desc(forecasts.id));
  const current = currentForecasts(
    latest.map((r) => ({ user: r.handle, at: r.createdAt.getTime(), p: r.probability })),
  );
  return { p: communityPrediction([...current.values()]), count: current.size };
}

/** The person's latest probability on the crux (null: none, or withdrawn), as a subquery. */
const latestOf = (cruxId: number, userId: number) =>
  sql<number | null>`(select ${forecasts.probability} from ${forecasts}
    where ${forecasts.cruxId} = ${cruxId} and ${forecasts.userId} = ${userId}
    order by ${forecasts.id} desc limit 1)`;

/** Locks the crux (forecasts on one crux are serialised) and asks the lifecycle whether it takes forecasts. */
async function lockForForecast(tx: Tx, cruxId: number, actor: Actor, now: number) {
  const locked = await lockCrux(tx, cruxId);
  await ensureAllowed(tx, cruxId, { type: "forecast" }, actor, now);
  await ensureUnlocked(
    tx,
    { debateId: locked.debate.id, claimId: locked.crux.claimId },
    "forecast",
  );
  return locked;
}

function forecastEvent(hidden: boolean, data: ForecastEventData): ForecastEventData {
  if (!hidden) return data;
  // Events are public: a crux that hides its crowd only says that the count changed.
  return { cruxId: data.cruxId, forecasterCount: data.forecasterCount };
}

export interface PlaceForecastInput {
  /** P(YES) on a yes/no crux. */
  probability?: number | undefined;
  /** On a numeric crux: an 80% interval with its median, or up to three components. */
  distribution?: DistributionInput | undefined;
  reasoning?: string | undefined;
  movedByClaimId?: number | undefined;
}

export interface PlacedForecast {
  id: number;
  /** null on a numeric crux */
  probability: number | null;
  at: string;
  reasoningClaimId: number | null;
  /** On a numeric crux: the forecast's 10th, 50th and 90th percentiles. */
  percentiles?: Percentiles;
}

export function placeForecast(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: PlaceForecastInput,
  now: number,
): Promise<PlacedForecast> {
  return commit(services, async (tx) => {
    const { crux, debate } = await lockForForecast(tx, cruxId, actor, now);
    // A yes/no crux takes a probability, a numeric one a distribution (docs/numeric-cruxes.md).
    const range = numericRangeOf(crux);
    const forecast = range
      ? numericForecast(range, crux.unit ?? "", input)
      : { probability: binaryProbability(input), cdf: null, distribution: null, percentiles: null };
    if (input.movedByClaimId) {
      const [claim] = await tx
        .select({ debateId: claims.debateId })
        .from(claims)
        .where(eq(claims.id, input.movedByClaimId));
      if (!claim || claim.debateId !== debate.id)
        throw badInput("movedByClaimId", `no claim ${input.movedByClaimId} in this debate`);
    }
    const events: PendingEvent[] = [];
    let reasoningClaimId: number | null = null;
    const reasoning = input.reasoning?.trim();
    // Anyone reads the thread: the number goes in only where anyone may see the crowd.
    const isPublic = crowdIsPublic({
      hidesCrowd: crux.hideCrowdUntilForecast,
      status: parseStatus(crux.status),
    });
    if (reasoning) {
      const stated = forecast.percentiles
        ? describePercentiles(forecast.percentiles, crux.unit ?? "")
        : formatProbability(forecast.probability!);
      const header = isPublic ? `**Forecast: ${stated}**` : "**Forecast**";
      const body = `${header} on “${crux.title}”\n\n${reasoning}`;
      if (body.length > MAX_BODY_LENGTH) throw badInput("reasoning", "is too long");
      const posted = await insertClaim(tx, actor, {
        debateSlug: debate.slug,
        body,
        parentId: crux.claimId,
      });
      reasoningClaimId = posted.claim.id;
      events.push(posted.event);
    }
    const [row] = await tx
      .insert(forecasts)
      .values({
        cruxId,
        userId: actor.id,
        probability: forecast.probability,
        previousProbability: latestOf(cruxId, actor.id),
        cdf: forecast.cdf ? [...forecast.cdf] : null,
        distribution: forecast.distribution,
        movedByClaimId: input.movedByClaimId ?? null,
        reasoningClaimId,
      })
      .returning({ id: forecasts.id, createdAt: forecasts.createdAt });
    if (!row) throw new Error("forecast insert returned nothing");
    const crowd = range
      ? await numericCrowd(tx, cruxId, range)
      : await community(tx, cruxId).then((c) => ({
          forecasterCount: c.count,
          communityProbability: c.p,
        }));
    // The crowd just read is what the forecaster now has seen (no second read of it).
    const seen =
      "communityPercentiles" in crowd
        ? (crowd.communityPercentiles?.p50 ?? null)
        : crowd.communityProbability;
    await autoFollowCrux(tx, actor.id, crux, now, seen);
    const data = forecastEvent(!isPublic, {
      ...crowd,
      cruxId,
      handle: actor.handle,
      probability: forecast.probability,
      ...(forecast.percentiles ? { percentiles: forecast.percentiles } : {}),
      movedByClaimId: input.movedByClaimId ?? null,
    });
    events.push(debateEvent(debate, "forecast.placed", data, actor.id));
    return {
      value: {
        id: row.id,
        probability: forecast.probability,
        at: row.createdAt.toISOString(),
        reasoningClaimId,
        ...(forecast.percentiles ? { percentiles: forecast.percentiles } : {}),
      },
      events,
    };
  });
}

function binaryProbability(input: PlaceForecastInput): number {
  if (input.distribution !== undefined)
    throw badInput(
      "probability",
      "this is a yes/no crux: give a probability, not a distribution (median, low, high or components)",
    );
  if (input.probability === undefined)
    throw badInput("probability", 'give your probability of YES, e.g. 0.37 or "37%"');
  return input.probability;
}

/** A numeric forecast from what the person typed, checked against the range (400s name the problem). */
function numericForecast(range: NumericRange, unit: string, input: PlaceForecastInput) {
  if (input.probability !== undefined)
    throw badInput(
      "probability",
      "this is a numeric crux: give a median with an 80% interval (median, low, high) or components, not a probability",
    );
  if (!input.distribution)
    throw badInput(
      "median",
      `this is a numeric crux (in ${unit || "its unit"}): give median, low and high (your 80% interval) or components`,
    );
  const problem = distributionProblem(range, input.distribution);
  if (problem) throw badInput("distribution", problem);
  const cdf = cdfFromInput(range, input.distribution);
  return {
    probability: null,
    cdf,
    distribution: input.distribution,
    percentiles: percentiles(range, cdf),
  };
}

export function withdrawForecast(
  services: Services,
  actor: Actor,
  cruxId: number,
  now: number,
): Promise<{ withdrawn: true; at: string }> {
  return commit(services, async (tx) => {
    const { crux, debate } = await lockForForecast(tx, cruxId, actor, now);
    const [latest] = await tx
      .select({ previous: forecasts.probability, cdf: sql<boolean>`${forecasts.cdf} is not null` })
      .from(forecasts)
      .where(and(eq(forecasts.cruxId, cruxId), eq(forecasts.userId, actor.id)))
      .orderBy(desc(forecasts.id))
      .limit(1);
    const previous = latest?.previous ?? null;
    if (previous === null && !latest?.cdf)
      throw conflict("You have no forecast on this crux to withdraw.");
    const [row] = await tx
      .insert(forecasts)
      .values({ cruxId, userId: actor.id, probability: null, previousProbability: previous })
      .returning({ createdAt: forecasts.createdAt });
    const range = numericRangeOf(crux);
    const data = forecastEvent(
      !crowdIsPublic({ hidesCrowd: crux.hideCrowdUntilForecast, status: parseStatus(crux.status) }),
      {
        ...(range
          ? { ...(await numericCrowd(tx, cruxId, range)), percentiles: null }
          : await community(tx, cruxId).then((c) => ({
              forecasterCount: c.count,
              communityProbability: c.p,
            }))),
        cruxId,
        handle: actor.handle,
        probability: null,
        movedByClaimId: null,
      },
    );
    const event = debateEvent(debate, "forecast.withdrawn", data, actor.id);
    return {
      value: { withdrawn: true as const, at: row!.createdAt.toISOString() },
      events: [event],
    };
  });
}

/** The forecast histories of several cruxes (ids, or a subquery of them), by crux, in one read. */
export async function forecastHistoriesOf(
  db: DbExecutor,
  cruxIds: number[] | SQLWrapper,
): Promise<Map<number, HistoryEntry[]>> {
  const byCrux = new Map<number, HistoryEntry[]>();
  if (Array.isArray(cruxIds) && cruxIds.length === 0) return byCrux;
  const rows = await db
    .select({
      cruxId: forecasts.cruxId,
      handle: users.handle,
      probability: forecasts.probability,
      createdAt: forecasts.createdAt,
    })
    .from(forecasts)
    .innerJoin(users, eq(users.id, forecasts.userId))
    .where(inArray(forecasts.cruxId, cruxIds))
    .orderBy(asc(forecasts.id));
  for (const r of rows) {
    let list = byCrux.get(r.cruxId);
    if (!list) byCrux.set(r.cruxId, (list = []));
    list.push({ user: r.handle, at: r.createdAt.getTime(), p: r.probability });
  }
  return byCrux;
}

/**
 * Every forecast a user holds on a crux that is not final, with its age and how the crowd moved
 * since (P(YES) on a yes/no crux, the community median on a numeric one), oldest first.
 * `crowdMove` is the move on one 0-1 scale (probability points, or the share of a numeric range)
 * so the two kinds sort together.
 */
export async function myStandingForecasts(
  db: DbExecutor,
  userId: number,
  handle: string,
  now: number,
) {
  const byCrux = await forecastHistoriesOf(
    db,
    db
      .selectDistinct({ cruxId: forecasts.cruxId })
      .from(forecasts)
      .where(eq(forecasts.userId, userId)),
  );
  const cruxRows = await loadCruxRows(db, { ids: [...byCrux.keys()] });
  const items = [];
  for (const row of cruxRows) {
    const status = statusOf(row, now);
    if (isFinal(status)) continue;
    const base = {
      cruxId: row.crux.id,
      title: row.crux.title,
      debateSlug: row.debateSlug,
      status,
      closesAt: row.crux.closesAt.toISOString(),
    };
    const range = numericRangeOf(row.crux);
    if (!range) {
      const review = reviewStandingForecast(byCrux.get(row.crux.id) ?? [], handle);
      if (!review) continue;
      items.push({
        ...base,
        kind: "binary" as const,
        unit: null,
        probability: review.p,
        percentiles: null,
        distribution: null,
        at: new Date(review.at).toISOString(),
        communityThen: review.communityThen,
        communityNow: review.communityNow,
        crowdMove:
          review.communityThen === null || review.communityNow === null
            ? 0
            : Math.abs(review.communityNow - review.communityThen),
      });
      continue;
    }
    const history = (await distributionHistory(db, row.crux.id)).map((r) => ({
      user: r.handle,
      at: r.at,
      cdf: r.cdf,
      input: r.distribution,
    }));
    const review = reviewStandingDistribution(history, handle, range);
    if (!review) continue;
    items.push({
      ...base,
      kind: "numeric" as const,
      unit: row.crux.unit ?? "",
      probability: null,
      percentiles: review.percentiles,
      distribution: review.input,
      at: new Date(review.at).toISOString(),
      communityThen: review.communityThen,
      communityNow: review.communityNow,
      crowdMove:
        review.communityThen === null || review.communityNow === null
          ? 0
          : Math.abs(
              rangeFraction(range, review.communityNow) -
                rangeFraction(range, review.communityThen),
            ),
    });
  }
  return items.sort((a, b) => a.at.localeCompare(b.at));
}
