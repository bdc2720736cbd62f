"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { FormError } from "@/components/FormError";
import { errorMessage, trpc } from "@/lib/trpc";
import { DEBATE_EVENT_TYPES as WEBHOOK_EVENT_TYPES } from "@/server/domain/events";

type Webhook = Awaited<ReturnType<typeof trpc.webhooks.list.query>>["webhooks"][number];

/** Make, watch and delete webhooks (docs/webhooks.md explains the signature). */
export function WebhooksPanel() {
  const id = useId();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [url, setUrl] = useState("");
  const [debateSlug, setDebateSlug] = useState("");
  const [types, setTypes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      trpc.webhooks.list
        .query()
        .then((r) => setHooks(r.webhooks))
        .catch((err: unknown) => setError(errorMessage(err))),
    [],
  );
  useEffect(() => void load(), [load]);
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    void work()
      .then(load)
      .catch((err: unknown) => setError(errorMessage(err)));
  };
  const toggle = (type: string) =>
    setTypes((t) => (t.includes(type) ? t.filter((x) => x !== type) : [...t, type]));

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Webhooks</h2>
      <p>
        Debate events POSTed to your URL as JSON, signed with the webhook&apos;s secret (header{" "}
        <code>Cruxible-Signature</code>), retried until your server answers 2xx.
      </p>
      <form
        className="webhook-form"
        aria-label="Create a webhook"
        onSubmit={(e) => {
          e.preventDefault();
          act(() =>
            trpc.webhooks.create
              .mutate({
                url: url.trim(),
                eventTypes: types as (typeof WEBHOOK_EVENT_TYPES)[number][],
                debateSlug: debateSlug.trim() || undefined,
              })
              .then(() => (setUrl(""), setTypes([]))),
          );
        }}
      >
        <label htmlFor={`${id}-url`}>URL</label>
        <input
          id={`${id}-url`}
          type="url"
          required
          value={url}
          placeholder="https://example.org/hooks/cruxible"
          onChange={(e) => setUrl(e.target.value)}
        />
        <label htmlFor={`${id}-debate`}>Only this debate (its address; empty: every debate)</label>
        <input
          id={`${id}-debate`}
          value={debateSlug}
          placeholder="rlhf-impact"
          onChange={(e) => setDebateSlug(e.target.value)}
        />
        <fieldset className="event-types">
          <legend>Events (none ticked: all)</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} />{" "}
              {type}
            </label>
          ))}
        </fieldset>
        <FormError error={error} />
        <button type="submit">Create webhook</button>
      </form>
      {hooks?.map((hook) => (
        <article key={hook.id} className="webhook" aria-label={`Webhook to ${hook.url}`}>
          <h3>
            <code>{hook.url}</code>
          </h3>
          <p className="small">
            {hook.eventTypes.length ? hook.eventTypes.join(", ") : "every event"} in{" "}
            {hook.debateSlug ? `/debates/${hook.debateSlug}` : "every debate"} · secret{" "}
            <code className="secret">{hook.secret}</code>
          </p>
          <button
            type="button"
            className="link-button"
            onClick={() => act(() => trpc.webhooks.delete.mutate({ id: hook.id }))}
          >
            Delete webhook to {hook.url}
          </button>
          {hook.recentDeliveries.length === 0 ? (
            <p className="muted small">No deliveries yet.</p>
          ) : (
            <table className="forecast-table">
              <caption>Recent deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {hook.recentDeliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.type} #{d.seq}
                    </td>
                    <td>{d.status}</td>
                    <td>{d.attempts}</td>
                    <td>{d.lastError ?? d.lastStatusCode ?? "—"}</td>
                    <td>
                      <RelativeTime iso={d.deliveredAt ?? d.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}
