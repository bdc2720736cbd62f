"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { followKey, type FollowTarget } from "@/lib/follow";
import { errorMessage, trpc } from "@/lib/trpc";

type Target = FollowTarget;

const read = (target: Target) =>
  "cruxId" in target
    ? trpc.follows.cruxFollowState.query({ id: target.cruxId })
    : trpc.follows.debateFollowState.query({ slug: target.debateSlug });

const WHAT = {
  crux: "you hear when its crowd moves, when it nears its close and when a resolution is proposed or disputed",
  debate: "you hear of its new cruxes and of resolutions proposed, disputed or final on them",
};

/** Follow / Unfollow for a signed-in reader; the server page filled the cache with the state. */
export function FollowButton({ target }: { target: Target }) {
  const noun = "cruxId" in target ? "crux" : "debate";
  const queryClient = useQueryClient();
  const key = followKey(target);
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => read(target),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const following = data?.following ?? false;

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const next =
        "cruxId" in target
          ? following
            ? await trpc.follows.unfollowCrux.mutate({ id: target.cruxId })
            : await trpc.follows.followCrux.mutate({ id: target.cruxId })
          : following
            ? await trpc.follows.unfollowDebate.mutate({ slug: target.debateSlug })
            : await trpc.follows.followDebate.mutate({ slug: target.debateSlug });
      queryClient.setQueryData(key, next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="follow">
      <button
        type="button"
        className={following ? "secondary small" : "small"}
        disabled={busy || data === undefined}
        aria-label={following ? `Unfollow this ${noun}` : `Follow this ${noun}`}
        onClick={() => void toggle()}
      >
        {following ? "Unfollow" : `Follow this ${noun}`}
      </button>
      <span className="muted small" role="status">
        {following ? `Following: ${WHAT[noun]}.` : ""}
      </span>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
