import { and, arrayContains, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { notificationPreferences, notifications } from "@/db/schema";
import {
  DEFAULT_PREFERENCES,
  isNotificationKind,
  type NotificationKind,
  type NotificationPreferences,
} from "@/server/domain/notifications";
import { pendingNotifications } from "./services";

/** Adds an in-app notification inside the caller's transaction; the user's pages hear of it after commit. */
export async function notify(
  tx: Tx,
  userId: number,
  kind: NotificationKind,
  text: string,
  link: string,
): Promise<void> {
  return notifyAll(tx, [userId], kind, text, link);
}

/** Of these users, those who turned this kind off (their preferences say so: nothing is created). */
async function turnedOff(db: DbExecutor, userIds: number[], kind: NotificationKind) {
  const rows = await db
    .select({ userId: notificationPreferences.userId })
    .from(notificationPreferences)
    .where(
      and(
        inArray(notificationPreferences.userId, userIds),
        arrayContains(notificationPreferences.off, [kind]),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

export async function notifyAll(
  tx: Tx,
  userIds: Iterable<number>,
  kind: NotificationKind,
  text: string,
  link: string,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const off = await turnedOff(tx, unique, kind);
  const ids = unique.filter((id) => !off.has(id));
  if (ids.length === 0) return;
  await tx.insert(notifications).values(ids.map((userId) => ({ userId, kind, text, link })));
  pendingNotifications.getStore()?.push(...ids);
}

export async function listNotifications(db: DbExecutor, userId: number, limit = 50) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      text: n.text,
      link: n.link,
      read: n.readAt !== null,
      at: n.createdAt.toISOString(),
    })),
  };
}

export async function markAllRead(db: DbExecutor, userId: number): Promise<{ unread: 0 }> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { unread: 0 };
}

/** The person's preferences (the defaults until they save some). */
export async function getPreferences(
  db: DbExecutor,
  userId: number,
): Promise<NotificationPreferences> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  if (!row) return { ...DEFAULT_PREFERENCES, off: [] };
  return {
    // A kind since removed from the list is dropped rather than failing the read.
    off: row.off.filter(isNotificationKind),
    movePoints: row.movePoints,
    closingSoonHours: row.closingSoonHours,
    staleAfterDays: row.staleAfterDays,
  };
}

/** Saves the person's preferences whole (the edge checked the bounds). */
export async function setPreferences(
  db: DbExecutor,
  userId: number,
  prefs: NotificationPreferences,
): Promise<NotificationPreferences> {
  const values = {
    off: [...new Set(prefs.off)].sort(),
    movePoints: prefs.movePoints,
    closingSoonHours: prefs.closingSoonHours,
    staleAfterDays: prefs.staleAfterDays,
    updatedAt: new Date(),
  };
  await db
    .insert(notificationPreferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
  return getPreferences(db, userId);
}

/** Several people's preferences in one read (the reminder run). */
export async function preferencesOf(
  db: DbExecutor,
  userIds: readonly number[],
): Promise<Map<number, NotificationPreferences>> {
  const byUser = new Map<number, NotificationPreferences>();
  for (const id of userIds) byUser.set(id, { ...DEFAULT_PREFERENCES, off: [] });
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.userId, [...userIds]));
  for (const row of rows)
    byUser.set(row.userId, {
      off: row.off.filter(isNotificationKind),
      movePoints: row.movePoints,
      closingSoonHours: row.closingSoonHours,
      staleAfterDays: row.staleAfterDays,
    });
  return byUser;
}
