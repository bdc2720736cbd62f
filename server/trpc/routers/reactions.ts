import { z } from "zod";
import { addReaction, getClaimReactions, removeReaction } from "@/server/usecases/reactions";
import { authedProcedure, publicProcedure, router } from "../init";
import {
  claimIdSchema,
  claimReactionsSchema,
  DB_INT_MAX,
  reactionKindSchema,
  reactionQuoteSchema,
  reactionSpanSchema,
} from "../schemas";

const keySchema = {
  id: claimIdSchema,
  kind: reactionKindSchema,
  quote: reactionQuoteSchema.optional(),
};

/** Reactions to a claim or a quoted span of it (docs/reactions.md). */
export const reactionsRouter = router({
  add: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/claims/{id}/reactions",
        tags: ["claims"],
        summary: "React to a claim, or to a quoted span of it",
        description:
          "`quote` must be an exact excerpt of the claim's current text; leave it out to react to the whole claim. `start` picks one of several occurrences. One reaction per person per kind per quote: adding one you already gave returns it with `created: false`.",
      },
    })
    .input(
      z.object({
        ...keySchema,
        start: z
          .number({ error: "start must be a character position in the claim's text" })
          .int({ error: "start must be a whole number" })
          .min(0, { error: "start must not be negative" })
          .max(DB_INT_MAX)
          .optional(),
      }),
    )
    .output(
      z.object({
        claimId: z.number().int(),
        kind: reactionKindSchema,
        quote: z.string(),
        start: z.number().int().nullable(),
        end: z.number().int().nullable(),
        created: z.boolean(),
        spans: z.array(reactionSpanSchema),
      }),
    )
    .mutation(({ ctx, input }) => addReaction(ctx, ctx.user, input.id, input)),

  remove: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/claims/{id}/reactions",
        tags: ["claims"],
        summary: "Remove your reaction (kind and quote in the query)",
      },
    })
    .input(z.object(keySchema))
    .output(claimReactionsSchema)
    .mutation(({ ctx, input }) => removeReaction(ctx, ctx.user, input.id, input)),

  list: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/claims/{id}/reactions",
        tags: ["claims"],
        summary: "A claim's reactions per span, with who gave them",
      },
    })
    .input(z.object({ id: claimIdSchema }))
    .output(claimReactionsSchema)
    .query(({ ctx, input }) => getClaimReactions(ctx.db, input.id)),
});
