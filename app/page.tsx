import Link from "next/link";
import { getServerSession } from "next-auth";
import { Markdown } from "@/components/Markdown";
import { NewDebateForm } from "@/components/NewDebateForm";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const api = await serverCaller();
  const [{ debates }, session] = await Promise.all([
    api.debates.list(),
    getServerSession(authOptions()),
  ]);
  return (
    <div className="page narrow">
      <h1>Debates</h1>
      <p className="lede">
        Argue in threads, find the cruxes that would change someone&apos;s mind, and find out who
        was right.
      </p>
      {session && <NewDebateForm />}
      {debates.length === 0 ? (
        <p>No debates yet.</p>
      ) : (
        <ul className="debate-list">
          {debates.map((d) => (
            <li key={d.slug}>
              <Link href={`/debates/${d.slug}`} className="debate-title">
                {d.title}
              </Link>
              <span className="muted"> · {d.claimCount} claims</span>
              {d.summary && (
                <div className="muted">
                  <Markdown source={d.summary} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
