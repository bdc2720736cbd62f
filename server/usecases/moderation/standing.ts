/**
 * Suspending and banning people (docs/moderation.md): a restricted account reads but does not
 * write (the write gate in server/trpc/init.ts refuses it). Each action cancels and refunds the
 * person's open offers, notifies them and is audited, all in one transaction.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { offers, users } from "@/db/schema";
import {
  mayBan,
  maySuspend,
  restrictTargetProblem,
  type ModerationAction,
} from "@/server/domain/moderation";
import { formatUntil, suspensionEnd } from "@/server/domain/restrictions";
import { badInput, conflict, forbidden } from "@/server/errors";
import { requireUserByHandle } from "../accounts";
import { cancelOfferIn } from "../bets";
import type { PendingEvent } from "../events";
import { notify } from "../notifications";
import { commit, type Actor, type Services } from "../services";
import { recordModeration } from "./audit";
import { moderationScopeOf } from "./roles";

export interface StandingResult {
  handle: string;
  suspendedUntil: string | null;
  banned: boolean;
  /** Open offers cancelled and refunded by this action. */
  cancelledOffers: number;
  refunded: number;
}

async function requireScope(tx: Tx, actor: Actor, kind: "suspend" | "ban"): Promise<void> {
  const scope = await moderationScopeOf(tx, actor);
  if (kind === "suspend" && !maySuspend(scope))
    throw forbidden("Only site-wide moderators and admins can suspend people.");
  if (kind === "ban" && !mayBan(scope)) throw forbidden("Only admins can ban people.");
}

/**
 * Cancels every open offer the person made, refunding each through the offer use-case (crux by
 * ascending id, then offer: docs/locking.md).
 */
async function cancelOpenOffers(tx: Tx, userId: number) {
  const open = await tx
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.makerId, userId), eq(offers.status, "open")))
    .orderBy(asc(offers.cruxId), asc(offers.id));
  const events: PendingEvent[] = [];
  let refunded = 0;
  for (const { id } of open) {
    const done = await cancelOfferIn(tx, id, "moderation");
    refunded += done.refunded;
    events.push(done.event);
  }
  return { cancelledOffers: open.length, refunded, events };
}

async function record(
  tx: Tx,
  actor: Actor,
  action: ModerationAction,
  target: { id: number },
  reason: string,
  details: Record<string, unknown> = {},
) {
  await recordModeration(tx, {
    actorId: actor.id,
    action,
    targetKind: "user",
    targetId: target.id,
    debateId: null,
    reason,
    details,
  });
}

export interface SuspendInput {
  /** Epoch ms when it ends, or a number of hours from now (one of the two). */
  until?: number | undefined;
  hours?: number | undefined;
  reason: string;
}

/** Suspends someone until a time (or extends or shortens a suspension already running). */
export function suspendUser(
  services: Services,
  actor: Actor,
  handle: string,
  input: SuspendInput,
  now: number,
): Promise<StandingResult> {
  return commit(services, async (tx) => {
    await requireScope(tx, actor, "suspend");
    const target = await requireUserByHandle(tx, handle);
    const problem = restrictTargetProblem(actor.id, target);
    if (problem) throw forbidden(problem);
    if (target.bannedAt) throw conflict(`@${target.handle} is banned; a suspension adds nothing.`);
    const end = suspensionEnd(input, now);
    if ("problem" in end) throw badInput(end.field, end.problem);
    const cancelled = await cancelOpenOffers(tx, target.id);
    await tx
      .update(users)
      .set({ suspendedUntil: end.until, suspensionReason: input.reason })
      .where(eq(users.id, target.id));
    await record(tx, actor, "user.suspend", target, input.reason, {
      until: end.until.toISOString(),
      cancelledOffers: cancelled.cancelledOffers,
      refunded: cancelled.refunded,
    });
    await notify(
      tx,
      target.id,
      "moderation",
      `Your account is suspended until ${formatUntil(end.until)}: “${input.reason}”. You can read but not write until then.`,
      `/users/${target.handle}`,
    );
    return {
      value: {
        handle: target.handle,
        suspendedUntil: end.until.toISOString(),
        banned: false,
        cancelledOffers: cancelled.cancelledOffers,
        refunded: cancelled.refunded,
      },
      events: cancelled.events,
    };
  });
}

/** Ends a suspension now. */
export function unsuspendUser(
  services: Services,
  actor: Actor,
  handle: string,
  reason: string,
  now: number,
): Promise<StandingResult> {
  return commit(services, async (tx) => {
    await requireScope(tx, actor, "suspend");
    const target = await requireUserByHandle(tx, handle);
    if (!target.suspendedUntil || target.suspendedUntil.getTime() <= now)
      throw conflict(`@${target.handle} is not suspended.`);
    await tx
      .update(users)
      .set({ suspendedUntil: null, suspensionReason: null })
      .where(eq(users.id, target.id));
    await record(tx, actor, "user.unsuspend", target, reason);
    await notify(
      tx,
      target.id,
      "moderation",
      "Your suspension was lifted.",
      `/users/${target.handle}`,
    );
    return {
      value: {
        handle: target.handle,
        suspendedUntil: null,
        banned: target.bannedAt !== null,
        cancelledOffers: 0,
        refunded: 0,
      },
      events: [],
    };
  });
}

/** Bans someone for good (until an admin unbans them). */
export function banUser(
  services: Services,
  actor: Actor,
  handle: string,
  reason: string,
): Promise<StandingResult> {
  return commit(services, async (tx) => {
    await requireScope(tx, actor, "ban");
    const target = await requireUserByHandle(tx, handle);
    const problem = restrictTargetProblem(actor.id, target);
    if (problem) throw forbidden(problem);
    if (target.bannedAt) throw conflict(`@${target.handle} is already banned.`);
    const cancelled = await cancelOpenOffers(tx, target.id);
    await tx
      .update(users)
      .set({ bannedAt: new Date(), banReason: reason })
      .where(eq(users.id, target.id));
    await record(tx, actor, "user.ban", target, reason, {
      cancelledOffers: cancelled.cancelledOffers,
      refunded: cancelled.refunded,
    });
    await notify(
      tx,
      target.id,
      "moderation",
      `Your account is banned: “${reason}”. You can read but not write.`,
      `/users/${target.handle}`,
    );
    return {
      value: {
        handle: target.handle,
        suspendedUntil: target.suspendedUntil?.toISOString() ?? null,
        banned: true,
        cancelledOffers: cancelled.cancelledOffers,
        refunded: cancelled.refunded,
      },
      events: cancelled.events,
    };
  });
}

export function unbanUser(
  services: Services,
  actor: Actor,
  handle: string,
  reason: string,
): Promise<StandingResult> {
  return commit(services, async (tx) => {
    await requireScope(tx, actor, "ban");
    const target = await requireUserByHandle(tx, handle);
    if (!target.bannedAt) throw conflict(`@${target.handle} is not banned.`);
    await tx.update(users).set({ bannedAt: null, banReason: null }).where(eq(users.id, target.id));
    await record(tx, actor, "user.unban", target, reason);
    await notify(tx, target.id, "moderation", "Your ban was lifted.", `/users/${target.handle}`);
    // A suspension set before the ban still runs to its end.
    const running = target.suspendedUntil && target.suspendedUntil.getTime() > Date.now();
    return {
      value: {
        handle: target.handle,
        suspendedUntil: running ? target.suspendedUntil!.toISOString() : null,
        banned: false,
        cancelledOffers: 0,
        refunded: 0,
      },
      events: [],
    };
  });
}

export interface StandingForModerator {
  handle: string;
  suspendedUntil: string | null;
  suspensionReason: string | null;
  bannedAt: string | null;
  banReason: string | null;
  /** What the asking moderator may do to this person. */
  may: { suspend: boolean; ban: boolean };
}

/** A person's standing as a moderator sees it (with what they may do); 403 for everyone else. */
export async function standingForModerator(
  services: Services,
  actor: Actor,
  handle: string,
  now: number,
): Promise<StandingForModerator> {
  const scope = await moderationScopeOf(services.db, actor);
  if (!maySuspend(scope))
    throw forbidden("Only site-wide moderators and admins can see or change a person's standing.");
  const target = await requireUserByHandle(services.db, handle);
  const reachable = restrictTargetProblem(actor.id, target) === null;
  const running = target.suspendedUntil && target.suspendedUntil.getTime() > now;
  return {
    handle: target.handle,
    suspendedUntil: running ? target.suspendedUntil!.toISOString() : null,
    suspensionReason: running ? target.suspensionReason : null,
    bannedAt: target.bannedAt?.toISOString() ?? null,
    banReason: target.banReason,
    may: { suspend: reachable, ban: reachable && mayBan(scope) },
  };
}
