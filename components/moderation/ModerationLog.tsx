"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { FormError } from "@/components/FormError";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";
import {
  MODERATION_ACTIONS,
  MODERATION_TARGETS,
  type ModerationAction,
  type ModerationTarget,
} from "@/server/domain/moderation";

type Log = Awaited<ReturnType<typeof trpc.moderation.log.query>>;
type Entry = Log["entries"][number];

interface Filters {
  actorHandle: string;
  action: "" | ModerationAction;
  targetKind: "" | ModerationTarget;
  debateSlug: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = {
  actorHandle: "",
  action: "",
  targetKind: "",
  debateSlug: "",
  from: "",
  to: "",
};

/** `YYYY-MM-DD` (a date input) as the start or the end of that day, in the reader's time zone. */
const dayBound = (day: string, end: boolean) =>
  day ? new Date(`${day}T${end ? "23:59:59.999" : "00:00:00"}`).toISOString() : undefined;

function query(f: Filters, before?: number) {
  return {
    actorHandle: f.actorHandle.trim().replace(/^@/, "") || undefined,
    action: f.action || undefined,
    targetKind: f.targetKind || undefined,
    debateSlug: f.debateSlug.trim() || undefined,
    from: dayBound(f.from, false),
    to: dayBound(f.to, true),
    before,
    limit: 50,
  };
}

function Target({ entry }: { entry: Entry }) {
  const d = entry.details as { handle?: unknown; role?: unknown; item?: unknown };
  if (entry.targetKind === "claim" && entry.debate)
    return (
      <Link href={`/debates/${entry.debate.slug}/claims/${entry.targetId}`}>
        claim {entry.targetId}
      </Link>
    );
  if (entry.targetKind === "user" && typeof d.handle === "string")
    return (
      <>
        <Link href={`/users/${d.handle}`}>@{d.handle}</Link>
        {typeof d.role === "string" && <> ({d.role})</>}
      </>
    );
  if (entry.targetKind === "crux")
    return <Link href={`/cruxes/${entry.targetId}`}>crux {entry.targetId}</Link>;
  const item = d.item as { kind?: string; id?: number } | undefined;
  return (
    <>
      {entry.targetKind} {entry.targetId}
      {item?.kind && (
        <span className="muted">
          {" "}
          (about {item.kind} {item.id})
        </span>
      )}
    </>
  );
}

/** The audit log, newest first; admins can filter it. */
export function ModerationLog({ initial, admin }: { initial: Log; admin: boolean }) {
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState(initial.entries);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (f: Filters, before?: number) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const page = await trpc.moderation.log.query(query(f, before));
      setEntries((old) => (before === undefined ? page.entries : [...old, ...page.entries]));
      setNextBefore(page.nextBefore);
      setApplied(f);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <>
      {admin && (
        <form
          className="log-filters"
          aria-label="Filter the log"
          onSubmit={(e) => {
            e.preventDefault();
            void load(filters);
          }}
        >
          <label>
            Actor
            <input
              value={filters.actorHandle}
              placeholder="handle"
              onChange={(e) => set("actorHandle", e.target.value)}
            />
          </label>
          <label>
            Action
            <select
              value={filters.action}
              onChange={(e) => set("action", e.target.value as Filters["action"])}
            >
              <option value="">any</option>
              {MODERATION_ACTIONS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label>
            Target
            <select
              value={filters.targetKind}
              onChange={(e) => set("targetKind", e.target.value as Filters["targetKind"])}
            >
              <option value="">any</option>
              {MODERATION_TARGETS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Debate
            <input
              value={filters.debateSlug}
              placeholder="slug"
              onChange={(e) => set("debateSlug", e.target.value)}
            />
          </label>
          <label>
            From
            <input type="date" value={filters.from} onChange={(e) => set("from", e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={filters.to} onChange={(e) => set("to", e.target.value)} />
          </label>
          <span className="queue-buttons">
            <button type="submit" disabled={busy}>
              Filter
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => {
                setFilters(NO_FILTERS);
                void load(NO_FILTERS);
              }}
            >
              Clear
            </button>
          </span>
          <FormError error={error} />
        </form>
      )}
      {!admin && <FormError error={error} />}
      {entries.length === 0 ? (
        <p className="muted">No entries{applied === NO_FILTERS ? " yet" : " match"}.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="log-table">
            <caption id={`${id}-caption`} className="visually-hidden">
              Moderation actions, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Debate</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <RelativeTime iso={e.at} />
                  </td>
                  <td>
                    {e.actor ? (
                      <Link href={`/users/${e.actor.handle}`}>@{e.actor.handle}</Link>
                    ) : (
                      "system"
                    )}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    <Target entry={e} />
                  </td>
                  <td>
                    {e.debate ? (
                      <Link href={`/debates/${e.debate.slug}`}>{e.debate.title}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{e.reason || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore !== null && (
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void load(applied, nextBefore)}
        >
          Older entries
        </button>
      )}
    </>
  );
}
