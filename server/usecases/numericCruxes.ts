/**
 * Numeric cruxes in the database (docs/numeric-cruxes.md): the range of a crux row, forecasts as
 * distributions, the community distribution and "who is where", and threshold cruxes derived from
 * a numeric crux. The maths is server/domain/numeric.ts.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { ensureUnlocked } from "./moderation/locks";
import type { DbExecutor } from "@/db/client";
import { cruxes, cruxLinks, forecasts, users } from "@/db/schema";
import { suggestBet } from "@/server/domain/bets";
import { MEANINGFUL_DISAGREEMENT } from "@/server/domain/doubleCrux";
import type { Percentiles } from "@/server/domain/events";
import {
  communityCdf,
  densityPoints,
  disagreementThreshold,
  gridValues,
  percentiles,
  probabilityAbove,
  type Cdf,
  type DistributionInput,
  type NumericRange,
  type NumericScale,
} from "@/server/domain/numeric";
import {
  resolutionValueProblem,
  thresholdCriteria,
  thresholdTitle,
} from "@/server/domain/thresholdCruxes";
import { badInput, notFound } from "@/server/errors";
import { cruxEventData, lockCrux, recordCreation } from "./cruxes";
import { debateEvent } from "./events";
import { ensureAllowed } from "./lifecycle/engine";
import { commit, type Actor, type Services } from "./services";

type CruxColumns = Pick<
  typeof cruxes.$inferSelect,
  "kind" | "rangeMin" | "rangeMax" | "openLower" | "openUpper" | "scale"
>;

/** A numeric crux's range as the maths takes it; null for a yes/no crux. */
export function numericRangeOf(crux: CruxColumns): NumericRange | null {
  if (crux.kind !== "numeric") return null;
  if (
    crux.rangeMin === null ||
    crux.rangeMax === null ||
    crux.openLower === null ||
    crux.openUpper === null ||
    crux.scale === null
  )
    throw new Error("a numeric crux without its range");
  return {
    min: crux.rangeMin,
    max: crux.rangeMax,
    openLower: crux.openLower,
    openUpper: crux.openUpper,
    scale: crux.scale,
  };
}

/** One forecast row of a numeric crux (cdf null: a withdrawal). */
interface DistributionRow {
  handle: string;
  cdf: number[] | null;
  distribution: DistributionInput | null;
  at: number;
}

export async function distributionHistory(
  db: DbExecutor,
  cruxId: number,
): Promise<DistributionRow[]> {
  const rows = await db
    .select({
      handle: users.handle,
      cdf: forecasts.cdf,
      distribution: forecasts.distribution,
      createdAt: forecasts.createdAt,
    })
    .from(forecasts)
    .innerJoin(users, eq(users.id, forecasts.userId))
    .where(eq(forecasts.cruxId, cruxId))
    .orderBy(asc(forecasts.id));
  return rows.map((r) => ({
    handle: r.handle,
    cdf: r.cdf ? r.cdf.map(Number) : null,
    distribution: r.distribution,
    at: r.createdAt.getTime(),
  }));
}

/** Each person's standing distribution (the latest, unless withdrawn). */
function standing(rows: readonly DistributionRow[]) {
  const current = new Map<string, { at: number; cdf: Cdf; input: DistributionInput | null }>();
  for (const r of rows)
    if (r.cdf) current.set(r.handle, { at: r.at, cdf: r.cdf, input: r.distribution });
    else current.delete(r.handle);
  return current;
}

/** The community distribution's count and percentiles now, for forecast events. */
export async function numericCrowd(db: DbExecutor, cruxId: number, range: NumericRange) {
  const current = standing(await distributionHistory(db, cruxId));
  const cdf = communityCdf([...current.values()]);
  return {
    forecasterCount: current.size,
    communityPercentiles: cdf ? percentiles(range, cdf) : null,
  };
}

export interface NumericView {
  unit: string;
  min: number;
  max: number;
  openLower: boolean;
  openUpper: boolean;
  scale: NumericScale;
  resolvedValue: number | null;
  /** People with a standing forecast (shown even while the crowd is hidden, as for yes/no). */
  forecasterCount: number;
  /** The community distribution (recency-weighted mean of CDFs); null while hidden or empty. */
  community: {
    percentiles: Percentiles;
    /** P(X <= x_i) on the 201-point grid, with the grid values. */
    cdf: number[];
    grid: number[];
    density: { x: number; density: number }[];
  } | null;
  /** Who is where: everyone's standing percentiles (empty while hidden). */
  forecasters: { handle: string; p10: number; p50: number; p90: number; at: string }[];
  /** The viewer's standing forecast: what they typed (to edit it again) and its percentiles. */
  mine: { input: DistributionInput | null; percentiles: Percentiles; at: string } | null;
  /** The viewer's own history, oldest first (null percentiles: a withdrawal). */
  myHistory: { percentiles: Percentiles | null; input: DistributionInput | null; at: string }[];
  /** The community percentiles after each change (empty while hidden). */
  communityHistory: { at: string; percentiles: Percentiles | null; forecasters: number }[];
  /** The threshold cruxes made from it ("…: more than x?"), lowest threshold first. */
  thresholdCruxes: {
    id: number;
    threshold: number;
    title: string;
    status: string;
    outcome: string | null;
  }[];
}

/** A numeric crux's distributions as `viewer` may see them (hidden crowd: server/domain/forecasts). */
export async function getNumericView(
  db: DbExecutor,
  crux: typeof cruxes.$inferSelect,
  viewer: string | null,
  hidden: boolean,
  /** The community's history costs a pass over every forecast: summaries leave it out. */
  options: { history?: boolean } = {},
): Promise<NumericView> {
  const range = numericRangeOf(crux);
  if (!range) throw new Error(`crux ${crux.id} is not numeric`);
  const rows = await distributionHistory(db, crux.id);
  const current = standing(rows);
  const cdf = hidden ? null : communityCdf([...current.values()]);
  const mine = viewer ? current.get(viewer) : undefined;
  const history: NumericView["communityHistory"] = [];
  if (!hidden && options.history !== false) {
    const running = new Map<string, { at: number; cdf: Cdf }>();
    for (const r of rows) {
      if (r.cdf) running.set(r.handle, { at: r.at, cdf: r.cdf });
      else running.delete(r.handle);
      const c = communityCdf([...running.values()]);
      const point = {
        at: new Date(r.at).toISOString(),
        percentiles: c ? percentiles(range, c) : null,
        forecasters: running.size,
      };
      if (history.at(-1)?.at === point.at) history[history.length - 1] = point;
      else history.push(point);
    }
  }
  return {
    unit: crux.unit ?? "",
    ...range,
    resolvedValue: crux.resolvedValue,
    forecasterCount: current.size,
    community: cdf
      ? {
          percentiles: percentiles(range, cdf),
          cdf: [...cdf],
          grid: gridValues(range),
          density: densityPoints(range, cdf),
        }
      : null,
    forecasters: hidden
      ? []
      : [...current.entries()]
          .map(([handle, f]) => ({
            handle,
            ...percentiles(range, f.cdf),
            at: new Date(f.at).toISOString(),
          }))
          .sort((a, b) => a.p50 - b.p50 || a.handle.localeCompare(b.handle)),
    mine: mine
      ? {
          input: mine.input,
          percentiles: percentiles(range, mine.cdf),
          at: new Date(mine.at).toISOString(),
        }
      : null,
    myHistory: rows
      .filter((r) => r.handle === viewer)
      .map((r) => ({
        percentiles: r.cdf ? percentiles(range, r.cdf) : null,
        input: r.distribution,
        at: new Date(r.at).toISOString(),
      })),
    communityHistory: history,
    thresholdCruxes: await db
      .select({
        id: cruxes.id,
        threshold: sql<number>`${cruxes.threshold}`,
        title: cruxes.title,
        status: cruxes.status,
        outcome: cruxes.outcome,
      })
      .from(cruxes)
      .where(eq(cruxes.derivedFromCruxId, crux.id))
      .orderBy(asc(cruxes.threshold)),
  };
}

/* ---------- Threshold cruxes: range disagreements turned into yes/no bets ---------- */

export interface ThresholdSuggestion {
  /** The other forecaster. */
  withHandle: string;
  threshold: number;
  /** P(outcome > threshold) by the viewer's and the other person's distributions. */
  myProbability: number;
  theirProbability: number;
  /** The suggested price in whole percent (log-odds midpoint); null when none lies between. */
  price: number | null;
  /** The side the viewer would back at that price. */
  mySide: "yes" | "no";
  /** The title the threshold crux has (or would have). */
  title: string;
  /** The threshold crux, if someone has made it already. */
  cruxId: number | null;
}

async function parentForThresholds(db: DbExecutor, cruxId: number) {
  const [crux] = await db.select().from(cruxes).where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  const range = numericRangeOf(crux);
  if (!range)
    throw badInput("id", `crux ${cruxId} is a yes/no crux; thresholds belong to numeric cruxes`);
  return { crux, range };
}

async function existingThresholds(db: DbExecutor, cruxId: number) {
  const rows = await db
    .select({ id: cruxes.id, threshold: cruxes.threshold })
    .from(cruxes)
    .where(eq(cruxes.derivedFromCruxId, cruxId));
  return new Map(rows.map((r) => [r.threshold!, r.id]));
}

function suggestion(
  parent: typeof cruxes.$inferSelect,
  range: NumericRange,
  viewer: string,
  mine: Cdf,
  other: string,
  theirs: Cdf,
  existing: Map<number, number>,
): ThresholdSuggestion | null {
  const found = disagreementThreshold(range, mine, theirs);
  if (!found) return null;
  const threshold = normaliseThreshold(found.threshold);
  const bet = suggestBet(
    { who: viewer, p: clampProbability(found.aAbove) },
    { who: other, p: clampProbability(found.bAbove) },
  );
  return {
    withHandle: other,
    threshold,
    myProbability: found.aAbove,
    theirProbability: found.bAbove,
    price: bet?.price ?? null,
    mySide: found.aAbove >= found.bAbove ? "yes" : "no",
    title: thresholdTitle(parent.title, threshold, parent.unit ?? ""),
    cruxId: existing.get(threshold) ?? null,
  };
}

/**
 * The threshold where the viewer and `withHandle` disagree most, each one's P(outcome > x) and the
 * suggested bet. Both need a standing forecast (which also means the crowd is not hidden from the
 * viewer); 404 when one has none, 400 when they do not disagree enough to bet.
 */
export async function thresholdWith(
  db: DbExecutor,
  cruxId: number,
  viewer: Actor,
  withHandle: string,
): Promise<ThresholdSuggestion> {
  const { crux, range } = await parentForThresholds(db, cruxId);
  const handle = withHandle.replace(/^@/, "").toLowerCase();
  const [other] = await db.select({ id: users.id }).from(users).where(eq(users.handle, handle));
  if (!other) throw notFound(`No user with handle "${withHandle}".`);
  if (handle === viewer.handle) throw badInput("with", "name someone other than yourself");
  const current = standing(await distributionHistory(db, cruxId));
  const mine = current.get(viewer.handle);
  if (!mine)
    throw notFound("You have no forecast on this crux; forecast first to see where you disagree.");
  const theirs = current.get(handle);
  if (!theirs) throw notFound(`@${handle} has no forecast on this crux.`);
  const found = suggestion(
    crux,
    range,
    viewer.handle,
    mine.cdf,
    handle,
    theirs.cdf,
    await existingThresholds(db, cruxId),
  );
  if (!found)
    throw badInput(
      "with",
      `you and @${handle} do not disagree enough anywhere on this range for a bet (the largest gap in P(outcome > x) is under ${Math.round(MEANINGFUL_DISAGREEMENT * 100)} points)`,
    );
  return found;
}

/** The viewer's threshold suggestions against every other forecaster, widest gap first. */
export async function thresholdSuggestions(
  db: DbExecutor,
  cruxId: number,
  viewer: Actor | null,
): Promise<ThresholdSuggestion[]> {
  if (!viewer) return [];
  const { crux, range } = await parentForThresholds(db, cruxId);
  const current = standing(await distributionHistory(db, cruxId));
  const mine = current.get(viewer.handle);
  if (!mine) return [];
  const existing = await existingThresholds(db, cruxId);
  const result: ThresholdSuggestion[] = [];
  for (const [handle, f] of current) {
    if (handle === viewer.handle) continue;
    const s = suggestion(crux, range, viewer.handle, mine.cdf, handle, f.cdf, existing);
    if (s) result.push(s);
  }
  return result.sort(
    (a, b) =>
      Math.abs(b.myProbability - b.theirProbability) -
        Math.abs(a.myProbability - a.theirProbability) || a.withHandle.localeCompare(b.withHandle),
  );
}

/** Thresholds are stored rounded so that one typed twice is the same crux. */
const normaliseThreshold = (x: number) => Number(x.toPrecision(12));
/** suggestBet takes forecasts within the 0.1%..99.9% a person may give. */
const clampProbability = (p: number) => Math.min(0.999, Math.max(0.001, p));

export interface ThresholdCruxResult {
  cruxId: number;
  title: string;
  threshold: number;
  created: boolean;
  /** The viewer's P(outcome > threshold) by their distribution, to pre-fill their forecast. */
  myProbability: number | null;
  /** With `with`: that person's P(outcome > threshold), and the suggested price between you. */
  theirProbability: number | null;
  price: number | null;
}

/**
 * Makes (or finds) the threshold crux "<parent>: more than x?" of a numeric crux: a yes/no crux
 * with the parent's close time, resolver and condition, resolving when the parent does. Forecasts
 * are not copied: each person forecasts it themselves (the result carries their implied chances).
 */
export function createThresholdCrux(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: { threshold: number; with?: string | undefined },
  now: number,
): Promise<ThresholdCruxResult> {
  return commit(services, async (tx) => {
    const { crux: parent, debate } = await lockCrux(tx, cruxId);
    await ensureAllowed(tx, cruxId, { type: "derive" }, actor, now);
    await ensureUnlocked(tx, { debateId: debate.id, claimId: parent.claimId }, "crux.create");
    const range = numericRangeOf(parent)!;
    if (!Number.isFinite(input.threshold)) throw badInput("threshold", "must be a finite number");
    const problem = resolutionValueProblem(range, input.threshold);
    if (problem) throw badInput("threshold", problem.replace("the resolved value", "a threshold"));
    const threshold = normaliseThreshold(input.threshold);
    const current = standing(await distributionHistory(tx, cruxId));
    const above = (handle: string) => {
      const f = current.get(handle);
      return f ? probabilityAbove(range, f.cdf, threshold) : null;
    };
    const myProbability = above(actor.handle);
    const otherHandle = input.with?.replace(/^@/, "").toLowerCase();
    const theirProbability = otherHandle ? above(otherHandle) : null;
    const bet =
      myProbability !== null && theirProbability !== null && otherHandle
        ? suggestBet(
            { who: actor.handle, p: clampProbability(myProbability) },
            { who: otherHandle, p: clampProbability(theirProbability) },
          )
        : null;
    const result = (id: number, title: string, created: boolean) => ({
      cruxId: id,
      title,
      threshold,
      created,
      myProbability,
      theirProbability,
      price: bet?.price ?? null,
    });
    const [existing] = await tx
      .select({ id: cruxes.id, title: cruxes.title })
      .from(cruxes)
      .where(and(eq(cruxes.derivedFromCruxId, cruxId), eq(cruxes.threshold, threshold)));
    if (existing) return { value: result(existing.id, existing.title, false), events: [] };
    const unit = parent.unit ?? "";
    const [made] = await tx
      .insert(cruxes)
      .values({
        debateId: parent.debateId,
        claimId: parent.claimId,
        title: thresholdTitle(parent.title, threshold, unit),
        resolutionCriteria: thresholdCriteria(
          parent.title,
          parent.resolutionCriteria,
          threshold,
          unit,
        ),
        finePrint: parent.finePrint,
        createdBy: actor.id,
        arbiterId: parent.arbiterId ?? parent.createdBy,
        conditionCruxId: parent.conditionCruxId,
        hideCrowdUntilForecast: parent.hideCrowdUntilForecast,
        closesAt: parent.closesAt,
        derivedFromCruxId: parent.id,
        threshold,
      })
      .returning();
    if (!made) throw new Error("threshold crux insert returned nothing");
    await recordCreation(tx, made);
    if (made.claimId)
      await tx
        .insert(cruxLinks)
        .values({ cruxId: made.id, claimId: made.claimId, createdBy: actor.id })
        .onConflictDoNothing();
    const event = debateEvent(debate, "crux.created", { crux: cruxEventData(made) }, actor.id);
    return { value: result(made.id, made.title, true), events: [event] };
  });
}
