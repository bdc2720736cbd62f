/**
 * Crux strength and double cruxes. A user's strength for a crux on a claim is how much the crux's
 * answer moves their belief in the claim: |P(claim | YES) - P(claim | NO)|. A double crux is a crux
 * on which two people who disagree about the claim (one agrees, one disagrees) also disagree, and
 * which both rate strong: settle it and at least one of them should change their mind.
 */

export const STRONG_CRUX = 0.3;
export const MEANINGFUL_DISAGREEMENT = 0.2;

export const cruxStrength = (pClaimIfYes: number, pClaimIfNo: number) =>
  Math.abs(pClaimIfYes - pClaimIfNo);

export interface PersonOnCrux {
  /** +1 agrees with the claim, -1 disagrees (their agreement vote). */
  stance: 1 | -1;
  pClaimIfYes: number;
  pClaimIfNo: number;
  /** Their current P(crux YES). */
  forecast: number;
}

export interface DoubleCrux {
  agrees: string;
  disagrees: string;
  /** Each side's strength. */
  strengthAgrees: number;
  strengthDisagrees: number;
  forecastAgrees: number;
  forecastDisagrees: number;
  /** min(strengths) x forecast gap: higher is a better crux to settle first. */
  score: number;
}

/** All pairs of people with a double crux on one (crux, claim), best first. */
export function findDoubleCruxes(people: ReadonlyMap<string, PersonOnCrux>): DoubleCrux[] {
  const all = [...people.entries()];
  const result: DoubleCrux[] = [];
  for (const [a, pa] of all) {
    if (pa.stance !== 1) continue;
    for (const [b, pb] of all) {
      if (pb.stance !== -1) continue;
      const sa = cruxStrength(pa.pClaimIfYes, pa.pClaimIfNo);
      const sb = cruxStrength(pb.pClaimIfYes, pb.pClaimIfNo);
      const gap = Math.abs(pa.forecast - pb.forecast);
      if (sa < STRONG_CRUX || sb < STRONG_CRUX || gap < MEANINGFUL_DISAGREEMENT) continue;
      result.push({
        agrees: a,
        disagrees: b,
        strengthAgrees: sa,
        strengthDisagrees: sb,
        forecastAgrees: pa.forecast,
        forecastDisagrees: pb.forecast,
        score: Math.min(sa, sb) * gap,
      });
    }
  }
  return result.sort(
    (x, y) =>
      y.score - x.score ||
      x.agrees.localeCompare(y.agrees) ||
      x.disagrees.localeCompare(y.disagrees),
  );
}
