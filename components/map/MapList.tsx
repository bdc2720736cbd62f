import type { CruxMap, MapEdge, MapNode } from "@/server/domain/cruxMap";
import { crowdText, nodeHref, percentOrDash, points, statusText } from "./present";

/** One bears-on link in words: strength and where the claim's camps stand. */
export function LinkFacts({ edge }: { edge: MapEdge }) {
  const strength =
    edge.strength === null || edge.strength === undefined
      ? "strength not rated yet"
      : `strength ${points(edge.strength)} (${edge.raters} rating${edge.raters === 1 ? "" : "s"})`;
  const camps = edge.camps;
  return (
    <span className="map-facts">
      {strength}
      {camps && (camps.agreeMedian !== null || camps.disagreeMedian !== null) && (
        <>
          {"; camps: agree "}
          {percentOrDash(camps.agreeMedian)}
          {", disagree "}
          {percentOrDash(camps.disagreeMedian)}
          {camps.gap !== null && `, ${points(camps.gap)} apart`}
        </>
      )}
      {edge.doubleCrux && "; double crux"}
    </span>
  );
}

/** The map as nested lists: for screen readers, phones, and anyone who prefers reading. */
export function MapList({ slug, map }: { slug: string; map: CruxMap }) {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const cruxes = map.nodes.filter((n) => n.kind === "crux");
  const claims = map.nodes.filter((n) => n.kind === "claim");
  const link = (n: MapNode) => <a href={nodeHref(n, slug)}>{n.label}</a>;
  return (
    <div className="map-list" data-testid="crux-map-list">
      <h2>Cruxes</h2>
      {cruxes.length === 0 && <p>No cruxes match.</p>}
      <ul>
        {cruxes.map((c) => {
          const out = map.edges.filter((e) => e.from === c.id);
          return (
            <li key={c.id} data-node-id={c.id}>
              {link(c)}{" "}
              <span className="map-facts">
                {crowdText(c)} · {statusText(c.status)}
                {c.doubleCrux && " · double crux"}
              </span>
              {out.length > 0 && (
                <ul>
                  {out.map((e) => {
                    const target = byId.get(e.to);
                    if (!target) return null;
                    return e.kind === "condition" ? (
                      <li key={e.to}>Only if {link(target)} resolves YES</li>
                    ) : (
                      <li key={e.to}>
                        Bears on {link(target)}: <LinkFacts edge={e} />
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <h2>Positions and replies</h2>
      <ul>
        {claims.map((c) => {
          const bearing = map.edges.filter((e) => e.to === c.id).length;
          return (
            <li key={c.id} data-node-id={c.id}>
              {c.positionId === c.ref ? "Position: " : "Reply: "}
              {link(c)}{" "}
              <span className="map-facts">
                {c.agree ?? 0} agree, {c.disagree ?? 0} disagree
                {bearing > 0 && ` · ${bearing} crux${bearing === 1 ? "" : "es"} bear on it`}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
