/**
 * What happens by itself as time passes, run by the server's timer (and tests, with a clock):
 * open cruxes close at their close time, and undisputed proposals finalize when their window ends.
 * Each crux gets its own transaction; the step is re-checked under the lock, so several processes
 * running the timer at once never act twice.
 */
import { and, asc, eq, inArray, lte } from "drizzle-orm";
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

const among = (ids: readonly number[] | undefined) =>
  ids === undefined ? undefined : inArray(cruxes.id, ids.length > 0 ? [...ids] : [-1]);

/** Finalizes every undisputed proposal whose dispute window has ended (of `ids`, when given). */
export async function finalizeDue(
  services: Services,
  now: number,
  ids?: readonly number[],
): Promise<number> {
  const due = await services.db
    .select({ id: cruxes.id })
    .from(cruxes)
    .innerJoin(resolutions, eq(resolutions.cruxId, cruxes.id))
    .where(
      and(eq(cruxes.status, "resolving"), lte(resolutions.disputeUntil, new Date(now)), among(ids)),
    )
    .orderBy(asc(cruxes.id));
  return stepEach(
    services,
    due.map((d) => d.id),
    { type: "window-end" },
    now,
  );
}

/** Closes every open crux whose close time has passed, refunding unmatched offers (of `ids`, when given). */
export async function closeDueCruxes(
  services: Services,
  now: number,
  ids?: readonly number[],
): Promise<number> {
  const due = await services.db
    .select({ id: cruxes.id })
    .from(cruxes)
    .where(and(eq(cruxes.status, "open"), lte(cruxes.closesAt, new Date(now)), among(ids)))
    .orderBy(asc(cruxes.id));
  return stepEach(
    services,
    due.map((d) => d.id),
    { type: "close" },
    now,
  );
}

/**
 * The timer's lifecycle steps for just these cruxes, in ascending id order: closes first, then
 * window ends (a test's simulated clock uses it to move only its own cruxes).
 */
export async function runDueFor(
  services: Services,
  cruxIds: readonly number[],
  now: number,
): Promise<{ closed: number; finalized: number }> {
  return {
    closed: await closeDueCruxes(services, now, cruxIds),
    finalized: await finalizeDue(services, now, cruxIds),
  };
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
