import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { excerpt } from "@/server/domain/thread";
import { getServerSession } from "next-auth";
import { RelativeTime } from "@/components/RelativeTime";
import { ReportButton } from "@/components/moderation/ReportButton";
import { authOptions } from "@/server/auth";
import { notFoundOnMissing, serverCaller } from "@/server/trpc/serverCaller";
import { formatProbability } from "@/server/domain/probability";
import { CalibrationChart } from "@/components/CalibrationChart";
import { StandingControls } from "@/components/moderation/StandingControls";
import { LowCoverageNote, ScoresLink, ScrollTable } from "@/components/ScoreHelp";
import { formatScore, formatShare, formatSigned } from "@/server/domain/format";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ handle: string }> };

/** Through the procedures API v1 serves (GET /users/{handle}, /profile, /double-cruxes). */
const loadProfile = cache(async (handle: string) => {
  const api = await serverCaller();
  const profile = await api.people.profile({ handle }).catch(notFoundOnMissing);
  const [{ doubleCruxes }, record] = await Promise.all([
    api.cruxes.doubleCruxesForUser({ handle: profile.handle }),
    api.people.user({ handle: profile.handle }),
  ]);
  // Site-wide moderators and admins see the person's standing; everyone else gets nothing (403).
  const standing = await api.restrictions.standing({ handle: profile.handle }).catch(() => null);
  return { profile, doubleCruxes, cruxes: profile.cruxesMade, record, standing };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { profile } = await loadProfile((await params).handle);
  return { title: `@${profile.handle} (${profile.displayName})` };
}

export default async function UserPage({ params }: Params) {
  const { handle } = await params;
  const { profile, doubleCruxes, cruxes, record, standing } = await loadProfile(handle);
  const viewer = (await getServerSession(authOptions()))?.user.handle ?? null;
  return (
    <div className="page narrow">
      <h1>@{profile.handle}</h1>
      <p className="muted">
        {profile.displayName} · joined <RelativeTime iso={profile.joinedAt} />
        {viewer && viewer !== profile.handle && (
          <>
            {" "}
            ·{" "}
            <ReportButton
              target={{ kind: "user", handle: profile.handle }}
              label={`Report @${profile.handle}`}
            />
          </>
        )}
      </p>
      {standing && <StandingControls initial={standing} />}
      <h2>Track record</h2>
      <p className="small">
        <ScoresLink>What do these scores mean?</ScoresLink>
      </p>
      <dl className="facts">
        <dt>Resolved forecasts</dt>
        <dd>{record.track.resolvedForecasts}</dd>
        <dt>Average Brier (lower is better)</dt>
        <dd>{formatScore(record.track.brier, 3)}</dd>
        <dt>Average baseline score</dt>
        <dd>{formatScore(record.track.baseline, 1)}</dd>
        <dt>Average peer score</dt>
        <dd>{formatScore(record.track.peer, 1)}</dd>
        <dt>Average share of the window held</dt>
        <dd>{formatShare(record.track.coverage)}</dd>
        <dt>Betting profit</dt>
        <dd>{formatSigned(record.track.profit)} credits</dd>
        <dt>Balance</dt>
        <dd>{record.balance} credits</dd>
      </dl>
      {record.track.resolvedForecasts > 0 && (
        <>
          <CalibrationChart buckets={record.calibration} />
          <table className="forecast-table">
            <caption>Calibration buckets</caption>
            <thead>
              <tr>
                <th scope="col">Forecast</th>
                <th scope="col">Count</th>
                <th scope="col">Resolved YES</th>
              </tr>
            </thead>
            <tbody>
              {record.calibration
                .filter((b) => b.count > 0)
                .map((b) => (
                  <tr key={b.from}>
                    <td>
                      {Math.round(b.from * 100)}–{Math.round(b.to * 100)}%
                    </td>
                    <td>{b.count}</td>
                    <td>{b.yesFraction === null ? "—" : `${Math.round(b.yesFraction * 100)}%`}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <h3 id="resolved-forecasts">Resolved forecasts</h3>
          <ScrollTable label="Resolved forecasts, scores by crux">
            <table
              className="forecast-table score-table stack"
              aria-labelledby="resolved-forecasts"
            >
              <thead>
                <tr>
                  <th scope="col">Crux</th>
                  <th scope="col">Said</th>
                  <th scope="col">Resolved</th>
                  <th scope="col" className="num">
                    <ScoresLink topic="brier">Brier</ScoresLink>
                  </th>
                  <th scope="col" className="num">
                    <ScoresLink topic="baseline">Baseline</ScoresLink>
                  </th>
                  <th scope="col" className="num">
                    <ScoresLink topic="peer">Peer</ScoresLink>
                  </th>
                  <th scope="col">
                    <ScoresLink topic="coverage">Held for</ScoresLink>
                  </th>
                </tr>
              </thead>
              <tbody>
                {record.resolved.map((r) => (
                  <tr key={r.cruxId}>
                    <th scope="row">
                      <Link href={`/cruxes/${r.cruxId}`}>{r.title}</Link>
                    </th>
                    <td data-label="Said">{formatProbability(r.p)}</td>
                    <td data-label="Resolved">{r.outcome ? "YES" : "NO"}</td>
                    <td className="num" data-label="Brier">
                      {formatScore(r.brier, 3)}
                    </td>
                    <td className="num" data-label="Baseline">
                      {formatScore(r.baseline, 1)}
                    </td>
                    <td className="num" data-label="Peer">
                      {formatScore(r.peer, 1)}
                    </td>
                    <td className="held" data-label="Held for">
                      {formatShare(r.coverage)} of the window
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <LowCoverageNote />
        </>
      )}
      {record.bets.length > 0 && (
        <>
          <h3>Bets</h3>
          <ul className="plain">
            {record.bets.map((b) => (
              <li key={b.fillId}>
                <Link href={`/cruxes/${b.cruxId}`}>{b.title}</Link>: {b.side.toUpperCase()} at{" "}
                {b.price}%, staked {b.stake} (pot {b.pot}) ·{" "}
                {b.status === "resolved" || b.status === "annulled"
                  ? `${formatSigned(b.profit)} credits`
                  : "open"}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Double cruxes</h2>
      {doubleCruxes.length === 0 ? (
        <p className="muted">
          None yet. A double crux shows up when @{profile.handle} and someone who disagrees with
          them about a claim both say a crux would change their minds, and forecast it differently.
        </p>
      ) : (
        <ul className="claim-list">
          {doubleCruxes.map((d, i) => {
            const other = d.agrees === profile.handle ? d.disagrees : d.agrees;
            const mine = d.agrees === profile.handle ? d.forecastAgrees : d.forecastDisagrees;
            const theirs = d.agrees === profile.handle ? d.forecastDisagrees : d.forecastAgrees;
            return (
              <li key={i}>
                With <Link href={`/users/${other}`}>@{other}</Link> on{" "}
                <Link href={`/cruxes/${d.cruxId}`}>{d.cruxTitle}</Link>: {formatProbability(mine)}{" "}
                vs {formatProbability(theirs)}.
                <p className="muted small">
                  They {d.agrees === profile.handle ? "disagree" : "agree"} with “{d.claimExcerpt}”
                  (<Link href={`/debates/${d.debateSlug}#claim-${d.claimId}`}>claim</Link>).
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {cruxes.length > 0 && (
        <>
          <h2>Cruxes made</h2>
          <ul className="plain">
            {cruxes.map((c) => (
              <li key={c.id}>
                <Link href={`/cruxes/${c.id}`}>{c.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Recent claims</h2>
      {profile.recentClaims.length === 0 ? (
        <p>No claims yet.</p>
      ) : (
        <ul className="claim-list">
          {profile.recentClaims.map((c) => (
            <li key={c.id}>
              <Link href={`/debates/${c.debateSlug}#claim-${c.id}`}>{c.debateTitle}</Link>{" "}
              <span className="muted">
                · <RelativeTime iso={c.createdAt} />
              </span>
              <p>{excerpt(c.body, 240)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
