import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { notFound } from "next/navigation";
import { CruxPage } from "@/components/cruxes/CruxPage";
import { cruxKey, cruxReads } from "@/lib/cruxParts";
import { followKey } from "@/lib/follow";
import { CRUX_PARTS } from "@/server/domain/events";
import { authOptions } from "@/server/auth";
import { excerpt, type ClaimView } from "@/server/domain/thread";
import { readableText } from "@/server/domain/claimVisibility";
import { cruxProceduresOf, notFoundOnMissing, serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const label = (c: ClaimView) => `@${c.authorHandle}: ${excerpt(readableText(c), 80)}`;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const api = await serverCaller();
  const crux = await api.cruxes.get({ id: Number(id) }).catch(() => null);
  return { title: crux?.title ?? "Crux not found" };
}

/**
 * Reads through the same tRPC procedures the browser uses (server-side caller) and hands the
 * results over in TanStack Query's cache, so the page and its live refetches share one read path.
 * The debate's seq is read before the crux's parts, so live events resume from a point no later
 * than what the page shows.
 */
export default async function Page({ params }: Params) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const api = await serverCaller();
  const { debateSlug, claimId, derivedFromCruxId } = await api.cruxes
    .get({ id })
    .catch(notFoundOnMissing);
  // A threshold crux names the numeric crux it follows (docs/numeric-cruxes-ui.md).
  const parent =
    derivedFromCruxId === null
      ? null
      : await api.cruxes.get({ id: derivedFromCruxId }).then((p) => ({ id: p.id, title: p.title }));
  const thread = await api.debates.get({ slug: debateSlug });
  const viewer = (await getServerSession(authOptions()))?.user.handle ?? null;
  const signedIn = viewer !== null;

  const queryClient = new QueryClient();
  if (signedIn) {
    // Reading the page is looking: crowd-move reminders count from here (docs/notifications.md).
    await api.follows.cruxSeen({ id });
    await queryClient.fetchQuery({
      queryKey: followKey({ cruxId: id }),
      queryFn: () => api.follows.cruxFollowState({ id }),
    });
  }
  const reads = cruxReads(cruxProceduresOf(api), id, signedIn);
  // fetchQuery (not prefetchQuery) so a failing read fails the page instead of hiding a part.
  await Promise.all(
    CRUX_PARTS.map((part) =>
      queryClient.fetchQuery({
        queryKey: cruxKey(id, part),
        queryFn: (): Promise<unknown> => reads[part](),
      }),
    ),
  );

  const live = thread.claims.filter((c) => !c.deleted);
  const source = live.find((c) => c.id === claimId) ?? null;
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CruxPage
        viewer={viewer}
        cruxId={id}
        initialSeq={thread.lastSeq}
        sourceClaim={
          source && { id: source.id, authorHandle: source.authorHandle, body: readableText(source) }
        }
        claims={live.map((c) => ({ id: c.id, label: label(c) }))}
        parent={parent}
      />
    </HydrationBoundary>
  );
}
