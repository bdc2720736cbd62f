import Link from "next/link";
import type { DebateCruxState } from "@/lib/types";
import { formatProbability } from "@/server/domain/probability";
import { RelativeTime } from "@/components/RelativeTime";
import { Change, Probability } from "./Probability";

/** "State of the debate": open cruxes by disagreement, most-moved claims, recent forecast changes. */
export function CruxStatePanel({
  state,
  claimExcerpt,
}: {
  state: DebateCruxState;
  claimExcerpt: (id: number) => string;
}) {
  const open = state.cruxes.filter((c) => c.status === "open").slice(0, 5);
  return (
    <section className="state-panel" aria-labelledby="state-heading">
      <h2 id="state-heading">State of the debate</h2>
      <div className="state-grid">
        <div>
          <h3>Open cruxes, most disputed first</h3>
          {open.length === 0 ? (
            <p className="muted">
              No open cruxes yet. Turn a claim into one with “Make this a crux”.
            </p>
          ) : (
            <ol className="plain">
              {open.map((c) => (
                <li key={c.id}>
                  <Link href={`/cruxes/${c.id}`}>{c.title}</Link>{" "}
                  <span className="nowrap">
                    <Probability p={c.communityProbability} hidden={c.crowdHidden} /> ·{" "}
                    {c.forecasterCount} forecasting
                    {c.spread !== null && c.forecasterCount > 1 && (
                      <> · spread ±{formatProbability(c.spread).replace("%", " pts")}</>
                    )}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <h3>Claims that moved forecasts</h3>
          {state.moved.length === 0 ? (
            <p className="muted">Nobody has credited a claim for changing their mind yet.</p>
          ) : (
            <ol className="plain">
              {state.moved.slice(0, 4).map((m) => (
                <li key={m.claimId}>
                  <a href={`#claim-${m.claimId}`}>{claimExcerpt(m.claimId)}</a>{" "}
                  <span className="muted nowrap">
                    moved {m.changes.length === 1 ? "1 forecast" : `${m.changes.length} forecasts`}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <h3>Recent forecasts</h3>
          {state.recent.length === 0 ? (
            <p className="muted">No forecasts yet.</p>
          ) : (
            <ol className="plain">
              {state.recent.slice(0, 5).map((r, i) => (
                <li key={`${r.cruxId}-${r.handle}-${r.at}-${i}`}>
                  @{r.handle} on <Link href={`/cruxes/${r.cruxId}`}>{r.cruxTitle}</Link>:{" "}
                  <Change before={r.before} after={r.after} />{" "}
                  <span className="muted">
                    <RelativeTime iso={r.at} />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
