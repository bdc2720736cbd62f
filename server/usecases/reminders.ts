/**
 * The periodic reminders (docs/notifications.md): the community moved on a crux you follow since
 * you last looked, a crux you follow closes soon, a forecast of yours is older than you chose.
 * `now` is a parameter: the server passes the clock, tests a clock of their own. Each reminder is
 * its own small transaction and is sent once per episode (reminder_log, or the follow's moved
 * baseline), so running this again, or in two processes at once, repeats nothing.
 */
import { and, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cruxes, follows, forecasts, reminderLog } from "@/db/schema";
import { crowdHiddenFrom } from "@/server/domain/forecasts";
import {
  ageInDays,
  closingSoon,
  crowdMoved,
  forecastIsStale,
  PREFERENCE_BOUNDS,
  reminderEpisode,
  wants,
  type NotificationKind,
} from "@/server/domain/notifications";
import { rangeFraction } from "@/server/domain/numeric/range";
import { formatNumericValue } from "@/server/domain/numeric/threshold";
import { formatProbability } from "@/server/domain/probability";
import { communityValue } from "./follows";
import { notify, preferencesOf } from "./notifications";
import { numericRangeOf } from "./numericCruxes";
import { commit, type Services } from "./services";

export interface ReminderCounts {
  crowdMoves: number;
  closingSoon: number;
  staleForecasts: number;
}

export async function runReminders(services: Services, now: number): Promise<ReminderCounts> {
  return {
    crowdMoves: await remindCrowdMoves(services, now),
    closingSoon: await remindClosingSoon(services, now),
    staleForecasts: await remindStaleForecasts(services, now),
  };
}

type CruxRow = typeof cruxes.$inferSelect;

/** Records the reminder's episode; false when it was already sent (the insert decides). */
async function firstTime(
  tx: Tx,
  userId: number,
  cruxId: number,
  kind: NotificationKind,
  episode: string,
  now: number,
): Promise<boolean> {
  const inserted = await tx
    .insert(reminderLog)
    .values({ userId, cruxId, kind, episode, sentAt: new Date(now) })
    .onConflictDoNothing()
    .returning({ userId: reminderLog.userId });
  return inserted.length > 0;
}

/** Open cruxes only: the crowd can move, and a reminder can still be acted on. */
const isOpenAt = (now: number) =>
  and(eq(cruxes.status, "open"), gt(cruxes.closesAt, new Date(now)));

async function remindCrowdMoves(services: Services, now: number): Promise<number> {
  const { db } = services;
  const rows = await db
    .select({ follow: follows, crux: cruxes })
    .from(follows)
    .innerJoin(cruxes, eq(cruxes.id, follows.cruxId))
    .where(and(eq(follows.active, true), isOpenAt(now)));
  if (rows.length === 0) return 0;
  const prefs = await preferencesOf(db, [...new Set(rows.map((r) => r.follow.userId))]);
  const values = new Map<number, Awaited<ReturnType<typeof communityValue>>>();
  const forecasters = await forecasterIds(
    services,
    rows.filter((r) => r.crux.hideCrowdUntilForecast).map((r) => r.crux.id),
  );
  let sent = 0;
  for (const { follow, crux } of rows) {
    const pref = prefs.get(follow.userId)!;
    if (!wants(pref, "crowd-move")) continue;
    // Someone the crux hides its crowd from is not told where the crowd is.
    const hidden = crowdHiddenFrom(
      { hidesCrowd: crux.hideCrowdUntilForecast, status: "open" },
      forecasters.get(crux.id)?.has(follow.userId) ?? false,
    );
    if (hidden) continue;
    if (!values.has(crux.id)) values.set(crux.id, await communityValue(db, crux));
    const current = values.get(crux.id)!;
    if (!current) continue;
    const seen = follow.seenValue;
    const told = await commit(services, async (tx) => {
      // The baseline moves only if nobody moved it meanwhile (a look, or another run).
      const baseline = seen === null ? isNull(follows.seenValue) : eq(follows.seenValue, seen);
      if (seen === null || !crowdMoved(scaled(crux, seen), current.scaled, pref.movePoints)) {
        // No baseline yet (nobody had forecast when they started following): start one quietly.
        if (seen === null)
          await tx
            .update(follows)
            .set({ seenValue: current.value, seenAt: new Date(now) })
            .where(and(eq(follows.id, follow.id), baseline));
        return { value: false, events: [] };
      }
      const moved = await tx
        .update(follows)
        .set({ seenValue: current.value, seenAt: new Date(now) })
        .where(and(eq(follows.id, follow.id), baseline))
        .returning({ id: follows.id });
      if (moved.length === 0) return { value: false, events: [] };
      await notify(
        tx,
        follow.userId,
        "crowd-move",
        `${describeMove(crux, seen, current.value)} on “${crux.title}” since you last looked`,
        `/cruxes/${crux.id}`,
      );
      return { value: true, events: [] };
    });
    if (told) sent += 1;
  }
  return sent;
}

/** On the rule's 0-1 scale: P(YES), or where a numeric value sits in the crux's range. */
function scaled(crux: CruxRow, value: number): number {
  const range = numericRangeOf(crux);
  return range ? rangeFraction(range, value) : value;
}

function describeMove(crux: CruxRow, from: number, to: number): string {
  if (crux.kind === "numeric") {
    const unit = crux.unit ?? "";
    return `The community median moved from ${formatNumericValue(from, unit)} to ${formatNumericValue(to, unit)}`;
  }
  return `The community moved from ${formatProbability(from)} to ${formatProbability(to)}`;
}

/** Who has ever forecast on these cruxes (the hidden-crowd rule asks), by crux. */
async function forecasterIds(services: Services, cruxIds: number[]) {
  const byCrux = new Map<number, Set<number>>();
  if (cruxIds.length === 0) return byCrux;
  const rows = await services.db
    .selectDistinct({ cruxId: forecasts.cruxId, userId: forecasts.userId })
    .from(forecasts)
    .where(inArray(forecasts.cruxId, [...new Set(cruxIds)]));
  for (const r of rows) {
    let set = byCrux.get(r.cruxId);
    if (!set) byCrux.set(r.cruxId, (set = new Set()));
    set.add(r.userId);
  }
  return byCrux;
}

async function remindClosingSoon(services: Services, now: number): Promise<number> {
  const { db } = services;
  const widest = new Date(now + PREFERENCE_BOUNDS.closingSoonHours.max * 3_600_000);
  const rows = await db
    .select({ userId: follows.userId, crux: cruxes })
    .from(follows)
    .innerJoin(cruxes, eq(cruxes.id, follows.cruxId))
    .where(and(eq(follows.active, true), isOpenAt(now), lte(cruxes.closesAt, widest)));
  const prefs = await preferencesOf(db, [...new Set(rows.map((r) => r.userId))]);
  let sent = 0;
  for (const { userId, crux } of rows) {
    const pref = prefs.get(userId)!;
    const closesAt = crux.closesAt.getTime();
    if (!wants(pref, "closing-soon")) continue;
    if (!closingSoon({ open: true, closesAt }, now, pref.closingSoonHours)) continue;
    const hours = Math.max(1, Math.round((closesAt - now) / 3_600_000));
    const told = await commit(services, async (tx) => {
      if (
        !(await firstTime(
          tx,
          userId,
          crux.id,
          "closing-soon",
          reminderEpisode.closingSoon(closesAt),
          now,
        ))
      )
        return { value: false, events: [] };
      await notify(
        tx,
        userId,
        "closing-soon",
        `“${crux.title}” closes in about ${hours} hour${hours === 1 ? "" : "s"}: forecast or bet while it is open`,
        `/cruxes/${crux.id}`,
      );
      return { value: true, events: [] };
    });
    if (told) sent += 1;
  }
  return sent;
}

async function remindStaleForecasts(services: Services, now: number): Promise<number> {
  const { db } = services;
  // Each person's latest row per open crux; a withdrawal (no probability, no cdf) is no forecast.
  const latest = db
    .selectDistinctOn([forecasts.cruxId, forecasts.userId], {
      cruxId: forecasts.cruxId,
      userId: forecasts.userId,
      standing:
        sql<boolean>`(${forecasts.probability} is not null or ${forecasts.cdf} is not null)`.as(
          "standing",
        ),
      madeAt: forecasts.createdAt,
    })
    .from(forecasts)
    .innerJoin(cruxes, eq(cruxes.id, forecasts.cruxId))
    .where(isOpenAt(now))
    .orderBy(forecasts.cruxId, forecasts.userId, desc(forecasts.id))
    .as("latest");
  const youngest = new Date(now - PREFERENCE_BOUNDS.staleAfterDays.min * 86_400_000);
  const rows = await db
    .select({
      cruxId: latest.cruxId,
      userId: latest.userId,
      madeAt: latest.madeAt,
      title: cruxes.title,
    })
    .from(latest)
    .innerJoin(cruxes, eq(cruxes.id, latest.cruxId))
    .where(and(eq(latest.standing, true), lte(latest.madeAt, youngest)));
  const prefs = await preferencesOf(db, [...new Set(rows.map((r) => r.userId))]);
  let sent = 0;
  for (const row of rows) {
    const pref = prefs.get(row.userId)!;
    const madeAt = row.madeAt.getTime();
    if (!wants(pref, "stale-forecast")) continue;
    if (!forecastIsStale(madeAt, now, pref.staleAfterDays)) continue;
    const told = await commit(services, async (tx) => {
      const episode = reminderEpisode.staleForecast(madeAt);
      if (!(await firstTime(tx, row.userId, row.cruxId, "stale-forecast", episode, now)))
        return { value: false, events: [] };
      await notify(
        tx,
        row.userId,
        "stale-forecast",
        `Your forecast on “${row.title}” is ${ageInDays(madeAt, now)} days old: reaffirm it or update it`,
        "/forecasts",
      );
      return { value: true, events: [] };
    });
    if (told) sent += 1;
  }
  return sent;
}
