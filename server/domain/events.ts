/**
 * The live event protocol (docs/live-updates.md): every change in a debate is an event with a
 * per-debate, gap-free seq. Clients apply events strictly in seq order; these pure functions hold
 * the rules so the browser hook and the tests share them.
 */
import type { ReactionSpan } from "./reactions";
import type { LockInfo } from "./restrictions";
import type { ClaimView } from "./thread";
import type { Tally } from "./votes";

export type DebateEvent =
  | EventEnvelope<"claim.created", { claim: ClaimView }>
  | EventEnvelope<"claim.edited", { claim: ClaimView }>
  | EventEnvelope<"claim.deleted", { claim: ClaimView }>
  /** Moderators hid or restored a claim; `claim` is what everyone sees (docs/moderation.md). */
  | EventEnvelope<"claim.hidden", { claim: ClaimView }>
  | EventEnvelope<"claim.restored", { claim: ClaimView }>
  | EventEnvelope<"claim.voted", { claimId: number } & Tally>
  /** A claim's reactions after one was added or removed, or after an edit moved their anchors. */
  | EventEnvelope<"claim.reactions", { claimId: number; spans: ReactionSpan[] }>
  | EventEnvelope<"crux.created", { crux: CruxEventData }>
  | EventEnvelope<"crux.updated", { crux: CruxEventData }>
  | EventEnvelope<"crux.linked", { cruxId: number; claimId: number }>
  | EventEnvelope<"forecast.placed", ForecastEventData>
  | EventEnvelope<"forecast.withdrawn", ForecastEventData>
  | EventEnvelope<"offer.created", { cruxId: number; offerId: number }>
  | EventEnvelope<"offer.updated", { cruxId: number; offerId: number; fillId?: number }>
  | EventEnvelope<"evidence.added", { cruxId: number; evidenceId: number }>
  /** A moderator locked or unlocked the debate, or a claim and everything below it (docs/moderation.md). */
  | EventEnvelope<"debate.locked", { lock: LockInfo }>
  | EventEnvelope<"debate.unlocked", Record<string, never>>
  | EventEnvelope<"claim.locked", { claimId: number; lock: LockInfo }>
  | EventEnvelope<"claim.unlocked", { claimId: number }>
  | EventEnvelope<
      "crux.resolution",
      /** value: on a numeric crux, the number it resolved to (outcome "value"), else null. */
      { cruxId: number; status: string; outcome: string | null; value?: number | null }
    >;

/** What everyone may see of a crux. */
export type CruxEventData = {
  id: number;
  claimId: number | null;
  title: string;
  closesAt: string;
  conditionCruxId: number | null;
  hideCrowdUntilForecast: boolean;
  /** "numeric" for a crux resolving to a number (docs/numeric-cruxes.md); absent means "binary". */
  kind?: "binary" | "numeric";
  /** A threshold crux: the numeric crux it follows and its threshold. */
  derivedFromCruxId?: number | null;
  threshold?: number | null;
};

/** A distribution's 10th, 50th and 90th percentiles (numeric cruxes). */
export type Percentiles = { p10: number; p50: number; p90: number };

/**
 * A forecast change. On a crux that hides the crowd until one has forecast, the numbers and the
 * forecaster are left out (events are public); clients that may see them refetch.
 */
export type ForecastEventData = {
  cruxId: number;
  forecasterCount: number;
  handle?: string;
  probability?: number | null;
  communityProbability?: number | null;
  movedByClaimId?: number | null;
  /** Numeric cruxes: the forecaster's percentiles (null on a withdrawal) and the community's. */
  percentiles?: Percentiles | null;
  communityPercentiles?: Percentiles | null;
};

export type DebateEventType = DebateEvent["type"];

/** Every event type, for subscriptions (webhooks); the check below fails to compile if one is missing. */
export const DEBATE_EVENT_TYPES = [
  "claim.created",
  "claim.edited",
  "claim.deleted",
  "claim.hidden",
  "claim.restored",
  "claim.voted",
  "claim.reactions",
  "crux.created",
  "crux.updated",
  "crux.linked",
  "crux.resolution",
  "forecast.placed",
  "forecast.withdrawn",
  "offer.created",
  "offer.updated",
  "evidence.added",
  "debate.locked",
  "debate.unlocked",
  "claim.locked",
  "claim.unlocked",
] as const satisfies readonly DebateEventType[];
type UnlistedEventType = Exclude<DebateEventType, (typeof DEBATE_EVENT_TYPES)[number]>;
export const _everyEventTypeListed: [UnlistedEventType] extends [never] ? true : never = true;
export type DebateEventData<T extends DebateEventType> = Extract<DebateEvent, { type: T }>["data"];

interface EventEnvelope<T extends string, D> {
  slug: string;
  seq: number;
  type: T;
  data: D;
  /** ISO-8601 */
  at: string;
}

/** Events about cruxes, forecasts, bets, evidence and resolution: everything but the claim tree. */
export const isCruxEvent = (event: DebateEvent) =>
  !event.type.startsWith("claim.") && !event.type.startsWith("debate.");

/** Applies one event to a claim map, returning a new map (the input is not changed). */
export function applyEvent(
  claims: ReadonlyMap<number, ClaimView>,
  event: DebateEvent,
): Map<number, ClaimView> {
  const next = new Map(claims);
  switch (event.type) {
    case "claim.created":
    case "claim.edited":
    case "claim.deleted":
    case "claim.hidden":
    case "claim.restored":
      next.set(event.data.claim.id, event.data.claim);
      break;
    case "claim.voted": {
      const { claimId, quality, agree, disagree } = event.data;
      const claim = next.get(claimId);
      if (claim) next.set(claimId, { ...claim, quality, agree, disagree });
      break;
    }
    default:
      // Crux and forecast events do not change claims; reactions are kept beside them.
      break;
  }
  return next;
}

export interface EventPlan {
  /** Events to apply now, in order, each exactly lastSeq+1, +2, ... */
  apply: DebateEvent[];
  /** Events that arrived early (after a gap); keep them until the gap is filled. */
  pending: DebateEvent[];
  /** True when events are missing between lastSeq and the pending ones: fetch them. */
  gap: boolean;
}

/**
 * Given the last applied seq and events that arrived (any order, maybe duplicated or stale),
 * decides what to apply now and what waits. Nothing is applied twice or out of order.
 */
export function planEvents(lastSeq: number, arrived: readonly DebateEvent[]): EventPlan {
  const bySeq = new Map<number, DebateEvent>();
  for (const event of arrived) if (event.seq > lastSeq) bySeq.set(event.seq, event);
  const apply: DebateEvent[] = [];
  let cursor = lastSeq;
  while (bySeq.has(cursor + 1)) {
    apply.push(bySeq.get(cursor + 1) as DebateEvent);
    bySeq.delete(cursor + 1);
    cursor += 1;
  }
  const pending = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { apply, pending, gap: pending.length > 0 };
}

/** The crux an event is about (its data's cruxId, or the crux itself), or null for claim events. */
export function cruxIdOf(event: DebateEvent): number | null {
  switch (event.type) {
    case "crux.created":
    case "crux.updated":
      return event.data.crux.id;
    case "claim.created":
    case "claim.edited":
    case "claim.deleted":
    case "claim.hidden":
    case "claim.restored":
    case "claim.voted":
    case "claim.reactions":
    case "claim.locked":
    case "claim.unlocked":
    case "debate.locked":
    case "debate.unlocked":
      return null;
    default:
      return event.data.cruxId;
  }
}

/**
 * Whether a crux page showing `cruxId` must refetch for this event: an event about that crux, or
 * about its condition (whose resolution annuls or finalizes it), or a new link (a double crux may
 * appear on any claim). Other cruxes' events leave the page unchanged.
 */
export function concernsCrux(
  event: DebateEvent,
  crux: { id: number; conditionCruxId: number | null },
): boolean {
  if (event.type === "crux.linked") return event.data.cruxId === crux.id;
  const id = cruxIdOf(event);
  return id !== null && (id === crux.id || id === crux.conditionCruxId);
}

/** The parts of a crux page that are read (and cached) separately. */
export const CRUX_PARTS = [
  "details",
  "forecasts",
  "doubles",
  "offers",
  "suggestions",
  "position",
  "resolution",
  "history",
] as const;
export type CruxPart = (typeof CRUX_PARTS)[number];

/**
 * Which parts of the page showing `crux` an event makes stale, so a page refetches only those:
 * a forecast moves the crowd and the bets it suggests, an offer the order book and positions,
 * evidence the resolution panel, a change of state (this crux's or its condition's, which can annul
 * or finalize it) everything. Events about other cruxes or the claim tree change nothing here.
 */
export function cruxPartsAffected(
  event: DebateEvent,
  crux: { id: number; conditionCruxId: number | null },
): readonly CruxPart[] {
  if (!concernsCrux(event, crux)) return [];
  if (cruxIdOf(event) !== crux.id)
    // Of its condition only a change of state matters (it can annul or finalize this crux).
    return event.type === "crux.resolution" || event.type === "crux.updated" ? CRUX_PARTS : [];
  switch (event.type) {
    case "forecast.placed":
    case "forecast.withdrawn":
      return ["details", "forecasts", "doubles", "suggestions"];
    case "crux.linked":
      return ["forecasts", "doubles"];
    case "offer.created":
    case "offer.updated":
      return ["offers", "position", "suggestions"];
    case "evidence.added":
      return ["details", "resolution"];
    default:
      return CRUX_PARTS;
  }
}
