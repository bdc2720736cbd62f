import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getServerSession } from "next-auth";
import { DebateView } from "@/components/debate/DebateView";
import { Markdown } from "@/components/Markdown";
import { authOptions } from "@/server/auth";
import { AppError } from "@/server/errors";
import { getDatabase } from "@/server/runtime";
import { getDebateThread, requireDebate } from "@/server/usecases/debates";
import { getDebateCruxState } from "@/server/usecases/cruxViews";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const { db } = await getDatabase();
  const debate = await requireDebate(db, slug).catch(() => null);
  return { title: debate?.title ?? "Debate not found" };
}

/** Everything the page needs for one viewer; the thread is read first so live events resume from its seq. */
async function loadDebate(slug: string) {
  const session = await getServerSession(authOptions());
  const viewer = session?.user ?? null;
  const { db } = await getDatabase();
  const thread = await getDebateThread(db, slug, viewer?.id ?? null).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const cruxState = await getDebateCruxState(db, slug, viewer?.handle ?? null, Date.now());
  return { viewer: viewer?.handle ?? null, thread, cruxState };
}

export default async function DebatePage({ params }: Params) {
  const { slug } = await params;
  const { viewer, thread, cruxState } = await loadDebate(slug);
  return (
    <div className="page">
      <header className="debate-header">
        <h1>{thread.title}</h1>
        {thread.summary && <Markdown source={thread.summary} />}
      </header>
      <DebateView
        slug={thread.slug}
        viewer={viewer}
        initialClaims={thread.claims}
        initialSeq={thread.lastSeq}
        initialVotes={thread.myVotes}
        initialCruxState={cruxState}
      />
    </div>
  );
}
