import type { Metadata } from "next";
import Link from "next/link";
import { CruxMapView } from "@/components/map/CruxMapView";
import { cache } from "react";
import { notFoundOnMissing, serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const debate = await loadMap((await params).slug);
  const title = `Crux map: ${debate.title}`;
  const description = `The shape of the debate "${debate.title}": its positions, the cruxes that bear on them, how strongly, and where each camp really disagrees.`;
  return { title, description, openGraph: { title, description }, twitter: { title, description } };
}

/**
 * The map as this viewer may see it, through the same procedure the browser uses; unknown: 404.
 * Cached per request: the metadata and the page share one read.
 */
const loadMap = cache(async (slug: string) => {
  const api = await serverCaller();
  return api.cruxes.map({ slug }).catch(notFoundOnMissing);
});

export default async function Page({ params }: Params) {
  const map = await loadMap((await params).slug);
  return (
    <div className="page map-page">
      <header className="map-header">
        <p>
          <Link href={`/debates/${map.slug}`}>← {map.title}</Link>
        </p>
        <h1>Crux map</h1>
        <p className="muted">
          Every position in the debate, the cruxes that bear on them and how strongly (the gap
          between P(claim | YES) and P(claim | NO) people gave). Open a claim to see where its agree
          and disagree camps stand on each crux.
        </p>
      </header>
      <CruxMapView
        slug={map.slug}
        title={map.title}
        initial={{ nodes: map.nodes, edges: map.edges }}
        initialSeq={map.lastSeq}
      />
    </div>
  );
}
