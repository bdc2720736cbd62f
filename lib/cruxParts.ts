/**
 * The crux page reads its data in parts (server/domain/events.ts, CRUX_PARTS), each cached under
 * its own query key, so a live event refetches only the parts it changes. The server page fills
 * the cache through tRPC's server-side caller and hands it over (hydration); the browser refetches
 * a part through the tRPC client when it goes stale (docs/crux-page.md).
 */
import type { CruxPart } from "@/server/domain/events";
import type {
  CruxDetails,
  CruxForecasts,
  CruxHistory,
  DoubleCruxItem,
  OfferItem,
  Position,
  ResolutionState,
  Suggestion,
} from "./types";

/** How to read each part of one crux, for one viewer. */
export interface CruxReads {
  details(): Promise<CruxDetails>;
  forecasts(): Promise<CruxForecasts>;
  doubles(): Promise<DoubleCruxItem[]>;
  offers(): Promise<OfferItem[]>;
  /** Bets the viewer could offer (none when signed out). */
  suggestions(): Promise<Suggestion[]>;
  /** The viewer's fills and offers (null when signed out). */
  position(): Promise<Position | null>;
  resolution(): Promise<ResolutionState>;
  history(): Promise<CruxHistory>;
}

export type CruxData = { [P in CruxPart]: Awaited<ReturnType<CruxReads[P]>> };

/** ["crux", id] holds every part of a crux; ["crux", id, part] one of them. */
export function cruxKey(id: number, part?: CruxPart): readonly unknown[] {
  return part ? ["crux", id, part] : ["crux", id];
}

/** What the tRPC procedures answer, as the same calls from the server (caller) or the browser. */
export interface CruxProcedures {
  get(input: { id: number }): Promise<CruxDetails>;
  forecasts(input: { id: number }): Promise<CruxForecasts>;
  doubleCruxes(input: { id: number }): Promise<{ doubleCruxes: DoubleCruxItem[] }>;
  offers(input: { id: number }): Promise<{ offers: OfferItem[] }>;
  suggestions(input: { id: number }): Promise<{ suggestions: Suggestion[] }>;
  position(input: { id: number }): Promise<Position>;
  resolution(input: { id: number }): Promise<ResolutionState>;
  history(input: { id: number }): Promise<CruxHistory>;
}

export function cruxReads(api: CruxProcedures, id: number, signedIn: boolean): CruxReads {
  return {
    details: () => api.get({ id }),
    forecasts: () => api.forecasts({ id }),
    doubles: async () => (await api.doubleCruxes({ id })).doubleCruxes,
    offers: async () => (await api.offers({ id })).offers,
    suggestions: async () => (signedIn ? (await api.suggestions({ id })).suggestions : []),
    position: async () => (signedIn ? api.position({ id }) : null),
    resolution: () => api.resolution({ id }),
    history: () => api.history({ id }),
  };
}
