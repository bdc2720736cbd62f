/** Crux structure rules: conditions. (What may happen to a crux when is server/domain/lifecycle.ts.) */

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
