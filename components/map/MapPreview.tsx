import type { CruxMap, MapNode } from "@/server/domain/cruxMap";
import { LinkFacts } from "./MapList";
import { crowdText, nodeHref, percentOrDash, points, statusText } from "./present";

/** Details of the node under the pointer or focus: a crux's links, or a claim's two camps. */
export function MapPreview({
  slug,
  map,
  node,
}: {
  slug: string;
  map: CruxMap;
  node: MapNode | null;
}) {
  if (!node)
    return (
      <aside className="map-preview" aria-label="Preview">
        <p className="muted">Point at or tab to a crux or claim to see its details here.</p>
      </aside>
    );
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  if (node.kind === "crux") {
    const out = map.edges.filter((e) => e.from === node.id);
    return (
      <aside className="map-preview" aria-label="Preview">
        <p className="map-kind">Crux · {statusText(node.status)}</p>
        <h2>
          <a href={nodeHref(node, slug)}>{node.label}</a>
        </h2>
        <p>
          Community: <strong>{crowdText(node)}</strong> · {node.forecasterCount ?? 0} forecasting
          {node.doubleCrux && " · double crux"}
        </p>
        <ul>
          {out.map((e) => {
            const target = byId.get(e.to);
            if (!target) return null;
            return (
              <li key={e.to}>
                {e.kind === "condition" ? "Only if: " : "Bears on: "}
                {target.label} {e.kind === "bears-on" && <LinkFacts edge={e} />}
              </li>
            );
          })}
        </ul>
      </aside>
    );
  }
  const incoming = map.edges
    .filter((e) => e.to === node.id && e.kind === "bears-on")
    .sort((a, b) => (b.camps?.gap ?? -1) - (a.camps?.gap ?? -1));
  return (
    <aside className="map-preview" aria-label="Preview">
      <p className="map-kind">{node.positionId === node.ref ? "Position" : "Reply"}</p>
      <h2>
        <a href={nodeHref(node, slug)}>{node.label}</a>
      </h2>
      <p>
        {node.agree ?? 0} agree, {node.disagree ?? 0} disagree
      </p>
      {incoming.length > 0 ? (
        <table className="map-camps">
          <caption>Where the camps disagree: each camp&apos;s median forecast</caption>
          <thead>
            <tr>
              <th scope="col">Crux</th>
              <th scope="col">Agree</th>
              <th scope="col">Disagree</th>
              <th scope="col">Gap</th>
            </tr>
          </thead>
          <tbody>
            {incoming.map((e) => {
              const crux = byId.get(e.from);
              return (
                <tr key={e.from}>
                  <th scope="row">{crux?.label}</th>
                  <td>{percentOrDash(e.camps?.agreeMedian)}</td>
                  <td>{percentOrDash(e.camps?.disagreeMedian)}</td>
                  <td>
                    {e.camps?.gap === null || e.camps?.gap === undefined
                      ? crux?.crowdHidden
                        ? "hidden"
                        : "–"
                      : points(e.camps.gap)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">No crux bears on this claim yet.</p>
      )}
    </aside>
  );
}
