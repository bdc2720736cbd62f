import Link from "next/link";
import { serverCaller } from "@/server/trpc/serverCaller";
import { LowCoverageNote, ScoresLink, ScrollTable } from "@/components/ScoreHelp";
import { formatScore, formatShare, formatSigned } from "@/server/domain/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "Leaderboards" };

type Search = { searchParams: Promise<{ debate?: string }> };

export default async function LeaderboardsPage({ searchParams }: Search) {
  const { debate } = await searchParams;
  const api = await serverCaller();
  const [boards, { debates }] = await Promise.all([
    api.people.leaderboards({ debate }).catch(() => api.people.leaderboards({})),
    api.debates.list(),
  ]);
  return (
    <div className="page narrow">
      <h1>Leaderboards</h1>
      <nav aria-label="Which debates" className="composer-row">
        <Link href="/leaderboards" aria-current={debate ? undefined : "page"}>
          All debates
        </Link>
        {debates.map((d) => (
          <Link
            key={d.slug}
            href={`/leaderboards?debate=${d.slug}`}
            aria-current={debate === d.slug ? "page" : undefined}
          >
            {d.title}
          </Link>
        ))}
      </nav>
      <h2 id="peer-board">Forecasting: total peer score</h2>
      <p className="muted small">
        Peer score compares each forecast with everyone else&apos;s at the same time; above zero
        means better than the crowd. &ldquo;Avg held&rdquo; is the share of each crux&apos;s window
        they had a forecast standing, averaged over their cruxes (each crux counts once, like the
        average baseline). <ScoresLink>What do these mean?</ScoresLink>
      </p>
      {boards.peer.length === 0 ? (
        <p className="muted">No resolved cruxes yet.</p>
      ) : (
        <>
          <ScrollTable label="Peer score leaderboard">
            <table className="forecast-table score-table" aria-labelledby="peer-board">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Who</th>
                  <th scope="col" className="num">
                    <ScoresLink topic="peer">Peer</ScoresLink>
                  </th>
                  <th scope="col" className="num">
                    <ScoresLink topic="baseline">Avg baseline</ScoresLink>
                  </th>
                  <th scope="col">
                    <ScoresLink topic="coverage">Avg held</ScoresLink>
                  </th>
                  <th scope="col" className="num">
                    Resolved
                  </th>
                </tr>
              </thead>
              <tbody>
                {boards.peer.map((r, i) => (
                  <tr key={r.handle}>
                    <td>{i + 1}</td>
                    <td>
                      <Link href={`/users/${r.handle}`}>@{r.handle}</Link>
                    </td>
                    <td className="num">{formatScore(r.peer, 1)}</td>
                    <td className="num">{formatScore(r.baseline, 1)}</td>
                    <td className="held">{formatShare(r.coverage)}</td>
                    <td className="num">{r.resolved}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <LowCoverageNote />
        </>
      )}
      <h2 id="profit-board">Betting: profit</h2>
      <p className="muted small">
        What settled bets paid out minus what was staked on them, in credits.{" "}
        <ScoresLink topic="profit">How profit is counted</ScoresLink>
      </p>
      {boards.profit.length === 0 ? (
        <p className="muted">No settled bets yet.</p>
      ) : (
        <table className="forecast-table score-table" aria-labelledby="profit-board">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Who</th>
              <th scope="col" className="num">
                Profit
              </th>
              <th scope="col" className="num">
                Bets
              </th>
            </tr>
          </thead>
          <tbody>
            {boards.profit.map((r, i) => (
              <tr key={r.handle}>
                <td>{i + 1}</td>
                <td>
                  <Link href={`/users/${r.handle}`}>@{r.handle}</Link>
                </td>
                <td className="num">{formatSigned(r.profit)}</td>
                <td className="num">{r.bets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
