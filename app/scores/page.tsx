/**
 * What every score means, for someone arriving from Metaculus or Fatebook. Every number in a
 * worked example is computed here by the same pure functions that score real cruxes, so this page
 * cannot disagree with the code.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { communityPrediction } from "@/server/domain/aggregation";
import { matchFill, settleFill, type Outcome } from "@/server/domain/bets";
import { calibrationBucketOf, calibrationBuckets } from "@/server/domain/calibration";
import { formatScore, formatShare, formatSigned } from "@/server/domain/format";
import { formatProbability } from "@/server/domain/probability";
import {
  baselineScore,
  brierScore,
  logScore,
  peerScores,
  timeAveragedBaselineScore,
  windowCoverage,
  type HistoryPoint,
} from "@/server/domain/scoring";

export const metadata = { title: "How scores work" };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TOPICS = [
  ["brier", "Brier score"],
  ["log", "Log score"],
  ["baseline", "Baseline score"],
  ["time-averaging", "Time-averaging"],
  ["coverage", "Coverage (“held for”)"],
  ["peer", "Peer score"],
  ["community", "Community prediction"],
  ["calibration", "Calibration"],
  ["profit", "Betting profit"],
  ["display", "How numbers are shown"],
] as const;

function Topic({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="score-topic">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A small table of a worked example; `rows` are already formatted by the real functions. */
function Example({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ReactNode[])[];
}) {
  return (
    <table className="forecast-table score-example">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, i) => (
          <tr key={i}>
            {cells.map((c, j) =>
              j === 0 ? (
                <th scope="row" key={j}>
                  {c}
                </th>
              ) : (
                <td key={j}>{c}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const yesNo = (outcome: boolean) => (outcome ? "YES" : "NO");

function SingleForecastScores() {
  const cases: [number, boolean][] = [
    [0.8, true],
    [0.8, false],
    [0.5, true],
    [0.999, true],
    [0.999, false],
  ];
  const said = (p: number, o: boolean) => `${formatProbability(p)}, resolved ${yesNo(o)}`;
  return (
    <>
      <Topic id="brier" title="Brier score">
        <p>
          <strong>(p − o)²</strong>, where p is your final forecast of YES and o is 1 if it resolved
          YES, 0 if NO. Lower is better: 0 is perfect, 0.25 is what always saying 50% earns, 1 is
          certain and wrong. It is the score Fatebook shows. Your page shows the average over your
          resolved cruxes, each scored on your <em>last</em> forecast before the close.
        </p>
        <p>
          Worked example: you said 80% and it resolved YES: (0.8 − 1)² ={" "}
          <strong>{formatScore(brierScore(0.8, true), 3)}</strong>. Had it resolved NO: (0.8 − 0)² ={" "}
          <strong>{formatScore(brierScore(0.8, false), 3)}</strong>.
        </p>
      </Topic>
      <Topic id="log" title="Log score">
        <p>
          <strong>ln q</strong>, where q is the probability you gave to what actually happened (p on
          a YES, 1 − p on a NO). It is never above 0 and falls fast for confident misses, which is
          why the scores below are built on it. It is stored with every score and returned by the
          API.
        </p>
        <p>
          Worked example: 80% on a YES is ln 0.8 ={" "}
          <strong>{formatScore(logScore(0.8, true), 3)}</strong>; 99.9% on something that resolved
          NO is ln 0.001 = <strong>{formatScore(logScore(0.999, false), 3)}</strong>.
        </p>
      </Topic>
      <Topic id="baseline" title="Baseline score">
        <p>
          <strong>100 · log₂(2q)</strong>: the log score rescaled so that 50% scores 0 and being
          certain and right scores 100, the same as Metaculus&apos; baseline score for yes/no
          questions. Above 0 means you did better than a coin; a confident miss costs far more than
          a confident hit gains.
        </p>
        <Example
          caption="Worked example: one forecast, scored three ways"
          head={["Forecast of YES", "Brier", "Log", "Baseline"]}
          rows={cases.map(([p, o]) => [
            said(p, o),
            formatScore(brierScore(p, o), 3),
            formatScore(logScore(p, o), 3),
            formatScore(baselineScore(p, o), 1),
          ])}
        />
      </Topic>
    </>
  );
}

function TimeAveraging() {
  const window = { openAt: 0, scheduledCloseAt: 10 * DAY, closedAt: 10 * DAY };
  const history: HistoryPoint[] = [
    { at: 0, p: 0.6 },
    { at: 5 * DAY, p: 0.9 },
  ];
  const averaged = timeAveragedBaselineScore(history, window, true);
  return (
    <Topic id="time-averaging" title="Time-averaging">
      <p>
        A crux is scored over its <strong>window</strong>: from when it opened to when it was
        scheduled to close. Baseline and peer scores are averaged over that window, as on Metaculus:
        each of your forecasts counts from the moment you made it until your next one, your
        withdrawal, or the close. Updating early and often pays; one forecast at the last minute
        counts for little.
      </p>
      <Example
        caption="Worked example: a 10-day crux that resolves YES"
        head={["Forecast", "Stood for", "Baseline while standing"]}
        rows={[
          [formatProbability(0.6), "days 0–5 (half)", formatScore(baselineScore(0.6, true), 1)],
          [formatProbability(0.9), "days 5–10 (half)", formatScore(baselineScore(0.9, true), 1)],
          ["Time-averaged baseline", "the whole window", formatScore(averaged.score, 1)],
        ]}
      />
      <p className="small muted">
        Brier and log scores are not time-averaged: they use your final forecast.
      </p>
    </Topic>
  );
}

function Coverage() {
  // A 3-day crux resolved after 2 days: the last day of its window counts as time nobody held.
  const window = { openAt: 0, scheduledCloseAt: 3 * DAY, closedAt: 2 * DAY };
  const people: [string, string, number][] = [
    ["Ana", "at the open", 0],
    ["Ben", "an hour before it resolved", 2 * DAY - HOUR],
    ["Cara", "five minutes before it resolved", 2 * DAY - 5 * 60_000],
  ];
  return (
    <Topic id="coverage" title="Coverage (“held for”)">
      <p>
        <strong>Coverage</strong> is the share of the window during which you held a forecast. It is
        shown beside your time-averaged scores as &ldquo;held for 12% of the window&rdquo;. With a
        single forecast, your time-averaged baseline score is exactly your coverage times what that
        forecast would have earned standing all along, so a score near 0 next to a tiny coverage is
        not a bug: it says the forecast counted for very little time.
      </p>
      <p>
        When a crux resolves before its scheduled close, the rest of the window counts as time
        nobody held a forecast. So a crux that resolved early weighs less, and nobody can collect a
        full score by forecasting once the answer is already clear.
      </p>
      <Example
        caption="Worked example: everyone says 90% on a 3-day crux that resolves YES after 2 days"
        head={["Who forecast", "Held for", "Time-averaged baseline"]}
        rows={people.map(([who, when, at]) => {
          const history = [{ at, p: 0.9 }];
          return [
            `${who}, ${when}`,
            `${formatShare(windowCoverage(history, window))} of the window`,
            formatScore(timeAveragedBaselineScore(history, window, true).score, 1),
          ];
        })}
      />
      <p className="small muted">
        The leaderboard&apos;s &ldquo;avg held&rdquo; is a simple mean of coverage over the cruxes
        someone was scored on: each crux counts once, like the average baseline beside it.
      </p>
    </Topic>
  );
}

function Peer() {
  const window = { openAt: 0, scheduledCloseAt: 100, closedAt: 100 };
  const three = peerScores(
    { Ana: [{ at: 0, p: 0.8 }], Ben: [{ at: 0, p: 0.5 }], Cara: [{ at: 0, p: 0.3 }] },
    window,
    true,
  );
  const late = peerScores({ Ana: [{ at: 0, p: 0.8 }], Ben: [{ at: 50, p: 0.5 }] }, window, true);
  return (
    <Topic id="peer" title="Peer score">
      <p>
        At every moment, <strong>100 · (ln q − the mean of everyone else&apos;s ln q)</strong> over
        the forecasters holding a forecast then, time-averaged over the window like the baseline
        score (Metaculus&apos; peer score, for yes/no questions). Above 0 means you beat the others
        who were forecasting at the same time. A lone forecaster scores 0, and the peer scores of
        one crux always add up to 0. The leaderboard ranks by the total over all cruxes.
      </p>
      <Example
        caption="Worked example: three people for the whole window, resolved YES"
        head={["Who", "Forecast", "Peer"]}
        rows={(
          [
            ["Ana", 0.8],
            ["Ben", 0.5],
            ["Cara", 0.3],
          ] as const
        ).map(([who, p]) => [who, formatProbability(p), formatScore(three[who]?.score, 1)])}
      />
      <Example
        caption="Worked example: Ben joins halfway, resolved YES"
        head={["Who", "Forecast", "Held for", "Peer"]}
        rows={(
          [
            ["Ana", 0.8],
            ["Ben", 0.5],
          ] as const
        ).map(([who, p]) => [
          who,
          formatProbability(p),
          formatShare(late[who]?.coverage),
          formatScore(late[who]?.score, 1),
        ])}
      />
      <p className="small muted">
        Ana scored nothing against Ben while she forecast alone, so both scores are half of what
        they would be had both stood all along.
      </p>
    </Topic>
  );
}

function Community() {
  const values = [0.1, 0.3, 0.4, 0.7, 0.9];
  const oldestFirst = values.map((p, i) => ({ at: i, p }));
  const newestFirst = [...values].reverse().map((p, i) => ({ at: i, p }));
  const show = (p: number | null) => (p === null ? "—" : formatProbability(p));
  return (
    <Topic id="community" title="Community prediction">
      <p>
        Metaculus&apos; recency-weighted median of everyone&apos;s latest forecast. Forecasts are
        ordered oldest first, n = 1 … N, and weighted <strong>exp(√n − √N)</strong> (equal weights
        with one or two forecasters), so recent forecasts count more; the prediction is the weighted
        median. It is not a score: peer scores compare you with each other forecaster, not with this
        median.
      </p>
      <Example
        caption="Worked example: five forecasts of 10%, 30%, 40%, 70% and 90% (plain median 40%)"
        head={["Order they were made", "Community prediction"]}
        rows={[
          ["10% first … 90% last", show(communityPrediction(oldestFirst))],
          ["90% first … 10% last", show(communityPrediction(newestFirst))],
        ]}
      />
    </Topic>
  );
}

function Calibration() {
  const resolved = [
    { p: 0.15, outcome: false },
    { p: 0.12, outcome: false },
    { p: 0.18, outcome: true },
    { p: 0.1 + 0.2, outcome: false },
    { p: 0.65, outcome: true },
    { p: 0.62, outcome: false },
    { p: 0.68, outcome: true },
    { p: 0.9, outcome: true },
    { p: 0.95, outcome: true },
    { p: 0.91, outcome: true },
  ];
  const buckets = calibrationBuckets(resolved).filter((b) => b.count > 0);
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  return (
    <Topic id="calibration" title="Calibration">
      <p>
        Of all the times you said about 70%, did it happen about 70% of the time? Your resolved
        forecasts (the final one on each crux) are put in ten buckets, 0–10% … 90–100%, and each
        bucket shows how often those cruxes resolved YES. On the chart, dots on the diagonal are
        perfect calibration; dots below it mean you said YES too confidently. With few forecasts per
        bucket, expect noise.
      </p>
      <Example
        caption="Worked example: ten resolved forecasts"
        head={["Bucket", "Forecasts", "Resolved YES"]}
        rows={buckets.map((b) => [
          `${percent(b.from)}–${percent(b.to)}`,
          b.count,
          b.yesFraction === null ? "—" : percent(b.yesFraction),
        ])}
      />
      <p className="small muted">
        Buckets are chosen in whole hundredths of a percent, never by float comparison: 0.1 + 0.2
        (which a computer stores as {String(0.1 + 0.2)}) lands in bucket{" "}
        {calibrationBucketOf(0.1 + 0.2) * 10}–{calibrationBucketOf(0.1 + 0.2) * 10 + 10}%.
      </p>
    </Topic>
  );
}

function Profit() {
  const offer = { side: "yes" as const, price: 60, remaining: 120 };
  const fill = matchFill(offer, 40);
  const outcomes: Outcome[] = ["yes", "no", "annulled"];
  return (
    <Topic id="profit" title="Betting profit">
      <p>
        Bets use play money (every account starts with 1,000 credits). A bet&apos;s price is the
        probability of YES it implies; at a price of c%, the YES side puts up c parts of the pot and
        the NO side 100 − c. The winner takes the pot; an annulled crux refunds both sides. Your{" "}
        <strong>profit</strong> is what your settled bets paid you minus what you staked on them;
        the betting leaderboard ranks by it.
      </p>
      <Example
        caption={`Worked example: Ana offers YES at ${offer.price}% with ${offer.remaining} credits; Ben takes it with ${fill.takerStake}, which matches ${fill.makerStake} of Ana's (a pot of ${fill.pot})`}
        head={["Resolved", "Ana's profit", "Ben's profit"]}
        rows={outcomes.map((outcome) => {
          const paid = settleFill(
            { makerSide: offer.side, makerStake: fill.makerStake, takerStake: fill.takerStake },
            outcome,
          );
          return [
            outcome.toUpperCase(),
            formatSigned(paid.maker - fill.makerStake),
            formatSigned(paid.taker - fill.takerStake),
          ];
        })}
      />
      <p className="small muted">
        The {offer.remaining - fill.makerStake} credits of Ana&apos;s offer nobody took are refunded
        when the crux closes; they are neither won nor lost.
      </p>
    </Topic>
  );
}

function Display() {
  return (
    <Topic id="display" title="How numbers are shown">
      <p>
        Scores are rounded (Brier to 3 decimals, baseline and peer to 1) and a score that rounds to
        zero is shown as zero: a peer score of −0.04 shows as{" "}
        <strong>{formatScore(-0.04, 1)}</strong>, never as a negative zero. Coverage is never
        rounded onto an end it has not reached: a forecast held for 0.02% of the window shows as{" "}
        <strong>{formatShare(0.0002)}</strong>. Missing values show as{" "}
        <strong>{formatScore(null)}</strong>.
      </p>
    </Topic>
  );
}

export default function ScoresPage() {
  return (
    <div className="page narrow scores-page">
      <h1>How scores work</h1>
      <p className="lede">
        Every number on a track record or leaderboard, what it means and how it is computed. The
        worked examples are calculated by the same code that scores real cruxes.
      </p>
      <p>
        <strong>Coming from Metaculus?</strong> Baseline, peer, coverage, the community prediction
        and time-averaging are the same ideas, with the same formulas for yes/no questions.{" "}
        <strong>From Fatebook?</strong> The Brier score and the calibration chart are the ones you
        know. Scores are computed once, when a crux&apos;s resolution becomes final (an annulled
        crux is not scored), and removed if that resolution is undone.
      </p>
      <nav aria-label="On this page" className="score-toc">
        <ul>
          {TOPICS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SingleForecastScores />
      <TimeAveraging />
      <Coverage />
      <Peer />
      <Community />
      <Calibration />
      <Profit />
      <Display />
      <p className="muted small">
        See them in use on the <Link href="/leaderboards">leaderboards</Link> and on every
        person&apos;s page.
      </p>
    </div>
  );
}
