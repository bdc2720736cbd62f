"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { Markdown } from "@/components/Markdown";
import { RelativeTime } from "@/components/RelativeTime";
import { useDebateEvents } from "@/components/live/useDebateEvents";
import { trpc } from "@/lib/trpc";
import type {
  CruxDetails,
  CruxForecasts,
  DoubleCruxItem,
  OfferItem,
  CruxHistory,
  ResolutionState,
  Suggestion,
} from "@/lib/types";
import { LifecycleGuide } from "./LifecycleGuide";
import { LifecycleTimeline } from "./LifecycleTimeline";
import { BetsPanel } from "./BetsPanel";
import { ResolutionPanel } from "./ResolutionPanel";
import { describeCondition } from "@/server/domain/cruxes";
import { isCruxEvent, type DebateEvent } from "@/server/domain/events";
import { formatProbability } from "@/server/domain/probability";
import { CommunityChart } from "./CommunityChart";
import { ForecastForm, type ClaimOption } from "./ForecastForm";
import { ForecastHistogram } from "./ForecastHistogram";
import { LinksPanel } from "./LinksPanel";
import { Probability } from "./Probability";
import { LiveStatus } from "@/components/live/LiveStatus";

interface Props {
  viewer: string | null;
  initialSeq: number;
  initialCrux: CruxDetails;
  initialForecasts: CruxForecasts;
  initialDoubleCruxes: DoubleCruxItem[];
  sourceClaim: { id: number; authorHandle: string; body: string } | null;
  claims: ClaimOption[];
  initialOffers: OfferItem[];
  initialSuggestions: Suggestion[];
  initialResolution: ResolutionState;
  initialHistory: CruxHistory;
}

export function CruxPage(props: Props) {
  const {
    viewer,
    initialSeq,
    initialCrux,
    initialForecasts,
    initialDoubleCruxes,
    sourceClaim,
    claims,
  } = props;
  const [crux, setCrux] = useState(initialCrux);
  const [forecasts, setForecasts] = useState(initialForecasts);
  const [doubles, setDoubles] = useState(initialDoubleCruxes);
  const [offers, setOffers] = useState(props.initialOffers);
  const [suggestions, setSuggestions] = useState(props.initialSuggestions);
  const [resolution, setResolution] = useState(props.initialResolution);
  const [history, setHistory] = useState(props.initialHistory);

  // Refetch this viewer's own view (the server decides what is hidden from them).
  const refresh = useCallback(async () => {
    const [c, f] = await Promise.all([
      trpc.cruxes.get.query({ id: crux.id }),
      trpc.cruxes.forecasts.query({ id: crux.id }),
    ]);
    setCrux(c);
    setForecasts(f);
    const [o, r, h] = await Promise.all([
      trpc.bets.offers.query({ id: crux.id }),
      trpc.resolution.state.query({ id: crux.id }),
      trpc.resolution.history.query({ id: crux.id }),
    ]);
    setOffers(o.offers);
    setResolution(r);
    setHistory(h);
    if (viewer) setSuggestions((await trpc.bets.suggestions.query({ id: crux.id })).suggestions);
    const pairs = await Promise.all(
      f.links.map((l) => trpc.cruxes.doubleCruxesForClaim.query({ id: l.claimId })),
    );
    setDoubles(pairs.flatMap((p) => p.doubleCruxes).filter((d) => d.cruxId === crux.id));
  }, [crux.id, viewer]);
  const onEvents = useCallback(
    (events: DebateEvent[]) => {
      if (events.some(isCruxEvent)) void refresh().catch(() => undefined);
    },
    [refresh],
  );
  const live = useDebateEvents(crux.debateSlug, initialSeq, onEvents);
  const mine = forecasts.mine.at(-1);
  const myCurrent = mine?.probability ?? null;

  return (
    <div className="page crux-page">
      <p className="muted small">
        <Link href={`/debates/${crux.debateSlug}`}>← Back to the debate</Link> ·{" "}
        <LiveStatus status={live.status} />
      </p>
      <header>
        <p className="crux-kicker">
          <span className="badge">Crux</span>{" "}
          <span className={`status status-${crux.status}`}>{crux.status}</span>
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
        <h1>{crux.title}</h1>
      </header>

      <div className="crux-layout">
        <div className="crux-main">
          <section className="crowd" aria-labelledby="crowd-heading">
            <h2 id="crowd-heading" className="visually-hidden">
              Community prediction
            </h2>
            <p className="big-number">
              <Probability p={crux.communityProbability} hidden={crux.crowdHidden} />
            </p>
            <p className="muted">
              community prediction ·{" "}
              {crux.forecasterCount === 1 ? "1 forecaster" : `${crux.forecasterCount} forecasters`}
              {myCurrent !== null && <> · you: {formatProbability(myCurrent)}</>}
            </p>
          </section>

          {viewer ? (
            crux.can.forecast ? (
              <ForecastForm
                cruxId={crux.id}
                current={myCurrent}
                claims={claims}
                onSaved={() => void refresh()}
              />
            ) : (
              <p className="notice">This crux is {crux.status}; it no longer takes forecasts.</p>
            )
          ) : (
            <p>
              <Link href={`/signin?callbackUrl=/cruxes/${crux.id}`}>Sign in</Link> to forecast.
            </p>
          )}

          <BetsPanel
            cruxId={crux.id}
            viewer={viewer}
            canOffer={crux.can.offer}
            canTake={crux.can.take}
            offers={offers}
            suggestions={suggestions}
            onChanged={() => void refresh()}
          />

          <ResolutionPanel crux={crux} state={resolution} onChanged={() => void refresh()} />
          <LifecycleTimeline steps={history.transitions} />
          <LifecycleGuide status={crux.status} />

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

          {!crux.crowdHidden && (
            <section aria-labelledby="who-heading">
              <h2 id="who-heading">Who is where</h2>
              <ForecastHistogram histogram={forecasts.histogram} />
            </section>
          )}

          <LinksPanel
            cruxId={crux.id}
            debateSlug={crux.debateSlug}
            links={forecasts.links}
            judgements={forecasts.myJudgements}
            claims={claims}
            signedIn={viewer !== null}
            onSaved={() => void refresh()}
          />

          <section aria-labelledby="double-heading">
            <h2 id="double-heading">Double cruxes</h2>
            {doubles.length === 0 ? (
              <p className="muted small">
                None yet: a double crux appears when two people who disagree about a linked claim
                (agree/disagree votes) both rate this crux strong and forecast it at least 20 points
                apart.
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
              <dt>Closes</dt>
              <dd>
                <RelativeTime iso={crux.closesAt} />
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
          {!crux.crowdHidden && forecasts.current.length > 0 && (
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
          {forecasts.mine.length > 0 && (
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
