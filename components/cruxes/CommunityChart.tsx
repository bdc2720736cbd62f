"use client";

import { useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { CruxForecasts } from "@/lib/types";
import { fullTime, timeTickFormatter } from "@/lib/timeTicks";

interface Point {
  t: number;
  community?: number | null;
  mine?: number | null;
}

const pct = (v: number) => `${Math.round(v)}%`;

/** The community prediction over time (a step line) and my own forecasts. */
export function CommunityChart({ community, mine }: Pick<CruxForecasts, "community" | "mine">) {
  const [now] = useState(() => Date.now());
  const points = new Map<number, Point>();
  const at = (t: number) => points.get(t) ?? points.set(t, { t }).get(t)!;
  for (const c of community) at(Date.parse(c.at)).community = c.p === null ? null : c.p * 100;
  for (const m of mine)
    at(Date.parse(m.at)).mine = m.probability === null ? null : m.probability * 100;
  const data = [...points.values()].sort((a, b) => a.t - b.t);
  if (data.length === 0) return <p className="muted">No forecasts to chart yet.</p>;
  const last = data.at(-1)!;
  // Extend the lines to now so the current value is visible at the right edge.
  data.push({
    t: Math.max(now, last.t + 1),
    community: latest(data, "community"),
    mine: latest(data, "mine"),
  });
  const tick = timeTickFormatter(data.at(-1)!.t - data[0]!.t);
  return (
    <figure className="chart" aria-label="Community prediction over time">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e0da" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={tick}
            minTickGap={40}
          />
          <YAxis domain={[0, 100]} tickFormatter={pct} width={56} />
          <Tooltip
            labelFormatter={(t) => fullTime(Number(t))}
            formatter={(v) => (typeof v === "number" ? pct(v) : String(v))}
          />
          <Legend />
          <Line
            name="Community"
            dataKey="community"
            type="stepAfter"
            stroke="#2f5fd0"
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            name="You"
            dataKey="mine"
            type="stepAfter"
            stroke="#b3261e"
            strokeWidth={2}
            dot
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted small">
        {community.length > 0
          ? `Community prediction after each of ${community.length} changes${mine.length ? "; your forecasts in red" : ""}.`
          : "The community prediction is hidden until you forecast."}
      </figcaption>
    </figure>
  );
}

function latest(data: Point[], key: "community" | "mine"): number | null | undefined {
  for (let i = data.length - 1; i >= 0; i--) if (data[i]![key] !== undefined) return data[i]![key];
  return undefined;
}
