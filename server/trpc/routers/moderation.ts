import { z } from "zod";
import {
  MODERATION_ACTIONS,
  MODERATION_TARGETS,
  REASON_MAX_LENGTH,
  ROLE_KINDS,
  isModerator,
} from "@/server/domain/moderation";
import { listModerationLog } from "@/server/usecases/moderation/audit";
import {
  grantRole,
  listRoles,
  moderationScopeOf,
  requireAnyModeration,
  revokeRole,
} from "@/server/usecases/moderation/roles";
import { authedProcedure, publicProcedure, router } from "../init";
import { DB_INT_MAX, slugSchema } from "../schemas";

const roleSchema = z.object({
  handle: z.string(),
  displayName: z.string(),
  role: z.enum(ROLE_KINDS),
  debate: z.object({ slug: z.string(), title: z.string() }).nullable(),
});

const roleChangeSchema = z.object({
  handle: z.string().trim().min(1, "give the person's handle").max(64),
  role: z.enum(ROLE_KINDS, { error: `role must be one of: ${ROLE_KINDS.join(", ")}` }),
  debateSlug: slugSchema.optional(),
  reason: z.string().max(REASON_MAX_LENGTH).optional(),
});

export const moderationRouter = router({
  myScope: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/moderation",
        tags: ["moderation"],
        summary: "What you may moderate: admin, site-wide, or the debates you moderate",
      },
    })
    .input(z.void())
    .output(
      z.object({
        admin: z.boolean(),
        siteWide: z.boolean(),
        debateIds: z.array(z.number().int()),
        moderator: z.boolean(),
      }),
    )
    .query(async ({ ctx }) => {
      const scope = await moderationScopeOf(ctx.db, ctx.user);
      return { ...scope, debateIds: [...scope.debateIds], moderator: isModerator(scope) };
    }),

  roles: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/moderation/roles",
        tags: ["moderation"],
        summary: "Every admin and moderator, with the debate a moderator is limited to",
      },
    })
    .input(z.void())
    .output(z.object({ roles: z.array(roleSchema) }))
    .query(async ({ ctx }) => {
      await requireAnyModeration(ctx.db, ctx.user);
      return { roles: await listRoles(ctx.db) };
    }),

  grantRole: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/roles",
        tags: ["moderation"],
        summary:
          "Make someone a moderator (site-wide, or of `debateSlug`) or an admin (admins only)",
      },
    })
    .input(roleChangeSchema)
    .output(roleSchema)
    .mutation(({ ctx, input }) => grantRole(ctx.db, ctx.user, input)),

  revokeRole: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/moderation/roles",
        tags: ["moderation"],
        summary: "Take back a moderator or admin role (admins only; not your own admin role)",
      },
    })
    .input(roleChangeSchema)
    .output(roleSchema)
    .mutation(({ ctx, input }) => revokeRole(ctx.db, ctx.user, input)),

  log: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/moderation/log",
        tags: ["moderation"],
        summary: "The audit log, newest first: who did what, why and when",
        description:
          "Moderators read the entries of what they moderate; admins read all and may filter by actor, action, target kind, debate and time. Page with `before` = the answer's `nextBefore`.",
      },
    })
    .input(
      z.object({
        actorHandle: z.string().max(64).optional(),
        action: z.enum(MODERATION_ACTIONS).optional(),
        targetKind: z.enum(MODERATION_TARGETS).optional(),
        debateSlug: slugSchema.optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        before: z.number().int().min(1).max(DB_INT_MAX).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(
      z.object({
        entries: z.array(
          z.object({
            id: z.number().int(),
            at: z.string(),
            actor: z.object({ handle: z.string() }).nullable(),
            action: z.string(),
            targetKind: z.string(),
            targetId: z.number().int(),
            debate: z.object({ slug: z.string(), title: z.string() }).nullable(),
            reason: z.string(),
            details: z.record(z.string(), z.unknown()),
          }),
        ),
        nextBefore: z.number().int().nullable(),
      }),
    )
    .query(({ ctx, input }) =>
      listModerationLog(ctx.db, ctx.user, {
        ...input,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
      }),
    ),
});
