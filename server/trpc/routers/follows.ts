import { z } from "zod";
import {
  NOTIFICATION_KINDS,
  PREFERENCE_BOUNDS,
  type NotificationPreferences,
} from "@/server/domain/notifications";
import {
  follow,
  followState,
  listFollows,
  recordCruxSeen,
  unfollow,
} from "@/server/usecases/follows";
import { getPreferences, setPreferences } from "@/server/usecases/notifications";
import { authedProcedure, router } from "../init";
import { idOf, slugSchema } from "../schemas";

const cruxInput = z.object({ id: idOf("a crux") });
const debateInput = z.object({ slug: slugSchema });
const followingSchema = z.object({ following: z.boolean() });

const whole = (field: string, { min, max }: { min: number; max: number }, what: string) => {
  const rule = `${field} must be a whole number of ${what} from ${min} to ${max}`;
  return z.number({ error: rule }).int({ error: rule }).min(min, rule).max(max, rule);
};

const kindSchema = z.enum(NOTIFICATION_KINDS, {
  error: `each kind must be one of: ${NOTIFICATION_KINDS.join(", ")}`,
});

const preferencesSchema = z.object({
  off: z.array(kindSchema).max(NOTIFICATION_KINDS.length * 2),
  movePoints: whole("movePoints", PREFERENCE_BOUNDS.movePoints, "percentage points"),
  closingSoonHours: whole("closingSoonHours", PREFERENCE_BOUNDS.closingSoonHours, "hours"),
  staleAfterDays: whole("staleAfterDays", PREFERENCE_BOUNDS.staleAfterDays, "days"),
}) satisfies z.ZodType<NotificationPreferences>;

const followListSchema = z.object({
  cruxes: z.array(
    z.object({
      cruxId: z.number().int(),
      title: z.string(),
      debateSlug: z.string(),
      since: z.string(),
    }),
  ),
  debates: z.array(z.object({ debateSlug: z.string(), title: z.string(), since: z.string() })),
});

export const followsRouter = router({
  followCrux: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/follow",
        tags: ["follows"],
        summary:
          "Follow a crux: hear when its crowd moves, it nears its close, a resolution is proposed or disputed",
      },
    })
    .input(cruxInput)
    .output(followingSchema)
    .mutation(({ ctx, input }) => follow(ctx.db, ctx.user.id, { cruxId: input.id }, Date.now())),

  unfollowCrux: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/cruxes/{id}/follow",
        tags: ["follows"],
        summary:
          "Stop following a crux (forecasting or betting on it later does not follow it again)",
      },
    })
    .input(cruxInput)
    .output(followingSchema)
    .mutation(({ ctx, input }) => unfollow(ctx.db, ctx.user.id, { cruxId: input.id })),

  cruxFollowState: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/cruxes/{id}/follow",
        tags: ["follows"],
        summary: "Whether you follow this crux",
      },
    })
    .input(cruxInput)
    .output(followingSchema)
    .query(({ ctx, input }) => followState(ctx.db, ctx.user.id, { cruxId: input.id })),

  followDebate: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/debates/{slug}/follow",
        tags: ["follows"],
        summary:
          "Follow a debate: hear of new cruxes in it and of resolutions proposed, disputed or final on its cruxes",
      },
    })
    .input(debateInput)
    .output(followingSchema)
    .mutation(({ ctx, input }) =>
      follow(ctx.db, ctx.user.id, { debateSlug: input.slug }, Date.now()),
    ),

  unfollowDebate: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/debates/{slug}/follow",
        tags: ["follows"],
        summary: "Stop following a debate",
      },
    })
    .input(debateInput)
    .output(followingSchema)
    .mutation(({ ctx, input }) => unfollow(ctx.db, ctx.user.id, { debateSlug: input.slug })),

  debateFollowState: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/debates/{slug}/follow",
        tags: ["follows"],
        summary: "Whether you follow this debate",
      },
    })
    .input(debateInput)
    .output(followingSchema)
    .query(({ ctx, input }) => followState(ctx.db, ctx.user.id, { debateSlug: input.slug })),

  /** The crux page was read: "since you last looked" starts again (the page calls it, not the API). */
  cruxSeen: authedProcedure
    .input(cruxInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await recordCruxSeen(ctx.db, ctx.user.id, input.id, Date.now());
      return { ok: true as const };
    }),

  mine: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/follows",
        tags: ["follows"],
        summary: "The cruxes and debates you follow, newest first",
      },
    })
    .input(z.void())
    .output(followListSchema)
    .query(({ ctx }) => listFollows(ctx.db, ctx.user.id)),

  preferences: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/notification-preferences",
        tags: ["follows"],
        summary:
          "Your notification preferences: kinds turned off, the crowd move worth telling, the closing-soon window, when a forecast is stale",
      },
    })
    .input(z.void())
    .output(preferencesSchema)
    .query(({ ctx }) => getPreferences(ctx.db, ctx.user.id)),

  setPreferences: authedProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/me/notification-preferences",
        tags: ["follows"],
        summary: "Replace your notification preferences (turned-off kinds are not created)",
      },
    })
    .input(preferencesSchema)
    .output(preferencesSchema)
    .mutation(({ ctx, input }) => setPreferences(ctx.db, ctx.user.id, input)),
});
