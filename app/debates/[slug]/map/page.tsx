import type { Metadata } from "next";
import Link from "next/link";
import { CruxMapView } from "@/components/map/CruxMapView";
import { getDatabase } from "@/server/runtime";
import { notFoundOnMissing, serverCaller } from "@/server/trpc/serverCaller";
import { requireDebate } from "@/server/usecases/debates";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const { db } = await getDatabase();
  const debate = await requireDebate(db, slug).catch(() => null);
  if (!debate) return { title: "Debate not found" };
  const title = `Crux map: ${debate.title}`;
  const description = `The shape of the debate "${debate.title}": its positions, the cruxes that bear on them, how strongly, and where each camp really disagrees.`;
  return { title, description, openGraph: { title, description }, twitter: { title, description } };
}

/** The map as this viewer may see it, through the same procedure the browser uses; unknown: 404. */
async function loadMap(slug: string) {
  const api = await serverCaller();
  return api.cruxes.map({ slug }).catch(notFoundOnMissing);
}

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
