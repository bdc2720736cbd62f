import { z } from "zod";
import { listNotifications, markAllRead } from "@/server/usecases/notifications";
import { leaderboards, userTrackRecord } from "@/server/usecases/trackRecords";
import { authedProcedure, publicProcedure, router } from "../init";

export const peopleRouter = router({
  user: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/users/{handle}",
        tags: ["people"],
        summary: "A user's balance, track record and calibration",
      },
    })
    .input(z.object({ handle: z.string().min(1).max(40) }))
    .output(
      z.object({
        handle: z.string(),
        balance: z.number().int(),
        locked: z.number().int(),
        track: z.object({
          resolvedForecasts: z.number().int(),
          brier: z.number().nullable(),
          baseline: z.number().nullable(),
          peer: z.number().nullable(),
          /** Mean share of each crux's scoring window the user held a forecast for (0..1). */
          coverage: z.number().nullable(),
          profit: z.number().int(),
        }),
        calibration: z.array(
          z.object({
            from: z.number(),
            to: z.number(),
            count: z.number().int(),
            yesFraction: z.number().nullable(),
          }),
        ),
        resolved: z.array(
          z.object({
            cruxId: z.number().int(),
            title: z.string(),
            p: z.number(),
            outcome: z.boolean(),
            brier: z.number(),
            baseline: z.number(),
            peer: z.number(),
            coverage: z.number(),
          }),
        ),
        /** Resolved numeric cruxes (docs/numeric-cruxes.md): the number and your final median. */
        resolvedNumeric: z.array(
          z.object({
            cruxId: z.number().int(),
            title: z.string(),
            unit: z.string(),
            resolvedValue: z.number(),
            finalMedian: z.number(),
            log: z.number(),
            baseline: z.number(),
            peer: z.number(),
            coverage: z.number(),
          }),
        ),
        bets: z.array(
          z.object({
            fillId: z.number().int(),
            cruxId: z.number().int(),
            title: z.string(),
            status: z.string(),
            outcome: z.string().nullable(),
            side: z.string(),
            price: z.number().int(),
            stake: z.number().int(),
            pot: z.number().int(),
            profit: z.number().int(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => userTrackRecord(ctx.db, input.handle)),

  leaderboards: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/leaderboards",
        tags: ["people"],
        summary: "Top forecasters by peer score and bettors by profit (optionally for one debate)",
      },
    })
    .input(z.object({ debate: z.string().max(80).optional() }))
    .output(
      z.object({
        peer: z.array(
          z.object({
            handle: z.string(),
            peer: z.number(),
            baseline: z.number(),
            coverage: z.number(),
            resolved: z.number().int(),
          }),
        ),
        profit: z.array(
          z.object({ handle: z.string(), profit: z.number().int(), bets: z.number().int() }),
        ),
      }),
    )
    .query(({ ctx, input }) => leaderboards(ctx.db, input.debate ?? null)),

  notifications: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/notifications",
        tags: ["people"],
        summary: "Your notifications, newest first, with the unread count",
      },
    })
    .input(z.void())
    .output(
      z.object({
        unread: z.number().int(),
        items: z.array(
          z.object({
            id: z.number().int(),
            kind: z.string(),
            text: z.string(),
            link: z.string(),
            read: z.boolean(),
            at: z.string(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => listNotifications(ctx.db, ctx.user.id)),

  markNotificationsRead: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/me/notifications/read",
        tags: ["people"],
        summary: "Mark all your notifications read",
      },
    })
    .input(z.void())
    .output(z.object({ unread: z.literal(0) }))
    .mutation(({ ctx }) => markAllRead(ctx.db, ctx.user.id)),
});
