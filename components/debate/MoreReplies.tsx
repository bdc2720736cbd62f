"use client";

import { useState } from "react";
import { useThread } from "./ThreadContext";

/**
 * "Show 12 more replies": a link to the page that renders them (so readers without JavaScript
 * and search engines reach every claim), loaded in place when JavaScript runs.
 */
export function MoreReplies({ parentId }: { parentId: number | null }) {
  const thread = useThread();
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const more = thread.more.get(parentId);
  if (!more || more.count === 0) return null;
  const what =
    parentId === null
      ? more.count === 1
        ? "1 more claim"
        : `${more.count} more claims`
      : more.count === 1
        ? "1 more reply"
        : `${more.count} more replies`;
  const href =
    parentId === null
      ? `/debates/${thread.slug}?from=${more.skip}`
      : `/debates/${thread.slug}/claims/${parentId}`;
  return (
    <p className="more-replies">
      <a
        href={href}
        aria-busy={state === "loading"}
        onClick={(e) => {
          e.preventDefault();
          if (state === "loading") return;
          setState("loading");
          thread.loadMore(parentId).then(
            () => setState("idle"),
            () => setState("failed"),
          );
        }}
      >
        {state === "loading" ? "Loading…" : `Show ${what}`}
      </a>
      {state === "failed" && (
        <span role="alert" className="error">
          {" "}
          Could not load them; check your connection and try again.
        </span>
      )}
    </p>
  );
}
