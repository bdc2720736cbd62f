/**
 * The crux map of a debate and where a claim's camps disagree, for one viewer. Reads the rows in one
 * transaction; the graph and the medians are built by server/domain/cruxMap.ts, and what the viewer
 * may see of each crux comes from the crux view (the one visibility rule).
 */
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { claims, claimVotes, cruxLinkJudgements, cruxLinks, users } from "@/db/schema";
import {
  buildCruxMap,
  claimNodeId,
  type CruxMap,
  type MapCruxInput,
  widestCampGap,
  type WidestGap,
} from "@/server/domain/cruxMap";
import { crowdIsPublic, currentForecasts } from "@/server/domain/forecasts";
import { notFound } from "@/server/errors";
import { getDebateCruxState, toView, type DebateCruxState } from "./cruxViews";
import { loadCruxRows } from "./cruxes";
import { requireDebate } from "./debates";
import { forecastHistoriesOf } from "./forecasts";
import { getNumericView } from "./numericCruxes";

async function loadMap(
  db: DbExecutor,
  debateId: number,
  viewer: string | null,
  now: number,
): Promise<CruxMap> {
  const rows = await loadCruxRows(db, { debateId });
  const ids = rows.map((r) => r.crux.id);
  const histories = await forecastHistoriesOf(db, ids);
  const links = ids.length
    ? await db
        .select({ cruxId: cruxLinks.cruxId, claimId: cruxLinks.claimId })
        .from(cruxLinks)
        .where(inArray(cruxLinks.cruxId, ids))
    : [];
  const judgements = ids.length
    ? await db
        .select({
          cruxId: cruxLinkJudgements.cruxId,
          claimId: cruxLinkJudgements.claimId,
          user: users.handle,
          pClaimIfYes: cruxLinkJudgements.pClaimIfYes,
          pClaimIfNo: cruxLinkJudgements.pClaimIfNo,
        })
        .from(cruxLinkJudgements)
        .innerJoin(users, eq(users.id, cruxLinkJudgements.userId))
        .where(inArray(cruxLinkJudgements.cruxId, ids))
    : [];
  const tree = await db
    .select({ id: claims.id, parentId: claims.parentId })
    .from(claims)
    .where(eq(claims.debateId, debateId));
  const linkedIds = [...new Set(links.map((l) => l.claimId))];
  const shown = await db
    .select({
      id: claims.id,
      parentId: claims.parentId,
      body: claims.body,
      deletedAt: claims.deletedAt,
      agree: claims.agree,
      disagree: claims.disagree,
    })
    .from(claims)
    .where(
      and(
        eq(claims.debateId, debateId),
        linkedIds.length
          ? or(isNull(claims.parentId), inArray(claims.id, linkedIds))
          : isNull(claims.parentId),
      ),
    );
  const votes = linkedIds.length
    ? await db
        .select({ claimId: claimVotes.claimId, user: users.handle, value: claimVotes.value })
        .from(claimVotes)
        .innerJoin(users, eq(users.id, claimVotes.userId))
        .where(and(eq(claimVotes.axis, "agreement"), inArray(claimVotes.claimId, linkedIds)))
    : [];

  const cruxInputs: MapCruxInput[] = [];
  for (const row of rows) {
    const entries = histories.get(row.crux.id) ?? [];
    const view = toView(row, entries, viewer, now);
    const current = currentForecasts(entries);
    const numeric =
      row.crux.kind === "numeric"
        ? await getNumericView(db, row.crux, viewer, view.crowdHidden, { history: false })
        : null;
    cruxInputs.push({
      id: view.id,
      title: view.title,
      status: view.status,
      conditionCruxId: view.conditionCruxId,
      crowdHidden: view.crowdHidden,
      crowdPublic: crowdIsPublic({ hidesCrowd: view.hideCrowdUntilForecast, status: view.status }),
      communityProbability: view.communityProbability,
      current: new Map([...current].map(([user, f]) => [user, f.p])),
      numeric: numeric && {
        median: numeric.community?.percentiles.p50 ?? null,
        unit: numeric.unit,
        forecasterCount: numeric.forecasterCount,
      },
    });
  }
  return buildCruxMap({
    claims: shown.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      body: c.body,
      deleted: c.deletedAt !== null,
      agree: c.agree,
      disagree: c.disagree,
    })),
    parentOf: new Map(tree.map((c) => [c.id, c.parentId])),
    cruxes: cruxInputs,
    links,
    judgements,
    votes: votes.map((v) => ({ claimId: v.claimId, user: v.user, value: v.value === 1 ? 1 : -1 })),
  });
}

const readOnly = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

export interface DebateCruxMap extends CruxMap {
  slug: string;
  title: string;
  /** The debate's last event seq when the map was read: live updates resume after it. */
  lastSeq: number;
}

/** The debate's crux map as `viewer` may see it. */
export async function getCruxMap(
  db: DbExecutor,
  slug: string,
  viewer: string | null,
  now: number,
): Promise<DebateCruxMap> {
  return db.transaction(async (tx) => {
    const debate = await requireDebate(tx, slug);
    const map = await loadMap(tx, debate.id, viewer, now);
    return { slug: debate.slug, title: debate.title, lastSeq: debate.lastSeq, ...map };
  }, readOnly);
}

export interface ClaimCamps {
  agree: number;
  disagree: number;
  cruxes: {
    cruxId: number;
    title: string;
    agreeMedian: number | null;
    disagreeMedian: number | null;
    gap: number | null;
  }[];
}

/** A claim's agree and disagree camps, and each camp's median forecast on each linked crux. */
export async function getClaimCamps(
  db: DbExecutor,
  claimId: number,
  viewer: string | null,
  now: number,
): Promise<ClaimCamps> {
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .select({ debateId: claims.debateId, agree: claims.agree, disagree: claims.disagree })
      .from(claims)
      .where(eq(claims.id, claimId));
    if (!claim) throw notFound(`No claim with id ${claimId}.`);
    const map = await loadMap(tx, claim.debateId, viewer, now);
    const nodes = new Map(map.nodes.map((n) => [n.id, n]));
    const target = claimNodeId(claimId);
    return {
      agree: claim.agree,
      disagree: claim.disagree,
      cruxes: map.edges
        .filter((e) => e.kind === "bears-on" && e.to === target)
        .map((e) => {
          const crux = nodes.get(e.from);
          return {
            cruxId: crux?.ref ?? 0,
            title: crux?.label ?? "",
            agreeMedian: e.camps?.agreeMedian ?? null,
            disagreeMedian: e.camps?.disagreeMedian ?? null,
            gap: e.camps?.gap ?? null,
          };
        })
        .sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || a.cruxId - b.cruxId),
    };
  }, readOnly);
}

/** The debate page's crux state, with where the camps disagree most (from the same map). */
export async function getDebateState(
  db: DbExecutor,
  slug: string,
  viewer: string | null,
  now: number,
): Promise<DebateCruxState & { widestGap: WidestGap | null }> {
  const state = await getDebateCruxState(db, slug, viewer, now);
  return { ...state, widestGap: widestCampGap(await getCruxMap(db, slug, viewer, now)) };
}
