"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { densityPoints, type Cdf, type NumericRange } from "@/server/domain/numeric";
import { bare } from "./words";

export interface DensitySeries {
  name: string;
  cdf: Cdf;
  /** "community" is drawn filled in blue, "mine" as a red line, "draft" as a dashed red line. */
  role: "community" | "mine" | "draft";
}

interface Props {
  range: NumericRange;
  unit: string;
  series: DensitySeries[];
  /** What the figure shows, for screen readers and as its caption. */
  caption: string;
  height?: number;
}

const COLORS = { community: "#2f5fd0", mine: "#b3261e", draft: "#b3261e" } as const;

/** Log-scale ticks at 1, 2, 5 × powers of ten inside the range. */
function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) ticks.push(Number(v.toPrecision(3)));
    }
  return ticks;
}

/**
 * Density of one or more distributions over a numeric crux's range (the x axis is logarithmic for
 * log-scale ranges). Heights are relative: a flat line at 1 means "anything in the range is equally
 * likely", as densityPoints normalises them.
 */
export function DensityChart({ range, unit, series, caption, height = 220 }: Props) {
  const rows = new Map<number, Record<string, number>>();
  series.forEach((s, i) => {
    for (const p of densityPoints(range, s.cdf)) {
      const row = rows.get(p.x) ?? rows.set(p.x, { x: p.x }).get(p.x)!;
      row[`s${i}`] = p.density;
    }
  });
  const data = [...rows.values()].sort((a, b) => a.x! - b.x!);
  const log = range.scale === "log";
  return (
    <figure className="chart numeric-chart" aria-label={caption}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e0da" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            scale={log ? "log" : "linear"}
            domain={[range.min, range.max]}
            ticks={log ? logTicks(range.min, range.max) : undefined}
            tickFormatter={(v: number) => bare(v)}
            allowDataOverflow
          />
          <YAxis hide domain={[0, "auto"]} />
          <Tooltip
            labelFormatter={(x) => `${bare(Number(x))} ${unit}`}
            formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))}
          />
          {series.length > 1 && <Legend />}
          {series.map((s, i) =>
            s.role === "community" ? (
              <Area
                key={i}
                name={s.name}
                dataKey={`s${i}`}
                type="monotone"
                stroke={COLORS.community}
                fill={COLORS.community}
                fillOpacity={0.15}
                strokeWidth={2}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={i}
                name={s.name}
                dataKey={`s${i}`}
                type="monotone"
                stroke={COLORS[s.role]}
                strokeDasharray={s.role === "draft" ? "5 3" : undefined}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="muted small">{caption}</figcaption>
    </figure>
  );
}
