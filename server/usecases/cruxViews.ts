/**
 * What people see of cruxes and forecasts. Every read takes the viewer: a crux that hides its crowd
 * until one has forecast gets its numbers removed here, on the server, never just in the page.
 */
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { excerpt } from "@/server/domain/thread";
import { publicText } from "@/server/domain/claimVisibility";
import type { DbExecutor } from "@/db/client";
import {
  evidence,
  claims,
  cruxes,
  claimVotes,
  cruxLinkJudgements,
  cruxLinks,
  forecasts,
  users,
} from "@/db/schema";
import { communityPrediction } from "@/server/domain/aggregation";
import { allowedActions, type CruxStatus } from "@/server/domain/lifecycle";
import { findDoubleCruxes, type DoubleCrux, type PersonOnCrux } from "@/server/domain/doubleCrux";
import {
  communityHistory,
  crowdHiddenFrom,
  currentForecasts,
  forecastHistogram,
  forecastSpread,
  type CommunityPoint,
  type HistogramBucket,
} from "@/server/domain/forecasts";
import { requireDebate } from "./debates";
import { forecastHistory, toHistory } from "./forecasts";
import { loadCruxRows, statusOf, type CruxRow } from "./cruxes";
import { notFound } from "@/server/errors";
import { LOCKED_WRITES, restrictionOf } from "@/server/domain/restrictions";
import { lockCovering } from "./moderation/locks";
import { loadFacts } from "./lifecycle/facts";
import { getResolutionState } from "./lifecycle/history";
import { getNumericView, type NumericView } from "./numericCruxes";
import type { Percentiles } from "@/server/domain/events";
import type { Actor } from "./services";

function crowdHidden(row: CruxRow, status: CruxStatus, viewerForecasted: boolean): boolean {
  return crowdHiddenFrom({ hidesCrowd: row.crux.hideCrowdUntilForecast, status }, viewerForecasted);
}

export interface CruxView {
  id: number;
  debateSlug: string;
  claimId: number | null;
  title: string;
  resolutionCriteria: string;
  finePrint: string;
  status: CruxStatus;
  outcome: string | null;
  createdAt: string;
  closesAt: string;
  conditionCruxId: number | null;
  conditionTitle: string | null;
  creatorHandle: string;
  arbiterHandle: string | null;
  resolverHandle: string;
  hideCrowdUntilForecast: boolean;
  crowdHidden: boolean;
  communityProbability: number | null;
  forecasterCount: number;
  /** "numeric": forecast as a distribution, resolves to a number (docs/numeric-cruxes.md). */
  kind: "binary" | "numeric";
  /** A threshold crux: the numeric crux it follows and "more than" what. */
  derivedFromCruxId: number | null;
  threshold: number | null;
  /** A resolved numeric crux's number. */
  resolvedValue: number | null;
  /** A numeric crux's community 10th/50th/90th percentiles; null while hidden, empty or yes/no. */
  percentiles: Percentiles | null;
  /** A numeric crux's range, community distribution, who is where, the viewer's own forecast. */
  numeric: NumericView | null;
}

/** What the viewer may do on a crux now, as the lifecycle rules say (the page renders from this). */
export interface CruxCan {
  forecast: boolean;
  offer: boolean;
  take: boolean;
  propose: boolean;
  dispute: boolean;
  decide: boolean;
  undo: boolean;
  addEvidence: boolean;
  setCondition: boolean;
}

export interface CruxLifecycleView {
  /** The outcome its own resolution reached (shown while it waits for its condition). */
  decidedOutcome: string | null;
  /** Annulled because its condition did not resolve YES. */
  annulledByCondition: boolean;
  /** Its resolver holds a bet or an open offer on it, so an admin decides its disputes. */
  disputesDecidedByAdmin: boolean;
  can: CruxCan;
}

export async function getCruxLifecycle(
  db: DbExecutor,
  cruxId: number,
  viewer: Actor | null,
  now: number,
): Promise<CruxLifecycleView> {
  const { facts, actor } = await loadFacts(db, cruxId, viewer);
  const lifecycle = allowedActions(facts, actor, now);
  const blocked = await blockedHere(db, cruxId, viewer, now);
  // What the lifecycle allows, less what a lock or the viewer's suspension refuses (docs/moderation.md).
  const can = (action: keyof typeof lifecycle) =>
    lifecycle[action] &&
    !blocked.restricted &&
    !(blocked.locked && (LOCKED_WRITES as readonly string[]).includes(action));
  return {
    decidedOutcome: facts.decidedOutcome,
    annulledByCondition: facts.annulledByCondition,
    disputesDecidedByAdmin: facts.resolverHasPosition,
    can: {
      forecast: can("forecast"),
      offer: can("offer"),
      take: can("take"),
      propose: can("propose"),
      dispute: can("dispute"),
      decide: can("decide"),
      undo: can("undo"),
      addEvidence: can("add-evidence"),
      setCondition: can("set-condition"),
    },
  };
}

/** Whether a lock covers the crux (its debate, or the thread of its claim) and the viewer may not write. */
async function blockedHere(db: DbExecutor, cruxId: number, viewer: Actor | null, now: number) {
  const [crux] = await db
    .select({ debateId: cruxes.debateId, claimId: cruxes.claimId })
    .from(cruxes)
    .where(eq(cruxes.id, cruxId));
  const locked = crux ? (await lockCovering(db, crux.debateId, crux.claimId)) !== null : false;
  if (!viewer) return { locked, restricted: false };
  const [standing] = await db
    .select({
      suspendedUntil: users.suspendedUntil,
      suspensionReason: users.suspensionReason,
      bannedAt: users.bannedAt,
      banReason: users.banReason,
    })
    .from(users)
    .where(eq(users.id, viewer.id));
  return { locked, restricted: standing ? restrictionOf(standing, now) !== null : false };
}

/** A crux as its viewer sees it: numbers (hidden where they must be) and what they may do. */
export async function getCruxForViewer(
  db: DbExecutor,
  cruxId: number,
  viewer: Actor | null,
  now: number,
): Promise<CruxView & CruxLifecycleView> {
  const view = await getCruxView(db, cruxId, viewer?.handle ?? null, now);
  return { ...view, ...(await getCruxLifecycle(db, cruxId, viewer, now)) };
}

/**
 * A crux for `viewer` with, once it is resolved, everyone's scores: Brier and log for a yes/no
 * outcome, the continuous scores for a numeric crux's number (docs/scoring.md).
 */
export async function getCruxWithScores(
  db: DbExecutor,
  cruxId: number,
  viewer: Actor | null,
  now: number,
) {
  const view = await getCruxForViewer(db, cruxId, viewer, now);
  if (view.status !== "resolved") return view;
  const state = await getResolutionState(db, cruxId);
  return view.kind === "numeric"
    ? { ...view, numericScores: state.numericScores }
    : { ...view, scores: state.scores };
}

/** Adds a numeric crux's distributions (the same hidden-crowd rule as its probability). */
async function withNumeric(
  db: DbExecutor,
  row: CruxRow,
  view: CruxView,
  viewer: string | null,
): Promise<CruxView> {
  if (row.crux.kind !== "numeric") return view;
  const numeric = await getNumericView(db, row.crux, viewer, view.crowdHidden);
  return {
    ...view,
    forecasterCount: numeric.forecasterCount,
    percentiles: numeric.community?.percentiles ?? null,
    numeric,
  };
}

/** A crux row and its forecast history as `viewer` may see them (the crux map reuses it). */
export function toView(
  row: CruxRow,
  history: ReturnType<typeof toHistory>,
  viewer: string | null,
  now: number,
): CruxView {
  const status = statusOf(row, now);
  const current = currentForecasts(history);
  const hidden = crowdHidden(
    row,
    status,
    viewer !== null && history.some((h) => h.user === viewer),
  );
  return {
    id: row.crux.id,
    debateSlug: row.debateSlug,
    claimId: row.crux.claimId,
    title: row.crux.title,
    resolutionCriteria: row.crux.resolutionCriteria,
    finePrint: row.crux.finePrint,
    status,
    outcome: row.crux.outcome,
    createdAt: row.crux.createdAt.toISOString(),
    closesAt: row.crux.closesAt.toISOString(),
    conditionCruxId: row.crux.conditionCruxId,
    conditionTitle: row.conditionTitle,
    creatorHandle: row.creatorHandle,
    arbiterHandle: row.arbiterHandle,
    resolverHandle: row.arbiterHandle ?? row.creatorHandle,
    hideCrowdUntilForecast: row.crux.hideCrowdUntilForecast,
    crowdHidden: hidden,
    communityProbability: hidden ? null : communityPrediction([...current.values()]),
    forecasterCount: current.size,
    kind: row.crux.kind,
    derivedFromCruxId: row.crux.derivedFromCruxId,
    threshold: row.crux.threshold,
    resolvedValue: row.crux.resolvedValue,
    percentiles: null,
    numeric: null,
  };
}

export async function getCruxView(
  db: DbExecutor,
  cruxId: number,
  viewer: string | null,
  now: number,
): Promise<CruxView> {
  const [row] = await loadCruxRows(db, { id: cruxId });
  if (!row) throw notFound(`No crux with id ${cruxId}.`);
  const view = toView(row, toHistory(await forecastHistory(db, cruxId)), viewer, now);
  return withNumeric(db, row, view, viewer);
}

export interface ForecastsView {
  crowdHidden: boolean;
  /** Everyone's standing forecast, by name (empty while hidden). */
  current: { handle: string; probability: number; at: string }[];
  /** The community prediction after each change (empty while hidden). */
  community: { at: string; p: number | null; forecasters: number }[];
  histogram: HistogramBucket[];
  /** The viewer's own history, newest last. */
  mine: {
    probability: number | null;
    previousProbability: number | null;
    at: string;
    movedByClaimId: number | null;
    reasoningClaimId: number | null;
  }[];
  /** The viewer's P(claim | YES/NO) for each linked claim. */
  myJudgements: { claimId: number; pClaimIfYes: number; pClaimIfNo: number }[];
  links: { claimId: number; excerpt: string; authorHandle: string }[];
}

export async function getForecastsView(
  db: DbExecutor,
  cruxId: number,
  viewer: string | null,
  now: number,
): Promise<ForecastsView> {
  const [row] = await loadCruxRows(db, { id: cruxId });
  if (!row) throw notFound(`No crux with id ${cruxId}.`);
  const rows = await forecastHistory(db, cruxId);
  const history = toHistory(rows);
  const hidden = crowdHidden(
    row,
    statusOf(row, now),
    viewer !== null && history.some((h) => h.user === viewer),
  );
  const current = currentForecasts(history);
  const linkRows = await db
    .select({
      claimId: cruxLinks.claimId,
      body: claims.body,
      deletedAt: claims.deletedAt,
      hiddenAt: claims.hiddenAt,
      hiddenReason: claims.hiddenReason,
      authorHandle: users.handle,
    })
    .from(cruxLinks)
    .innerJoin(claims, eq(claims.id, cruxLinks.claimId))
    .innerJoin(users, eq(users.id, claims.authorId))
    .where(eq(cruxLinks.cruxId, cruxId))
    .orderBy(cruxLinks.claimId);
  const judgements = viewer
    ? await db
        .select({
          claimId: cruxLinkJudgements.claimId,
          pClaimIfYes: cruxLinkJudgements.pClaimIfYes,
          pClaimIfNo: cruxLinkJudgements.pClaimIfNo,
        })
        .from(cruxLinkJudgements)
        .innerJoin(users, eq(users.id, cruxLinkJudgements.userId))
        .where(and(eq(cruxLinkJudgements.cruxId, cruxId), eq(users.handle, viewer)))
    : [];
  return {
    crowdHidden: hidden,
    current: hidden
      ? []
      : [...current.entries()]
          .map(([handle, f]) => ({ handle, probability: f.p, at: new Date(f.at).toISOString() }))
          .sort((a, b) => a.probability - b.probability || a.handle.localeCompare(b.handle)),
    community: hidden
      ? []
      : communityHistory(history).map((p: CommunityPoint) => ({
          ...p,
          at: new Date(p.at).toISOString(),
        })),
    histogram: hidden ? [] : forecastHistogram(current),
    mine: rows
      .filter((r) => r.handle === viewer)
      .map((r) => ({
        probability: r.probability,
        previousProbability: r.previousProbability,
        at: r.createdAt.toISOString(),
        movedByClaimId: r.movedByClaimId,
        reasoningClaimId: r.reasoningClaimId,
      })),
    myJudgements: judgements,
    links: linkRows.map((l) => ({
      claimId: l.claimId,
      excerpt: l.deletedAt ? "[deleted]" : excerpt(publicText(l), 160),
      authorHandle: l.authorHandle,
    })),
  };
}

export interface DebateCruxSummary {
  id: number;
  claimId: number | null;
  title: string;
  status: CruxStatus;
  /** The final outcome once resolved or annulled ("yes", "no", "annulled"), else null. */
  outcome: string | null;
  closesAt: string;
  conditionCruxId: number | null;
  crowdHidden: boolean;
  communityProbability: number | null;
  forecasterCount: number;
  /** Standard deviation of current forecasts; null while hidden. */
  spread: number | null;
  myProbability: number | null;
  evidenceCount: number;
  kind: "binary" | "numeric";
  derivedFromCruxId: number | null;
  /** A numeric crux's community percentiles; null while hidden, without forecasts, or yes/no. */
  percentiles: Percentiles | null;
  /** A numeric crux's unit, its number once resolved, and the viewer's own percentiles. */
  unit: string | null;
  resolvedValue: number | null;
  myPercentiles: Percentiles | null;
}

export interface ForecastChange {
  handle: string;
  cruxId: number;
  cruxTitle: string;
  before: number | null;
  after: number | null;
  at: string;
  movedByClaimId: number | null;
}

export interface DebateCruxState {
  cruxes: DebateCruxSummary[];
  /** Claims with the most forecast changes credited to them, with each before -> after. */
  moved: { claimId: number; changes: ForecastChange[] }[];
  recent: ForecastChange[];
  links: { cruxId: number; claimId: number }[];
  doubleCruxes: DoubleCruxView[];
}

/** Everything the debate page shows about cruxes, for one viewer. */
export async function getDebateCruxState(
  db: DbExecutor,
  slug: string,
  viewer: string | null,
  now: number,
): Promise<DebateCruxState> {
  const debate = await requireDebate(db, slug);
  const rows = await loadCruxRows(db, { debateId: debate.id });
  const ids = rows.map((r) => r.crux.id);
  const all = ids.length
    ? await db
        .select({
          cruxId: forecasts.cruxId,
          handle: users.handle,
          probability: forecasts.probability,
          previousProbability: forecasts.previousProbability,
          movedByClaimId: forecasts.movedByClaimId,
          createdAt: forecasts.createdAt,
        })
        .from(forecasts)
        .innerJoin(users, eq(users.id, forecasts.userId))
        .where(inArray(forecasts.cruxId, ids))
        .orderBy(forecasts.id)
    : [];
  const evidenceCounts = new Map(
    (ids.length
      ? await db
          .select({ cruxId: evidence.cruxId, n: count() })
          .from(evidence)
          .where(inArray(evidence.cruxId, ids))
          .groupBy(evidence.cruxId)
      : []
    ).map((r) => [r.cruxId, r.n]),
  );
  const hiddenFor = new Map<number, boolean>();
  const numericViews = new Map<number, NumericView>();
  for (const row of rows)
    if (row.crux.kind === "numeric") {
      const mine =
        viewer !== null && all.some((f) => f.cruxId === row.crux.id && f.handle === viewer);
      const hidden = crowdHidden(row, statusOf(row, now), mine);
      numericViews.set(
        row.crux.id,
        await getNumericView(db, row.crux, viewer, hidden, { history: false }),
      );
    }
  const summaries = rows.map((row): DebateCruxSummary => {
    const history = all
      .filter((f) => f.cruxId === row.crux.id)
      .map((f) => ({ user: f.handle, at: f.createdAt.getTime(), p: f.probability }));
    const view = toView(row, history, viewer, now);
    hiddenFor.set(row.crux.id, view.crowdHidden);
    const current = currentForecasts(history);
    const numeric = numericViews.get(row.crux.id);
    if (numeric)
      return {
        id: view.id,
        claimId: view.claimId,
        title: view.title,
        status: view.status,
        outcome: view.outcome,
        closesAt: view.closesAt,
        conditionCruxId: view.conditionCruxId,
        crowdHidden: view.crowdHidden,
        communityProbability: null,
        forecasterCount: numeric.forecasterCount,
        spread: null,
        evidenceCount: evidenceCounts.get(row.crux.id) ?? 0,
        myProbability: null,
        kind: "numeric",
        derivedFromCruxId: null,
        percentiles: numeric.community?.percentiles ?? null,
        unit: numeric.unit,
        resolvedValue: numeric.resolvedValue,
        myPercentiles: numeric.mine?.percentiles ?? null,
      };
    return {
      id: view.id,
      claimId: view.claimId,
      title: view.title,
      status: view.status,
      outcome: view.outcome,
      closesAt: view.closesAt,
      conditionCruxId: view.conditionCruxId,
      crowdHidden: view.crowdHidden,
      communityProbability: view.communityProbability,
      forecasterCount: view.forecasterCount,
      spread: view.crowdHidden ? null : forecastSpread([...current.values()].map((f) => f.p)),
      evidenceCount: evidenceCounts.get(row.crux.id) ?? 0,
      myProbability: viewer ? (current.get(viewer)?.p ?? null) : null,
      kind: "binary",
      derivedFromCruxId: row.crux.derivedFromCruxId,
      percentiles: null,
      unit: null,
      resolvedValue: null,
      myPercentiles: null,
    };
  });
  const titleOf = new Map(rows.map((r) => [r.crux.id, r.crux.title]));
  const change = (f: (typeof all)[number]): ForecastChange => {
    const hidden = hiddenFor.get(f.cruxId) ?? true;
    return {
      handle: f.handle,
      cruxId: f.cruxId,
      cruxTitle: titleOf.get(f.cruxId) ?? "",
      before: hidden ? null : f.previousProbability,
      after: hidden ? null : f.probability,
      at: f.createdAt.toISOString(),
      movedByClaimId: f.movedByClaimId,
    };
  };
  const movedBy = new Map<number, ForecastChange[]>();
  for (const f of all)
    if (f.movedByClaimId !== null)
      movedBy.set(f.movedByClaimId, [...(movedBy.get(f.movedByClaimId) ?? []), change(f)]);
  const links = ids.length
    ? await db
        .select({ cruxId: cruxLinks.cruxId, claimId: cruxLinks.claimId })
        .from(cruxLinks)
        .where(inArray(cruxLinks.cruxId, ids))
    : [];
  return {
    // Open questions people disagree on most come first.
    cruxes: summaries.sort(
      (a, b) =>
        (b.status === "open" ? 1 : 0) - (a.status === "open" ? 1 : 0) ||
        (b.spread ?? -1) - (a.spread ?? -1) ||
        a.id - b.id,
    ),
    moved: [...movedBy.entries()]
      .map(([claimId, changes]) => ({ claimId, changes }))
      .sort((a, b) => b.changes.length - a.changes.length || a.claimId - b.claimId),
    recent: all.slice(-10).reverse().map(change),
    links,
    doubleCruxes: await findDoubleCruxViews(db, { debateId: debate.id }, now),
  };
}

/** People on one linked (crux, claim): agreement vote, judgement and current forecast. */
async function peopleOn(
  db: DbExecutor,
  cruxId: number,
  claimId: number,
): Promise<Map<string, PersonOnCrux>> {
  const judged = await db
    .select({
      userId: cruxLinkJudgements.userId,
      handle: users.handle,
      pClaimIfYes: cruxLinkJudgements.pClaimIfYes,
      pClaimIfNo: cruxLinkJudgements.pClaimIfNo,
      vote: claimVotes.value,
    })
    .from(cruxLinkJudgements)
    .innerJoin(users, eq(users.id, cruxLinkJudgements.userId))
    .innerJoin(
      claimVotes,
      and(
        eq(claimVotes.claimId, cruxLinkJudgements.claimId),
        eq(claimVotes.userId, cruxLinkJudgements.userId),
        eq(claimVotes.axis, "agreement"),
      ),
    )
    .where(and(eq(cruxLinkJudgements.cruxId, cruxId), eq(cruxLinkJudgements.claimId, claimId)));
  const current = currentForecasts(toHistory(await forecastHistory(db, cruxId)));
  const people = new Map<string, PersonOnCrux>();
  for (const j of judged) {
    const forecast = current.get(j.handle);
    if (forecast)
      people.set(j.handle, {
        stance: j.vote === 1 ? 1 : -1,
        pClaimIfYes: j.pClaimIfYes,
        pClaimIfNo: j.pClaimIfNo,
        forecast: forecast.p,
      });
  }
  return people;
}

export interface DoubleCruxView extends DoubleCrux {
  cruxId: number;
  cruxTitle: string;
  claimId: number;
  claimExcerpt: string;
  debateSlug: string;
}

/**
 * Double cruxes on a claim, or involving a user, across visible cruxes. Cruxes that hide their
 * crowd are left out until settled, since a pair would reveal forecasts.
 */
export async function findDoubleCruxViews(
  db: DbExecutor,
  filter: { claimId?: number; cruxId?: number; handle?: string; debateId?: number },
  now: number,
): Promise<DoubleCruxView[]> {
  const where = [isNotNull(cruxLinks.claimId)];
  if (filter.claimId) where.push(eq(cruxLinks.claimId, filter.claimId));
  if (filter.cruxId) where.push(eq(cruxLinks.cruxId, filter.cruxId));
  if (filter.debateId) where.push(eq(claims.debateId, filter.debateId));
  if (filter.handle) {
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.handle, filter.handle));
    if (!user) throw notFound(`No user with handle "${filter.handle}".`);
    const mine = await db
      .select({ cruxId: cruxLinkJudgements.cruxId })
      .from(cruxLinkJudgements)
      .where(eq(cruxLinkJudgements.userId, user.id));
    if (mine.length === 0) return [];
    where.push(inArray(cruxLinks.cruxId, [...new Set(mine.map((m) => m.cruxId))]));
  }
  const links = await db
    .select({
      cruxId: cruxLinks.cruxId,
      claimId: cruxLinks.claimId,
      body: claims.body,
      deletedAt: claims.deletedAt,
      hiddenAt: claims.hiddenAt,
      hiddenReason: claims.hiddenReason,
    })
    .from(cruxLinks)
    .innerJoin(claims, eq(claims.id, cruxLinks.claimId))
    .where(and(...where));
  const rows = new Map(
    (await loadCruxRows(db, { ids: [...new Set(links.map((l) => l.cruxId))] })).map((r) => [
      r.crux.id,
      r,
    ]),
  );
  const result: DoubleCruxView[] = [];
  for (const link of links) {
    const row = rows.get(link.cruxId);
    if (!row) continue;
    const status = statusOf(row, now);
    // A pair would reveal two people's forecasts.
    if (crowdHidden(row, status, false)) continue;
    for (const pair of findDoubleCruxes(await peopleOn(db, link.cruxId, link.claimId))) {
      if (filter.handle && pair.agrees !== filter.handle && pair.disagrees !== filter.handle)
        continue;
      result.push({
        ...pair,
        cruxId: link.cruxId,
        cruxTitle: row.crux.title,
        claimId: link.claimId,
        claimExcerpt: excerpt(publicText(link), 160),
        debateSlug: row.debateSlug,
      });
    }
  }
  return result.sort((a, b) => b.score - a.score);
}

/** Newest cruxes first, for a user's page: the ones they made. */
