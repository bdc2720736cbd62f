"use client";

import { useId, useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { errorMessage, trpc } from "@/lib/trpc";
import { formatUntil } from "@/server/domain/restrictions";
import { ReasonForm } from "./ReasonForm";

export interface ModeratorStanding {
  handle: string;
  suspendedUntil: string | null;
  suspensionReason: string | null;
  bannedAt: string | null;
  banReason: string | null;
  may: { suspend: boolean; ban: boolean };
}

const DURATIONS: [string, number][] = [
  ["1 hour", 1],
  ["1 day", 24],
  ["3 days", 72],
  ["1 week", 168],
  ["30 days", 720],
];

/**
 * On a person's page, for site-wide moderators and admins: their standing, and suspend (for a
 * time) or ban (admins) with a reason, or lift either (docs/moderation.md).
 */
export function StandingControls({ initial }: { initial: ModeratorStanding }) {
  const id = useId();
  const [standing, setStanding] = useState(initial);
  const [open, setOpen] = useState<"suspend" | "ban" | null>(null);
  const [hours, setHours] = useState(24);
  const [error, setError] = useState<string | null>(null);
  const handle = standing.handle;
  const refresh = async () => setStanding(await trpc.restrictions.standing.query({ handle }));
  const lift = (what: "unsuspend" | "unban") => () => {
    setError(null);
    trpc.restrictions[what]
      .mutate({ handle })
      .then(refresh)
      .catch((err: unknown) => setError(errorMessage(err)));
  };

  return (
    <section className="standing-controls" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Moderation</h2>
      {standing.bannedAt ? (
        <p>
          Banned <RelativeTime iso={standing.bannedAt} />: “{standing.banReason}”.{" "}
          {standing.may.ban && (
            <button type="button" className="link-button" onClick={lift("unban")}>
              Lift the ban
            </button>
          )}
        </p>
      ) : standing.suspendedUntil ? (
        <p>
          Suspended until {formatUntil(new Date(standing.suspendedUntil))}: “
          {standing.suspensionReason}”.{" "}
          <button type="button" className="link-button" onClick={lift("unsuspend")}>
            Lift the suspension
          </button>
        </p>
      ) : (
        <p className="muted">@{handle} may write.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!standing.bannedAt && standing.may.suspend && open === null && (
        <p className="form-actions">
          <button type="button" className="button small" onClick={() => setOpen("suspend")}>
            {standing.suspendedUntil ? "Change suspension" : "Suspend"}
          </button>
          {standing.may.ban && (
            <button type="button" className="button small danger" onClick={() => setOpen("ban")}>
              Ban
            </button>
          )}
        </p>
      )}
      {open === "suspend" && (
        <ReasonForm
          label={`Why suspend @${handle}? (they see this)`}
          submitLabel="Suspend"
          onCancel={() => setOpen(null)}
          onSubmit={async (reason) => {
            await trpc.restrictions.suspend.mutate({ handle, hours, reason });
            setOpen(null);
            await refresh();
          }}
        >
          <label htmlFor={`${id}-hours`}>For</label>
          <select
            id={`${id}-hours`}
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          >
            {DURATIONS.map(([label, h]) => (
              <option key={h} value={h}>
                {label}
              </option>
            ))}
          </select>
          <p className="small muted">Their open offers are cancelled and refunded.</p>
        </ReasonForm>
      )}
      {open === "ban" && (
        <ReasonForm
          label={`Why ban @${handle} for good? (they see this)`}
          submitLabel="Ban"
          onCancel={() => setOpen(null)}
          onSubmit={async (reason) => {
            await trpc.restrictions.ban.mutate({ handle, reason });
            setOpen(null);
            await refresh();
          }}
        >
          <p className="small muted">
            They can still read. Their open offers are cancelled and refunded.
          </p>
        </ReasonForm>
      )}
    </section>
  );
}
