import Link from "next/link";
import { getDatabase } from "@/server/runtime";
import { leaderboards } from "@/server/usecases/trackRecords";
import { listDebates } from "@/server/usecases/debates";

export const dynamic = "force-dynamic";
export const metadata = { title: "Leaderboards" };

type Search = { searchParams: Promise<{ debate?: string }> };

export default async function LeaderboardsPage({ searchParams }: Search) {
  const { debate } = await searchParams;
  const { db } = await getDatabase();
  const [boards, debates] = await Promise.all([
    leaderboards(db, debate ?? null).catch(() => leaderboards(db, null)),
    listDebates(db),
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
      <h2>Forecasting: total peer score</h2>
      <p className="muted small">
        Peer score compares each forecast with everyone else&apos;s at the same time; above zero
        means better than the crowd.
      </p>
      {boards.peer.length === 0 ? (
        <p className="muted">No resolved cruxes yet.</p>
      ) : (
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Who</th>
              <th scope="col">Peer</th>
              <th scope="col">Avg baseline</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {boards.peer.map((r, i) => (
              <tr key={r.handle}>
                <td>{i + 1}</td>
                <td>
                  <Link href={`/users/${r.handle}`}>@{r.handle}</Link>
                </td>
                <td>{r.peer.toFixed(1)}</td>
                <td>{r.baseline.toFixed(1)}</td>
                <td>{r.resolved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Betting: profit</h2>
      {boards.profit.length === 0 ? (
        <p className="muted">No settled bets yet.</p>
      ) : (
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Who</th>
              <th scope="col">Profit</th>
              <th scope="col">Bets</th>
            </tr>
          </thead>
          <tbody>
            {boards.profit.map((r, i) => (
              <tr key={r.handle}>
                <td>{i + 1}</td>
                <td>
                  <Link href={`/users/${r.handle}`}>@{r.handle}</Link>
                </td>
                <td>{r.profit > 0 ? `+${r.profit}` : r.profit}</td>
                <td>{r.bets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
