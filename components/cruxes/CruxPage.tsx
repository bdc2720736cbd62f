"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { trpc } from "@/lib/trpc";
import { Markdown } from "@/components/Markdown";
import { RelativeTime } from "@/components/RelativeTime";
import { useDebateEvents } from "@/components/live/useDebateEvents";
import { LifecycleGuide } from "./LifecycleGuide";
import { LifecycleTimeline } from "./LifecycleTimeline";
import { BetsPanel } from "./BetsPanel";
import { ResolutionPanel } from "./ResolutionPanel";
import { describeCondition } from "@/server/domain/cruxes";
import { cruxPartsAffected, type DebateEvent } from "@/server/domain/events";
import { formatProbability } from "@/server/domain/probability";
import { CommunityChart } from "./CommunityChart";
import { ForecastForm, type ClaimOption } from "./ForecastForm";
import { ForecastHistogram } from "./ForecastHistogram";
import { LinksPanel } from "./LinksPanel";
import { Probability } from "./Probability";
import { LiveStatus } from "@/components/live/LiveStatus";
import { CruxHeadline } from "./CruxHeadline";
import { PositionBox } from "./PositionBox";
import { useCruxData, useInvalidateCrux } from "./useCruxData";
import { NumericCrowd } from "./numeric/NumericCrowd";
import { NumericForecastForm } from "./numeric/NumericForecastForm";
import { RangeDisagreements } from "./numeric/RangeDisagreements";
import {
  numericPageData,
  offerThresholdBet,
  saveNumericForecast,
  useThresholdSuggestions,
} from "./numeric/numericData";
import { intervalWords } from "./numeric/words";

interface Props {
  viewer: string | null;
  cruxId: number;
  initialSeq: number;
  sourceClaim: { id: number; authorHandle: string; body: string } | null;
  claims: ClaimOption[];
  /** The numeric crux a threshold crux was derived from. */
  parent: { id: number; title: string } | null;
}

const CRUX_MEANS =
  "A crux is a yes/no question whose answer would change someone's mind about the debate: forecast it, bet on it, and see who was right once it resolves.";

export function CruxPage(props: Props) {
  const { viewer, cruxId, initialSeq, sourceClaim, claims, parent } = props;
  const data = useCruxData(cruxId, viewer !== null);
  const {
    details: crux,
    forecasts,
    doubles,
    offers,
    suggestions,
    resolution,
    history,
    position,
  } = data;
  const invalidate = useInvalidateCrux(cruxId);
  // Refetch only the parts an event changes, as this viewer sees them (the server decides what is
  // hidden from them); other cruxes' events change nothing here.
  const conditionCruxId = crux.conditionCruxId;
  const onEvents = useCallback(
    (events: DebateEvent[]) => {
      const about = { id: cruxId, conditionCruxId };
      const parts = new Set(events.flatMap((e) => cruxPartsAffected(e, about)));
      if (parts.size > 0) invalidate([...parts]);
    },
    [invalidate, cruxId, conditionCruxId],
  );
  // After the viewer's own action, everything of this crux may have moved.
  const refresh = () => invalidate();
  const [numericConfirmation, setNumericConfirmation] = useState<string | null>(null);
  const live = useDebateEvents(crux.debateSlug, initialSeq, onEvents);
  const mine = forecasts.mine.at(-1);
  const myCurrent = mine?.probability ?? null;
  const final = crux.status === "resolved" || crux.status === "annulled";
  // Once a resolution is under way its history is the news: it goes right under the headline.
  const historyFirst = final || crux.status === "resolving" || crux.status === "disputed";
  // A proposal closes a crux early: it closed when it first left "open", not at its close time.
  const numeric = numericPageData(crux);
  const showDisagreements =
    numeric !== null && viewer !== null && numeric.mine !== null && !crux.crowdHidden;
  const disagreements = useThresholdSuggestions(cruxId, showDisagreements);
  const closedAt =
    crux.status === "open"
      ? crux.closesAt
      : (history.transitions.find((t) => t.from === "open")?.at ?? crux.closesAt);

  return (
    <div className="page crux-page">
      <p className="muted small">
        <Link href={`/debates/${crux.debateSlug}`}>← Back to the debate</Link> ·{" "}
        <LiveStatus status={live.status} />
      </p>
      <header>
        <p className="crux-kicker">
          <span className="badge" title={CRUX_MEANS}>
            Crux
          </span>
          <span className="visually-hidden">: {CRUX_MEANS}</span>
        </p>
        {crux.conditionCruxId !== null && crux.conditionTitle && (
          <p className="condition">
            {crux.annulledByCondition ? (
              <>
                Condition not met:{" "}
                <Link href={`/cruxes/${crux.conditionCruxId}`}>“{crux.conditionTitle}”</Link> did
                not resolve YES, so this question was void.
              </>
            ) : (
              <>
                <Link href={`/cruxes/${crux.conditionCruxId}`}>
                  {describeCondition(crux.conditionTitle)}
                </Link>
                , then:
              </>
            )}
          </p>
        )}
        {parent && (
          <p className="derived-from">
            Derived from <Link href={`/cruxes/${parent.id}`}>“{parent.title}”</Link>: resolves
            automatically when it resolves.
          </p>
        )}
        <h1>{crux.title}</h1>
        <CruxHeadline crux={crux} resolution={resolution} history={history} />
      </header>

      <div className="crux-layout">
        <div className="crux-main">
          {historyFirst && (
            <LifecycleTimeline steps={history.transitions} unit={numeric?.unit ?? null} />
          )}

          {numeric ? (
            <NumericCrowd
              range={numeric.range}
              unit={numeric.unit}
              final={final}
              crowdHidden={crux.crowdHidden}
              canForecast={crux.can.forecast}
              forecasterCount={crux.forecasterCount}
              community={numeric.community}
              mine={numeric.mine}
              forecasters={numeric.forecasters}
              viewer={viewer}
              form={
                viewer && crux.can.forecast ? (
                  <NumericForecastForm
                    key={JSON.stringify(numeric.myLastInput)}
                    range={numeric.range}
                    unit={numeric.unit}
                    lastInput={numeric.myLastInput}
                    community={crux.crowdHidden ? null : (numeric.community?.cdf ?? null)}
                    save={(input) => saveNumericForecast(crux.id, input)}
                    withdraw={async () => {
                      await trpc.cruxes.withdraw.mutate({ id: crux.id });
                    }}
                    onSaved={refresh}
                    confirmation={numericConfirmation}
                    onConfirmation={setNumericConfirmation}
                  />
                ) : undefined
              }
            />
          ) : (
            <section
              className={final ? "crowd crowd-final" : "crowd"}
              aria-labelledby="crowd-heading"
            >
              <h2 id="crowd-heading" className={final ? undefined : "visually-hidden"}>
                {final ? "Final community prediction" : "Community prediction"}
              </h2>
              <p className="big-number">
                {crux.forecasterCount === 0 && !crux.crowdHidden ? (
                  <span className="muted">No forecasts yet</span>
                ) : (
                  <Probability p={crux.communityProbability} hidden={crux.crowdHidden} />
                )}
              </p>
              <p className="muted">
                {crux.forecasterCount === 0 ? (
                  crux.can.forecast ? (
                    "Be the first to forecast."
                  ) : (
                    "Nobody forecast this crux."
                  )
                ) : (
                  <>
                    {!final && "community prediction · "}
                    {crux.forecasterCount === 1
                      ? "1 forecaster"
                      : `${crux.forecasterCount} forecasters`}
                  </>
                )}
                {myCurrent !== null && <> · you: {formatProbability(myCurrent)}</>}
              </p>
            </section>
          )}

          {viewer ? (
            crux.can.forecast ? (
              numeric ? null : (
                <ForecastForm
                  cruxId={crux.id}
                  current={myCurrent}
                  claims={claims}
                  onSaved={refresh}
                />
              )
            ) : (
              !final && (
                <p className="notice">
                  This crux no longer takes forecasts ({crux.status}); the forecasts above are
                  final.
                </p>
              )
            )
          ) : (
            <p>
              <Link href={`/signin?callbackUrl=/cruxes/${crux.id}`}>Sign in</Link> to forecast and
              bet.
            </p>
          )}

          {numeric && showDisagreements && (
            <RangeDisagreements
              unit={numeric.unit}
              items={disagreements}
              offer={(item, stake, key) => offerThresholdBet(crux.id, item, stake, key)}
              onChanged={refresh}
            />
          )}

          {!numeric && position && <PositionBox position={position} />}

          {!numeric && (
            <section aria-labelledby="chart-heading">
              <h2 id="chart-heading">Over time</h2>
              {crux.crowdHidden ? (
                <p className="muted">
                  The crowd is hidden until you forecast, so early forecasts stay independent.
                </p>
              ) : (
                <CommunityChart community={forecasts.community} mine={forecasts.mine} />
              )}
            </section>
          )}

          {!numeric && !crux.crowdHidden && forecasts.current.length > 0 && (
            <section aria-labelledby="who-heading">
              <h2 id="who-heading">Who is where</h2>
              <ForecastHistogram histogram={forecasts.histogram} />
            </section>
          )}

          {!numeric && (
            <BetsPanel
              cruxId={crux.id}
              viewer={viewer}
              canOffer={crux.can.offer}
              canTake={crux.can.take}
              offers={offers}
              suggestions={suggestions}
              onChanged={refresh}
            />
          )}

          <ResolutionPanel crux={crux} state={resolution} onChanged={refresh} />
          {!historyFirst && (
            <LifecycleTimeline steps={history.transitions} unit={numeric?.unit ?? null} />
          )}
          <LifecycleGuide status={crux.status} />

          {!numeric && (
            <LinksPanel
              cruxId={crux.id}
              debateSlug={crux.debateSlug}
              links={forecasts.links}
              judgements={forecasts.myJudgements}
              claims={claims}
              signedIn={viewer !== null}
              onSaved={refresh}
            />
          )}

          {!numeric && (
            <section aria-labelledby="double-heading">
              <h2 id="double-heading">Double cruxes</h2>
              {doubles.length === 0 ? (
                <p className="muted small">
                  None yet: a double crux appears when two people who disagree about a linked claim
                  (agree/disagree votes) both rate this crux strong and forecast it at least 20
                  points apart.
                </p>
              ) : (
                <ul className="plain">
                  {doubles.map((d, i) => (
                    <li key={i}>
                      <Link href={`/users/${d.agrees}`}>@{d.agrees}</Link> agrees and{" "}
                      <Link href={`/users/${d.disagrees}`}>@{d.disagrees}</Link> disagrees with “
                      {d.claimExcerpt}”. They forecast {formatProbability(d.forecastAgrees)} vs{" "}
                      {formatProbability(d.forecastDisagrees)} here, and both say the answer moves
                      them ({formatProbability(d.strengthAgrees)} and{" "}
                      {formatProbability(d.strengthDisagrees)} points).
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </div>

        <aside className="crux-side">
          <section aria-labelledby="criteria-heading">
            <h2 id="criteria-heading">Resolution criteria</h2>
            <Markdown source={crux.resolutionCriteria} />
            {crux.finePrint && (
              <>
                <h3>Fine print</h3>
                <Markdown source={crux.finePrint} />
              </>
            )}
            <dl className="facts">
              <dt>{crux.status === "open" ? "Closes" : "Closed"}</dt>
              <dd>
                <RelativeTime iso={closedAt} />
              </dd>
              <dt>Resolver</dt>
              <dd>
                <Link href={`/users/${crux.resolverHandle}`}>@{crux.resolverHandle}</Link>
                {crux.arbiterHandle ? " (arbiter)" : " (creator)"}
              </dd>
              <dt>Made by</dt>
              <dd>
                <Link href={`/users/${crux.creatorHandle}`}>@{crux.creatorHandle}</Link>,{" "}
                <RelativeTime iso={crux.createdAt} />
              </dd>
            </dl>
          </section>
          {sourceClaim && (
            <section aria-labelledby="source-heading">
              <h2 id="source-heading">From the claim</h2>
              <blockquote className="quote">
                <Markdown
                  source={
                    sourceClaim.body.length > 400
                      ? `${sourceClaim.body.slice(0, 400)}…`
                      : sourceClaim.body
                  }
                />
              </blockquote>
              <p className="small">
                by @{sourceClaim.authorHandle} ·{" "}
                <Link href={`/debates/${crux.debateSlug}#claim-${sourceClaim.id}`}>
                  see it in the thread
                </Link>
              </p>
            </section>
          )}
          {!numeric && !crux.crowdHidden && forecasts.current.length > 0 && (
            <section aria-labelledby="forecasts-heading">
              <h2 id="forecasts-heading">Current forecasts</h2>
              <table className="forecast-table">
                <thead>
                  <tr>
                    <th scope="col">Who</th>
                    <th scope="col">P(YES)</th>
                    <th scope="col">Since</th>
                  </tr>
                </thead>
                <tbody>
                  {forecasts.current.map((f) => (
                    <tr key={f.handle}>
                      <td>
                        <Link href={`/users/${f.handle}`}>@{f.handle}</Link>
                      </td>
                      <td>{formatProbability(f.probability)}</td>
                      <td>
                        <RelativeTime iso={f.at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {numeric && numeric.myHistory.length > 0 && (
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">Your history</h2>
              <ol className="plain small">
                {numeric.myHistory.map((m, i) => (
                  <li key={i}>
                    <RelativeTime iso={m.at} />:{" "}
                    {m.percentiles === null
                      ? "withdrew"
                      : intervalWords(m.percentiles, numeric.unit)}
                  </li>
                ))}
              </ol>
            </section>
          )}
          {!numeric && forecasts.mine.length > 0 && (
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">Your history</h2>
              <ol className="plain small">
                {forecasts.mine.map((m, i) => (
                  <li key={i}>
                    <RelativeTime iso={m.at} />:{" "}
                    {m.probability === null ? "withdrew" : formatProbability(m.probability)}
                    {m.previousProbability !== null && m.probability !== null && (
                      <> (was {formatProbability(m.previousProbability)})</>
                    )}
                    {m.movedByClaimId !== null && (
                      <>
                        {" "}
                        · moved by{" "}
                        <Link href={`/debates/${crux.debateSlug}#claim-${m.movedByClaimId}`}>
                          a claim
                        </Link>
                      </>
                    )}
                    {m.reasoningClaimId !== null && (
                      <>
                        {" "}
                        ·{" "}
                        <Link href={`/debates/${crux.debateSlug}#claim-${m.reasoningClaimId}`}>
                          your reasoning
                        </Link>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
