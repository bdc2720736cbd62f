"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { debateCruxesKey } from "@/lib/debateParts";
import { trpc } from "@/lib/trpc";
import type { DebateCruxState } from "@/lib/types";

/**
 * The debate's crux state for this viewer, from the cache the server page filled. Crux and forecast
 * events carry no hidden numbers, so each one (`version` counts them) refetches the viewer's own
 * view from the server instead of patching it locally.
 */
export function useDebateCruxes(slug: string, version: number): DebateCruxState {
  const queryClient = useQueryClient();
  const key = debateCruxesKey(slug);
  const { data } = useSuspenseQuery({
    queryKey: key,
    queryFn: () => trpc.cruxes.forDebate.query({ slug }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const seen = useRef(version);
  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    void queryClient.invalidateQueries({ queryKey: debateCruxesKey(slug) });
  }, [queryClient, slug, version]);
  return data;
}
