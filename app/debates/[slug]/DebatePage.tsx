import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { DebateView } from "@/components/debate/DebateView";
import { Markdown } from "@/components/Markdown";
import { debateCruxesKey } from "@/lib/debateParts";
import { followKey } from "@/lib/follow";
import { FollowButton } from "@/components/FollowButton";
import type { DebateCruxState } from "@/lib/types";
import { authOptions } from "@/server/auth";
import { notFoundOnMissing, serverCaller } from "@/server/trpc/serverCaller";
import { STATE_PANEL_COOKIE } from "@/components/cruxes/statePanelPreference";

/**
 * The debate page as this viewer opens it, through the same tRPC procedure the API serves; a
 * debate or claim that isn't there is the not-found page. Cached per request, so the page's
 * metadata and its body read (and record the visit) once.
 */
export const loadForViewer = cache(async (slug: string, from: number, focusId: number | null) => {
  const api = await serverCaller();
  const page = await api.debates.page({ slug, from, focusId }).catch(notFoundOnMissing);
  const viewer = (await getServerSession(authOptions()))?.user.handle ?? null;
  const panel = (await cookies()).get(STATE_PANEL_COOKIE)?.value;
  const panelCollapsed = panel === "collapsed" ? true : panel === "expanded" ? false : null;
  const following = viewer ? (await api.follows.debateFollowState({ slug })).following : null;
  return { viewer, page, panelCollapsed, following };
});

/**
 * The debate page body: shared by /debates/{slug} and a claim's permalink. The crux panel's data
 * goes over in TanStack Query's cache (hydration), where live crux events invalidate it.
 */
export function DebatePage({
  viewer,
  page,
  panelCollapsed,
  following,
}: Awaited<ReturnType<typeof loadForViewer>>) {
  const queryClient = new QueryClient();
  queryClient.setQueryData<DebateCruxState>(debateCruxesKey(page.slug), page.cruxState);
  if (following !== null)
    queryClient.setQueryData(followKey({ debateSlug: page.slug }), { following });
  return (
    <div className="page">
      <header className="debate-header">
        <h1>{page.title}</h1>
        <p className="debate-links">
          <a href={`/debates/${page.slug}/map`}>See the crux map</a>
          <span>
            Download:{" "}
            <a
              href={`/api/v1/debates/${page.slug}/export`}
              download
              aria-label="Download this debate as JSON"
            >
              JSON
            </a>{" "}
            <a
              href={`/api/v1/debates/${page.slug}/export?format=csv`}
              download
              aria-label="Download this debate as CSV files (zip)"
            >
              CSV
            </a>
          </span>
        </p>
        {following !== null && (
          <HydrationBoundary state={dehydrate(queryClient)}>
            <FollowButton target={{ debateSlug: page.slug }} />
          </HydrationBoundary>
        )}
        {page.summary && <Markdown source={page.summary} />}
      </header>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DebateView
          slug={page.slug}
          viewer={viewer}
          moderates={page.moderates}
          initialWindow={page.window}
          claimCount={page.claimCount}
          initialSeq={page.lastSeq}
          focusId={page.focus?.id ?? null}
          newSince={page.newSince}
          renderedAt={page.renderedAt}
          panelCollapsed={panelCollapsed}
          initialMarked={page.markedSpans}
          initialLocks={page.locks}
          canLock={page.canLock}
        />
      </HydrationBoundary>
    </div>
  );
}
