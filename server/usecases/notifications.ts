import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { notifications } from "@/db/schema";
import { pendingNotifications } from "./services";

/** Adds an in-app notification inside the caller's transaction; the user's pages hear of it after commit. */
export async function notify(
  tx: Tx,
  userId: number,
  kind: string,
  text: string,
  link: string,
): Promise<void> {
  await tx.insert(notifications).values({ userId, kind, text, link });
  pendingNotifications.getStore()?.push(userId);
}

export async function notifyAll(
  tx: Tx,
  userIds: Iterable<number>,
  kind: string,
  text: string,
  link: string,
): Promise<void> {
  const ids = [...new Set(userIds)];
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
