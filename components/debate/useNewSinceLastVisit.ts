"use client";

import { useEffect, useRef, useState } from "react";
import { trpc } from "@/lib/trpc";

const storageKey = (slug: string) => `cruxible:last-visit:${slug}`;

/**
 * Ids of the claims new since the reader's last visit, in reading order. Signed in, the server
 * keeps the visit and sends the ids with the page; anonymous, the browser keeps it (localStorage)
 * and asks the server which claims are newer, loaded or not.
 */
export function useNewSinceLastVisit(
  slug: string,
  fromServer: { since: string | null; ids: number[] } | null,
  renderedAt: string,
): number[] {
  const [ids, setIds] = useState<number[]>(fromServer?.ids ?? []);
  const done = useRef(false);
  useEffect(() => {
    if (fromServer !== null || done.current) return;
    done.current = true;
    let since: string | null = null;
    try {
      since = window.localStorage.getItem(storageKey(slug));
      // The server's clock, like the claims' times: this visit is the next one's "last".
      window.localStorage.setItem(storageKey(slug), renderedAt);
    } catch {
      return;
    }
    if (!since) return;
    trpc.debates.newSince
      .query({ slug, since })
      .then((r) => setIds(r.ids))
      .catch(() => undefined);
  }, [slug, fromServer, renderedAt]);
  return ids;
}
