import { z } from "zod";
import { createCrux, linkCrux, setCruxCondition } from "@/server/usecases/cruxes";
import {
  findDoubleCruxViews,
  getCruxForViewer,
  getCruxWithScores,
  getForecastsView,
} from "@/server/usecases/cruxViews";
import {
  MAX_REASONING_LENGTH,
  myStandingForecasts,
  placeForecast,
  withdrawForecast,
} from "@/server/usecases/forecasts";
import { getClaimCamps, getCruxMap, getDebateState } from "@/server/usecases/cruxMap";
import {
  createThresholdCrux,
  thresholdSuggestions,
  thresholdWith,
} from "@/server/usecases/numericCruxes";
import type { DistributionInput } from "@/server/domain/numeric";
import { badInput } from "@/server/errors";
import { authedProcedure, publicProcedure, router } from "../init";
import {
  claimIdSchema,
  cruxSchema,
  cruxStatusSchema,
  instantSchema,
  percentilesSchema,
  probabilitySchema,
  slugSchema,
  idOf,
} from "../schemas";

const cruxIdSchema = idOf("a crux");
const text = (field: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max.toLocaleString("en")} characters`);

/** A finite number, with a message naming the field. */
const finite = (field: string) =>
  z.number({ error: `${field} must be a number` }).finite({ error: `${field} must be finite` });

/** What a numeric forecast was typed as; 400 unless median, low and high come together. */
function distributionOf(input: {
  median?: number | undefined;
  low?: number | undefined;
  high?: number | undefined;
  components?: { center: number; spread: number; weight: number }[] | undefined;
}): DistributionInput | undefined {
  const interval = [input.median, input.low, input.high];
  const given = interval.filter((v) => v !== undefined).length;
  if (given > 0 && input.components)
    throw badInput("components", "give either median, low and high, or components, not both");
  if (input.components) return { components: input.components };
  if (given === 0) return undefined;
  if (given < 3)
    throw badInput(
      "median",
      "give median, low and high together (low and high: your 80% interval)",
    );
  return { median: input.median!, low: input.low!, high: input.high! };
}

const thresholdSuggestionSchema = z.object({
  withHandle: z.string(),
  threshold: z.number(),
  myProbability: z.number(),
  theirProbability: z.number(),
  price: z.number().int().nullable(),
  mySide: z.enum(["yes", "no"]),
  title: z.string(),
  cruxId: z.number().int().nullable(),
});

const numericScoreSchema = z.object({
  resolvedValue: z.number(),
  finalMedian: z.number(),
  log: z.number(),
  baseline: z.number(),
  peer: z.number(),
  coverage: z.number(),
});

const scoreSchema = z.object({
  finalProbability: z.number(),
  brier: z.number(),
  log: z.number(),
  baseline: z.number(),
  peer: z.number(),
  coverage: z.number(),
});

const forecastChangeSchema = z.object({
  handle: z.string(),
  cruxId: z.number().int(),
  cruxTitle: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  at: z.string(),
  movedByClaimId: z.number().int().nullable(),
});

const doubleCruxSchema = z.object({
  agrees: z.string(),
  disagrees: z.string(),
  strengthAgrees: z.number(),
  strengthDisagrees: z.number(),
  forecastAgrees: z.number(),
  forecastDisagrees: z.number(),
  score: z.number(),
  cruxId: z.number().int(),
  cruxTitle: z.string(),
  claimId: z.number().int(),
  claimExcerpt: z.string(),
  debateSlug: z.string(),
});

const campMediansSchema = z.object({
  agreeMedian: z.number().nullable(),
  disagreeMedian: z.number().nullable(),
  gap: z.number().nullable(),
});

const cruxMapSchema = z.object({
  slug: z.string(),
  title: z.string(),
  lastSeq: z.number().int(),
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["claim", "crux"]),
      ref: z.number().int(),
      label: z.string(),
      probability: z.number().nullable().optional(),
      median: z.object({ value: z.number(), unit: z.string() }).nullable().optional(),
      status: cruxStatusSchema.optional(),
      crowdHidden: z.boolean().optional(),
      forecasterCount: z.number().int().optional(),
      doubleCrux: z.boolean().optional(),
      agree: z.number().int().optional(),
      disagree: z.number().int().optional(),
      positionId: z.number().int().optional(),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      kind: z.enum(["bears-on", "condition"]),
      strength: z.number().nullable().optional(),
      raters: z.number().int().optional(),
      camps: campMediansSchema.optional(),
      doubleCrux: z.boolean().optional(),
    }),
  ),
});

export const cruxesRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes",
        tags: ["cruxes"],
        summary:
          'Make a crux: a yes/no question, or (kind "numeric") a number in a range, with resolution criteria',
      },
    })
    .input(
      z.object({
        debateSlug: slugSchema,
        claimId: idOf("a claim", "claimId").nullish(),
        title: text("title", 300),
        resolutionCriteria: text("resolutionCriteria", 5_000),
        finePrint: z.string().max(5_000).optional(),
        closesAt: instantSchema,
        conditionCruxId: idOf("a crux", "conditionCruxId").nullish(),
        arbiterHandle: z.string().max(40).nullish(),
        hideCrowdUntilForecast: z.boolean().optional(),
        kind: z
          .enum(["binary", "numeric"], { error: 'kind must be "binary" or "numeric"' })
          .optional(),
        unit: z.string().max(40, "unit must be at most 40 characters").optional(),
        min: finite("min").optional(),
        max: finite("max").optional(),
        openLower: z.boolean().optional(),
        openUpper: z.boolean().optional(),
        scale: z.enum(["linear", "log"], { error: 'scale must be "linear" or "log"' }).optional(),
      }),
    )
    .output(cruxSchema)
    .mutation(async ({ ctx, input }) => {
      const now = Date.now();
      const { id } = await createCrux(ctx, ctx.user, input, now);
      return getCruxForViewer(ctx.db, id, ctx.user, now);
    }),

  get: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}",
        tags: ["cruxes"],
        summary: "A crux with its community prediction",
      },
    })
    .input(z.object({ id: cruxIdSchema }))
    .output(
      cruxSchema.extend({
        scores: z.record(z.string(), scoreSchema).optional(),
        numericScores: z.record(z.string(), numericScoreSchema).optional(),
      }),
    )
    .query(({ ctx, input }) => getCruxWithScores(ctx.db, input.id, ctx.user, Date.now())),

  forecast: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/forecasts",
        tags: ["cruxes"],
        summary:
          'Forecast P(YES), e.g. 0.37, "37%", "1 in 20", "3:1"; on a numeric crux { median, low, high } (an 80% interval) or { components }',
      },
    })
    .input(
      z.object({
        id: cruxIdSchema,
        probability: probabilitySchema.optional(),
        median: finite("median").optional(),
        low: finite("low").optional(),
        high: finite("high").optional(),
        components: z
          .array(
            z.object({
              center: finite("center"),
              spread: finite("spread"),
              weight: finite("weight"),
            }),
            { error: "components must be a list of { center, spread, weight }" },
          )
          .max(10, "give at most three components")
          .optional(),
        reasoning: z
          .string()
          .max(MAX_REASONING_LENGTH, `reasoning must be at most ${MAX_REASONING_LENGTH} characters`)
          .optional(),
        movedByClaimId: idOf("a claim", "movedByClaimId").optional(),
      }),
    )
    .output(
      z.object({
        id: z.number().int(),
        /** null on a numeric crux */
        probability: z.number().nullable(),
        at: z.string(),
        reasoningClaimId: z.number().int().nullable(),
        /** On a numeric crux: the forecast's 10th, 50th and 90th percentiles. */
        percentiles: percentilesSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      placeForecast(
        ctx,
        ctx.user,
        input.id,
        {
          probability: input.probability,
          distribution: distributionOf(input),
          reasoning: input.reasoning,
          movedByClaimId: input.movedByClaimId,
        },
        Date.now(),
      ),
    ),

  thresholdWith: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/cruxes/{id}/thresholds",
        tags: ["cruxes"],
        summary:
          "Numeric crux: the threshold where you and another forecaster disagree most, each one's P(outcome > threshold) and the suggested bet price",
      },
    })
    .input(z.object({ id: cruxIdSchema, with: z.string().min(1).max(40) }))
    .output(thresholdSuggestionSchema)
    .query(({ ctx, input }) => thresholdWith(ctx.db, input.id, ctx.user, input.with)),

  thresholdSuggestions: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}/threshold-suggestions",
        tags: ["cruxes"],
        summary:
          "Numeric crux: your threshold bets against every other forecaster, widest disagreement first (empty until you forecast)",
      },
    })
    .input(z.object({ id: cruxIdSchema }))
    .output(z.object({ suggestions: z.array(thresholdSuggestionSchema) }))
    .query(async ({ ctx, input }) => ({
      suggestions: await thresholdSuggestions(ctx.db, input.id, ctx.user),
    })),

  createThreshold: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/thresholds",
        tags: ["cruxes"],
        summary:
          "Numeric crux: make (or find) the yes/no threshold crux “more than x?”, which resolves when the numeric crux does",
      },
    })
    .input(
      z.object({
        id: cruxIdSchema,
        threshold: finite("threshold"),
        with: z.string().min(1).max(40).optional(),
      }),
    )
    .output(
      z.object({
        cruxId: z.number().int(),
        title: z.string(),
        threshold: z.number(),
        created: z.boolean(),
        myProbability: z.number().nullable(),
        theirProbability: z.number().nullable(),
        price: z.number().int().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => createThresholdCrux(ctx, ctx.user, input.id, input, Date.now())),

  myForecasts: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/forecasts",
        tags: ["cruxes"],
        summary: "Your standing forecasts on cruxes not yet final, oldest first",
        description:
          "Each with when you made it and the community prediction just after it (`communityThen`) and now (`communityNow`), so stale forecasts stand out. Reaffirm one by forecasting the same probability again.",
      },
    })
    .input(z.void())
    .output(
      z.object({
        forecasts: z.array(
          z.object({
            cruxId: z.number().int(),
            title: z.string(),
            debateSlug: z.string(),
            status: z.string(),
            closesAt: z.string(),
            probability: z.number(),
            at: z.string(),
            communityThen: z.number().nullable(),
            communityNow: z.number().nullable(),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => ({
      forecasts: await myStandingForecasts(ctx.db, ctx.user.id, ctx.user.handle, Date.now()),
    })),

  withdraw: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/cruxes/{id}/forecasts",
        tags: ["cruxes"],
        summary: "Withdraw your forecast",
      },
    })
    .input(z.object({ id: cruxIdSchema }))
    .output(z.object({ withdrawn: z.literal(true), at: z.string() }))
    .mutation(({ ctx, input }) => withdrawForecast(ctx, ctx.user, input.id, Date.now())),

  forecasts: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}/forecasts",
        tags: ["cruxes"],
        summary:
          "Current forecasts by name (unless hidden), the community history, your own history",
      },
    })
    .input(z.object({ id: cruxIdSchema }))
    .output(
      z.object({
        crowdHidden: z.boolean(),
        current: z.array(z.object({ handle: z.string(), probability: z.number(), at: z.string() })),
        community: z.array(
          z.object({ at: z.string(), p: z.number().nullable(), forecasters: z.number().int() }),
        ),
        histogram: z.array(
          z.object({ from: z.number(), to: z.number(), users: z.array(z.string()) }),
        ),
        mine: z.array(
          z.object({
            probability: z.number().nullable(),
            previousProbability: z.number().nullable(),
            at: z.string(),
            movedByClaimId: z.number().int().nullable(),
            reasoningClaimId: z.number().int().nullable(),
          }),
        ),
        myJudgements: z.array(
          z.object({ claimId: z.number().int(), pClaimIfYes: z.number(), pClaimIfNo: z.number() }),
        ),
        links: z.array(
          z.object({ claimId: z.number().int(), excerpt: z.string(), authorHandle: z.string() }),
        ),
      }),
    )
    .query(({ ctx, input }) =>
      getForecastsView(ctx.db, input.id, ctx.user?.handle ?? null, Date.now()),
    ),

  link: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/links",
        tags: ["cruxes"],
        summary: "Link a crux to a claim it bears on, with your P(claim | YES) and P(claim | NO)",
      },
    })
    .input(
      z.object({
        id: cruxIdSchema,
        claimId: idOf("a claim", "claimId"),
        pClaimIfYes: probabilitySchema.optional(),
        pClaimIfNo: probabilitySchema.optional(),
      }),
    )
    .output(
      z.object({
        cruxId: z.number().int(),
        claimId: z.number().int(),
        pClaimIfYes: z.number().nullable(),
        pClaimIfNo: z.number().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => linkCrux(ctx, ctx.user, input.id, input)),

  setCondition: authedProcedure
    .meta({
      openapi: {
        method: "PATCH",
        path: "/cruxes/{id}/condition",
        tags: ["cruxes"],
        summary: "Make a crux conditional on another (null removes the condition)",
      },
    })
    .input(
      z.object({ id: cruxIdSchema, conditionCruxId: idOf("a crux", "conditionCruxId").nullable() }),
    )
    .output(z.object({ id: z.number().int(), conditionCruxId: z.number().int().nullable() }))
    .mutation(({ ctx, input }) =>
      setCruxCondition(ctx, ctx.user, input.id, input.conditionCruxId, Date.now()),
    ),

  forDebate: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/cruxes",
        tags: ["cruxes"],
        summary: "A debate's cruxes by disagreement, most-moved claims, recent forecast changes",
      },
    })
    .input(z.object({ slug: slugSchema }))
    .output(
      z.object({
        cruxes: z.array(
          z.object({
            id: z.number().int(),
            claimId: z.number().int().nullable(),
            title: z.string(),
            status: z.string(),
            outcome: z.string().nullable(),
            closesAt: z.string(),
            conditionCruxId: z.number().int().nullable(),
            crowdHidden: z.boolean(),
            communityProbability: z.number().nullable(),
            forecasterCount: z.number().int(),
            spread: z.number().nullable(),
            myProbability: z.number().nullable(),
            evidenceCount: z.number().int(),
            kind: z.enum(["binary", "numeric"]),
            derivedFromCruxId: z.number().int().nullable(),
            /** A numeric crux's community percentiles (null while hidden or without forecasts). */
            percentiles: percentilesSchema.nullable(),
            /** A numeric crux's unit, its number once resolved, your own percentiles. */
            unit: z.string().nullable(),
            resolvedValue: z.number().nullable(),
            myPercentiles: percentilesSchema.nullable(),
          }),
        ),
        moved: z.array(
          z.object({ claimId: z.number().int(), changes: z.array(forecastChangeSchema) }),
        ),
        recent: z.array(forecastChangeSchema),
        links: z.array(z.object({ cruxId: z.number().int(), claimId: z.number().int() })),
        doubleCruxes: z.array(doubleCruxSchema),
        widestGap: z
          .object({
            claimId: z.number().int(),
            claimLabel: z.string(),
            cruxId: z.number().int(),
            cruxTitle: z.string(),
            agreeMedian: z.number(),
            disagreeMedian: z.number(),
            gap: z.number(),
          })
          .nullable()
          .describe("Where the camps disagree most: a claim's agree and disagree voters' medians"),
      }),
    )
    .query(({ ctx, input }) =>
      getDebateState(ctx.db, input.slug, ctx.user?.handle ?? null, Date.now()),
    ),

  doubleCruxesForClaim: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/claims/{id}/double-cruxes",
        tags: ["cruxes"],
        summary: "Pairs who disagree on a claim and on a crux both rate strong",
      },
    })
    .input(z.object({ id: claimIdSchema }))
    .output(z.object({ doubleCruxes: z.array(doubleCruxSchema) }))
    .query(async ({ ctx, input }) => ({
      doubleCruxes: await findDoubleCruxViews(ctx.db, { claimId: input.id }, Date.now()),
    })),

  doubleCruxesForCrux: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}/double-cruxes",
        tags: ["cruxes"],
        summary: "Pairs who disagree on a claim this crux bears on and both rate this crux strong",
      },
    })
    .input(z.object({ id: cruxIdSchema }))
    .output(z.object({ doubleCruxes: z.array(doubleCruxSchema) }))
    .query(async ({ ctx, input }) => ({
      doubleCruxes: await findDoubleCruxViews(ctx.db, { cruxId: input.id }, Date.now()),
    })),

  doubleCruxesForUser: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/users/{handle}/double-cruxes",
        tags: ["cruxes"],
        summary: "Double cruxes a user is part of",
      },
    })
    .input(z.object({ handle: z.string().min(1).max(40) }))
    .output(z.object({ doubleCruxes: z.array(doubleCruxSchema) }))
    .query(async ({ ctx, input }) => ({
      doubleCruxes: await findDoubleCruxViews(
        ctx.db,
        { handle: input.handle.toLowerCase() },
        Date.now(),
      ),
    })),

  map: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/debates/{slug}/map",
        tags: ["cruxes"],
        summary:
          "The debate's crux map: positions, cruxes and linked claims; links weighted by crux strength",
      },
    })
    .input(z.object({ slug: slugSchema }))
    .output(cruxMapSchema)
    .query(({ ctx, input }) =>
      getCruxMap(ctx.db, input.slug, ctx.user?.handle ?? null, Date.now()),
    ),

  camps: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/claims/{id}/camps",
        tags: ["cruxes"],
        summary: "A claim's agree and disagree camps and each camp's median forecast on its cruxes",
      },
    })
    .input(z.object({ id: claimIdSchema }))
    .output(
      z.object({
        agree: z.number().int(),
        disagree: z.number().int(),
        cruxes: z.array(campMediansSchema.extend({ cruxId: z.number().int(), title: z.string() })),
      }),
    )
    .query(({ ctx, input }) =>
      getClaimCamps(ctx.db, input.id, ctx.user?.handle ?? null, Date.now()),
    ),
});
