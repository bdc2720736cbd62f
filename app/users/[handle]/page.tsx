import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/RelativeTime";
import { AppError } from "@/server/errors";
import { getDatabase } from "@/server/runtime";
import { getUserProfile } from "@/server/usecases/profiles";

export const dynamic = "force-dynamic";

const excerpt = (body: string) => (body.length > 240 ? `${body.slice(0, 240)}…` : body);

export default async function UserPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const { db } = await getDatabase();
  const profile = await getUserProfile(db, handle).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <div className="page narrow">
      <h1>@{profile.handle}</h1>
      <p className="muted">
        {profile.displayName} · joined <RelativeTime iso={profile.joinedAt} />
      </p>
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
              <p>{excerpt(c.body)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
