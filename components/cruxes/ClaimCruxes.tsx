import Link from "next/link";
import type { DebateCruxState } from "@/lib/types";
import { formatProbability } from "@/server/domain/probability";
import { Change } from "./Probability";
import { CruxValue, cruxShortState } from "./numeric/CruxValue";

const CRUX_MEANS =
  "A crux is a yes/no question whose answer would change someone's mind about the debate. Open it to forecast, bet and see how it resolved.";

/** A crux's badge, explained on hover (title) and to screen readers (hidden text). */
function CruxBadge({ bearing }: { bearing: boolean }) {
  const what = bearing
    ? `Crux for this claim: its answer bears on this claim. ${CRUX_MEANS}`
    : `Crux made from this claim. ${CRUX_MEANS}`;
  return (
    <span className={bearing ? "badge subtle" : "badge"} title={what}>
      <span aria-hidden="true">{bearing ? "Crux for this" : "Crux"}</span>
      <span className="visually-hidden">{what}</span>
    </span>
  );
}

/** Probability and forecaster count, or an invitation when nobody has forecast; the outcome once final. */
function CruxNumbers({ c }: { c: DebateCruxState["cruxes"][number] }) {
  const state = cruxShortState(c);
  const final = c.status === "resolved" || c.status === "annulled";
  if (final) return <strong className={`crux-outcome outcome-${c.outcome}`}>{state}</strong>;
  return (
    <>
      {c.forecasterCount === 0 && !c.crowdHidden ? (
        <span className="muted">No forecasts yet — be the first</span>
      ) : (
        <>
          <CruxValue c={c} /> · {c.forecasterCount} forecasting
        </>
      )}
      {c.evidenceCount > 0 && <> · {c.evidenceCount} evidence</>}
      {state && <> · {state}</>}
    </>
  );
}

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
          <CruxBadge bearing={false} /> <Link href={`/cruxes/${c.id}`}>{c.title}</Link>{" "}
          <span className="nowrap">
            <CruxNumbers c={c} />
          </span>
        </p>
      ))}
      {bearing.map((c) => (
        <p key={c.id} className="crux-inline">
          <CruxBadge bearing /> <Link href={`/cruxes/${c.id}`}>{c.title}</Link>{" "}
          {c.status === "resolved" || c.status === "annulled" ? (
            <CruxNumbers c={c} />
          ) : (
            <CruxValue c={c} />
          )}
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
