/**
 * Who follows a crux or its debate (the lifecycle's notifications and the reminder run read it).
 * Apart from server/usecases/follows.ts so the lifecycle engine needs nothing of forecasts.
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { follows } from "@/db/schema";

/** The people following the crux itself, and those following its debate. */
export async function followersOf(
  db: DbExecutor,
  crux: { id: number; debateId: number },
): Promise<{ ofCrux: number[]; ofDebate: number[] }> {
  const rows = await db
    .select({ userId: follows.userId, cruxId: follows.cruxId })
    .from(follows)
    .where(
      and(
        eq(follows.active, true),
        sql`(${follows.cruxId} = ${crux.id} or ${follows.debateId} = ${crux.debateId})`,
      ),
    );
  return {
    ofCrux: rows.filter((r) => r.cruxId !== null).map((r) => r.userId),
    ofDebate: rows.filter((r) => r.cruxId === null).map((r) => r.userId),
  };
}

/** The people following a debate. */
export async function debateFollowers(db: DbExecutor, debateId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.debateId, debateId), eq(follows.active, true)));
  return rows.map((r) => r.userId);
}

/** Active crux follows with a crowd baseline, for the reminder run (of these users, when given). */
export function cruxFollowRows(db: DbExecutor, userIds?: readonly number[]) {
  return db
    .select({ id: follows.id, userId: follows.userId, cruxId: follows.cruxId })
    .from(follows)
    .where(
      and(
        eq(follows.active, true),
        isNotNull(follows.cruxId),
        userIds ? inArray(follows.userId, userIds.length ? [...userIds] : [-1]) : undefined,
      ),
    );
}
