import { z } from "zod";
import { mayLock } from "@/server/domain/moderation";
import { moderationScopeOf } from "@/server/usecases/moderation/roles";
import { THREAD_SORTS } from "@/server/domain/thread";
import { eventsAfter, MAX_EVENTS_PER_PAGE } from "@/server/usecases/events";
import {
  createDebate,
  getDebateThread,
  getThreadWindow,
  listDebates,
  requireDebate,
} from "@/server/usecases/debates";
import { loadDebatePage } from "@/server/usecases/debatePage";
import { exportDebate, importDebate } from "@/server/usecases/debateArchive";
import { debateArchiveSchema, readImport } from "@/server/domain/debateArchive";
import { badInput } from "@/server/errors";
import {
  getClaimBranch,
  newClaimsSince,
  recordDebateVisit,
  searchThread,
} from "@/server/usecases/threadNav";
import { MAX_SEARCH_LENGTH } from "@/server/domain/threadNav";
import { authedProcedure, publicProcedure, router } from "../init";
import {
  claimReactionsSchema,
  claimSchema,
  DB_INT_MAX,
  eventSchema,
  reactionSpanSchema,
  slugSchema,
  voteAxisSchema,
} from "../schemas";

const moreSchema = z.object({
  count: z.number().int(),
  skip: z.number().int(),
});

const myVoteSchema = z.object({
  claimId: z.number().int(),
  axis: voteAxisSchema,
  value: z.union([z.literal(-1), z.literal(1)]),
});

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
        claims: z.array(claimSchema.extend({ reactions: z.array(reactionSpanSchema) })),
        myVotes: z.array(myVoteSchema),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { reactions, ...thread } = await getDebateThread(
        ctx.db,
        input.slug,
        ctx.user?.id ?? null,
      );
      const byClaim = new Map(reactions.map((r) => [r.claimId, r.spans]));
      return {
        ...thread,
        claims: thread.claims.map((c) => ({ ...c, reactions: byClaim.get(c.id) ?? [] })),
      };
    }),

  window: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/window",
        tags: ["debates"],
        summary:
          "Part of a big thread: replies of a claim (or top-level claims) after the first `skip`",
        description:
          "The first top-level claims and the top of each branch, breadth first, as the debate page sends them. `moreReplies` says, per claim sent, how many of its direct replies were not; `moreTop`, how many of the requested level's.",
      },
    })
    .input(
      z.object({
        slug: slugSchema,
        parentId: z.number().int().min(1).max(DB_INT_MAX).optional(),
        skip: z.number().int().min(0).max(DB_INT_MAX).default(0),
        sort: z.enum(THREAD_SORTS).default("oldest"),
      }),
    )
    .output(
      z.object({
        claims: z.array(claimSchema),
        moreReplies: z.record(z.string(), moreSchema),
        moreTop: moreSchema.nullable(),
        myVotes: z.array(myVoteSchema),
        reactions: z.array(claimReactionsSchema),
      }),
    )
    .query(({ ctx, input }) =>
      getThreadWindow(ctx.db, input.slug, ctx.user?.id ?? null, {
        sort: input.sort,
        parentId: input.parentId ?? null,
        skip: input.skip,
      }),
    ),

  search: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/search",
        tags: ["debates"],
        summary: "Claims whose text or author contains `q`, in the order the thread shows them",
        description:
          "Case-insensitive; a leading `@` searches authors too. Queries under 2 characters match nothing. At most 500 hits; `total` counts them all.",
      },
    })
    .input(
      z.object({
        slug: slugSchema,
        q: z.string().max(MAX_SEARCH_LENGTH),
        sort: z.enum(THREAD_SORTS).default("oldest"),
      }),
    )
    .output(
      z.object({
        hits: z.array(
          z.object({ id: z.number().int(), authorHandle: z.string(), excerpt: z.string() }),
        ),
        total: z.number().int(),
      }),
    )
    .query(({ ctx, input }) => searchThread(ctx.db, input.slug, input.q, input.sort)),

  /**
   * What the debate page (and a claim's permalink) renders: the thread's window, the crux panel and
   * where live events resume. Opening the page is the visit: for a signed-in reader it records one
   * and marks the claims posted since the previous visit (docs/thread-navigation.md).
   */
  page: publicProcedure
    .input(
      z.object({
        slug: slugSchema,
        focusId: z.number().int().min(1).max(DB_INT_MAX).nullable().default(null),
        from: z.number().int().min(0).max(DB_INT_MAX).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const viewer = ctx.user ? { id: ctx.user.id, handle: ctx.user.handle } : null;
      const lastVisit = viewer ? await recordDebateVisit(ctx.db, viewer.id, input.slug) : undefined;
      const page = await loadDebatePage(ctx.db, input.slug, viewer, Date.now(), {
        ...input,
        lastVisit,
      });
      // Whether to show this viewer the lock controls (docs/moderation.md).
      const canLock = mayLock(await moderationScopeOf(ctx.db, ctx.user), page.debateId);
      return { ...page, canLock };
    }),

  newSince: publicProcedure
    .input(z.object({ slug: slugSchema, since: z.string().datetime() }))
    .output(z.object({ ids: z.array(z.number().int()) }))
    .query(async ({ ctx, input }) => ({
      ids: await newClaimsSince(ctx.db, input.slug, input.since, ctx.user ?? null),
    })),

  branch: publicProcedure
    .input(z.object({ slug: slugSchema, claimId: z.number().int().min(1).max(DB_INT_MAX) }))
    .output(
      z.object({
        claims: z.array(claimSchema),
        replyCounts: z.record(z.string(), z.number().int()),
        myVotes: z.array(myVoteSchema),
        reactions: z.array(claimReactionsSchema),
      }),
    )
    .query(({ ctx, input }) =>
      getClaimBranch(ctx.db, input.slug, input.claimId, ctx.user?.id ?? null),
    ),

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

  export: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/export",
        tags: ["debates"],
        summary:
          "Everything public about a debate, as JSON or as CSV files (one per kind) in a zip",
        description:
          "Claims (with vote tallies), reactions, cruxes, forecasts with their history, offers, fills, evidence, lifecycle steps and scores. A crux that hides its crowd from you leaves out everyone's forecasts but yours. `format=csv` answers `application/zip` holding claims.csv, reactions.csv, cruxes.csv, forecasts.csv, offers.csv, fills.csv, evidence.csv, resolutions.csv and scores.csv with these columns.",
      },
    })
    .input(z.object({ slug: slugSchema, format: z.enum(["json", "csv"]).default("json") }))
    .output(debateArchiveSchema)
    .query(({ ctx, input }) =>
      exportDebate(ctx.db, input.slug, ctx.user?.handle ?? null, Date.now()),
    ),

  import: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/debates/import",
        tags: ["debates"],
        summary: "Import a discussion thread into a new debate (admins)",
        description:
          "`thread` is a list of comments, `{ comments: [...] }`, a forum's `{ data: { comments: { results: [...] } } }` or a Cruxible export. Each comment needs an id (`id` or `_id`), a parent (`parentId` or `parentCommentId`, null at the top), an author (`author`, `authorHandle` or `user.username`), a date (`postedAt` or `createdAt`) and a body (`body`, `contents.markdown` or `htmlBody`). Authors become placeholder accounts named `<slug>-1`, `<slug>-2`, …",
      },
    })
    .input(
      z.object({
        slug: z.string().min(3).max(80),
        title: z.string().trim().max(200).optional(),
        summary: z.string().max(2000).optional(),
        thread: z.unknown(),
      }),
    )
    .output(
      z.object({
        slug: z.string(),
        title: z.string(),
        claims: z.number().int(),
        authors: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const read = readImport(input.thread);
      if (!read.ok) throw badInput("thread", read.problem);
      return importDebate(ctx.db, ctx.user, read.thread, input);
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
