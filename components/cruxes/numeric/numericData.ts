/**
 * What the numeric parts of the crux page need, read from the crux's details (tRPC cruxes.get,
 * whose `numeric` field is the numeric crux's view), and the numeric calls the page makes. The
 * one place that knows those procedures' shapes.
 */
import { useQuery } from "@tanstack/react-query";
import { cruxKey } from "@/lib/cruxParts";
import { trpc } from "@/lib/trpc";
import type { CruxDetails } from "@/lib/types";
import {
  cdfFromInput,
  type Cdf,
  type DistributionInput,
  type NumericRange,
} from "@/server/domain/numeric";
import type { ThresholdDisagreement } from "./RangeDisagreements";
import type { ForecasterInterval } from "./WhoIsWhere";
import type { Percentiles } from "./words";

export interface NumericPageData {
  range: NumericRange;
  unit: string;
  community: { cdf: Cdf; percentiles: Percentiles } | null;
  mine: { cdf: Cdf; percentiles: Percentiles } | null;
  myLastInput: DistributionInput | null;
  forecasters: ForecasterInterval[];
  resolvedValue: number | null;
  myHistory: { at: string; percentiles: Percentiles | null }[];
}

/** The numeric side of a crux; null for a yes/no crux. */
export function numericPageData(crux: CruxDetails): NumericPageData | null {
  const n = crux.numeric;
  if (crux.kind !== "numeric" || !n) return null;
  const range: NumericRange = {
    min: n.min,
    max: n.max,
    openLower: n.openLower,
    openUpper: n.openUpper,
    scale: n.scale,
  };
  let mine: NumericPageData["mine"] = null;
  if (n.mine?.input)
    try {
      // The server keeps what the viewer typed; the curve is the same pure function of it.
      mine = { cdf: cdfFromInput(range, n.mine.input), percentiles: n.mine.percentiles };
    } catch {
      mine = null;
    }
  return {
    range,
    unit: n.unit,
    community: n.community ? { cdf: n.community.cdf, percentiles: n.community.percentiles } : null,
    mine,
    myLastInput: n.mine?.input ?? null,
    forecasters: n.forecasters,
    resolvedValue: n.resolvedValue,
    myHistory: n.myHistory,
  };
}

/**
 * The viewer's threshold bets against every other forecaster (widest disagreement first). Kept
 * under the crux's "suggestions" key, so the events that refresh bet suggestions (forecasts,
 * offers) refresh these too.
 */
export function useThresholdSuggestions(cruxId: number, enabled: boolean): ThresholdDisagreement[] {
  const { data } = useQuery({
    queryKey: [...cruxKey(cruxId, "suggestions"), "thresholds"],
    queryFn: () => trpc.cruxes.thresholdSuggestions.query({ id: cruxId }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return (data?.suggestions ?? []).flatMap((s) =>
    s.price === null
      ? []
      : [
          {
            handle: s.withHandle,
            threshold: s.threshold,
            myProbability: s.myProbability,
            theirProbability: s.theirProbability,
            side: s.mySide,
            price: s.price,
            derivedCruxId: s.cruxId,
          },
        ],
  );
}

export async function saveNumericForecast(cruxId: number, input: DistributionInput) {
  await trpc.cruxes.forecast.mutate({ id: cruxId, ...input });
}

/**
 * One click: make (or find) the derived "more than x?" crux, then send the other person the
 * suggested offer on it. Answers the derived crux's id.
 */
export async function offerThresholdBet(
  cruxId: number,
  item: ThresholdDisagreement,
  stake: number,
  idempotencyKey: string,
): Promise<number> {
  const derived = await trpc.cruxes.createThreshold.mutate({
    id: cruxId,
    threshold: item.threshold,
    with: item.handle,
  });
  await trpc.bets.offer.mutate({
    id: derived.cruxId,
    side: item.side,
    price: derived.price ?? item.price,
    stake,
    counterpartyHandle: item.handle,
    idempotencyKey,
  });
  return derived.cruxId;
}
