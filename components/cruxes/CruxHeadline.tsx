import { RelativeTime } from "@/components/RelativeTime";
import type { CruxDetails, CruxHistory, ResolutionState } from "@/lib/types";
import { cruxHeadline } from "@/server/domain/cruxHeadline";
import { formatNumericValue } from "@/server/domain/numeric";

/**
 * The top of a crux page: a final crux leads with its outcome, who settled it and when (as on
 * Metaculus); any other state says where it stands in words. A live region, so a resolution
 * arriving live is announced.
 */
export function CruxHeadline({
  crux,
  resolution,
  history,
}: {
  crux: CruxDetails;
  resolution: ResolutionState;
  history: CruxHistory;
}) {
  const h = cruxHeadline({
    status: crux.status,
    outcome: crux.outcome,
    decidedOutcome: crux.decidedOutcome,
    annulledByCondition: crux.annulledByCondition,
    resolverHandle: crux.resolverHandle,
    disputesDecidedByAdmin: crux.disputesDecidedByAdmin,
    closesAt: crux.closesAt,
    proposal: resolution.proposal,
    unit: crux.numeric?.unit ?? null,
    disputes: resolution.disputes,
    steps: history.transitions,
  });
  const final = h.kind === "final";
  // A numeric crux leads with its number: "Resolved: 7 weeks".
  const value = crux.kind === "numeric" ? crux.resolvedValue : null;
  const outcomeWords =
    h.kind !== "final"
      ? null
      : h.outcome === "ANNULLED"
        ? "Annulled"
        : value !== null
          ? `Resolved: ${formatNumericValue(value, crux.numeric?.unit ?? "")}`
          : `Resolved ${h.outcome}`;
  // One status element in both cases, so a resolution arriving live changes its text (announced)
  // rather than replacing it; the ticking relative times stay outside it.
  return (
    <div
      className={
        final
          ? `outcome-banner outcome-${h.outcome.toLowerCase()}`
          : `crux-state state-${crux.status}`
      }
    >
      <p className={final ? "big-outcome" : "crux-state-words"} role="status">
        {final ? outcomeWords : h.state}
      </p>
      {final ? (
        <>
          <p className="small">
            {h.by && capitalize(h.by)}
            {h.at && (
              <>
                {h.by && " · "}
                <RelativeTime iso={h.at} />
              </>
            )}
          </p>
          {h.note && <blockquote className="quote small">{h.note}</blockquote>}
        </>
      ) : (
        h.deadline && (
          <p className="small">
            {h.deadline.label} <RelativeTime iso={h.deadline.at} />
          </p>
        )
      )}
    </div>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
