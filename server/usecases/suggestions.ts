import { suggestBet } from "@/server/domain/bets";
import type { DbExecutor } from "@/db/client";
import { currentForecasts } from "@/server/domain/forecasts";
import { forecastHistory, toHistory } from "./forecasts";
import { getCruxLifecycle, getCruxView } from "./cruxViews";
import type { Actor } from "./services";

/**
 * Bets the viewer and each other forecaster would both expect to gain from, by their own forecasts:
 * the log-odds midpoint of the two, rounded to a whole percent strictly between them.
 */
export async function betSuggestions(
  db: DbExecutor,
  cruxId: number,
  actor: Actor | null,
  now: number,
) {
  if (!actor) return [];
  const viewer = actor.handle;
  const crux = await getCruxView(db, cruxId, viewer, now);
  // Only bets the viewer could offer now, and never across a crowd hidden from them.
  if (crux.crowdHidden || !(await getCruxLifecycle(db, cruxId, actor, now)).can.offer) return [];
  const current = currentForecasts(toHistory(await forecastHistory(db, cruxId)));
  const mine = current.get(viewer);
  if (!mine) return [];
  const result = [];
  for (const [other, f] of current) {
    if (other === viewer) continue;
    const s = suggestBet({ who: viewer, p: mine.p }, { who: other, p: f.p });
    if (!s) continue;
    const mySide = s.yes === viewer ? ("yes" as const) : ("no" as const);
    result.push({
      counterpartyHandle: other,
      theirProbability: f.p,
      myProbability: mine.p,
      side: mySide,
      price: s.price,
      myExpectedGainPerCredit: mySide === "yes" ? s.expectedGainYes : s.expectedGainNo,
      theirExpectedGainPerCredit: mySide === "yes" ? s.expectedGainNo : s.expectedGainYes,
    });
  }
  return result.sort(
    (a, b) =>
      Math.abs(b.theirProbability - b.myProbability) -
      Math.abs(a.theirProbability - a.myProbability),
  );
}
