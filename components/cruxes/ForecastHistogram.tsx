import type { CruxForecasts } from "@/lib/types";

/** Who is where: current forecasts in 10-point buckets, by name. */
export function ForecastHistogram({ histogram }: Pick<CruxForecasts, "histogram">) {
  const max = Math.max(1, ...histogram.map((b) => b.users.length));
  return (
    <table className="histogram">
      <caption className="visually-hidden">Current forecasts by 10-point bucket</caption>
      <thead>
        <tr>
          <th scope="col">P(YES)</th>
          <th scope="col">Forecasters</th>
        </tr>
      </thead>
      <tbody>
        {histogram.map((b) => (
          <tr key={b.from}>
            <th scope="row">
              {Math.round(b.from * 100)}–{Math.round(b.to * 100)}%
            </th>
            <td>
              <span
                className="bar"
                style={{ width: `${(b.users.length / max) * 100}%` }}
                aria-hidden="true"
              />
              <span className="small">
                {b.users.length > 0 ? b.users.map((u) => `@${u}`).join(", ") : ""}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
