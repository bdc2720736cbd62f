"use client";

import { useEffect, useState } from "react";
import { trpc } from "@/lib/trpc";
import type { DebateCruxState } from "@/lib/types";

/**
 * The debate's crux state for this viewer. Crux and forecast events carry no hidden numbers, so on
 * each one we refetch the viewer's own view from the server instead of patching it locally.
 */
export function useDebateCruxes(
  slug: string,
  initial: DebateCruxState,
  version: number,
): DebateCruxState {
  const [state, setState] = useState(initial);
  useEffect(() => {
    if (version === 0) return;
    let cancelled = false;
    trpc.cruxes.forDebate
      .query({ slug })
      .then((next) => {
        if (!cancelled) setState(next);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [slug, version]);
  return state;
}
