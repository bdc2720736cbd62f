/**
 * Notification kinds, a person's preferences, and the rules of the periodic reminders (crowd
 * moves, closing soon, stale forecasts). Pure: server/usecases/reminders.ts applies them.
 * docs/notifications.md.
 */

/** Every kind of in-app notification, with what the preferences page calls it. */
export const NOTIFICATION_KINDS = [
  "reply",
  "offer",
  "fill",
  "new-crux",
  "resolution",
  "dispute",
  "finalized",
  "crowd-move",
  "closing-soon",
  "stale-forecast",
  "moderation",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const KIND_LABELS: Record<NotificationKind, string> = {
  reply: "Someone replies to your claim",
  offer: "Someone challenges you to a bet",
  fill: "Someone takes your bet offer",
  "new-crux": "A new crux in a debate you follow",
  resolution: "A crux you follow or hold a position on is proposed to resolve (or undone)",
  dispute: "A resolution you follow is disputed",
  finalized: "A crux you follow or hold a position on is resolved or annulled",
  "crowd-move": "The community prediction on a crux you follow moves",
  "closing-soon": "A crux you follow closes soon",
  "stale-forecast": "One of your forecasts is getting old",
  moderation: "Moderators suspend, ban or reinstate your account",
};

export const isNotificationKind = (v: string): v is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(v);

export interface NotificationPreferences {
  /** Kinds turned off (never created for this person). */
  off: NotificationKind[];
  /** A crowd move worth telling: percentage points of P(YES), or percent of a numeric crux's range. */
  movePoints: number;
  /** "Closes soon": within this many hours of its close time. */
  closingSoonHours: number;
  /** A standing forecast older than this many days gets a reminder. */
  staleAfterDays: number;
}

export const PREFERENCE_BOUNDS = {
  movePoints: { min: 1, max: 50 },
  closingSoonHours: { min: 1, max: 720 },
  staleAfterDays: { min: 1, max: 365 },
} as const;

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  off: [],
  movePoints: 10,
  closingSoonHours: 24,
  staleAfterDays: 30,
};

export const wants = (prefs: NotificationPreferences, kind: NotificationKind): boolean =>
  !prefs.off.includes(kind);

/**
 * Whether the crowd moved enough since the person last looked (or was last told). Values are on
 * a 0-1 scale (P(YES), or where a numeric median sits in its range); compared in hundredths of a
 * point so 0.1 + 0.2 style float noise never decides. No baseline or no crowd: nothing to compare.
 */
export function crowdMoved(
  seen: number | null,
  current: number | null,
  movePoints: number,
): boolean {
  if (seen === null || current === null) return false;
  return Math.round(Math.abs(current - seen) * 10_000) >= movePoints * 100;
}

/** Open, not yet closed, and closing within the person's window. */
export function closingSoon(
  crux: { open: boolean; closesAt: number },
  now: number,
  closingSoonHours: number,
): boolean {
  return crux.open && crux.closesAt > now && crux.closesAt - now <= closingSoonHours * 3_600_000;
}

/** A standing forecast made at `madeAt` is stale once it is the chosen number of days old. */
export function forecastIsStale(madeAt: number, now: number, staleAfterDays: number): boolean {
  return now - madeAt >= staleAfterDays * 86_400_000;
}

/**
 * What makes a reminder "the same one again": it is sent once per episode. Closing soon: per close
 * time (a crux given a later close time can remind again). A stale forecast: per forecast (a
 * reaffirmed or updated forecast starts a new one).
 */
export const reminderEpisode = {
  closingSoon: (closesAt: number) => new Date(closesAt).toISOString(),
  staleForecast: (madeAt: number) => new Date(madeAt).toISOString(),
};

/**
 * Who hears of a step on a crux: its participants (they hold a position), its followers and its
 * debate's followers, each once, never the person who took the step.
 */
export function audience(groups: readonly Iterable<number>[], actorId: number | null): number[] {
  const ids = new Set<number>();
  for (const g of groups) for (const id of g) if (id !== actorId) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

/** Whole days, for "your forecast is 31 days old". */
export const ageInDays = (madeAt: number, now: number) => Math.floor((now - madeAt) / 86_400_000);
