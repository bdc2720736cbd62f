/**
 * tRPC's server-side caller for server components: the same procedures (validation, hidden-crowd
 * rules, output shapes) the browser calls, for the person whose request is being rendered.
 */
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import type { CruxProcedures } from "@/lib/cruxParts";
import { contextFromRequest } from "./context";
import { createCaller } from "./router";

export async function serverCaller({ signedOut = false }: { signedOut?: boolean } = {}) {
  // Signed out: what anyone may see (a link preview), whoever's request renders it.
  const request = new Request("http://localhost/", {
    headers: signedOut ? undefined : await headers(),
  });
  return createCaller(await contextFromRequest(request));
}

/** For `.catch` on a page's main read: an unknown or malformed id renders the not-found page. */
export function notFoundOnMissing(err: unknown): never {
  if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST"))
    notFound();
  throw err;
}

export type ServerCaller = Awaited<ReturnType<typeof serverCaller>>;

/** The crux page's procedures, called in process. */
export function cruxProceduresOf(api: ServerCaller): CruxProcedures {
  return {
    get: (i) => api.cruxes.get(i),
    forecasts: (i) => api.cruxes.forecasts(i),
    doubleCruxes: (i) => api.cruxes.doubleCruxesForCrux(i),
    offers: (i) => api.bets.offers(i),
    suggestions: (i) => api.bets.suggestions(i),
    position: (i) => api.bets.position(i),
    resolution: (i) => api.resolution.state(i),
    history: (i) => api.resolution.history(i),
  };
}
