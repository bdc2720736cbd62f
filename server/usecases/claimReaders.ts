/** Who reads a debate's claims, for the visibility rule (server/domain/claimVisibility.ts). */
import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { users } from "@/db/schema";
import { PUBLIC_READER, type ClaimReader } from "@/server/domain/claimVisibility";
import { mayModerate, type ModerationScope } from "@/server/domain/moderation";
import { moderationScopeOf } from "./moderation/roles";

/** The reader `viewerId` (null: signed out) of claims in debate `debateId`. */
export async function claimReader(
  db: DbExecutor,
  viewerId: number | null,
  debateId: number,
): Promise<ClaimReader> {
  const scope = await scopeOfUser(db, viewerId);
  if (viewerId === null || scope === null) return PUBLIC_READER;
  return { userId: viewerId, moderates: mayModerate(scope, debateId) };
}

/** What the user `viewerId` moderates (read afresh: admin is a column); null for nobody. */
export async function scopeOfUser(
  db: DbExecutor,
  viewerId: number | null,
): Promise<ModerationScope | null> {
  if (viewerId === null) return null;
  const [user] = await db
    .select({ id: users.id, handle: users.handle, isAdmin: users.isAdmin })
    .from(users)
    .where(eq(users.id, viewerId));
  return user ? moderationScopeOf(db, user) : null;
}
