/**
 * Axis labels for a time chart, chosen by the span it covers: a chart within an hour reads in
 * seconds, within one day in hours and minutes (not "2026-11-30 … 2026-11-30"), a week in days with times, longer in dates.
 * UTC, so the server's and the browser's renderings agree.
 */
const HOUR = 3600_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const two = (n: number) => String(n).padStart(2, "0");
const hhmm = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
const monthDay = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;

export function timeTickFormatter(spanMs: number): (t: number) => string {
  if (spanMs <= HOUR) return (t) => `${hhmm(new Date(t))}:${two(new Date(t).getUTCSeconds())}`;
  if (spanMs <= 24 * HOUR) return (t) => hhmm(new Date(t));
  if (spanMs <= 7 * 24 * HOUR) return (t) => `${monthDay(new Date(t))} ${hhmm(new Date(t))}`;
  if (spanMs <= 300 * 24 * HOUR) return (t) => monthDay(new Date(t));
  return (t) => new Date(t).toISOString().slice(0, 10);
}

/** The full instant, for a tooltip: "2026-11-30 14:05 UTC". */
export const fullTime = (t: number) =>
  `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
