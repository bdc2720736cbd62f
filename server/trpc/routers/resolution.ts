import { z } from "zod";
import { addEvidence } from "@/server/usecases/lifecycle/evidence";
import { getCruxHistory, getResolutionState } from "@/server/usecases/lifecycle/history";
import {
  decideResolution,
  disputeResolution,
  proposeResolution,
  undoFinalization,
} from "@/server/usecases/lifecycle/resolve";
import { authedProcedure, publicProcedure, router } from "../init";
import { idOf } from "../schemas";
import type { Verdict } from "@/server/domain/lifecycle";
import { badInput } from "@/server/errors";

const cruxId = idOf("a crux");
const outcome = z.enum(["yes", "no", "annulled"], { error: "outcome must be yes, no or annulled" });
/** A numeric crux resolves to a number: { value } (or { outcome: "annulled" }). */
const value = z
  .number({ error: "value must be a number" })
  .finite({ error: "value must be a finite number" });

/** The verdict asked for: a value means "resolves to this number" (docs/numeric-cruxes.md). */
function verdictOf(input: { outcome?: "yes" | "no" | "annulled" | undefined; value?: number }): {
  outcome: Verdict;
  value: number | null;
} {
  if (input.value !== undefined) {
    if (input.outcome !== undefined && input.outcome !== "annulled")
      throw badInput("value", "give a number (value) or an outcome, not both");
    if (input.outcome === "annulled")
      throw badInput("value", "an annulled resolution has no number");
    return { outcome: "value", value: input.value };
  }
  if (input.outcome === undefined)
    throw badInput(
      "outcome",
      "give outcome yes, no or annulled (or, on a numeric crux, the number as value)",
    );
  return { outcome: input.outcome, value: null };
}
const note = z.string().max(5000, "note must be at most 5,000 characters");
const scoreSchema = z.object({
  finalProbability: z.number(),
  brier: z.number(),
  log: z.number(),
  baseline: z.number(),
  peer: z.number(),
  coverage: z.number(),
});

export const resolutionRouter = router({
  addEvidence: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/evidence",
        tags: ["resolution"],
        summary: "Attach evidence: a link or a quote, and which way it points",
      },
    })
    .input(
      z.object({
        id: cruxId,
        title: z.string().trim().min(1, "title must not be empty").max(300),
        url: z.url({ protocol: /^https?$/, error: "url must be an http(s) link" }).optional(),
        quote: z.string().max(2000).optional(),
        direction: z.enum(["yes", "no", "neutral"], {
          error: "direction must be yes, no or neutral",
        }),
      }),
    )
    .output(
      z.object({
        id: z.number().int(),
        title: z.string(),
        url: z.string().optional(),
        quote: z.string().optional(),
        direction: z.string(),
        handle: z.string(),
        at: z.string(),
      }),
    )
    .mutation(({ ctx, input }) => addEvidence(ctx, ctx.user, input.id, input, Date.now())),

  state: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}/resolution",
        tags: ["resolution"],
        summary: "Evidence, the proposal, disputes and (after finalization) scores",
      },
    })
    .input(z.object({ id: cruxId }))
    .output(
      z.object({
        evidence: z.array(
          z.object({
            id: z.number().int(),
            title: z.string(),
            url: z.string().nullable(),
            quote: z.string().nullable(),
            direction: z.string(),
            handle: z.string(),
            at: z.string(),
          }),
        ),
        proposal: z
          .object({
            outcome: z.string(),
            value: z.number().nullable(),
            note: z.string(),
            evidenceIds: z.array(z.number().int()),
            proposedBy: z.string(),
            proposedAt: z.string(),
            disputeUntil: z.string(),
          })
          .nullable(),
        disputes: z.array(z.object({ handle: z.string(), reason: z.string(), at: z.string() })),
        scores: z.record(z.string(), scoreSchema),
        /** A numeric crux's scores by handle (docs/numeric-cruxes.md). */
        numericScores: z.record(
          z.string(),
          z.object({
            resolvedValue: z.number(),
            finalMedian: z.number(),
            log: z.number(),
            baseline: z.number(),
            peer: z.number(),
            coverage: z.number(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getResolutionState(ctx.db, input.id)),

  propose: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/resolution",
        tags: ["resolution"],
        summary:
          "Resolver: propose YES, NO or ANNULLED, or a numeric crux's number as value (starts the dispute window)",
      },
    })
    .input(
      z.object({
        id: cruxId,
        outcome: outcome.optional(),
        value: value.optional(),
        note: note.optional(),
        evidenceIds: z.array(idOf("an evidence", "evidenceIds")).max(50).optional(),
      }),
    )
    .output(z.object({ cruxId: z.number().int(), status: z.string(), disputeUntil: z.string() }))
    .mutation(({ ctx, input }) =>
      proposeResolution(ctx, ctx.user, input.id, { ...input, ...verdictOf(input) }, Date.now()),
    ),

  dispute: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/disputes",
        tags: ["resolution"],
        summary: "Dispute a proposed resolution (forecasters and bettors)",
      },
    })
    .input(
      z.object({
        id: cruxId,
        reason: z.string().trim().min(1, "reason must not be empty").max(5000),
      }),
    )
    .output(z.object({ cruxId: z.number().int(), status: z.string() }))
    .mutation(({ ctx, input }) =>
      disputeResolution(ctx, ctx.user, input.id, input.reason, Date.now()),
    ),

  decide: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/decision",
        tags: ["resolution"],
        summary:
          "Decide a disputed resolution: its arbiter, or an admin when the resolver holds a bet on it",
      },
    })
    .input(
      z.object({
        id: cruxId,
        outcome: outcome.optional(),
        value: value.optional(),
        note: note.optional(),
      }),
    )
    .output(
      z.object({
        cruxId: z.number().int(),
        status: z.string(),
        outcome: z.string(),
        value: z.number().nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      decideResolution(
        ctx,
        ctx.user,
        input.id,
        { ...verdictOf(input), note: input.note },
        Date.now(),
      ),
    ),

  undo: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/undo",
        tags: ["resolution"],
        summary:
          "Admin: undo a finalization and what followed from it (reversing entries, removing scores); the crux is disputed again",
      },
    })
    .input(z.object({ id: cruxId, note: note.optional() }))
    .output(z.object({ cruxId: z.number().int(), status: z.string() }))
    .mutation(({ ctx, input }) => undoFinalization(ctx, ctx.user, input.id, input, Date.now())),

  history: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}/history",
        tags: ["resolution"],
        summary: "Every step of the crux's lifecycle: from, to, action, actor, note, time",
      },
    })
    .input(z.object({ id: cruxId }))
    .output(
      z.object({
        transitions: z.array(
          z.object({
            from: z.string().nullable(),
            to: z.string(),
            action: z.string(),
            actor: z.string().nullable(),
            note: z.string(),
            outcome: z.string().nullable(),
            value: z.number().nullable(),
            causedByCruxId: z.number().int().nullable(),
            at: z.string(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => ({ transitions: await getCruxHistory(ctx.db, input.id) })),
});
