/**
 * Sessions are signed tokens kept by the browser, so ending one takes a record on the server:
 * signing out revokes that session, "sign out everywhere" refuses every session begun before it.
 */
import { eq, lt } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

export interface SessionRef {
  userId: number;
  /** Set at sign-in; tokens issued before sessions had ids have none. */
  sessionId?: string | undefined;
  /** When the person signed in (epoch ms). */
  startedAt: number;
}

/** Whether a session may still be used: not signed out, and begun after any "sign out everywhere". */
export async function sessionIsCurrent(db: DbExecutor, s: SessionRef): Promise<boolean> {
  const [user] = await db
    .select({ validAfter: users.sessionsValidAfter })
    .from(users)
    .where(eq(users.id, s.userId));
  if (!user) return false;
  if (user.validAfter && s.startedAt < user.validAfter.getTime()) return false;
  if (!s.sessionId) return true;
  const [revoked] = await db
    .select({ id: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(eq(revokedSessions.sessionId, s.sessionId));
  return !revoked;
}

/** Signing out: this session is refused from now until it would have expired. */
export async function endSession(
  db: DbExecutor,
  s: { userId: number; sessionId: string; expiresAt: number },
  now: number,
): Promise<void> {
  await db
    .insert(revokedSessions)
    .values({ sessionId: s.sessionId, userId: s.userId, expiresAt: new Date(s.expiresAt) })
    .onConflictDoNothing();
  // Records of sessions that would have expired by now are of no more use.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date(now)));
}

/** "Sign out everywhere": every session this person began until now is refused. */
export async function endAllSessions(db: DbExecutor, userId: number, now: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionsValidAfter: new Date(now) })
    .where(eq(users.id, userId));
}
