/**
 * What happens by itself as time passes, run by the server's timer (and tests, with a clock):
 * open cruxes close at their close time, and undisputed proposals finalize when their window ends.
 * Each crux gets its own transaction; the step is re-checked under the lock, so several processes
 * running the timer at once never act twice.
 */
import { and, eq, lte } from "drizzle-orm";
import { cruxes, resolutions } from "@/db/schema";
import type { Action } from "@/server/domain/lifecycle";
import { expireDueOffers } from "../bets";
import type { Services } from "../services";
import { runStep } from "./engine";
import { onFamily } from "./resolve";

async function stepEach(
  services: Services,
  ids: number[],
  action: Action,
  now: number,
): Promise<number> {
  let done = 0;
  for (const id of ids) {
    const result = await onFamily(services, id, now, (run) =>
      runStep(run, id, action, null, { orSkip: true }),
    );
    if (result) done += 1;
  }
  return done;
}

/** Finalizes every undisputed proposal whose dispute window has ended. */
export async function finalizeDue(services: Services, now: number): Promise<number> {
  const due = await services.db
    .select({ id: cruxes.id })
    .from(cruxes)
    .innerJoin(resolutions, eq(resolutions.cruxId, cruxes.id))
    .where(and(eq(cruxes.status, "resolving"), lte(resolutions.disputeUntil, new Date(now))));
  return stepEach(
    services,
    due.map((d) => d.id),
    { type: "window-end" },
    now,
  );
}

/** Closes every open crux whose close time has passed (refunding unmatched offers). */
export async function closeDueCruxes(services: Services, now: number): Promise<number> {
  const due = await services.db
    .select({ id: cruxes.id })
    .from(cruxes)
    .where(and(eq(cruxes.status, "open"), lte(cruxes.closesAt, new Date(now))));
  return stepEach(
    services,
    due.map((d) => d.id),
    { type: "close" },
    now,
  );
}

/** Everything due at `now`, in the order time implies: closes, window ends, expired offers. */
export async function runDueWork(
  services: Services,
  now: number,
): Promise<{ closed: number; finalized: number; expired: number }> {
  const closed = await closeDueCruxes(services, now);
  const finalized = await finalizeDue(services, now);
  const expired = await expireDueOffers(services, now);
  return { closed, finalized, expired };
}
