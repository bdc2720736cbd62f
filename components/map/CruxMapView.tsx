"use client";

import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { LiveStatus } from "@/components/live/LiveStatus";
import { useDebateEvents } from "@/components/live/useDebateEvents";
import { filterCruxMap, type CruxMap, type CruxStatusFilter } from "@/server/domain/cruxMap";
import type { DebateEvent } from "@/server/domain/events";
import { trpc } from "@/lib/trpc";
import { layoutMap, type MapLayout } from "./layout";
import { MapCanvas } from "./MapCanvas";
import { MapList } from "./MapList";
import { MapPreview } from "./MapPreview";

const NARROW = "(max-width: 640px)";
const subscribeNarrow = (onChange: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Events that can change the map: everything but money and evidence. */
const changesMap = (e: DebateEvent) => !e.type.startsWith("offer.") && e.type !== "evidence.added";

export function CruxMapView({
  slug,
  title,
  initial,
  initialSeq,
}: {
  slug: string;
  title: string;
  initial: CruxMap;
  initialSeq: number;
}) {
  const [map, setMap] = useState(initial);
  const [layout, setLayout] = useState<MapLayout>(() => layoutMap(initial, null));
  const [status, setStatus] = useState<CruxStatusFilter>("all");
  const [minStrength, setMinStrength] = useState(0);
  const [colourByGap, setColourByGap] = useState(false);
  const [chosenView, setChosenView] = useState<"map" | "list" | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const narrow = useSyncExternalStore(
    subscribeNarrow,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
  const view = chosenView ?? (narrow ? "list" : "map");

  // One refetch for a burst of events; the server applies the viewer's visibility rules.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onEvents = useCallback(
    (events: DebateEvent[]) => {
      if (!events.some(changesMap) || timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        trpc.cruxes.map
          .query({ slug })
          .then((next) => {
            setMap(next);
            // Only a changed node or edge set lays out again, keeping old nodes in place.
            setLayout((previous) => layoutMap(next, previous));
          })
          .catch(() => undefined);
      }, 150);
    },
    [slug],
  );
  const { status: live } = useDebateEvents(slug, initialSeq, onEvents);

  const shown = useMemo(
    () => filterCruxMap(map, { status, minStrength: minStrength / 100 }),
    [map, status, minStrength],
  );
  const previewNode = shown.nodes.find((n) => n.id === preview) ?? null;
  const cruxCount = shown.nodes.filter((n) => n.kind === "crux").length;

  return (
    <div className="crux-map">
      <div className="map-controls">
        <div className="map-view-switch" role="group" aria-label="Show as">
          <button type="button" aria-pressed={view === "map"} onClick={() => setChosenView("map")}>
            Map
          </button>
          <button
            type="button"
            aria-pressed={view === "list"}
            onClick={() => setChosenView("list")}
          >
            List
          </button>
        </div>
        <label>
          Cruxes{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value as CruxStatusFilter)}>
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label>
          Minimum strength: {minStrength} pts{" "}
          <input
            type="range"
            min={0}
            max={80}
            step={5}
            value={minStrength}
            onChange={(e) => setMinStrength(Number(e.target.value))}
          />
        </label>
        {view === "map" && (
          <label>
            <input
              type="checkbox"
              checked={colourByGap}
              onChange={(e) => setColourByGap(e.target.checked)}
            />{" "}
            Colour links by how far apart the camps are
          </label>
        )}
        <LiveStatus status={live} />
      </div>
      <p className="map-summary" aria-live="polite">
        {cruxCount} crux{cruxCount === 1 ? "" : "es"}, {shown.nodes.length - cruxCount} claims,{" "}
        {shown.edges.length} links
      </p>
      {view === "map" && <MapLegend colourByGap={colourByGap} />}
      <div className={`map-body ${view}`}>
        {view === "map" ? (
          <MapCanvas
            slug={slug}
            title={title}
            map={shown}
            layout={layout}
            colourByGap={colourByGap}
            onPreview={setPreview}
          />
        ) : (
          <MapList slug={slug} map={shown} />
        )}
        {view === "map" && <MapPreview slug={slug} map={shown} node={previewNode} />}
      </div>
    </div>
  );
}

function MapLegend({ colourByGap }: { colourByGap: boolean }) {
  return (
    <ul className="map-legend" aria-label="Legend">
      <li>
        <span className="swatch crux" /> crux (community forecast, status)
      </li>
      <li>
        <span className="swatch claim" /> position or reply (agree and disagree votes)
      </li>
      <li>
        <span className="swatch double" /> double crux
      </li>
      <li>
        {colourByGap
          ? "link colour: grey = camps agree, red = 50+ pts apart"
          : "link width: crux strength; dashed: not rated"}
      </li>
      <li>brown arrow: only if that crux resolves YES</li>
    </ul>
  );
}
