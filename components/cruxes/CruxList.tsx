import Link from "next/link";
import type { DebateCruxSummary } from "@/lib/types";
import { RelativeTime } from "@/components/RelativeTime";
import { Probability } from "./Probability";

/** The debate's "Cruxes" view. */
export function CruxList({
  cruxes,
  titleOf,
}: {
  cruxes: DebateCruxSummary[];
  titleOf: (id: number) => string | undefined;
}) {
  if (cruxes.length === 0)
    return <p className="muted">No cruxes yet. Open a claim and choose “Make this a crux”.</p>;
  return (
    <ul className="crux-list">
      {cruxes.map((c) => (
        <li key={c.id} className="crux-card">
          <Link href={`/cruxes/${c.id}`} className="crux-title">
            {c.title}
          </Link>
          {c.conditionCruxId !== null && (
            <p className="muted small">If “{titleOf(c.conditionCruxId)}” resolves YES</p>
          )}
          <p className="small">
            Community: <Probability p={c.communityProbability} hidden={c.crowdHidden} /> ·{" "}
            {c.forecasterCount} forecasting
            {c.myProbability !== null && (
              <>
                {" "}
                · you: <Probability p={c.myProbability} />
              </>
            )}{" "}
            · {c.status} · closes <RelativeTime iso={c.closesAt} />
            {c.claimId !== null && (
              <>
                {" "}
                · <a href={`#claim-${c.claimId}`}>from claim</a>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
