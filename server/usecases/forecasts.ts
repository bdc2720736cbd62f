import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { claims, forecasts, users } from "@/db/schema";
import { communityPrediction } from "@/server/domain/aggregation";
import type { ForecastEventData } from "@/server/domain/events";
import {
  crowdIsPublic,
  currentForecasts,
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
async function community(tx: Tx, cruxId: number) {
  const latest = await tx
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
  return locked;
}

function forecastEvent(
  hidden: boolean,
  data: Required<Omit<ForecastEventData, "cruxId" | "forecasterCount">> &
    Pick<ForecastEventData, "cruxId" | "forecasterCount">,
): ForecastEventData {
  if (!hidden) return data;
  // Events are public: a crux that hides its crowd only says that the count changed.
  return { cruxId: data.cruxId, forecasterCount: data.forecasterCount };
}

export interface PlaceForecastInput {
  probability: number;
  reasoning?: string | undefined;
  movedByClaimId?: number | undefined;
}

export function placeForecast(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: PlaceForecastInput,
  now: number,
): Promise<{ id: number; probability: number; at: string; reasoningClaimId: number | null }> {
  return commit(services, async (tx) => {
    const { crux, debate } = await lockForForecast(tx, cruxId, actor, now);
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
      const header = isPublic
        ? `**Forecast: ${formatProbability(input.probability)}**`
        : "**Forecast**";
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
        probability: input.probability,
        previousProbability: latestOf(cruxId, actor.id),
        movedByClaimId: input.movedByClaimId ?? null,
        reasoningClaimId,
      })
      .returning({ id: forecasts.id, createdAt: forecasts.createdAt });
    if (!row) throw new Error("forecast insert returned nothing");
    const crowd = await community(tx, cruxId);
    const data = forecastEvent(!isPublic, {
      cruxId,
      forecasterCount: crowd.count,
      handle: actor.handle,
      probability: input.probability,
      communityProbability: crowd.p,
      movedByClaimId: input.movedByClaimId ?? null,
    });
    events.push(debateEvent(debate, "forecast.placed", data, actor.id));
    return {
      value: {
        id: row.id,
        probability: input.probability,
        at: row.createdAt.toISOString(),
        reasoningClaimId,
      },
      events,
    };
  });
}

export function withdrawForecast(
  services: Services,
  actor: Actor,
  cruxId: number,
  now: number,
): Promise<{ withdrawn: true; at: string }> {
  return commit(services, async (tx) => {
    const { crux, debate } = await lockForForecast(tx, cruxId, actor, now);
    const [{ previous } = { previous: null }] = await tx
      .select({ previous: latestOf(cruxId, actor.id) })
      .from(sql`(select 1) as one`);
    if (previous === null) throw conflict("You have no forecast on this crux to withdraw.");
    const [row] = await tx
      .insert(forecasts)
      .values({ cruxId, userId: actor.id, probability: null, previousProbability: previous })
      .returning({ createdAt: forecasts.createdAt });
    const crowd = await community(tx, cruxId);
    const data = forecastEvent(
      !crowdIsPublic({ hidesCrowd: crux.hideCrowdUntilForecast, status: parseStatus(crux.status) }),
      {
        cruxId,
        forecasterCount: crowd.count,
        handle: actor.handle,
        probability: null,
        communityProbability: crowd.p,
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

/**
 * Every forecast a user holds on a crux that is not final, with its age and how the crowd moved
 * since (one read of those cruxes' histories), oldest first.
 */
export async function myStandingForecasts(
  db: DbExecutor,
  userId: number,
  handle: string,
  now: number,
) {
  const mineOn = db
    .selectDistinct({ cruxId: forecasts.cruxId })
    .from(forecasts)
    .where(eq(forecasts.userId, userId));
  const rows = await db
    .select({
      cruxId: forecasts.cruxId,
      handle: users.handle,
      probability: forecasts.probability,
      createdAt: forecasts.createdAt,
    })
    .from(forecasts)
    .innerJoin(users, eq(users.id, forecasts.userId))
    .where(inArray(forecasts.cruxId, mineOn))
    .orderBy(asc(forecasts.id));
  const byCrux = new Map<number, HistoryEntry[]>();
  for (const r of rows)
    byCrux.set(r.cruxId, [
      ...(byCrux.get(r.cruxId) ?? []),
      { user: r.handle, at: r.createdAt.getTime(), p: r.probability },
    ]);
  const cruxRows = await loadCruxRows(db, { ids: [...byCrux.keys()] });
  return cruxRows
    .flatMap((row) => {
      const status = statusOf(row, now);
      const review = reviewStandingForecast(byCrux.get(row.crux.id) ?? [], handle);
      if (!review || isFinal(status)) return [];
      return [
        {
          cruxId: row.crux.id,
          title: row.crux.title,
          debateSlug: row.debateSlug,
          status,
          closesAt: row.crux.closesAt.toISOString(),
          probability: review.p,
          at: new Date(review.at).toISOString(),
          communityThen: review.communityThen,
          communityNow: review.communityNow,
        },
      ];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}
