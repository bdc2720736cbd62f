"use client";

import { MAX_MODERATION_NOTE } from "@/server/domain/reports";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { acquireUserSocket } from "@/components/live/userSocket";
import { FormError } from "@/components/FormError";
import { Markdown } from "@/components/Markdown";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";
import { QUEUE_ORDERS, REPORT_REASON_LABELS, type QueueOrder } from "@/server/domain/reports";
import { hiddenPlaceholder } from "@/server/domain/claimVisibility";

type Queue = Awaited<ReturnType<typeof trpc.reports.queue.query>>;
type Item = Queue["items"][number];

const ORDER_LABELS: Record<QueueOrder, string> = {
  newest: "Newest first",
  "most-reported": "Most reported first",
};

/** The open reports in the moderator's scope, one card per reported item. */
export function ModerationQueue({ initial }: { initial: Queue }) {
  const [order, setOrder] = useState<QueueOrder>("newest");
  const [queue, setQueue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async (o: QueueOrder) => {
    try {
      setQueue(await trpc.reports.queue.query({ order: o }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  // Live: a report filed or closed, or a claim hidden, by anyone, reloads the queue in this order.
  const orderNow = useRef(order);
  useEffect(() => {
    orderNow.current = order;
  }, [order]);
  useEffect(() => {
    const { socket, release } = acquireUserSocket();
    const onChange = () => void reload(orderNow.current);
    socket.on("moderation:changed", onChange);
    return () => {
      socket.off("moderation:changed", onChange);
      release();
    };
  }, [reload]);
  return (
    <>
      <div className="queue-toolbar" role="group" aria-label="Order the queue">
        {QUEUE_ORDERS.map((o) => (
          <button
            key={o}
            type="button"
            className={order === o ? "small" : "small secondary"}
            aria-pressed={order === o}
            onClick={() => {
              setOrder(o);
              void reload(o);
            }}
          >
            {ORDER_LABELS[o]}
          </button>
        ))}
        <span className="muted small" role="status">
          {queue.total === 1 ? "1 reported item" : `${queue.total} reported items`}
        </span>
      </div>
      <FormError error={error} />
      {queue.items.length === 0 ? (
        <p className="muted">Nothing to look at: no open reports.</p>
      ) : (
        <ol className="plain queue">
          {queue.items.map((item) => (
            <QueueCard
              key={`${item.targetKind}:${item.targetId}`}
              item={item}
              onChanged={() => reload(order)}
            />
          ))}
        </ol>
      )}
    </>
  );
}

function itemLabel(item: Item): string {
  const c = item.context;
  switch (c.kind) {
    case "claim":
      return `Claim ${c.claimId} by @${c.authorHandle}`;
    case "crux":
      return `Crux “${c.title}”`;
    case "evidence":
      return `Evidence “${c.title}”`;
    case "user":
      return `User @${c.handle}`;
    case "gone":
      return `${item.targetKind} ${item.targetId} (no longer there)`;
  }
}

function ItemContext({ item }: { item: Item }) {
  const c = item.context;
  switch (c.kind) {
    case "claim":
      return (
        <div className="queue-context">
          <p className="small muted">
            In <Link href={`/debates/${c.debateSlug}`}>{c.debateTitle}</Link>
            {c.parent && (
              <>
                {" "}
                · replying to @{c.parent.authorHandle}: “{c.parent.excerpt}”
              </>
            )}{" "}
            · <Link href={`/debates/${c.debateSlug}/claims/${c.claimId}`}>open in the thread</Link>
          </p>
          {c.hiddenReason !== null && (
            <p className="hidden-mark">
              <span className="hidden-badge">hidden</span> {hiddenPlaceholder(c.hiddenReason)}
            </p>
          )}
          {c.deleted ? (
            <p className="muted">[deleted by its author]</p>
          ) : (
            <blockquote className="queue-body">
              <Markdown source={c.body} />
            </blockquote>
          )}
        </div>
      );
    case "crux":
      return (
        <p className="queue-context">
          <Link href={`/cruxes/${c.cruxId}`}>{c.title}</Link>{" "}
          <span className="muted small">
            in <Link href={`/debates/${c.debateSlug}`}>{c.debateTitle}</Link>
          </span>
        </p>
      );
    case "evidence":
      return (
        <div className="queue-context">
          <p>
            {c.url ? (
              <a href={c.url} rel="nofollow noopener noreferrer" target="_blank">
                {c.title}
              </a>
            ) : (
              c.title
            )}{" "}
            <span className="muted small">
              on <Link href={`/cruxes/${c.cruxId}`}>{c.cruxTitle}</Link>
            </span>
          </p>
          {c.quote && <blockquote className="quote">{c.quote}</blockquote>}
        </div>
      );
    case "user":
      return (
        <div className="queue-context">
          <p>
            <Link href={`/users/${c.handle}`}>@{c.handle}</Link> ({c.displayName}), joined{" "}
            <RelativeTime iso={c.joinedAt} />
          </p>
          {c.recentClaims.length > 0 ? (
            <ul className="small">
              {c.recentClaims.map((r) => (
                <li key={r.id}>
                  <Link href={`/debates/${r.debateSlug}/claims/${r.id}`}>{r.excerpt}</Link>{" "}
                  <span className="muted">
                    <RelativeTime iso={r.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">No claims yet.</p>
          )}
        </div>
      );
    case "gone":
      return <p className="muted">This item is no longer there.</p>;
  }
}

function QueueCard({ item, onChanged }: { item: Item; onChanged: () => Promise<void> }) {
  const id = useId();
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = item.reports[0]!;
  const label = itemLabel(item);
  const run = async (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
      await onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const claim = item.context.kind === "claim" && !item.context.deleted ? item.context : null;
  return (
    <li className="queue-item" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="queue-title">
        {label}{" "}
        <span className="badge subtle">
          {item.reports.length === 1 ? "1 report" : `${item.reports.length} reports`}
        </span>
      </h2>
      <ItemContext item={item} />
      <ul className="queue-reports small">
        {item.reports.map((r) => (
          <li key={r.id}>
            <strong>{REPORT_REASON_LABELS[r.reason]}</strong>
            {r.details && <>: “{r.details}”</>} —{" "}
            <Link href={`/users/${r.reporterHandle}`}>@{r.reporterHandle}</Link>,{" "}
            <RelativeTime iso={r.createdAt} />
          </li>
        ))}
      </ul>
      <form className="queue-actions" onSubmit={(e) => e.preventDefault()}>
        {claim &&
          (claim.hiddenReason === null ? (
            <span className="queue-hide">
              <label htmlFor={`${id}-reason`}>Reason shown to everyone</label>
              <input
                id={`${id}-reason`}
                value={reason}
                maxLength={MAX_MODERATION_NOTE}
                onChange={(e) => setReason(e.target.value)}
              />
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() =>
                  void run(() => trpc.reports.hideClaim.mutate({ id: claim.claimId, reason }))
                }
              >
                Hide claim {claim.claimId}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                void run(() => trpc.reports.restoreClaim.mutate({ id: claim.claimId }))
              }
            >
              Restore claim {claim.claimId}
            </button>
          ))}
        <label htmlFor={`${id}-note`}>Note for the log</label>
        <input
          id={`${id}-note`}
          value={note}
          maxLength={MAX_MODERATION_NOTE}
          onChange={(e) => setNote(e.target.value)}
        />
        <span className="queue-buttons">
          <button
            type="button"
            disabled={busy}
            aria-label={`Resolve the reports about ${label}`}
            onClick={() => void run(() => trpc.reports.resolve.mutate({ id: first.id, note }))}
          >
            Resolve
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            aria-label={`Dismiss the reports about ${label}`}
            onClick={() => void run(() => trpc.reports.dismiss.mutate({ id: first.id, note }))}
          >
            Dismiss
          </button>
        </span>
        <FormError error={error} />
      </form>
    </li>
  );
}
