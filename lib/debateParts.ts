/**
 * The debate page's crux panel in TanStack Query's cache: the server page fills it through tRPC's
 * server-side caller, and every crux or forecast event in the debate marks it stale.
 */
export function debateCruxesKey(slug: string): readonly unknown[] {
  return ["debate", slug, "cruxes"];
}
