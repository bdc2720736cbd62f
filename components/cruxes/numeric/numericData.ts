/**
 * What the numeric parts of the crux page need, read from the crux's tRPC parts (details and
 * forecasts), and the numeric calls the page makes. One place that knows the procedures' shapes.
 */
import type { CruxDetails, CruxForecasts } from "@/lib/types";
import type { Cdf, DistributionInput, NumericRange } from "@/server/domain/numeric";
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
  disagreements: ThresholdDisagreement[];
  resolvedValue: number | null;
  myHistory: { at: string; percentiles: Percentiles | null }[];
}

/** The numeric side of a crux; null for a yes/no crux. */
export function numericPageData(
  _crux: CruxDetails,
  _forecasts: CruxForecasts,
  _viewer: string | null,
): NumericPageData | null {
  return null;
}

/** The crux a threshold crux was derived from, when it was. */
export function derivedFrom(_crux: CruxDetails): { id: number; title: string } | null {
  return null;
}

export async function saveNumericForecast(_cruxId: number, _input: DistributionInput) {
  throw new Error("not wired yet");
}

/** Creates (or reuses) the derived threshold crux and sends the suggested offer; its id. */
export async function offerThresholdBet(
  _cruxId: number,
  _item: ThresholdDisagreement,
  _stake: number,
  _key: string,
): Promise<number> {
  throw new Error("not wired yet");
}
