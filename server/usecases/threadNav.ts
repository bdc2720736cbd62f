/**
 * Finding one's way around a debate's thread, loaded or not: the reader's last visit (what is
 * new), search, and the branch down to one claim (to show it in place in a big thread).
 */
import { and, eq, ilike, isNull, or, sql } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import { claims, debateVisits, users } from "@/db/schema";
import { excerpt, type ClaimView, type ThreadSort } from "@/server/domain/thread";
import {
  ancestry,
  containsPattern,
  documentOrder,
  newSinceLastVisit,
  searchTerm,
} from "@/server/domain/threadNav";
import { publicText } from "@/server/domain/claimVisibility";
import { notFound } from "@/server/errors";
import { getDebateThread, requireDebate, type MyVote } from "./debates";
import type { ClaimReactions } from "./reactions";

/**
 * Records that a signed-in reader opened a debate now, and returns when they last did before
 * (ISO-8601), or null on a first visit.
 */
export async function recordDebateVisit(
  db: Db,
  userId: number,
  slug: string,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const debate = await requireDebate(tx, slug);
    const [before] = await tx
      .select({ at: debateVisits.lastSeenAt })
      .from(debateVisits)
      .where(and(eq(debateVisits.userId, userId), eq(debateVisits.debateId, debate.id)))
      .for("update");
    await tx
      .insert(debateVisits)
      .values({ userId, debateId: debate.id })
      .onConflictDoUpdate({
        target: [debateVisits.userId, debateVisits.debateId],
        set: { lastSeenAt: sql`now()` },
      });
    return before?.at.toISOString() ?? null;
  });
}

/** Claims new to a reader since `since` (a browser-kept last visit), in reading order. */
export async function newClaimsSince(
  db: DbExecutor,
  slug: string,
  since: string,
  reader: { id: number; handle: string } | null,
): Promise<number[]> {
  const thread = await getDebateThread(db, slug, reader?.id ?? null);
  return newSinceLastVisit(thread.claims, since, reader?.handle ?? null);
}

export interface SearchHit {
  id: number;
  authorHandle: string;
  excerpt: string;
}

/** The most hits one search returns (the count says how many there were). */
export const MAX_SEARCH_HITS = 500;

/**
 * Claims whose text or author contains `query` (case-insensitive, ILIKE: the same on PostgreSQL
 * and PGlite), in the order the thread shows them under `sort`. Deleted claims never match.
 */
export async function searchThread(
  db: DbExecutor,
  slug: string,
  query: string,
  sort: ThreadSort,
): Promise<{ hits: SearchHit[]; total: number }> {
  const debate = await requireDebate(db, slug);
  const term = searchTerm(query);
  if (term === null) return { hits: [], total: 0 };
  const pattern = containsPattern(term);
  const matches = await db
    .select({
      id: claims.id,
      authorHandle: users.handle,
      body: claims.body,
      deletedAt: claims.deletedAt,
      hiddenAt: claims.hiddenAt,
      hiddenReason: claims.hiddenReason,
    })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.authorId))
    .where(
      and(
        eq(claims.debateId, debate.id),
        isNull(claims.deletedAt),
        // A hidden claim's text is not searchable (it would leak through what matches).
        or(and(isNull(claims.hiddenAt), ilike(claims.body, pattern)), ilike(users.handle, pattern)),
      ),
    );
  if (matches.length === 0) return { hits: [], total: 0 };
  // Where each hit sits: the thread's shape (lean rows), ordered as the page orders it.
  const shape = await db
    .select({
      id: claims.id,
      parentId: claims.parentId,
      createdAt: claims.createdAt,
      quality: claims.quality,
    })
    .from(claims)
    .where(eq(claims.debateId, debate.id));
  const byId = new Map(matches.map((m) => [m.id, m]));
  const ordered = documentOrder(
    shape.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    sort,
  ).filter((id) => byId.has(id));
  return {
    total: ordered.length,
    hits: ordered.slice(0, MAX_SEARCH_HITS).map((id) => {
      const m = byId.get(id)!;
      return { id, authorHandle: m.authorHandle, excerpt: excerpt(publicText(m), 140) };
    }),
  };
}

/**
 * A claim with its ancestors (top-level first), how many replies each has, and the reader's votes
 * on them: enough to show a claim of a big thread in place without loading the rest.
 */
export async function getClaimBranch(
  db: DbExecutor,
  slug: string,
  claimId: number,
  viewerId: number | null,
): Promise<{
  claims: ClaimView[];
  replyCounts: Record<number, number>;
  myVotes: MyVote[];
  reactions: ClaimReactions[];
}> {
  const thread = await getDebateThread(db, slug, viewerId);
  const chain = ancestry(new Map(thread.claims.map((c) => [c.id, c])), claimId);
  if (chain.length === 0) throw notFound(`No claim ${claimId} in this debate.`);
  const ids = new Set(chain.map((c) => c.id));
  const replyCounts: Record<number, number> = {};
  for (const c of chain) replyCounts[c.id] = 0;
  for (const c of thread.claims)
    if (c.parentId !== null && ids.has(c.parentId)) replyCounts[c.parentId]! += 1;
  return {
    claims: chain,
    replyCounts,
    myVotes: thread.myVotes.filter((v) => ids.has(v.claimId)),
    reactions: thread.reactions.filter((r) => ids.has(r.claimId)),
  };
}
