/** The "your forecasts" page's data in TanStack Query's cache (filled by the server page). */
export const MY_FORECASTS_KEY = ["me", "forecasts"] as const;
