/** Crux lifecycle and structure rules. Pure: time is a parameter. */

export const CRUX_STATUSES = [
  "open",
  "closed",
  "resolving",
  "disputed",
  "awaiting-condition",
  "resolved",
  "annulled",
] as const;
export type CruxStatus = (typeof CRUX_STATUSES)[number];

/** "closed" is not stored: an open crux is closed once its close time has passed. */
export function effectiveStatus(stored: string, closesAt: number, now: number): CruxStatus {
  if (stored === "open" && now >= closesAt) return "closed";
  return (CRUX_STATUSES as readonly string[]).includes(stored) ? (stored as CruxStatus) : "open";
}

export const acceptsForecasts = (status: CruxStatus) => status === "open";

/**
 * Would making `cruxId` conditional on `conditionId` create a cycle? `conditionOf` maps each crux
 * to the crux it is conditional on (or null). A crux conditional on itself is a cycle too.
 */
export function createsConditionCycle(
  cruxId: number | null,
  conditionId: number,
  conditionOf: ReadonlyMap<number, number | null>,
): boolean {
  const seen = new Set<number>();
  let current: number | null | undefined = conditionId;
  while (current !== null && current !== undefined) {
    if (current === cruxId || seen.has(current)) return true;
    seen.add(current);
    current = conditionOf.get(current);
  }
  return false;
}

/** The condition stated plainly, e.g. "If “Will X?” resolves YES". */
export function describeCondition(conditionTitle: string): string {
  return `If “${conditionTitle}” resolves YES`;
}
