import Link from "next/link";
import { excerpt } from "@/server/domain/thread";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/RelativeTime";
import { AppError } from "@/server/errors";
import { getDatabase } from "@/server/runtime";
import { getUserProfile } from "@/server/usecases/profiles";
import { cruxesCreatedBy, findDoubleCruxViews } from "@/server/usecases/cruxViews";
import { formatProbability } from "@/server/domain/probability";

export const dynamic = "force-dynamic";

async function loadProfile(handle: string) {
  const { db } = await getDatabase();
  const profile = await getUserProfile(db, handle).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [doubleCruxes, cruxes] = await Promise.all([
    findDoubleCruxViews(db, { handle: profile.handle }, Date.now()),
    cruxesCreatedBy(db, profile.handle),
  ]);
  return { profile, doubleCruxes, cruxes };
}

export default async function UserPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const { profile, doubleCruxes, cruxes } = await loadProfile(handle);
  return (
    <div className="page narrow">
      <h1>@{profile.handle}</h1>
      <p className="muted">
        {profile.displayName} · joined <RelativeTime iso={profile.joinedAt} />
      </p>
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
