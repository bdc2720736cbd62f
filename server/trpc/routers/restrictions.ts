/**
 * Locks, suspensions and bans (docs/moderation.md): thin procedures over
 * server/usecases/moderation/{locks,standing}.ts, served under /moderation in API v1.
 */
import { z } from "zod";
import { REASON_MAX_LENGTH } from "@/server/domain/moderation";
import { MAX_SUSPENSION_HOURS } from "@/server/domain/restrictions";
import {
  debateLocks,
  lockDebate,
  lockThread,
  unlockDebate,
  unlockThread,
} from "@/server/usecases/moderation/locks";
import {
  banUser,
  standingForModerator,
  suspendUser,
  unbanUser,
  unsuspendUser,
} from "@/server/usecases/moderation/standing";
import { requireDebate } from "@/server/usecases/debates";
import { authedProcedure, publicProcedure, router } from "../init";
import { claimIdSchema, instantSchema, slugSchema } from "../schemas";

const reasonSchema = z
  .string()
  .trim()
  .min(1, "say why (people see the reason)")
  .max(REASON_MAX_LENGTH, `at most ${REASON_MAX_LENGTH} characters`);
const optionalReason = z.string().trim().max(REASON_MAX_LENGTH).default("");
const handleSchema = z.string().trim().min(1, "give the person's handle").max(64);

const lockInfoSchema = z.object({ by: z.string(), reason: z.string(), at: z.string() });
const standingResultSchema = z.object({
  handle: z.string(),
  suspendedUntil: z.string().nullable(),
  banned: z.boolean(),
  cancelledOffers: z.number().int(),
  refunded: z.number().int(),
});

export const restrictionsRouter = router({
  locks: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/locks",
        tags: ["moderation"],
        summary: "The debate's lock and its locked threads (who locked, why, when)",
      },
    })
    .input(z.object({ slug: slugSchema }))
    .output(
      z.object({
        debate: lockInfoSchema.nullable(),
        claims: z.array(lockInfoSchema.extend({ claimId: z.number().int() })),
      }),
    )
    .query(async ({ ctx, input }) =>
      debateLocks(ctx.db, (await requireDebate(ctx.db, input.slug)).id),
    ),

  lockDebate: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/debates/{slug}/lock",
        tags: ["moderation"],
        summary:
          "Lock a debate: nothing can be posted, edited, voted, reacted, forecast or bet in it (423) until unlocked; resolution goes on",
      },
    })
    .input(z.object({ slug: slugSchema, reason: reasonSchema }))
    .output(z.object({ slug: z.string(), lock: lockInfoSchema }))
    .mutation(({ ctx, input }) => lockDebate(ctx, ctx.user, input.slug, input)),

  unlockDebate: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/moderation/debates/{slug}/lock",
        tags: ["moderation"],
        summary: "Unlock a debate",
      },
    })
    .input(z.object({ slug: slugSchema, reason: optionalReason }))
    .output(z.object({ slug: z.string(), locked: z.literal(false) }))
    .mutation(({ ctx, input }) => unlockDebate(ctx, ctx.user, input.slug, input.reason)),

  lockThread: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/claims/{id}/lock",
        tags: ["moderation"],
        summary: "Lock a claim and everything below it (its thread)",
      },
    })
    .input(z.object({ id: claimIdSchema, reason: reasonSchema }))
    .output(z.object({ claimId: z.number().int(), lock: lockInfoSchema }))
    .mutation(({ ctx, input }) => lockThread(ctx, ctx.user, input.id, input)),

  unlockThread: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/moderation/claims/{id}/lock",
        tags: ["moderation"],
        summary: "Unlock a claim's thread (where the lock was set)",
      },
    })
    .input(z.object({ id: claimIdSchema, reason: optionalReason }))
    .output(z.object({ claimId: z.number().int(), locked: z.literal(false) }))
    .mutation(({ ctx, input }) => unlockThread(ctx, ctx.user, input.id, input.reason)),

  standing: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/moderation/users/{handle}",
        tags: ["moderation"],
        summary:
          "A person's standing (suspended until, banned) and what you may do (site-wide moderators and admins)",
      },
    })
    .input(z.object({ handle: handleSchema }))
    .output(
      z.object({
        handle: z.string(),
        suspendedUntil: z.string().nullable(),
        suspensionReason: z.string().nullable(),
        bannedAt: z.string().nullable(),
        banReason: z.string().nullable(),
        may: z.object({ suspend: z.boolean(), ban: z.boolean() }),
      }),
    )
    .query(({ ctx, input }) => standingForModerator(ctx, ctx.user, input.handle, Date.now())),

  suspend: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/users/{handle}/suspend",
        tags: ["moderation"],
        summary:
          "Suspend someone until a time or for some hours (site-wide moderators and admins); their open offers are cancelled and refunded",
      },
    })
    .input(
      z.object({
        handle: handleSchema,
        until: instantSchema.optional(),
        hours: z.number().positive().max(MAX_SUSPENSION_HOURS).optional(),
        reason: reasonSchema,
      }),
    )
    .output(standingResultSchema)
    .mutation(({ ctx, input }) => suspendUser(ctx, ctx.user, input.handle, input, Date.now())),

  unsuspend: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/moderation/users/{handle}/suspend",
        tags: ["moderation"],
        summary: "End someone's suspension now",
      },
    })
    .input(z.object({ handle: handleSchema, reason: optionalReason }))
    .output(standingResultSchema)
    .mutation(({ ctx, input }) =>
      unsuspendUser(ctx, ctx.user, input.handle, input.reason, Date.now()),
    ),

  ban: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/users/{handle}/ban",
        tags: ["moderation"],
        summary: "Ban someone for good (admins only); their open offers are cancelled and refunded",
      },
    })
    .input(z.object({ handle: handleSchema, reason: reasonSchema }))
    .output(standingResultSchema)
    .mutation(({ ctx, input }) => banUser(ctx, ctx.user, input.handle, input.reason)),

  unban: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/moderation/users/{handle}/ban",
        tags: ["moderation"],
        summary: "Lift a ban (admins only)",
      },
    })
    .input(z.object({ handle: handleSchema, reason: optionalReason }))
    .output(standingResultSchema)
    .mutation(({ ctx, input }) => unbanUser(ctx, ctx.user, input.handle, input.reason)),
});
