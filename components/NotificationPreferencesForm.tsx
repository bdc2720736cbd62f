"use client";

import { useState, type FormEvent } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import {
  KIND_LABELS,
  NOTIFICATION_KINDS,
  PREFERENCE_BOUNDS,
  type NotificationKind,
  type NotificationPreferences,
} from "@/server/domain/notifications";

const NUMBERS = [
  {
    field: "movePoints",
    label: "Tell me when a followed crux's crowd moves by at least",
    unit: "percentage points (numeric cruxes: percent of the range)",
  },
  {
    field: "closingSoonHours",
    label: "Tell me when a followed crux closes within",
    unit: "hours",
  },
  {
    field: "staleAfterDays",
    label: "Remind me of a forecast once it is",
    unit: "days old",
  },
] as const;

/** Each kind on or off, and the three reminder settings; saved whole (PUT /me/notification-preferences). */
export function NotificationPreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const [prefs, setPrefs] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (kind: NotificationKind, on: boolean) =>
    setPrefs((p) => ({
      ...p,
      off: on ? p.off.filter((k) => k !== kind) : [...p.off, kind],
    }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      setPrefs(await trpc.follows.setPreferences.mutate(prefs));
      setStatus({ ok: true, text: "Saved." });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="notification-prefs"
      aria-label="Notification preferences"
      // The server's message names the field and its bounds; the browser's would only say "too big".
      noValidate
      onSubmit={(e) => void save(e)}
    >
      <fieldset>
        <legend>Notify me when</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={!prefs.off.includes(kind)}
              onChange={(e) => toggle(kind, e.target.checked)}
            />{" "}
            {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Reminders</legend>
        {NUMBERS.map(({ field, label, unit }) => (
          <label key={field} className="number-pref">
            <span>{label}</span>{" "}
            <input
              type="number"
              inputMode="numeric"
              min={PREFERENCE_BOUNDS[field].min}
              max={PREFERENCE_BOUNDS[field].max}
              step={1}
              value={Number.isNaN(prefs[field]) ? "" : prefs[field]}
              onChange={(e) => setPrefs((p) => ({ ...p, [field]: e.target.valueAsNumber }))}
            />{" "}
            <span>{unit}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        Save notification preferences
      </button>{" "}
      <span role="status" className="muted">
        {status?.ok ? status.text : ""}
      </span>
      {status && !status.ok && (
        <p className="error" role="alert">
          {status.text}
        </p>
      )}
    </form>
  );
}
