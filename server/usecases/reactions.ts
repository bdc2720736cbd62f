/**
 * Reactions to claims and quoted spans of them (docs/reactions.md): adding, removing, re-anchoring
 * after an edit, and reading them grouped per span for the debate page and the API.
 */
import { and, asc, count, eq, inArray, isNull, ne } from "drizzle-orm";
import { ensureUnlocked } from "./moderation/locks";
import type { DbExecutor, Tx } from "@/db/client";
import { claimReactions, claims, debates, users } from "@/db/schema";
import {
  anchorNewReaction,
  groupReactions,
  MAX_REACTIONS_PER_USER_PER_CLAIM,
  reanchor,
  REACTION_LABELS,
  type ReactionKind,
  type ReactionSpan,
} from "@/server/domain/reactions";
import { badInput, conflict, notFound } from "@/server/errors";
import { debateEvent, type DebateRef, type PendingEvent } from "./events";
import { lockClaim } from "./claimRows";
import { commit, type Actor, type Services } from "./services";

/** A claim's reactions, grouped per span. */
export interface ClaimReactions {
  claimId: number;
  spans: ReactionSpan[];
}

const recordColumns = {
  claimId: claimReactions.claimId,
  handle: users.handle,
  kind: claimReactions.kind,
  quote: claimReactions.quote,
  start: claimReactions.anchorStart,
  end: claimReactions.anchorEnd,
  orphaned: claimReactions.orphaned,
};

/** Reactions on the debate's claims that are not deleted, grouped per claim and span. */
export async function debateReactions(db: DbExecutor, debateId: number): Promise<ClaimReactions[]> {
  const rows = await db
    .select(recordColumns)
    .from(claimReactions)
    .innerJoin(claims, eq(claims.id, claimReactions.claimId))
    .innerJoin(users, eq(users.id, claimReactions.userId))
    // Reactions quote the text, so a hidden claim's are shown to nobody (docs/moderation.md).
    .where(and(eq(claims.debateId, debateId), isNull(claims.deletedAt), isNull(claims.hiddenAt)))
    .orderBy(asc(claimReactions.id));
  const byClaim = new Map<number, typeof rows>();
  for (const row of rows) byClaim.set(row.claimId, [...(byClaim.get(row.claimId) ?? []), row]);
  return [...byClaim].map(([claimId, list]) => ({ claimId, spans: groupReactions(list) }));
}

async function spansOf(db: DbExecutor, claimId: number): Promise<ReactionSpan[]> {
  const rows = await db
    .select(recordColumns)
    .from(claimReactions)
    .innerJoin(users, eq(users.id, claimReactions.userId))
    .where(eq(claimReactions.claimId, claimId))
    .orderBy(asc(claimReactions.id));
  return groupReactions(rows);
}

/** The claim's current text and debate; its row is share-locked so an edit waits for us. */
async function reactableClaim(tx: Tx, claimId: number) {
  const row = await lockClaim(tx, claimId, "share");
  if (row.deletedAt) throw conflict(`Claim ${claimId} was deleted; it can't be reacted to.`);
  if (row.hiddenAt)
    throw conflict(`Claim ${claimId} is hidden by moderators; it can't be reacted to.`);
  return row;
}

const changed = (debate: DebateRef, claimId: number, spans: ReactionSpan[], actorId: number) =>
  debateEvent(debate, "claim.reactions", { claimId, spans }, actorId);

export interface ReactionInput {
  kind: ReactionKind;
  /** The quoted text; "" or absent: the whole claim. */
  quote?: string | undefined;
  /** Where the quote starts in the claim's text, to pick one of several occurrences. */
  start?: number | undefined;
}

export interface ReactionResult {
  claimId: number;
  kind: ReactionKind;
  quote: string;
  start: number | null;
  end: number | null;
  /** False when the reaction was already there (adding is idempotent). */
  created: boolean;
  spans: ReactionSpan[];
}

const keyOf = (claimId: number, userId: number, kind: ReactionKind, quote: string) =>
  and(
    eq(claimReactions.claimId, claimId),
    eq(claimReactions.userId, userId),
    eq(claimReactions.kind, kind),
    eq(claimReactions.quote, quote),
  );

/** Adds the actor's reaction; when they already gave it, returns that one unchanged. */
export function addReaction(
  services: Services,
  actor: Actor,
  claimId: number,
  input: ReactionInput,
): Promise<ReactionResult> {
  return commit(services, async (tx) => {
    const claim = await reactableClaim(tx, claimId);
    await ensureUnlocked(tx, { debateId: claim.debate.id, claimId }, "react");
    const quote = input.quote ?? "";
    const anchored = anchorNewReaction(claim.body, quote, input.start);
    if ("problem" in anchored) throw badInput(anchored.field, anchored.problem);
    const key = keyOf(claimId, actor.id, input.kind, quote);
    const existing = async (created: boolean) => {
      const [row] = await tx
        .select({ start: claimReactions.anchorStart, end: claimReactions.anchorEnd })
        .from(claimReactions)
        .where(key);
      const spans = await spansOf(tx, claimId);
      const [start, end] = [row?.start ?? null, row?.end ?? null];
      return { claimId, kind: input.kind, quote, start, end, created, spans };
    };
    const [already] = await tx.select({ id: claimReactions.id }).from(claimReactions).where(key);
    if (already) return { value: await existing(false), events: [] };
    const [mine] = await tx
      .select({ n: count() })
      .from(claimReactions)
      .where(and(eq(claimReactions.claimId, claimId), eq(claimReactions.userId, actor.id)));
    if ((mine?.n ?? 0) >= MAX_REACTIONS_PER_USER_PER_CLAIM)
      throw conflict(
        `You have ${MAX_REACTIONS_PER_USER_PER_CLAIM} reactions on claim ${claimId}, the most one person can have; remove one first.`,
      );
    const inserted = await tx
      .insert(claimReactions)
      .values({
        claimId,
        userId: actor.id,
        kind: input.kind,
        quote,
        anchorStart: anchored.anchor?.start ?? null,
        anchorEnd: anchored.anchor?.end ?? null,
        versionAt: claim.editedAt ?? claim.createdAt,
      })
      .onConflictDoNothing()
      .returning({ id: claimReactions.id });
    // Lost a race with the same request: the other one's reaction is the answer.
    if (inserted.length === 0) return { value: await existing(false), events: [] };
    const value = await existing(true);
    return { value, events: [changed(claim.debate, claimId, value.spans, actor.id)] };
  });
}

/** Removes the actor's reaction of that kind on that quote (404 when there is none). */
export function removeReaction(
  services: Services,
  actor: Actor,
  claimId: number,
  input: Omit<ReactionInput, "start">,
): Promise<{ claimId: number; spans: ReactionSpan[] }> {
  return commit(services, async (tx) => {
    const [claim] = await tx
      .select({ debate: { id: debates.id, slug: debates.slug } })
      .from(claims)
      .innerJoin(debates, eq(debates.id, claims.debateId))
      .where(eq(claims.id, claimId));
    if (!claim) throw notFound(`No claim with id ${claimId}.`);
    await ensureUnlocked(tx, { debateId: claim.debate.id, claimId }, "react");
    const quote = input.quote ?? "";
    const removed = await tx
      .delete(claimReactions)
      .where(keyOf(claimId, actor.id, input.kind, quote))
      .returning({ id: claimReactions.id });
    if (removed.length === 0)
      throw notFound(
        `You have no “${REACTION_LABELS[input.kind]}” reaction on ${quote === "" ? "the whole of" : "that quote of"} claim ${claimId}.`,
      );
    const spans = await spansOf(tx, claimId);
    return { value: { claimId, spans }, events: [changed(claim.debate, claimId, spans, actor.id)] };
  });
}

/**
 * After an edit (inside its transaction): moves each quoted reaction to where its text now is,
 * or orphans it. Returns the event for open pages, or null when the claim has no reactions.
 */
export async function reanchorReactions(
  tx: Tx,
  debate: DebateRef,
  claimId: number,
  body: string,
  actorId: number,
): Promise<PendingEvent | null> {
  const rows = await tx
    .select({
      id: claimReactions.id,
      quote: claimReactions.quote,
      start: claimReactions.anchorStart,
      end: claimReactions.anchorEnd,
      orphaned: claimReactions.orphaned,
    })
    .from(claimReactions)
    .where(and(eq(claimReactions.claimId, claimId), ne(claimReactions.quote, "")));
  const moves = new Map<string, number[]>();
  for (const row of rows) {
    const next = reanchor(body, row);
    if (next.start === row.start && next.end === row.end && next.orphaned === row.orphaned)
      continue;
    const key = JSON.stringify([next.start, next.end, next.orphaned]);
    moves.set(key, [...(moves.get(key) ?? []), row.id]);
  }
  for (const [key, ids] of moves) {
    const [start, end, orphaned] = JSON.parse(key) as [number, number, boolean];
    await tx
      .update(claimReactions)
      .set({ anchorStart: start, anchorEnd: end, orphaned })
      .where(inArray(claimReactions.id, ids));
  }
  const spans = await spansOf(tx, claimId);
  return spans.length === 0 ? null : changed(debate, claimId, spans, actorId);
}

/** One claim's reactions (the public list, who included). */
export async function getClaimReactions(db: DbExecutor, claimId: number): Promise<ClaimReactions> {
  const [claim] = await db
    .select({ deletedAt: claims.deletedAt, hiddenAt: claims.hiddenAt })
    .from(claims)
    .where(eq(claims.id, claimId));
  if (!claim) throw notFound(`No claim with id ${claimId}.`);
  const shown = !claim.deletedAt && !claim.hiddenAt;
  return { claimId, spans: shown ? await spansOf(db, claimId) : [] };
}
