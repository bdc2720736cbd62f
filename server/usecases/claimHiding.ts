/**
 * Moderators hide a claim (its text then reaches only its author and the debate's moderators,
 * server/domain/claimVisibility.ts) and restore it. Replies stay. Each action is audited in the
 * same transaction and is live: the events carry what everyone sees, so a hidden body never goes
 * out to the debate's room; the author's and moderators' pages fetch their own copy.
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { claims } from "@/db/schema";
import { MAX_MODERATION_NOTE } from "@/server/domain/reports";
import type { ClaimView } from "@/server/domain/thread";
import { badInput, conflict } from "@/server/errors";
import { loadClaimView } from "./debates";
import { debateEvent } from "./events";
import { recordModeration } from "./moderation/audit";
import { requireModerator } from "./moderation/roles";
import { getClaimReactions } from "./reactions";
import { lockClaim } from "./claimRows";
import { commitForModerators, type Actor, type Services } from "./services";

async function lockForModeration(tx: Tx, actor: Actor, claimId: number) {
  const row = await lockClaim(tx, claimId);
  await requireModerator(tx, actor, row.debate.id);
  return row;
}

const checkedReason = (reason: string, field: string) => {
  const text = reason.trim();
  if (text === "") throw badInput(field, "say why, in a few words (everyone will read it)");
  if (text.length > MAX_MODERATION_NOTE)
    throw badInput(field, `must be at most ${MAX_MODERATION_NOTE} characters`);
  return text;
};

/** Hides a claim with a reason everyone reads ("hidden by moderators: <reason>"). */
export function hideClaim(
  services: Services,
  actor: Actor,
  claimId: number,
  reason: string,
): Promise<ClaimView> {
  const text = checkedReason(reason, "reason");
  return commitForModerators(services, async (tx) => {
    const row = await lockForModeration(tx, actor, claimId);
    if (row.deletedAt) throw conflict(`Claim ${claimId} was deleted; there is nothing to hide.`);
    if (row.hiddenAt) throw conflict(`Claim ${claimId} is already hidden.`);
    await tx
      .update(claims)
      .set({ hiddenAt: sql`now()`, hiddenReason: text, hiddenBy: actor.id })
      .where(eq(claims.id, claimId));
    await recordModeration(tx, {
      actorId: actor.id,
      action: "claim.hide",
      targetKind: "claim",
      targetId: claimId,
      debateId: row.debate.id,
      reason: text,
    });
    const claim = await loadClaimView(tx, claimId);
    return {
      value: await loadClaimView(tx, claimId, actor.id),
      events: [
        debateEvent(row.debate, "claim.hidden", { claim }, actor.id),
        // Reactions quote the text: open pages drop them until the claim is restored.
        debateEvent(row.debate, "claim.reactions", { claimId, spans: [] }, actor.id),
      ],
    };
  });
}

/** Shows a hidden claim to everyone again; the note goes to the audit log. */
export function restoreClaim(
  services: Services,
  actor: Actor,
  claimId: number,
  note: string,
): Promise<ClaimView> {
  const text = note.trim();
  if (text.length > MAX_MODERATION_NOTE)
    throw badInput("note", `must be at most ${MAX_MODERATION_NOTE} characters`);
  return commitForModerators(services, async (tx) => {
    const row = await lockForModeration(tx, actor, claimId);
    if (!row.hiddenAt) throw conflict(`Claim ${claimId} is not hidden.`);
    await tx
      .update(claims)
      .set({ hiddenAt: null, hiddenReason: null, hiddenBy: null })
      .where(eq(claims.id, claimId));
    await recordModeration(tx, {
      actorId: actor.id,
      action: "claim.restore",
      targetKind: "claim",
      targetId: claimId,
      debateId: row.debate.id,
      reason: text,
    });
    const claim = await loadClaimView(tx, claimId);
    const { spans } = await getClaimReactions(tx, claimId);
    return {
      value: claim,
      events: [
        debateEvent(row.debate, "claim.restored", { claim }, actor.id),
        debateEvent(row.debate, "claim.reactions", { claimId, spans }, actor.id),
      ],
    };
  });
}
