"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import type { DebateCruxState } from "@/lib/types";
import { formatProbability } from "@/server/domain/probability";
import { excerpt } from "@/server/domain/thread";
import { RelativeTime } from "@/components/RelativeTime";
import { Change } from "./Probability";
import { CruxValue } from "./numeric/CruxValue";
import { readStatePanelCollapsed, saveStatePanelCollapsed } from "./statePanelPreference";

/** How many items each list shows: the panel stays a glance, the Cruxes tab has the rest. */
const SHOWN = 3;
/** Where the panel starts collapsed when the reader has not chosen (matches the CSS). */
const PHONE_QUERY = "(max-width: 600px)";

/**
 * "State of the debate": open cruxes by disagreement, most-moved claims, recent forecast changes.
 * Collapsible to one line; the choice is remembered (statePanelPreference.ts).
 */
export function CruxStatePanel({
  state,
  claimExcerpt,
  initiallyCollapsed = null,
  onShowAllCruxes,
  mapHref,
  children,
}: {
  /** One more list for the grid (the debate page adds the most-marked passages). */
  children?: ReactNode;
  state: DebateCruxState;
  /** The debate's crux map, linked from the widest gap between camps. */
  mapHref: string;
  claimExcerpt: (id: number) => string;
  /**
   * The reader's choice as the server saw it (a cookie), so hydration does not move the page;
   * null: no choice yet, so collapsed on a phone (CSS hides it before hydration) and open elsewhere.
   */
  initiallyCollapsed?: boolean | null;
  onShowAllCruxes?: () => void;
}) {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed ?? false);
  const [auto, setAuto] = useState(initiallyCollapsed === null);
  useEffect(() => {
    // localStorage is the reader's choice; the cookie only lets the server guess it.
    const saved = readStatePanelCollapsed();
    const phone = window.matchMedia(PHONE_QUERY).matches;
    const wanted = saved ?? initiallyCollapsed ?? phone;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCollapsed(wanted);
    setAuto(false);
  }, [initiallyCollapsed]);
  const toggle = () => {
    saveStatePanelCollapsed(!collapsed);
    setCollapsed(!collapsed);
    setAuto(false);
  };

  const allOpen = state.cruxes.filter((c) => c.status === "open");
  // A numeric crux's forecasts are ranges, not before -> after percentages.
  const numericIds = new Set(state.cruxes.filter((c) => c.kind === "numeric").map((c) => c.id));
  const open = allOpen.slice(0, SHOWN);
  const top = open[0];
  return (
    <section
      className={`state-panel${collapsed ? " collapsed" : ""}${auto ? " auto" : ""}`}
      aria-labelledby="state-heading"
    >
      <div className="state-head">
        <h2 id="state-heading">State of the debate</h2>
        {(collapsed || auto) && (
          <p className="state-summary muted">
            {allOpen.length === 1 ? "1 open crux" : `${allOpen.length} open cruxes`}
            {top && (
              <>
                {" "}
                · most disputed: {top.title} <CruxValue c={top} />
              </>
            )}
          </p>
        )}
        <button
          type="button"
          className="secondary small state-toggle"
          aria-expanded={!collapsed}
          aria-controls="state-body"
          onClick={toggle}
        >
          {collapsed ? "Show" : "Hide"}
          <span className="visually-hidden"> state of the debate</span>
        </button>
      </div>
      <div className="state-grid" id="state-body" hidden={collapsed}>
        <div>
          <h3>Most disputed open cruxes</h3>
          {open.length === 0 ? (
            <p className="muted">
              No open cruxes yet. Turn a claim into one with “Make this a crux”.
            </p>
          ) : (
            <ol className="plain">
              {open.map((c) => (
                <li key={c.id}>
                  <Link href={`/cruxes/${c.id}`} className="clamp-2" title={c.title}>
                    {c.title}
                  </Link>
                  <span className="nowrap">
                    <CruxValue c={c} /> · {c.forecasterCount} forecasting
                    {c.spread !== null && c.forecasterCount > 1 && (
                      <> · spread ±{formatProbability(c.spread).replace("%", " pts")}</>
                    )}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {allOpen.length > SHOWN && onShowAllCruxes && (
            <button type="button" className="link-button" onClick={onShowAllCruxes}>
              All {allOpen.length} open cruxes
            </button>
          )}
        </div>
        <div>
          <h3>Claims that moved forecasts</h3>
          {state.moved.length === 0 ? (
            <p className="muted">Nobody has credited a claim for changing their mind yet.</p>
          ) : (
            <ol className="plain">
              {state.moved.slice(0, SHOWN).map((m) => (
                <li key={m.claimId}>
                  <a href={`#claim-${m.claimId}`} className="clamp-2">
                    {claimExcerpt(m.claimId)}
                  </a>
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
              {state.recent.slice(0, SHOWN).map((r, i) => (
                <li key={`${r.cruxId}-${r.handle}-${r.at}-${i}`}>
                  <span className="nowrap">
                    @{r.handle}:{" "}
                    {numericIds.has(r.cruxId) ? (
                      "new range"
                    ) : (
                      <Change before={r.before} after={r.after} />
                    )}{" "}
                    <span className="muted">
                      <RelativeTime iso={r.at} />
                    </span>
                  </span>{" "}
                  <span className="clamp-1">
                    on{" "}
                    <Link href={`/cruxes/${r.cruxId}`} title={r.cruxTitle}>
                      {r.cruxTitle}
                    </Link>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        {children}
      </div>
      {state.widestGap && <WidestGapLine gap={state.widestGap} mapHref={mapHref} />}
    </section>
  );
}

/** Where the claim's agree and disagree voters are furthest apart on a crux, linking the map. */
function WidestGapLine({
  gap,
  mapHref,
}: {
  gap: NonNullable<DebateCruxState["widestGap"]>;
  mapHref: string;
}) {
  return (
    <p className="widest-gap small">
      <strong>Where the camps split most:</strong> those who agree with{" "}
      <a href={`#claim-${gap.claimId}`} title={gap.claimLabel}>
        “{excerpt(gap.claimLabel, 60)}”
      </a>{" "}
      put <Link href={`/cruxes/${gap.cruxId}`}>{gap.cruxTitle}</Link> at{" "}
      {formatProbability(gap.agreeMedian)}, those who disagree at{" "}
      {formatProbability(gap.disagreeMedian)}.{" "}
      {/* A plain link, like the header's: in long e2e runs the client router fetched the map
          but never committed the navigation (see the closing note). */}
      <a href={mapHref}>See it on the crux map</a>
    </p>
  );
}
