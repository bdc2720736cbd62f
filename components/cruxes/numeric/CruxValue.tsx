import type { DebateCruxSummary } from "@/lib/types";
import type { CruxStatus } from "@/server/domain/lifecycle";
import { shortState } from "@/server/domain/cruxHeadline";
import { formatNumericValue } from "@/server/domain/numeric";
import { Probability } from "../Probability";
import { rangeWords } from "./words";

type Summary = Pick<
  DebateCruxSummary,
  "kind" | "communityProbability" | "crowdHidden" | "percentiles" | "unit"
>;

/**
 * A crux's community forecast in a list: a percentage for a yes/no crux; for a numeric one its
 * median with the unit and its 80% interval ("7.3 weeks (1.8 to 16)").
 */
export function CruxValue({ c }: { c: Summary }) {
  if (c.kind !== "numeric")
    return <Probability p={c.communityProbability} hidden={c.crowdHidden} />;
  if (c.crowdHidden) return <span className="muted">hidden until you forecast</span>;
  if (!c.percentiles) return <span className="muted">no forecasts</span>;
  const unit = c.unit ?? "";
  return (
    <span>
      <strong className="probability">{formatNumericValue(c.percentiles.p50, unit)}</strong>{" "}
      <span className="muted numeric-interval">
        (80%: {rangeWords(c.percentiles.p10, c.percentiles.p90, unit)})
      </span>
    </span>
  );
}

/** The short state of a crux in a list; a resolved numeric crux says its number ("Resolved: 7 weeks"). */
export function cruxShortState(
  c: Pick<DebateCruxSummary, "status" | "outcome" | "kind" | "resolvedValue" | "unit">,
): string | null {
  if (c.kind === "numeric" && c.status === "resolved" && c.resolvedValue !== null)
    return `Resolved: ${formatNumericValue(c.resolvedValue, c.unit ?? "")}`;
  return shortState(c.status as CruxStatus, c.outcome);
}
