import { and, eq, sql } from "drizzle-orm";
import { ensureUnlocked } from "./moderation/locks";
import type { Tx } from "@/db/client";
import { claimRevisions, claims, claimVotes } from "@/db/schema";
import { excerpt, quoteProblem, type ClaimView, type Stance } from "@/server/domain/thread";
import { tallyDelta, type VoteAxis, type VoteValue } from "@/server/domain/votes";
import { badInput, conflict, forbidden } from "@/server/errors";
import { debateEvent } from "./events";
import { loadClaimView, requireDebate } from "./debates";
import { notify } from "./notifications";
import { lockClaim } from "./claimRows";
import { reanchorReactions } from "./reactions";
import { commit, type Actor, type Services } from "./services";

export interface PostClaimInput {
  debateSlug: string;
  body: string;
  parentId?: number | null | undefined;
  stance?: Stance | null | undefined;
  quote?: string | null | undefined;
}

export function postClaim(
  services: Services,
  actor: Actor,
  input: PostClaimInput,
): Promise<ClaimView> {
  return commit(services, async (tx) => {
    const { claim, event } = await insertClaim(tx, actor, input);
    return { value: claim, events: [event] };
  });
}

/** Posts a claim inside the caller's transaction (also used for forecast reasoning). */
export async function insertClaim(tx: Tx, actor: Actor, input: PostClaimInput) {
  const debate = await requireDebate(tx, input.debateSlug);
  const parentId = input.parentId ?? null;
  if (parentId === null && input.stance)
    throw badInput("stance", "only a reply can support, oppose or clarify; set parentId");
  if (parentId === null && input.quote)
    throw badInput("quote", "only a reply can quote its parent; set parentId");
  let parentAuthorId: number | null = null;
  if (parentId !== null) {
    const [parent] = await tx
      .select({
        debateId: claims.debateId,
        body: claims.body,
        deletedAt: claims.deletedAt,
        hiddenAt: claims.hiddenAt,
        authorId: claims.authorId,
      })
      .from(claims)
      .where(eq(claims.id, parentId));
    if (!parent) throw badInput("parentId", `no claim with id ${parentId}`);
    if (parent.debateId !== debate.id)
      throw badInput("parentId", `claim ${parentId} belongs to another debate`);
    if (parent.deletedAt) throw conflict(`Claim ${parentId} was deleted; reply to another claim.`);
    // Checking a quote against a hidden text would let anyone probe it.
    if (parent.hiddenAt && input.quote)
      throw badInput(
        "quote",
        `claim ${parentId} is hidden by moderators; reply without quoting it`,
      );
    const problem = input.quote ? quoteProblem(parent.body, input.quote) : null;
    if (problem) throw badInput("quote", problem);
    parentAuthorId = parent.authorId;
  }
  await ensureUnlocked(tx, { debateId: debate.id, claimId: parentId }, parentId ? "reply" : "post");
  const [inserted] = await tx
    .insert(claims)
    .values({
      debateId: debate.id,
      parentId,
      authorId: actor.id,
      stance: parentId === null ? null : (input.stance ?? null),
      body: input.body,
      quote: input.quote || null,
    })
    .returning({ id: claims.id });
  const claim = await loadClaimView(tx, (inserted as { id: number }).id);
  const event = debateEvent(debate, "claim.created", { claim }, actor.id);
  if (parentAuthorId !== null && parentAuthorId !== actor.id)
    await notify(
      tx,
      parentAuthorId,
      "reply",
      `@${actor.handle} replied to your claim: “${excerpt(input.body, 80)}”`,
      `/debates/${debate.slug}#claim-${claim.id}`,
    );
  return { claim, event };
}

async function lockOwnClaim(tx: Tx, actor: Actor, claimId: number, verb: "edit" | "delete") {
  const claim = await lockClaim(tx, claimId);
  if (claim.authorId !== actor.id && !actor.isAdmin)
    throw forbidden(`You can only ${verb} your own claims.`);
  if (claim.deletedAt) throw conflict(`Claim ${claimId} is already deleted.`);
  await ensureUnlocked(tx, { debateId: claim.debate.id, claimId }, verb);
  return claim;
}

export function editClaim(
  services: Services,
  actor: Actor,
  claimId: number,
  body: string,
): Promise<ClaimView> {
  return commit(services, async (tx) => {
    const current = await lockOwnClaim(tx, actor, claimId, "edit");
    if (current.body === body)
      throw conflict("The new text is the same as the current one; nothing to save.");
    // Keep the superseded version, stamped with when it was written.
    await tx
      .insert(claimRevisions)
      .values({ claimId, body: current.body, writtenAt: current.editedAt ?? current.createdAt });
    await tx
      .update(claims)
      .set({ body, editedAt: sql`now()` })
      .where(eq(claims.id, claimId));
    // The event carries what everyone may see; the author gets their own view back.
    const event = debateEvent(
      current.debate,
      "claim.edited",
      { claim: await loadClaimView(tx, claimId) },
      actor.id,
    );
    // Reactions to quoted text follow the text, or are kept as made on an earlier version.
    const moved = await reanchorReactions(tx, current.debate, claimId, body, actor.id);
    // A hidden claim's reactions quote hidden text: they stay out of the (public) events.
    const events = moved && !current.hiddenAt ? [event, moved] : [event];
    return { value: await loadClaimView(tx, claimId, actor.id), events };
  });
}

/** Soft delete: the claim keeps its place (replies stay attached) but its text is gone from views. */
export function deleteClaim(services: Services, actor: Actor, claimId: number): Promise<ClaimView> {
  return commit(services, async (tx) => {
    const current = await lockOwnClaim(tx, actor, claimId, "delete");
    await tx
      .update(claims)
      .set({ deletedAt: sql`now()` })
      .where(eq(claims.id, claimId));
    const claim = await loadClaimView(tx, claimId);
    const event = debateEvent(current.debate, "claim.deleted", { claim }, actor.id);
    return { value: claim, events: [event] };
  });
}

export interface VoteResult {
  claimId: number;
  axis: VoteAxis;
  value: VoteValue;
  quality: number;
  agree: number;
  disagree: number;
}

/** Sets, changes (value ±1) or removes (value 0) the actor's vote on one axis. */
export function voteOnClaim(
  services: Services,
  actor: Actor,
  claimId: number,
  axis: VoteAxis,
  value: VoteValue,
): Promise<VoteResult> {
  return commit(services, async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.deletedAt) throw conflict(`Claim ${claimId} was deleted; it can't be voted on.`);
    if (claim.authorId === actor.id) throw forbidden("You can't vote on your own claim.");
    await ensureUnlocked(tx, { debateId: claim.debate.id, claimId }, "vote");

    const where = and(
      eq(claimVotes.claimId, claimId),
      eq(claimVotes.userId, actor.id),
      eq(claimVotes.axis, axis),
    );
    const [existing] = await tx.select({ value: claimVotes.value }).from(claimVotes).where(where);
    const previous = (existing?.value ?? 0) as VoteValue;
    if (previous === value) {
      throw conflict(
        value === 0
          ? `You have no ${axis} vote on claim ${claimId} to remove.`
          : `You already voted ${value > 0 ? "+1" : "-1"} on ${axis} for claim ${claimId}.`,
      );
    }
    if (value === 0) await tx.delete(claimVotes).where(where);
    else if (existing) await tx.update(claimVotes).set({ value }).where(where);
    else await tx.insert(claimVotes).values({ claimId, userId: actor.id, axis, value });

    const delta = tallyDelta(axis, previous, value);
    const [tally] = await tx
      .update(claims)
      .set({
        quality: sql`${claims.quality} + ${delta.quality}`,
        agree: sql`${claims.agree} + ${delta.agree}`,
        disagree: sql`${claims.disagree} + ${delta.disagree}`,
      })
      .where(eq(claims.id, claimId))
      .returning({ quality: claims.quality, agree: claims.agree, disagree: claims.disagree });
    const counts = tally as { quality: number; agree: number; disagree: number };
    const event = debateEvent(claim.debate, "claim.voted", { claimId, ...counts }, actor.id);
    return { value: { claimId, axis, value, ...counts }, events: [event] };
  });
}

export interface ClaimRevision {
  body: string;
  writtenAt: string;
}

/** Earlier versions of a claim, when the viewer may read its text (not deleted, not hidden from them). */
export async function claimRevisionHistory(
  services: Services,
  claimId: number,
  viewerId: number | null = null,
): Promise<ClaimRevision[]> {
  const claim = await loadClaimView(services.db, claimId, viewerId);
  if (claim.deleted || (claim.hidden && !claim.hidden.bodyShown)) return [];
  const rows = await services.db
    .select({ body: claimRevisions.body, writtenAt: claimRevisions.writtenAt })
    .from(claimRevisions)
    .where(eq(claimRevisions.claimId, claimId))
    .orderBy(claimRevisions.id);
  return rows.map((r) => ({ body: r.body, writtenAt: r.writtenAt.toISOString() }));
}
