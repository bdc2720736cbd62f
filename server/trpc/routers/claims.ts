import { z } from "zod";
import { loadClaimView } from "@/server/usecases/debates";
import {
  claimRevisionHistory,
  deleteClaim,
  editClaim,
  postClaim,
  voteOnClaim,
} from "@/server/usecases/claims";
import { authedProcedure, publicProcedure, router } from "../init";
import {
  claimBodySchema,
  claimIdSchema,
  idOf,
  claimSchema,
  quoteSchema,
  slugSchema,
  stanceSchema,
  voteAxisSchema,
  voteValueSchema,
} from "../schemas";

export const claimsRouter = router({
  get: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/claims/{id}",
        tags: ["claims"],
        summary: "A claim as you see it",
        description:
          "A claim hidden by moderators has `hidden: { reason, bodyShown }`; its body is empty unless you wrote it or moderate its debate.",
      },
    })
    .input(z.object({ id: claimIdSchema }))
    .output(claimSchema)
    .query(({ ctx, input }) => loadClaimView(ctx.db, input.id, ctx.user?.id ?? null)),

  create: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/debates/{slug}/claims",
        tags: ["claims"],
        summary: "Post a claim or a reply",
      },
    })
    .input(
      z.object({
        slug: slugSchema,
        body: claimBodySchema,
        parentId: idOf("a claim", "parentId").nullish(),
        stance: stanceSchema.nullish(),
        quote: quoteSchema.nullish(),
      }),
    )
    .output(claimSchema)
    .mutation(({ ctx, input }) => postClaim(ctx, ctx.user, { ...input, debateSlug: input.slug })),

  edit: authedProcedure
    .meta({
      openapi: {
        method: "PATCH",
        path: "/claims/{id}",
        tags: ["claims"],
        summary: "Edit your claim (earlier versions are kept)",
      },
    })
    .input(z.object({ id: claimIdSchema, body: claimBodySchema }))
    .output(claimSchema)
    .mutation(({ ctx, input }) => editClaim(ctx, ctx.user, input.id, input.body)),

  delete: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/claims/{id}",
        tags: ["claims"],
        summary: "Delete your claim (replies stay)",
      },
    })
    .input(z.object({ id: claimIdSchema }))
    .output(claimSchema)
    .mutation(({ ctx, input }) => deleteClaim(ctx, ctx.user, input.id)),

  vote: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/claims/{id}/votes",
        tags: ["claims"],
        summary: "Vote on quality or agreement: 1, -1, or 0 to remove",
      },
    })
    .input(z.object({ id: claimIdSchema, axis: voteAxisSchema, value: voteValueSchema }))
    .output(
      z.object({
        claimId: z.number().int(),
        axis: voteAxisSchema,
        value: voteValueSchema,
        quality: z.number().int(),
        agree: z.number().int(),
        disagree: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => voteOnClaim(ctx, ctx.user, input.id, input.axis, input.value)),

  revisions: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/claims/{id}/revisions",
        tags: ["claims"],
        summary: "Earlier versions of a claim",
      },
    })
    .input(z.object({ id: claimIdSchema }))
    .output(z.object({ revisions: z.array(z.object({ body: z.string(), writtenAt: z.string() })) }))
    .query(async ({ ctx, input }) => ({
      revisions: await claimRevisionHistory(ctx, input.id, ctx.user?.id ?? null),
    })),
});
