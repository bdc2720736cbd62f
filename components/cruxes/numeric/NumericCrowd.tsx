import type { ReactNode } from "react";
import { formatNumericValue, type Cdf, type NumericRange } from "@/server/domain/numeric";
import { DensityChart, type DensitySeries } from "./DensityChart";
import { WhoIsWhere, type ForecasterInterval } from "./WhoIsWhere";
import { bare, intervalWords, rangeWords, type Percentiles } from "./words";

interface Props {
  range: NumericRange;
  unit: string;
  final: boolean;
  crowdHidden: boolean;
  canForecast: boolean;
  forecasterCount: number;
  community: { cdf: Cdf; percentiles: Percentiles } | null;
  mine: { cdf: Cdf; percentiles: Percentiles } | null;
  forecasters: ForecasterInterval[];
  viewer: string | null;
  /** The viewer's forecast form, right under the headline; its chart then stands for this one. */
  form?: ReactNode;
}

const HIDDEN = "The crowd is hidden until you forecast, so early forecasts stay independent.";

/**
 * The crowd on a numeric crux: the community median and 80% interval in words (where a yes/no
 * crux shows its percentage), the community density with the viewer's own over it, and who is where.
 */
export function NumericCrowd(props: Props) {
  const { range, unit, final, crowdHidden, community, mine, forecasters, viewer } = props;
  const series: DensitySeries[] = [];
  if (community && !crowdHidden)
    series.push({ name: "Community", cdf: community.cdf, role: "community" });
  if (mine) series.push({ name: "You", cdf: mine.cdf, role: "mine" });
  const count =
    props.forecasterCount === 1 ? "1 forecaster" : `${props.forecasterCount} forecasters`;
  return (
    <>
      <section className={final ? "crowd crowd-final" : "crowd"} aria-labelledby="crowd-heading">
        <h2 id="crowd-heading" className={final ? undefined : "visually-hidden"}>
          {final ? "Final community prediction" : "Community prediction"}
        </h2>
        <p className="numeric-headline">
          {crowdHidden ? (
            <span className="muted">hidden until you forecast</span>
          ) : community ? (
            <>
              <strong>{formatNumericValue(community.percentiles.p50, unit)}</strong>{" "}
              <span className="muted">most likely (median)</span>
            </>
          ) : (
            <span className="muted">No forecasts yet</span>
          )}
        </p>
        <p className="muted">
          {community && !crowdHidden && (
            <>
              80% likely {rangeWords(community.percentiles.p10, community.percentiles.p90, unit)}{" "}
              ·{" "}
            </>
          )}
          {props.forecasterCount === 0
            ? props.canForecast
              ? "Be the first to forecast."
              : "Nobody forecast this crux."
            : `${final ? "" : "community prediction · "}${count}`}
          {mine && <> · you: {intervalWords(mine.percentiles, unit)}</>}
        </p>
      </section>

      {props.form}

      {!props.form && (
        <section aria-labelledby="distribution-heading">
          <h2 id="distribution-heading">Distribution</h2>
          {crowdHidden && <p className="muted">{HIDDEN}</p>}
          {series.length > 0 ? (
            <DensityChart
              range={range}
              unit={unit}
              series={series}
              caption={
                (community && !crowdHidden
                  ? `The community's distribution: ${intervalWords(community.percentiles, unit)}`
                  : "") +
                (mine
                  ? `${community && !crowdHidden ? "; yours" : "Yours"}: ${intervalWords(mine.percentiles, unit)}`
                  : "") +
                `. Range ${bare(range.min)}${range.openLower ? " (or less)" : ""} to ${formatNumericValue(range.max, unit)}${range.openUpper ? " (or more)" : ""}${range.scale === "log" ? ", log scale" : ""}.`
              }
            />
          ) : (
            !crowdHidden && <p className="muted">No forecasts to chart yet.</p>
          )}
        </section>
      )}

      {crowdHidden && props.form && <p className="muted">{HIDDEN}</p>}

      {!crowdHidden && forecasters.length > 0 && (
        <section aria-labelledby="who-heading">
          <h2 id="who-heading">Who is where</h2>
          <WhoIsWhere range={range} unit={unit} forecasters={forecasters} viewer={viewer} />
        </section>
      )}
    </>
  );
}
