"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FormError } from "@/components/FormError";
import { RelativeTime } from "@/components/RelativeTime";
import { MY_FORECASTS_KEY } from "@/lib/myForecasts";
import { errorMessage, trpc } from "@/lib/trpc";
import { formatNumericValue } from "@/server/domain/numeric/threshold";
import { formatProbability } from "@/server/domain/probability";
import { describePercentiles } from "@/server/domain/thresholdCruxes";

type Item = Awaited<ReturnType<typeof trpc.cruxes.myForecasts.query>>["forecasts"][number];

const SORTS = {
  oldest: { label: "oldest first", compare: (a: Item, b: Item) => a.at.localeCompare(b.at) },
  moved: {
    label: "crowd moved most",
    compare: (a: Item, b: Item) => moved(b) - moved(a),
  },
  closing: {
    label: "closing soonest",
    compare: (a: Item, b: Item) => a.closesAt.localeCompare(b.closesAt),
  },
} as const;
type Sort = keyof typeof SORTS;

const moved = (f: Item) => f.crowdMove;

/** Your forecast and the crowd in words: a probability, or a median with its 80% interval. */
function describe(item: Item) {
  if (item.kind === "numeric" && item.percentiles) {
    const unit = item.unit ?? "";
    const value = (v: number | null) => (v === null ? null : formatNumericValue(v, unit));
    return {
      mine: describePercentiles(item.percentiles, unit),
      reaffirmLabel: `Reaffirm median ${formatNumericValue(item.percentiles.p50, unit)}`,
      crowd: "crowd median",
      then: value(item.communityThen),
      now: value(item.communityNow),
    };
  }
  const mine = formatProbability(item.probability ?? 0);
  return {
    mine,
    reaffirmLabel: `Reaffirm ${mine}`,
    crowd: "crowd",
    then: item.communityThen === null ? null : formatProbability(item.communityThen),
    now: item.communityNow === null ? null : formatProbability(item.communityNow),
  };
}

/** Your standing forecasts, sortable, each reaffirmed or updated in place. */
export function MyForecasts() {
  const { data } = useSuspenseQuery({
    queryKey: MY_FORECASTS_KEY,
    queryFn: () => trpc.cruxes.myForecasts.query(),
    staleTime: Infinity,
  });
  const [sort, setSort] = useState<Sort>("oldest");
  if (data.forecasts.length === 0)
    return <p>You hold no forecasts on open cruxes. Find one in a debate&apos;s Cruxes tab.</p>;
  return (
    <>
      <label htmlFor="forecast-sort">Sort</label>{" "}
      <select id="forecast-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
        {Object.entries(SORTS).map(([key, s]) => (
          <option key={key} value={key}>
            {s.label}
          </option>
        ))}
      </select>
      <ul className="claim-list my-forecasts">
        {[...data.forecasts].sort(SORTS[sort].compare).map((f) => (
          <ForecastRow key={f.cruxId} item={f} />
        ))}
      </ul>
    </>
  );
}

function ForecastRow({ item }: { item: Item }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const place = async (
    forecast: { probability: number | string } | NonNullable<Item["distribution"]>,
    what: string,
  ) => {
    setBusy(true);
    setError(null);
    try {
      await trpc.cruxes.forecast.mutate({ id: item.cruxId, ...forecast });
      setDone(what);
      setValue("");
      await queryClient.invalidateQueries({ queryKey: MY_FORECASTS_KEY });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const words = describe(item);
  const reaffirm = () =>
    item.distribution
      ? place(item.distribution, `Reaffirmed ${words.mine}`)
      : place({ probability: item.probability ?? 0 }, `Reaffirmed ${words.mine}`);
  return (
    <li aria-label={item.title}>
      <Link href={`/cruxes/${item.cruxId}`}>{item.title}</Link>
      <p className="small">
        You said <strong>{words.mine}</strong> <RelativeTime iso={item.at} />
        {words.then !== null && words.now !== null && (
          <>
            {" "}
            · {words.crowd} then {words.then}, now {words.now}
          </>
        )}{" "}
        · closes <RelativeTime iso={item.closesAt} />
      </p>
      <form
        className="inline-form"
        aria-label={`Update your forecast on ${item.title}`}
        onSubmit={(e) => {
          e.preventDefault();
          void place({ probability: value }, `Updated to ${value}`);
        }}
      >
        <button type="button" disabled={busy} onClick={() => void reaffirm()}>
          {words.reaffirmLabel}
        </button>
        {item.kind === "numeric" ? (
          // A distribution is edited with its chart, on the crux page.
          <Link href={`/cruxes/${item.cruxId}`} aria-label={`Update on its page: ${item.title}`}>
            Update on its page
          </Link>
        ) : (
          <>
            <label htmlFor={`update-${item.cruxId}`}>New forecast</label>
            <input
              id={`update-${item.cruxId}`}
              value={value}
              required
              placeholder="e.g. 40%"
              onChange={(e) => setValue(e.target.value)}
            />
            <button type="submit" disabled={busy}>
              Update
            </button>
          </>
        )}
        <FormError error={error} />
        {done && (
          <span role="status" className="small">
            {done}.
          </span>
        )}
      </form>
    </li>
  );
}
