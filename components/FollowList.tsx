"use client";

import Link from "next/link";
import { useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";

type Follows = Awaited<ReturnType<typeof trpc.follows.mine.query>>;

/** What the person follows, each with its own Unfollow. */
export function FollowList({ initial }: { initial: Follows }) {
  const [follows, setFollows] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<unknown>, after: (f: Follows) => Follows) =>
    void work()
      .then(() => setFollows(after))
      .catch((err: unknown) => setError(errorMessage(err)));

  if (follows.cruxes.length === 0 && follows.debates.length === 0)
    return (
      <p className="muted">
        You follow nothing yet. Forecasting or betting on a crux follows it; so does “Follow this
        crux” on its page, or “Follow this debate”.
      </p>
    );
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="follow-list">
        {follows.debates.map((d) => (
          <li key={`d${d.debateSlug}`}>
            <span>
              Debate <Link href={`/debates/${d.debateSlug}`}>{d.title}</Link>
            </span>
            <button
              type="button"
              className="secondary small"
              aria-label={`Unfollow the debate ${d.title}`}
              onClick={() =>
                run(
                  () => trpc.follows.unfollowDebate.mutate({ slug: d.debateSlug }),
                  (f) => ({
                    ...f,
                    debates: f.debates.filter((x) => x.debateSlug !== d.debateSlug),
                  }),
                )
              }
            >
              Unfollow
            </button>
          </li>
        ))}
        {follows.cruxes.map((c) => (
          <li key={`c${c.cruxId}`}>
            <span>
              Crux <Link href={`/cruxes/${c.cruxId}`}>{c.title}</Link>
            </span>
            <button
              type="button"
              className="secondary small"
              aria-label={`Unfollow the crux ${c.title}`}
              onClick={() =>
                run(
                  () => trpc.follows.unfollowCrux.mutate({ id: c.cruxId }),
                  (f) => ({ ...f, cruxes: f.cruxes.filter((x) => x.cruxId !== c.cruxId) }),
                )
              }
            >
              Unfollow
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
