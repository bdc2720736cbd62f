"use client";

import {
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ScoresLink } from "./ScoreHelp";

interface Bucket {
  from: number;
  to: number;
  count: number;
  yesFraction: number | null;
}

/** Calibration: for forecasts in each 10-point bucket, how often the answer was YES (the diagonal is perfect). */
export function CalibrationChart({ buckets }: { buckets: Bucket[] }) {
  const points = buckets
    .filter((b) => b.count > 0 && b.yesFraction !== null)
    .map((b) => ({
      x: Math.round(((b.from + b.to) / 2) * 100),
      y: Math.round((b.yesFraction ?? 0) * 100),
      count: b.count,
    }));
  const ideal = [
    { x: 0, ideal: 0 },
    { x: 100, ideal: 100 },
  ];
  return (
    <figure className="chart" aria-label="Calibration chart">
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e0da" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, 100]}
            tickFormatter={(v: number) => `${v}%`}
            name="Forecast"
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            tickFormatter={(v: number) => `${v}%`}
            width={56}
            name="Resolved YES"
          />
          <Tooltip formatter={(v) => `${String(v)}%`} />
          <Line
            data={ideal}
            dataKey="ideal"
            stroke="#9aa3b2"
            strokeDasharray="4 4"
            dot={false}
            isAnimationActive={false}
            name="Perfect"
          />
          <Scatter data={points} dataKey="y" fill="#2f5fd0" name="You" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="muted small">
        Each dot: forecasts in a 10-point bucket and how often they resolved YES.{" "}
        <ScoresLink topic="calibration">What does this mean?</ScoresLink>
      </figcaption>
    </figure>
  );
}
