/** The community prediction: a recency-weighted median of each forecaster's latest forecast (Metaculus). */

export interface TimedForecast {
  /** epoch ms */
  at: number;
  /** P(YES) */
  p: number;
}

/**
 * Orders the latest forecasts oldest first (n = 1..N) and weights them w_n = exp(sqrt(n) - sqrt(N)),
 * equal weights when N <= 2; the weighted median is the mean of the first value whose cumulative
 * normalised weight is >= 0.5 and the first whose cumulative weight is > 0.5. Null for no forecasts.
 */
export function communityPrediction(latest: readonly TimedForecast[]): number | null {
  const n = latest.length;
  if (n === 0) return null;
  const byTime = [...latest].sort((a, b) => a.at - b.at);
  const weighted = byTime.map((f, i) => ({
    p: f.p,
    w: n <= 2 ? 1 : Math.exp(Math.sqrt(i + 1) - Math.sqrt(n)),
  }));
  weighted.sort((a, b) => a.p - b.p);
  const total = weighted.reduce((sum, f) => sum + f.w, 0);
  let cumulative = 0;
  let atLeastHalf: number | undefined;
  let overHalf: number | undefined;
  // A tiny tolerance so that weights summing to exactly one half are not missed through rounding.
  const EPS = 1e-12;
  for (const f of weighted) {
    cumulative += f.w / total;
    if (atLeastHalf === undefined && cumulative >= 0.5 - EPS) atLeastHalf = f.p;
    if (overHalf === undefined && cumulative > 0.5 + EPS) overHalf = f.p;
  }
  const lo = atLeastHalf ?? (weighted.at(-1) as { p: number }).p;
  const hi = overHalf ?? lo;
  return (lo + hi) / 2;
}
