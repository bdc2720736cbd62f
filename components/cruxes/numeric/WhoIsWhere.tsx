import Link from "next/link";
import type { NumericRange } from "@/server/domain/numeric";
import { bare, intervalWords, type Percentiles } from "./words";

export interface ForecasterInterval extends Percentiles {
  handle: string;
}

interface Props {
  range: NumericRange;
  unit: string;
  forecasters: ForecasterInterval[];
  viewer: string | null;
}

/** Where x sits across the range's width, 0–100% (on a log range, in logarithms). */
function position(range: NumericRange, x: number): number {
  const f = (v: number) => (range.scale === "log" ? Math.log(v) : v);
  const t =
    (f(Math.min(range.max, Math.max(range.min, x))) - f(range.min)) / (f(range.max) - f(range.min));
  return t * 100;
}

/**
 * Who is where: each forecaster's 80% interval as a bar across the crux's range (on its scale),
 * with a tick at their median; the same in words for screen readers and small screens.
 */
export function WhoIsWhere({ range, unit, forecasters, viewer }: Props) {
  const sorted = [...forecasters].sort((a, b) => a.p50 - b.p50);
  return (
    <table className="who-is-where">
      <caption className="visually-hidden">
        Each forecaster&apos;s 80% interval and median, from {bare(range.min)} to {bare(range.max)}{" "}
        {unit}
        {range.scale === "log" ? " on a log scale" : ""}
      </caption>
      <thead>
        <tr>
          <th scope="col">Who</th>
          <th scope="col" className="who-words">
            80% interval, most likely
          </th>
          <th scope="col" className="who-scale">
            <span className="visually-hidden">On the range</span>
            <span aria-hidden="true" className="who-scale-labels">
              <span>{bare(range.min)}</span>
              <span>
                {bare(range.max)} {unit}
              </span>
            </span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((f) => {
          const left = position(range, f.p10);
          const right = position(range, f.p90);
          return (
            <tr key={f.handle} className={f.handle === viewer ? "who-me" : undefined}>
              <th scope="row">
                <Link href={`/users/${f.handle}`}>@{f.handle}</Link>
                {f.handle === viewer && <span className="muted small"> (you)</span>}
                {/* On a phone the words sit under the name (CSS shows one of the two). */}
                <span className="who-words-inline small">{intervalWords(f, unit)}</span>
              </th>
              <td className="small who-words">{intervalWords(f, unit)}</td>
              <td className="who-track" aria-hidden="true">
                <span
                  className="who-bar"
                  style={{ left: `${left}%`, width: `${Math.max(0.8, right - left)}%` }}
                />
                <span className="who-median" style={{ left: `${position(range, f.p50)}%` }} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
