import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { claims, claimVotes, debates, users } from "@/db/schema";
import type { ClaimView } from "@/server/domain/thread";
import {
  presentClaim,
  PUBLIC_READER,
  type ClaimReader,
  type StoredClaim,
} from "@/server/domain/claimVisibility";
import { windowThread, type ThreadWindow, type WindowOptions } from "@/server/domain/threadWindow";
import type { VoteAxis } from "@/server/domain/votes";
import { badInput, conflict, notFound } from "@/server/errors";
import type { DebateRef } from "./events";
import { claimReader } from "./claimReaders";
import { debateReactions, type ClaimReactions } from "./reactions";
import type { Actor } from "./services";

export interface DebateSummary {
  slug: string;
  title: string;
  summary: string;
  claimCount: number;
  lastSeq: number;
}

export async function listDebates(db: DbExecutor): Promise<DebateSummary[]> {
  const rows = await db
    .select({
      slug: debates.slug,
      title: debates.title,
      summary: debates.summary,
      lastSeq: debates.lastSeq,
      claimCount: count(claims.id),
    })
    .from(debates)
    .leftJoin(claims, and(eq(claims.debateId, debates.id), isNull(claims.deletedAt)))
    .groupBy(debates.id)
    .orderBy(desc(debates.createdAt), asc(debates.id));
  return rows;
}

export async function requireDebate(
  db: DbExecutor,
  slug: string,
): Promise<DebateRef & { title: string; summary: string; lastSeq: number }> {
  const [debate] = await db
    .select({
      id: debates.id,
      slug: debates.slug,
      title: debates.title,
      summary: debates.summary,
      lastSeq: debates.lastSeq,
    })
    .from(debates)
    .where(eq(debates.slug, slug));
  if (!debate) throw notFound(`No debate with slug "${slug}".`);
  return debate;
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function createDebate(
  db: DbExecutor,
  /** Null: the operator at the command line (an import). */
  actor: Actor | null,
  input: { slug: string; title: string; summary?: string | undefined },
): Promise<DebateSummary> {
  if (!SLUG_PATTERN.test(input.slug))
    throw badInput("slug", "use lowercase letters, digits and single dashes");
  const rows = await db
    .insert(debates)
    .values({
      slug: input.slug,
      title: input.title.trim(),
      summary: input.summary?.trim() ?? "",
      createdBy: actor?.id ?? null,
    })
    .onConflictDoNothing({ target: debates.slug })
    .returning({
      slug: debates.slug,
      title: debates.title,
      summary: debates.summary,
      lastSeq: debates.lastSeq,
    });
  const debate = rows[0];
  if (!debate) throw conflict(`A debate with slug "${input.slug}" already exists.`);
  return { ...debate, claimCount: 0 };
}

export const claimViewColumns = {
  id: claims.id,
  parentId: claims.parentId,
  authorId: claims.authorId,
  authorHandle: users.handle,
  body: claims.body,
  quote: claims.quote,
  stance: claims.stance,
  createdAt: claims.createdAt,
  editedAt: claims.editedAt,
  deletedAt: claims.deletedAt,
  hiddenAt: claims.hiddenAt,
  hiddenReason: claims.hiddenReason,
  quality: claims.quality,
  agree: claims.agree,
  disagree: claims.disagree,
};

/**
 * A stored claim as one reader sees it (server/domain/claimVisibility.ts): deleted claims keep
 * their place but lose their body; hidden ones show their text only to the author and moderators.
 * Without a reader: what everyone sees (live events, exports).
 */
export function toClaimView(row: StoredClaim, reader: ClaimReader = PUBLIC_READER): ClaimView {
  return presentClaim(row, reader);
}

/** A claim as everyone sees it (what live events carry), or as `viewerId` does when given. */
export async function loadClaimView(
  db: DbExecutor,
  claimId: number,
  viewerId: number | null = null,
): Promise<ClaimView> {
  const [row] = await db
    .select({ ...claimViewColumns, debateId: claims.debateId })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.authorId))
    .where(eq(claims.id, claimId));
  if (!row) throw notFound(`No claim with id ${claimId}.`);
  const reader =
    row.hiddenAt === null ? PUBLIC_READER : await claimReader(db, viewerId, row.debateId);
  return toClaimView(row, reader);
}

export interface MyVote {
  claimId: number;
  axis: VoteAxis;
  value: -1 | 1;
}

export interface DebateThread {
  slug: string;
  title: string;
  summary: string;
  lastSeq: number;
  claims: ClaimView[];
  myVotes: MyVote[];
  /** Reactions per claim (claims without any are left out). */
  reactions: ClaimReactions[];
}

/**
 * The whole thread at one consistent seq: read in one transaction so `lastSeq` matches the claims
 * (a client resumes live events from exactly there).
 */
export async function getDebateThread(
  db: DbExecutor,
  slug: string,
  viewerId: number | null,
): Promise<DebateThread> {
  return db.transaction(
    async (tx) => {
      const debate = await requireDebate(tx, slug);
      const rows = await tx
        .select(claimViewColumns)
        .from(claims)
        .innerJoin(users, eq(users.id, claims.authorId))
        .where(eq(claims.debateId, debate.id))
        .orderBy(asc(claims.id));
      // Who reads matters only when something is hidden (one more query then).
      const reader = rows.some((r) => r.hiddenAt !== null)
        ? await claimReader(tx, viewerId, debate.id)
        : PUBLIC_READER;
      const myVotes =
        viewerId === null
          ? []
          : await tx
              .select({
                claimId: claimVotes.claimId,
                axis: claimVotes.axis,
                value: claimVotes.value,
              })
              .from(claimVotes)
              .innerJoin(claims, eq(claims.id, claimVotes.claimId))
              .where(and(eq(claims.debateId, debate.id), eq(claimVotes.userId, viewerId)));
      return {
        slug: debate.slug,
        title: debate.title,
        summary: debate.summary,
        lastSeq: debate.lastSeq,
        claims: rows.map((row) => toClaimView(row, reader)),
        myVotes: myVotes.map((v) => ({ ...v, value: v.value === 1 ? 1 : -1 })),
        reactions: await debateReactions(tx, debate.id),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** A window of a debate's thread (server/domain/threadWindow.ts) and the viewer's votes in it. */
export interface ThreadPage {
  claims: ClaimView[];
  moreReplies: ThreadWindow["moreReplies"];
  moreTop: ThreadWindow["moreTop"];
  myVotes: DebateThread["myVotes"];
  reactions: ClaimReactions[];
}

/** Cuts a thread read by getDebateThread down to a window; the votes go with their claims. */
export function windowOf(thread: DebateThread, options: WindowOptions): ThreadPage {
  const window = windowThread(thread.claims, options);
  const sent = new Set(window.claims.map((c) => c.id));
  return {
    ...window,
    myVotes: thread.myVotes.filter((v) => sent.has(v.claimId)),
    reactions: thread.reactions.filter((r) => sent.has(r.claimId)),
  };
}

/** More of a thread: replies of `parentId` (null: the top level) after the first `skip`. */
export async function getThreadWindow(
  db: DbExecutor,
  slug: string,
  viewerId: number | null,
  options: Pick<WindowOptions, "sort" | "parentId" | "skip">,
): Promise<ThreadPage> {
  const thread = await getDebateThread(db, slug, viewerId);
  if (options.parentId != null && !thread.claims.some((c) => c.id === options.parentId))
    throw notFound(`No claim ${options.parentId} in this debate.`);
  return windowOf(thread, options);
}
