import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getServerSession } from "next-auth";
import { DebateView } from "@/components/debate/DebateView";
import { Markdown } from "@/components/Markdown";
import { authOptions } from "@/server/auth";
import { AppError } from "@/server/errors";
import { getDatabase } from "@/server/runtime";
import { loadDebatePage } from "@/server/usecases/debatePage";
import { recordDebateVisit } from "@/server/usecases/threadNav";
import { STATE_PANEL_COOKIE } from "@/components/cruxes/statePanelPreference";

/** Loads a debate for this viewer; a debate or claim that isn't there is a 404 page. */
export async function loadForViewer(
  slug: string,
  options: Parameters<typeof loadDebatePage>[4] = {},
) {
  const session = await getServerSession(authOptions());
  const viewer = session?.user ?? null;
  const { db } = await getDatabase();
  const page = await (async () => {
    // Opening the page is the visit: claims posted after the previous one are "new".
    const lastVisit = viewer ? await recordDebateVisit(db, viewer.id, slug) : undefined;
    return loadDebatePage(db, slug, viewer, Date.now(), { ...options, lastVisit });
  })().catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const panel = (await cookies()).get(STATE_PANEL_COOKIE)?.value;
  const panelCollapsed = panel === "collapsed" ? true : panel === "expanded" ? false : null;
  return { viewer: viewer?.handle ?? null, page, panelCollapsed };
}

/** The debate page body: shared by /debates/{slug} and a claim's permalink. */
export function DebatePage({
  viewer,
  page,
  panelCollapsed,
}: Awaited<ReturnType<typeof loadForViewer>>) {
  return (
    <div className="page">
      <header className="debate-header">
        <h1>{page.title}</h1>
        <a href={`/debates/${page.slug}/map`}>See the crux map</a>
        {page.summary && <Markdown source={page.summary} />}
      </header>
      <DebateView
        slug={page.slug}
        viewer={viewer}
        initialWindow={page.window}
        claimCount={page.claimCount}
        initialSeq={page.lastSeq}
        initialCruxState={page.cruxState}
        focusId={page.focus?.id ?? null}
        newSince={page.newSince}
        renderedAt={page.renderedAt}
        panelCollapsed={panelCollapsed}
        initialMarked={page.markedSpans}
      />
    </div>
  );
}
