import Link from "next/link";
import type { DebateCruxState } from "@/lib/types";
import { formatProbability } from "@/server/domain/probability";
import { Change, Probability } from "./Probability";

/** What a claim shows of cruxes: cruxes made from it, cruxes bearing on it, forecasts it moved, double cruxes. */
export function ClaimCruxes({ claimId, state }: { claimId: number; state: DebateCruxState }) {
  const byId = new Map(state.cruxes.map((c) => [c.id, c]));
  const own = state.cruxes.filter((c) => c.claimId === claimId);
  const bearing = state.links
    .filter((l) => l.claimId === claimId && byId.get(l.cruxId)?.claimId !== claimId)
    .map((l) => byId.get(l.cruxId))
    .filter((c) => c !== undefined);
  const moved = state.moved.find((m) => m.claimId === claimId);
  const doubles = state.doubleCruxes.filter((d) => d.claimId === claimId);
  if (own.length + bearing.length === 0 && !moved && doubles.length === 0) return null;
  return (
    <div className="claim-cruxes">
      {own.map((c) => (
        <p key={c.id} className="crux-inline">
          <span className="badge">Crux</span> <Link href={`/cruxes/${c.id}`}>{c.title}</Link>{" "}
          <span className="nowrap">
            <Probability p={c.communityProbability} hidden={c.crowdHidden} /> · {c.forecasterCount}{" "}
            forecasting
            {c.evidenceCount > 0 && <> · {c.evidenceCount} evidence</>}
            {c.status !== "open" && <> · {c.status}</>}
          </span>
        </p>
      ))}
      {bearing.map((c) => (
        <p key={c.id} className="crux-inline">
          <span className="badge subtle">Crux for this</span>{" "}
          <Link href={`/cruxes/${c.id}`}>{c.title}</Link>{" "}
          <Probability p={c.communityProbability} hidden={c.crowdHidden} />
        </p>
      ))}
      {moved && (
        <details className="moved">
          <summary>
            Moved {moved.changes.length === 1 ? "1 forecast" : `${moved.changes.length} forecasts`}
          </summary>
          <ul className="plain">
            {moved.changes.map((m, i) => (
              <li key={i}>
                @{m.handle} on <Link href={`/cruxes/${m.cruxId}`}>{m.cruxTitle}</Link>:{" "}
                <Change before={m.before} after={m.after} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {doubles.length > 0 && (
        <details className="moved">
          <summary>
            {doubles.length === 1 ? "1 double crux" : `${doubles.length} double cruxes`} on this
            claim
          </summary>
          <ul className="plain">
            {doubles.map((d, i) => (
              <li key={i}>
                @{d.agrees} (agrees, {formatProbability(d.forecastAgrees)}) and @{d.disagrees}{" "}
                (disagrees, {formatProbability(d.forecastDisagrees)}) disagree on{" "}
                <Link href={`/cruxes/${d.cruxId}`}>{d.cruxTitle}</Link>, which both say would change
                their mind.
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
