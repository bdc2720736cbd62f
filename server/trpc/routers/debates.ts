import { z } from "zod";
import { eventsAfter, MAX_EVENTS_PER_PAGE } from "@/server/usecases/events";
import {
  createDebate,
  getDebateThread,
  listDebates,
  requireDebate,
} from "@/server/usecases/debates";
import { authedProcedure, publicProcedure, router } from "../init";
import { claimSchema, DB_INT_MAX, eventSchema, slugSchema, voteAxisSchema } from "../schemas";

const debateSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  claimCount: z.number().int(),
});

export const debatesRouter = router({
  list: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates",
        tags: ["debates"],
        summary: "List debates",
      },
    })
    .input(z.void())
    .output(z.object({ debates: z.array(debateSummarySchema) }))
    .query(async ({ ctx }) => ({ debates: await listDebates(ctx.db) })),

  get: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}",
        tags: ["debates"],
        summary: "A debate with every claim",
      },
    })
    .input(z.object({ slug: slugSchema }))
    .output(
      z.object({
        slug: z.string(),
        title: z.string(),
        summary: z.string(),
        lastSeq: z.number().int(),
        claims: z.array(claimSchema),
        myVotes: z.array(
          z.object({
            claimId: z.number().int(),
            axis: voteAxisSchema,
            value: z.union([z.literal(-1), z.literal(1)]),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getDebateThread(ctx.db, input.slug, ctx.user?.id ?? null)),

  events: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/events",
        tags: ["live"],
        summary: "Events after a seq, in order (catch-up for live clients)",
      },
    })
    .input(
      z.object({ slug: slugSchema, after: z.number().int().min(0).max(DB_INT_MAX).default(0) }),
    )
    .output(z.object({ events: z.array(eventSchema), hasMore: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const debate = await requireDebate(ctx.db, input.slug);
      const events = await eventsAfter(ctx.db, debate, input.after, MAX_EVENTS_PER_PAGE);
      return {
        events: events.map(({ seq, type, data, at }) => ({ seq, type, data, at })),
        // A page is at most MAX_EVENTS_PER_PAGE events: ask again with after = the last seq.
        hasMore: events.length === MAX_EVENTS_PER_PAGE,
      };
    }),

  create: authedProcedure
    .meta({
      openapi: { method: "POST", path: "/debates", tags: ["debates"], summary: "Start a debate" },
    })
    .input(
      z.object({
        slug: z.string().min(3).max(80),
        title: z.string().trim().min(3, "title must be at least 3 characters").max(200),
        summary: z.string().max(2000).optional(),
      }),
    )
    .output(debateSummarySchema)
    .mutation(({ ctx, input }) => createDebate(ctx.db, ctx.user, input)),
});
