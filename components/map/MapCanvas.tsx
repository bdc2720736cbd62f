"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { CruxMap, MapEdge, MapNode } from "@/server/domain/cruxMap";
import { downloadPng, downloadSvg } from "./download";
import { boundsOf, NODE_WIDTH, threadEdges, wrapLabel, type Box, type MapLayout } from "./layout";
import { crowdNumber, edgeColour, nodeHref, statusText } from "./present";

interface View {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.2;
const MAX_ZOOM = 3;
const PAD = 24;
const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/**
 * The view that shows `box` in a `width` x `height` viewport, zoomed out no further than `least`
 * (so text stays readable; a taller map then starts at its top and pans down).
 */
function fit(
  box: ReturnType<typeof boundsOf>,
  width: number,
  height: number,
  least = MIN_ZOOM,
): View {
  const k = clampZoom(
    Math.max(least, Math.min((width - 2 * PAD) / box.width, (height - 2 * PAD) / box.height, 1.1)),
  );
  return {
    k,
    x: Math.max(PAD, (width - box.width * k) / 2) - box.x * k,
    y: Math.max(PAD, (height - box.height * k) / 2) - box.y * k,
  };
}

/** The first view: the linked part of the map, readable. */
const READABLE = 0.8;

/** A curve from the right side of one box to the left side of another. */
function curve(a: Box, b: Box): string {
  const forward = a.x + a.width <= b.x;
  const x1 = forward ? a.x + a.width : a.x;
  const y1 = a.y + a.height / 2;
  const x2 = forward ? b.x : b.x + b.width;
  const y2 = b.y + b.height / 2;
  const bend = Math.max(40, Math.abs(x2 - x1) / 2) * (forward ? 1 : -1);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

export function MapCanvas({
  slug,
  title,
  map,
  layout,
  colourByGap,
  onPreview,
}: {
  slug: string;
  title: string;
  map: CruxMap;
  layout: MapLayout;
  colourByGap: boolean;
  onPreview: (id: string | null) => void;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [view, setView] = useState<View>({ x: PAD, y: PAD, k: 0.6 });
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);
  const visible = map.nodes.map((n) => n.id);

  const fitAll = useCallback(() => {
    if (size) setView(fit(boundsOf(layout.boxes, visible), size.width, size.height));
    // visible changes identity each render; fit reads it when pressed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, layout]);

  // Measure the frame; fit the map the first time it has a size.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    let first = true;
    const observer = new ResizeObserver(() => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      setSize(next);
      if (first) {
        first = false;
        setView(
          fit(
            boundsOf(layout.boxes, layout.linked.length ? layout.linked : undefined),
            next.width,
            next.height,
            Math.min(READABLE, next.width / (NODE_WIDTH * 1.6)),
          ),
        );
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
    // Fit once on mount; later layouts keep the reader's view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const zoomAt = useCallback((factor: number, px: number, py: number) => {
    setView((v) => {
      const k = clampZoom(v.k * factor);
      return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
    });
  }, []);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  const zoomCentre = (factor: number) =>
    zoomAt(factor, (size?.width ?? 800) / 2, (size?.height ?? 600) / 2);
  const pan = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));

  /** Keeps a focused node in view (keyboard readers tab through nodes). */
  const reveal = (box: Box) => {
    if (!size) return;
    setView((v) => {
      const left = v.x + box.x * v.k;
      const top = v.y + box.y * v.k;
      const right = left + box.width * v.k;
      const bottom = top + box.height * v.k;
      if (left >= 0 && top >= 0 && right <= size.width && bottom <= size.height) return v;
      return {
        ...v,
        x: size.width / 2 - (box.x + box.width / 2) * v.k,
        y: size.height / 2 - (box.y + box.height / 2) * v.k,
      };
    });
  };

  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const crux = map.nodes.filter((n) => n.kind === "crux").length;
  const edgeBox = (e: { from: string; to: string }) => {
    const a = layout.boxes.get(e.from);
    const b = layout.boxes.get(e.to);
    return a && b && nodes.has(e.from) && nodes.has(e.to) ? ([a, b] as const) : null;
  };

  /** The whole map, whatever the current pan and zoom, for downloads. */
  const exportBox = () => boundsOf(layout.boxes, visible);

  return (
    <div className="map-canvas">
      <div className="map-toolbar" role="toolbar" aria-label="Map view">
        <button type="button" onClick={() => zoomCentre(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoomCentre(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={fitAll}>
          Fit
        </button>
        <button type="button" onClick={() => pan(80, 0)} aria-label="Pan left">
          ←
        </button>
        <button type="button" onClick={() => pan(0, 80)} aria-label="Pan up">
          ↑
        </button>
        <button type="button" onClick={() => pan(0, -80)} aria-label="Pan down">
          ↓
        </button>
        <button type="button" onClick={() => pan(-80, 0)} aria-label="Pan right">
          →
        </button>
        <span className="map-toolbar-gap" />
        <button type="button" onClick={() => svg.current && downloadSvg(svg.current, exportBox())}>
          Download SVG
        </button>
        <button
          type="button"
          onClick={() => svg.current && void downloadPng(svg.current, exportBox())}
        >
          Download PNG
        </button>
      </div>
      <div className="map-frame" ref={frame}>
        <svg
          ref={svg}
          xmlns="http://www.w3.org/2000/svg"
          width="100%"
          height="100%"
          viewBox={size ? `0 0 ${size.width} ${size.height}` : undefined}
          role="group"
          aria-labelledby="crux-map-title crux-map-desc"
          fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
          data-testid="crux-map"
          onPointerDown={(e) => {
            if ((e.target as Element).closest("a")) return;
            drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
            e.currentTarget.setPointerCapture(e.pointerId);
          }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (!d || d.id !== e.pointerId) return;
            pan(e.clientX - d.x, e.clientY - d.y);
            drag.current = { ...d, x: e.clientX, y: e.clientY };
          }}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
        >
          <title id="crux-map-title">{`Crux map: ${title}`}</title>
          <desc id="crux-map-desc">
            {`${crux} cruxes and ${map.nodes.length - crux} claims. Each crux links to the claims it bears on; thicker links are stronger cruxes. Every node is a link to its page.`}
          </desc>
          <defs>
            <marker
              id="map-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="#7a5a00" />
            </marker>
          </defs>
          <rect className="map-background" width="100%" height="100%" fill="#fbfaf7" />
          <g data-viewport transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
            <g aria-hidden="true">
              {threadEdges(map).map((e) => {
                const boxes = edgeBox(e);
                return boxes ? (
                  <path
                    key={`t-${e.from}`}
                    d={curve(...boxes)}
                    fill="none"
                    stroke="#b8b4aa"
                    strokeWidth={1.5}
                    strokeDasharray="2 5"
                  />
                ) : null;
              })}
              {map.edges.map((e) => {
                const boxes = edgeBox(e);
                return boxes ? (
                  <EdgePath
                    key={`${e.from}>${e.to}`}
                    edge={e}
                    d={curve(...boxes)}
                    gap={colourByGap}
                  />
                ) : null;
              })}
            </g>
            {map.nodes.map((n) => {
              const box = layout.boxes.get(n.id);
              return box ? (
                <Node
                  key={n.id}
                  slug={slug}
                  node={n}
                  box={box}
                  onPreview={onPreview}
                  onFocus={() => {
                    reveal(box);
                    onPreview(n.id);
                  }}
                />
              ) : null;
            })}
          </g>
        </svg>
      </div>
    </div>
  );
}

function EdgePath({ edge, d, gap }: { edge: MapEdge; d: string; gap: boolean }) {
  if (edge.kind === "condition")
    return (
      <path
        d={d}
        fill="none"
        stroke="#7a5a00"
        strokeWidth={2}
        strokeDasharray="7 4"
        markerEnd="url(#map-arrow)"
        data-edge="condition"
      />
    );
  const strength = edge.strength ?? null;
  return (
    <path
      d={d}
      fill="none"
      stroke={gap ? edgeColour(edge.camps?.gap ?? null) : edge.doubleCrux ? "#c2410c" : "#5d6470"}
      strokeOpacity={gap ? 0.9 : 0.6}
      strokeWidth={strength === null ? 1.5 : 1.5 + strength * 9}
      strokeDasharray={strength === null ? "5 4" : undefined}
      data-edge="bears-on"
    />
  );
}

function Node({
  slug,
  node,
  box,
  onPreview,
  onFocus,
}: {
  slug: string;
  node: MapNode;
  box: Box;
  onPreview: (id: string | null) => void;
  onFocus: () => void;
}) {
  const isCrux = node.kind === "crux";
  const position = node.kind === "claim" && node.positionId === node.ref;
  const lines = wrapLabel(node.label, 29, 3);
  const right = isCrux
    ? crowdNumber(node)
    : `${node.agree ?? 0} agree, ${node.disagree ?? 0} disagree`;
  const top = isCrux ? `Crux · ${statusText(node.status)}` : position ? "Position" : "Reply";
  // The name is the text shown, in document order (speech matches what is seen), then explains.
  // The number comes first: clipped at any one edge of the map, what stays visible is still one
  // unbroken run of the name.
  const name = [
    `${right}, ${top}. ${lines.join(" ")}${node.doubleCrux ? " ⇄ double crux" : ""}`,
    isCrux && node.crowdHidden ? ". The crowd is hidden until you forecast." : "",
  ].join("");
  return (
    <a
      href={nodeHref(node, slug)}
      aria-label={name}
      data-node-id={node.id}
      className="map-node"
      onMouseEnter={() => onPreview(node.id)}
      onFocus={onFocus}
    >
      <rect
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx={isCrux ? 12 : 6}
        fill={isCrux ? "#eef3ff" : position ? "#ffffff" : "#f6f4ee"}
        stroke={node.doubleCrux ? "#c2410c" : isCrux ? "#2f5fd0" : position ? "#8a8f98" : "#c9c6be"}
        strokeWidth={node.doubleCrux ? 3 : isCrux || position ? 1.5 : 1}
      />
      <text
        aria-hidden="true"
        x={box.x + box.width - 10}
        y={box.y + 18}
        fontSize={isCrux ? 14 : 12}
        fontWeight={isCrux ? 700 : 400}
        textAnchor="end"
        fill={isCrux ? "#1d1f23" : "#5d6470"}
      >
        {` ${right} `}
      </text>
      <text aria-hidden="true" x={box.x + 10} y={box.y + 18} fontSize={12} fill="#5d6470">
        {/* Each piece ends in a space so the node's text reads as words when selected or copied. */}
        {`${top} `}
      </text>
      <text aria-hidden="true" x={box.x + 10} y={box.y + 38} fontSize={13} fill="#1d1f23">
        {lines.map((line, i) => (
          <tspan key={i} x={box.x + 10} dy={i === 0 ? 0 : 17}>
            {`${line} `}
          </tspan>
        ))}
      </text>
      {node.doubleCrux && (
        <text
          aria-hidden="true"
          x={box.x + 10}
          y={box.y + box.height - 8}
          fontSize={12}
          fill="#c2410c"
          fontWeight={700}
        >
          {" ⇄ double crux"}
        </text>
      )}
    </a>
  );
}
