/**
 * The picture a link to a crux map shows in previews: the debate, how many positions and cruxes it
 * has, and its cruxes with their community predictions, as anyone (signed out) may see them.
 */
import { ImageResponse } from "next/og";
import { crowdNumber } from "@/components/map/present";
import { excerpt } from "@/server/domain/thread";
import { serverCaller } from "@/server/trpc/serverCaller";

export const alt = "The crux map of a Cruxible debate";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const api = await serverCaller({ signedOut: true });
  const map = await api.cruxes.map({ slug }).catch(() => null);
  const cruxes = map?.nodes.filter((n) => n.kind === "crux") ?? [];
  const claims = map?.nodes.filter((n) => n.kind === "claim") ?? [];
  const links = map?.edges.filter((e) => e.kind === "bears-on").length ?? 0;
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        padding: 56,
        background: "#faf9f6",
        color: "#1c1c1c",
        fontSize: 28,
      }}
    >
      <div style={{ fontSize: 30, color: "#2b59c3", fontWeight: 700 }}>Cruxible · crux map</div>
      <div style={{ fontSize: 52, fontWeight: 700, marginTop: 12 }}>
        {map?.title ?? "Debate not found"}
      </div>
      <div style={{ marginTop: 12, color: "#5a5a5a" }}>
        {`${cruxes.length} cruxes · ${claims.length} claims · ${links} links`}
      </div>
      <div style={{ display: "flex", flexDirection: "column", marginTop: 28 }}>
        {cruxes.slice(0, 5).map((c) => (
          <div key={c.id} style={{ display: "flex", marginTop: 10 }}>
            <div style={{ width: 110, fontWeight: 700, color: "#2b59c3" }}>{crowdNumber(c)}</div>
            <div style={{ flex: 1 }}>{excerpt(c.label, 70)}</div>
          </div>
        ))}
      </div>
    </div>,
    size,
  );
}
