/**
 * The crux map of a debate: a graph of its positions (top-level claims), its cruxes, and the claims
 * the cruxes bear on, with how strongly each crux bears on each claim and where the claim's two
 * camps (its agree and disagree voters) differ about the crux. Pure: the use-case loads the rows
 * and decides what the viewer may see (crowdHidden) with the one visibility rule in forecasts.ts.
 */
import { cruxStrength, findDoubleCruxes, type PersonOnCrux } from "./doubleCrux";
import { isFinal, type CruxStatus } from "./lifecycle";
import { excerpt } from "./thread";

/** How long a node's label may be; the page wraps and shortens it further. */
export const MAP_LABEL_LENGTH = 120;

export interface MapClaimInput {
  id: number;
  parentId: number | null;
  body: string;
  deleted: boolean;
  agree: number;
  disagree: number;
}

export interface MapCruxInput {
  id: number;
  title: string;
  status: CruxStatus;
  conditionCruxId: number | null;
  /** Hidden from this viewer (forecasts.ts decides). */
  crowdHidden: boolean;
  /** Visible to everyone, so pairs of named people may be shown (double cruxes). */
  crowdPublic: boolean;
  communityProbability: number | null;
  /** Each person's current P(YES). */
  current: ReadonlyMap<string, number>;
  /** Numeric cruxes: the community median (null while hidden or empty) and who forecasts. */
  numeric?: { median: number | null; unit: string; forecasterCount: number } | null;
}

export interface MapJudgement {
  cruxId: number;
  claimId: number;
  user: string;
  pClaimIfYes: number;
  pClaimIfNo: number;
}

export interface AgreementVote {
  claimId: number;
  user: string;
  value: 1 | -1;
}

export interface CruxMapInput {
  /** Every claim of the debate that is top-level or linked to a crux (others are ignored). */
  claims: readonly MapClaimInput[];
  /** claim id -> parent id for the whole debate, to find each claim's position. */
  parentOf: ReadonlyMap<number, number | null>;
  cruxes: readonly MapCruxInput[];
  links: readonly { cruxId: number; claimId: number }[];
  judgements: readonly MapJudgement[];
  votes: readonly AgreementVote[];
}

export interface MapNode {
  /** "claim-12" or "crux-3". */
  id: string;
  kind: "claim" | "crux";
  /** The claim's or crux's own id. */
  ref: number;
  label: string;
  /** Cruxes: the community prediction, null while hidden from the viewer or without forecasts. */
  probability?: number | null;
  /** Numeric cruxes: the community median and its unit instead of a probability. */
  median?: { value: number; unit: string } | null;
  status?: CruxStatus;
  crowdHidden?: boolean;
  forecasterCount?: number;
  /** Cruxes: a double crux on some claim it bears on. */
  doubleCrux?: boolean;
  /** Claims: agreement votes. */
  agree?: number;
  disagree?: number;
  /** Claims: the top-level claim this one sits under (its own id when top-level). */
  positionId?: number;
}

export interface CampMedians {
  agreeMedian: number | null;
  disagreeMedian: number | null;
  gap: number | null;
}

export interface MapEdge {
  from: string;
  to: string;
  kind: "bears-on" | "condition";
  /** bears-on: mean |P(claim|YES) - P(claim|NO)| over those who rated it; null when nobody did. */
  strength?: number | null;
  raters?: number;
  /** bears-on: the claim's camps on this crux. */
  camps?: CampMedians;
  doubleCrux?: boolean;
}

export interface CruxMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

export const claimNodeId = (id: number) => `claim-${id}`;
export const cruxNodeId = (id: number) => `crux-${id}`;

/** The median of a list (the mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The top-level ancestor of a claim (itself when top-level). Stops on a broken or cyclic chain. */
export function positionOf(id: number, parentOf: ReadonlyMap<number, number | null>): number {
  let current = id;
  const seen = new Set<number>();
  for (;;) {
    const parent = parentOf.get(current);
    if (parent === null || parent === undefined || seen.has(parent)) return current;
    seen.add(current);
    current = parent;
  }
}

/** Splits a claim's agreement voters into its two camps. */
export function campsOf(
  claimId: number,
  votes: readonly AgreementVote[],
): { agree: Set<string>; disagree: Set<string> } {
  const agree = new Set<string>();
  const disagree = new Set<string>();
  for (const v of votes) if (v.claimId === claimId) (v.value === 1 ? agree : disagree).add(v.user);
  return { agree, disagree };
}

/**
 * Each camp's median current forecast on a crux and the gap between them. Everything is null while
 * the crowd is hidden from the viewer; a camp without forecasts has a null median (and no gap).
 */
export function campMedians(
  camps: { agree: ReadonlySet<string>; disagree: ReadonlySet<string> },
  crux: Pick<MapCruxInput, "crowdHidden" | "current">,
): CampMedians {
  if (crux.crowdHidden) return { agreeMedian: null, disagreeMedian: null, gap: null };
  const of = (people: ReadonlySet<string>) =>
    median(
      [...people].flatMap((p) => (crux.current.has(p) ? [crux.current.get(p) as number] : [])),
    );
  const agreeMedian = of(camps.agree);
  const disagreeMedian = of(camps.disagree);
  return {
    agreeMedian,
    disagreeMedian,
    gap:
      agreeMedian === null || disagreeMedian === null
        ? null
        : Math.abs(agreeMedian - disagreeMedian),
  };
}

/** Mean crux strength over the people who rated (crux, claim); null when nobody did. */
export function meanStrength(judgements: readonly MapJudgement[]): number | null {
  if (judgements.length === 0) return null;
  return (
    judgements.reduce((sum, j) => sum + cruxStrength(j.pClaimIfYes, j.pClaimIfNo), 0) /
    judgements.length
  );
}

/** Builds the map: positions, cruxes and linked claims as nodes; links and conditions as edges. */
export function buildCruxMap(input: CruxMapInput): CruxMap {
  const cruxById = new Map(input.cruxes.map((c) => [c.id, c]));
  const claimById = new Map(input.claims.map((c) => [c.id, c]));
  const links = input.links.filter((l) => cruxById.has(l.cruxId) && claimById.has(l.claimId));
  const linked = new Set(links.map((l) => l.claimId));
  const edges: MapEdge[] = [];
  const doubleCruxes = new Set<number>();

  for (const link of links) {
    const crux = cruxById.get(link.cruxId) as MapCruxInput;
    const rated = input.judgements.filter(
      (j) => j.cruxId === link.cruxId && j.claimId === link.claimId,
    );
    const camps = campsOf(link.claimId, input.votes);
    let doubleCrux = false;
    if (crux.crowdPublic) {
      const people = new Map<string, PersonOnCrux>();
      for (const j of rated) {
        const forecast = crux.current.get(j.user);
        const stance = camps.agree.has(j.user) ? 1 : camps.disagree.has(j.user) ? -1 : null;
        if (forecast !== undefined && stance !== null)
          people.set(j.user, {
            stance,
            pClaimIfYes: j.pClaimIfYes,
            pClaimIfNo: j.pClaimIfNo,
            forecast,
          });
      }
      doubleCrux = findDoubleCruxes(people).length > 0;
    }
    if (doubleCrux) doubleCruxes.add(crux.id);
    edges.push({
      from: cruxNodeId(link.cruxId),
      to: claimNodeId(link.claimId),
      kind: "bears-on",
      strength: meanStrength(rated),
      raters: rated.length,
      camps: campMedians(camps, crux),
      doubleCrux,
    });
  }
  for (const crux of input.cruxes)
    if (crux.conditionCruxId !== null && cruxById.has(crux.conditionCruxId))
      edges.push({
        from: cruxNodeId(crux.id),
        to: cruxNodeId(crux.conditionCruxId),
        kind: "condition",
      });

  const claimNodes: MapNode[] = input.claims
    .filter((c) => c.parentId === null || linked.has(c.id))
    .sort((a, b) => (a.parentId === null ? 0 : 1) - (b.parentId === null ? 0 : 1) || a.id - b.id)
    .map((c) => ({
      id: claimNodeId(c.id),
      kind: "claim",
      ref: c.id,
      label: c.deleted ? "[deleted]" : excerpt(c.body, MAP_LABEL_LENGTH),
      agree: c.agree,
      disagree: c.disagree,
      positionId: positionOf(c.id, input.parentOf),
    }));
  const cruxNodes: MapNode[] = [...input.cruxes]
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      id: cruxNodeId(c.id),
      kind: "crux",
      ref: c.id,
      label: excerpt(c.title, MAP_LABEL_LENGTH),
      probability: c.crowdHidden ? null : c.communityProbability,
      status: c.status,
      crowdHidden: c.crowdHidden,
      forecasterCount: c.numeric ? c.numeric.forecasterCount : c.current.size,
      ...(c.numeric && {
        median:
          c.numeric.median === null ? null : { value: c.numeric.median, unit: c.numeric.unit },
      }),
      doubleCrux: doubleCruxes.has(c.id),
    }));
  return { nodes: [...cruxNodes, ...claimNodes], edges };
}

export type CruxStatusFilter = "all" | "open" | "resolved";

export interface CruxMapFilter {
  /** "open": not yet final; "resolved": final (resolved or annulled). */
  status: CruxStatusFilter;
  /** Keep only bears-on edges at least this strong (0 keeps unrated ones too). */
  minStrength: number;
}

/**
 * The map with some cruxes and edges left out. Positions always stay; a crux with no edge left
 * under a minimum strength goes, and so does a linked claim no crux bears on any more.
 */
export function filterCruxMap(map: CruxMap, filter: CruxMapFilter): CruxMap {
  const keepCrux = (n: MapNode) =>
    filter.status === "all" ||
    (n.status !== undefined && (filter.status === "resolved") === isFinal(n.status));
  const cruxes = new Set(
    map.nodes.filter((n) => n.kind === "crux" && keepCrux(n)).map((n) => n.id),
  );
  const bearsOn = map.edges.filter(
    (e) =>
      e.kind === "bears-on" &&
      cruxes.has(e.from) &&
      (filter.minStrength <= 0 || (e.strength ?? 0) >= filter.minStrength),
  );
  if (filter.minStrength > 0) {
    const strong = new Set(bearsOn.map((e) => e.from));
    for (const id of [...cruxes]) if (!strong.has(id)) cruxes.delete(id);
  }
  const claimsKept = new Set(bearsOn.map((e) => e.to));
  const nodes = map.nodes.filter((n) =>
    n.kind === "crux" ? cruxes.has(n.id) : n.positionId === n.ref || claimsKept.has(n.id),
  );
  const conditions = map.edges.filter(
    (e) => e.kind === "condition" && cruxes.has(e.from) && cruxes.has(e.to),
  );
  return { nodes, edges: [...bearsOn, ...conditions] };
}

/** Where a debate's camps disagree most: a claim, a crux bearing on it, and the camps' gap. */
export interface WidestGap {
  claimId: number;
  claimLabel: string;
  cruxId: number;
  cruxTitle: string;
  agreeMedian: number;
  disagreeMedian: number;
  gap: number;
}

/**
 * The bears-on edge whose claim's agree and disagree camps forecast its crux furthest apart (ties:
 * the first in the map's order); null when no edge has both camps' forecasts visible.
 */
export function widestCampGap(map: CruxMap): WidestGap | null {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  let best: WidestGap | null = null;
  for (const e of map.edges) {
    const c = e.camps;
    if (e.kind !== "bears-on" || !c || c.gap === null) continue;
    if (c.agreeMedian === null || c.disagreeMedian === null) continue;
    if (best && c.gap <= best.gap) continue;
    const crux = nodes.get(e.from);
    const claim = nodes.get(e.to);
    if (!crux || !claim) continue;
    best = {
      claimId: claim.ref,
      claimLabel: claim.label,
      cruxId: crux.ref,
      cruxTitle: crux.label,
      agreeMedian: c.agreeMedian,
      disagreeMedian: c.disagreeMedian,
      gap: c.gap,
    };
  }
  return best;
}
