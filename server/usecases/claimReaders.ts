/** Who reads a debate's claims, for the visibility rule (server/domain/claimVisibility.ts). */
import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { users } from "@/db/schema";
import { PUBLIC_READER, type ClaimReader } from "@/server/domain/claimVisibility";
import { mayModerate } from "@/server/domain/moderation";
import { moderationScopeOf } from "./moderation/roles";

/** The reader `viewerId` (null: signed out) of claims in debate `debateId`. */
export async function claimReader(
  db: DbExecutor,
  viewerId: number | null,
  debateId: number,
): Promise<ClaimReader> {
  if (viewerId === null) return PUBLIC_READER;
  const [user] = await db
    .select({ id: users.id, handle: users.handle, isAdmin: users.isAdmin })
    .from(users)
    .where(eq(users.id, viewerId));
  if (!user) return PUBLIC_READER;
  const scope = await moderationScopeOf(db, user);
  return { userId: user.id, moderates: mayModerate(scope, debateId) };
}
