import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { claims, cruxes, debates, users } from "@/db/schema";
import { publicText } from "@/server/domain/claimVisibility";
import { notFound } from "@/server/errors";

export interface UserProfile {
  handle: string;
  displayName: string;
  joinedAt: string;
  recentClaims: {
    id: number;
    debateSlug: string;
    debateTitle: string;
    body: string;
    createdAt: string;
  }[];
  /** The latest cruxes they made, newest first. */
  cruxesMade: { id: number; title: string }[];
}

export async function getUserProfile(db: DbExecutor, handle: string): Promise<UserProfile> {
  const [user] = await db
    .select({
      id: users.id,
      handle: users.handle,
      displayName: users.displayName,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.handle, handle.toLowerCase()));
  if (!user) throw notFound(`No user with handle "${handle}".`);
  const rows = await db
    .select({
      id: claims.id,
      debateSlug: debates.slug,
      debateTitle: debates.title,
      body: claims.body,
      deletedAt: claims.deletedAt,
      hiddenAt: claims.hiddenAt,
      hiddenReason: claims.hiddenReason,
      createdAt: claims.createdAt,
    })
    .from(claims)
    .innerJoin(debates, eq(debates.id, claims.debateId))
    .where(and(eq(claims.authorId, user.id), isNull(claims.deletedAt)))
    .orderBy(desc(claims.createdAt))
    .limit(50);
  const made = await db
    .select({ id: cruxes.id, title: cruxes.title })
    .from(cruxes)
    .where(eq(cruxes.createdBy, user.id))
    .orderBy(desc(cruxes.id))
    .limit(20);
  return {
    handle: user.handle,
    displayName: user.displayName,
    joinedAt: user.createdAt.toISOString(),
    recentClaims: rows.map((r) => ({
      id: r.id,
      debateSlug: r.debateSlug,
      debateTitle: r.debateTitle,
      body: publicText(r),
      createdAt: r.createdAt.toISOString(),
    })),
    cruxesMade: made,
  };
}
