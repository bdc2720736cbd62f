"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { cruxKey, cruxReads, type CruxData, type CruxProcedures } from "@/lib/cruxParts";
import { trpc } from "@/lib/trpc";
import type { CruxPart } from "@/server/domain/events";

const browserProcedures: CruxProcedures = {
  get: (i) => trpc.cruxes.get.query(i),
  forecasts: (i) => trpc.cruxes.forecasts.query(i),
  doubleCruxes: (i) => trpc.cruxes.doubleCruxesForCrux.query(i),
  offers: (i) => trpc.bets.offers.query(i),
  suggestions: (i) => trpc.bets.suggestions.query(i),
  position: (i) => trpc.bets.position.query(i),
  resolution: (i) => trpc.resolution.state.query(i),
  history: (i) => trpc.resolution.history.query(i),
};

// Parts change only through events (which invalidate them) or the viewer's own actions.
const options = { staleTime: Infinity, refetchOnWindowFocus: false } as const;

/** Every part of a crux, from the cache the server page filled; refetched part by part. */
export function useCruxData(id: number, signedIn: boolean): CruxData {
  const reads = useMemo(() => cruxReads(browserProcedures, id, signedIn), [id, signedIn]);
  return {
    details: useSuspenseQuery({
      queryKey: cruxKey(id, "details"),
      queryFn: reads.details,
      ...options,
    }).data,
    forecasts: useSuspenseQuery({
      queryKey: cruxKey(id, "forecasts"),
      queryFn: reads.forecasts,
      ...options,
    }).data,
    doubles: useSuspenseQuery({
      queryKey: cruxKey(id, "doubles"),
      queryFn: reads.doubles,
      ...options,
    }).data,
    offers: useSuspenseQuery({ queryKey: cruxKey(id, "offers"), queryFn: reads.offers, ...options })
      .data,
    suggestions: useSuspenseQuery({
      queryKey: cruxKey(id, "suggestions"),
      queryFn: reads.suggestions,
      ...options,
    }).data,
    position: useSuspenseQuery({
      queryKey: cruxKey(id, "position"),
      queryFn: reads.position,
      ...options,
    }).data,
    resolution: useSuspenseQuery({
      queryKey: cruxKey(id, "resolution"),
      queryFn: reads.resolution,
      ...options,
    }).data,
    history: useSuspenseQuery({
      queryKey: cruxKey(id, "history"),
      queryFn: reads.history,
      ...options,
    }).data,
  };
}

/** Marks parts of a crux stale (all of them when none are named), so they refetch. */
export function useInvalidateCrux(id: number): (parts?: readonly CruxPart[]) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (parts) => {
      if (!parts) void queryClient.invalidateQueries({ queryKey: cruxKey(id) });
      else
        for (const part of parts)
          void queryClient.invalidateQueries({ queryKey: cruxKey(id, part) });
    },
    [queryClient, id],
  );
}
