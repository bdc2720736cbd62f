import Link from "next/link";
import type { DebateCruxSummary } from "@/lib/types";
import { RelativeTime } from "@/components/RelativeTime";
import { Probability } from "./Probability";
import { CruxValue, cruxShortState } from "./numeric/CruxValue";
import { intervalWords } from "./numeric/words";

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
      {cruxes.map((c) => {
        const state = cruxShortState(c);
        const final = c.status === "resolved" || c.status === "annulled";
        return (
          <li key={c.id} className="crux-card">
            <Link href={`/cruxes/${c.id}`} className="crux-title">
              {c.title}
            </Link>
            {c.conditionCruxId !== null && (
              <p className="muted small">If “{titleOf(c.conditionCruxId)}” resolves YES</p>
            )}
            <p className="small">
              {final && (
                <>
                  <strong className={`crux-outcome outcome-${c.outcome}`}>{state}</strong> ·{" "}
                </>
              )}
              {c.forecasterCount === 0 && !c.crowdHidden ? (
                <span className="muted">No forecasts yet — be the first</span>
              ) : (
                <>
                  Community: <CruxValue c={c} /> · {c.forecasterCount} forecasting
                </>
              )}
              {c.myPercentiles && <> · you: {intervalWords(c.myPercentiles, c.unit ?? "")}</>}
              {c.myProbability !== null && (
                <>
                  {" "}
                  · you: <Probability p={c.myProbability} />
                </>
              )}
              {final ? null : state ? (
                <> · {state}</>
              ) : (
                <>
                  {" "}
                  · closes <RelativeTime iso={c.closesAt} />
                </>
              )}
              {c.claimId !== null && (
                <>
                  {" "}
                  · <a href={`#claim-${c.claimId}`}>from claim</a>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
