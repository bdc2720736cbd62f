/** zod schemas shared by procedures: input validation at the edge and the API v1 output shapes. */
import { z } from "zod";
import { MAX_BODY_LENGTH, MAX_QUOTE_LENGTH, STANCES } from "@/server/domain/thread";
import { VOTE_AXES } from "@/server/domain/votes";
import { MAX_REACTION_QUOTE_LENGTH, REACTION_KINDS } from "@/server/domain/reactions";
import { CRUX_STATUSES } from "@/server/domain/lifecycle";
import { checkProbability, parseProbability, ProbabilityError } from "@/server/domain/probability";

export const slugSchema = z.string().min(1).max(80);

/** Ids and whole amounts are PostgreSQL integers: anything larger is refused at the edge. */
export const DB_INT_MAX = 2_147_483_647;

/** An id such as /cruxes/{id}: a positive whole number, with a message naming what it identifies. */
export const idOf = (what: string, field = "id") => {
  const rule = `${field} must be ${what} id (a positive whole number up to ${DB_INT_MAX})`;
  return z
    .number({ error: rule })
    .int({ error: rule })
    .positive({ error: rule })
    .max(DB_INT_MAX, { error: rule });
};

export const claimIdSchema = idOf("a claim");

export const claimBodySchema = z
  .string()
  .trim()
  .min(1, "body must not be empty")
  .max(MAX_BODY_LENGTH, `body must be at most ${MAX_BODY_LENGTH.toLocaleString("en")} characters`);

export const stanceSchema = z.enum(STANCES, {
  error: `stance must be one of: ${STANCES.join(", ")}`,
});
export const voteAxisSchema = z.enum(VOTE_AXES, {
  error: `axis must be one of: ${VOTE_AXES.join(", ")}`,
});
export const voteValueSchema = z.literal([-1, 0, 1], {
  error: "value must be 1, -1, or 0 to remove your vote",
});
export const quoteSchema = z
  .string()
  .max(MAX_QUOTE_LENGTH, `quote must be at most ${MAX_QUOTE_LENGTH} characters`);

export const claimSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  authorHandle: z.string(),
  body: z.string(),
  quote: z.string().nullable(),
  stance: stanceSchema.nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  quality: z.number().int(),
  agree: z.number().int(),
  disagree: z.number().int(),
  /** Present when moderators hid the claim; `bodyShown`: the body is there (its author, moderators). */
  hidden: z.object({ reason: z.string(), bodyShown: z.boolean() }).optional(),
});

export const reactionKindSchema = z.enum(REACTION_KINDS, {
  error: `kind must be one of: ${REACTION_KINDS.join(", ")}`,
});

/** A quoted span of a claim; blank text is refused with a message (leave it out for the whole claim). */
export const reactionQuoteSchema = z
  .string({ error: "quote must be text copied from the claim" })
  .max(MAX_REACTION_QUOTE_LENGTH, `quote must be at most ${MAX_REACTION_QUOTE_LENGTH} characters`)
  .refine(
    (q) => q.trim() !== "",
    "quote must not be empty; leave it out to react to the whole claim",
  );

/** The reactions on one span of a claim (quote "": the whole claim), with who gave them. */
export const reactionSpanSchema = z.object({
  quote: z.string(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  orphaned: z.boolean(),
  kinds: z.array(z.object({ kind: reactionKindSchema, handles: z.array(z.string()) })),
});

export const claimReactionsSchema = z.object({
  claimId: z.number().int(),
  spans: z.array(reactionSpanSchema),
});

export const eventSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});

/** P(YES) as a number or any accepted text form ("37%", "0.37", "1 in 20", "3:1"). */
export const probabilitySchema = z
  .union([z.number(), z.string()], { error: new ProbabilityError("That is not a number").message })
  .transform((value, ctx) => {
    try {
      return typeof value === "number" ? checkProbability(value) : parseProbability(value);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
      return z.NEVER;
    }
  });

/** A moment as ISO-8601 text or epoch milliseconds; comes out as epoch milliseconds. */
const INSTANT_FORMS = "must be a date-time such as 2027-06-30T12:00:00Z (or epoch milliseconds)";
/** Instants the database and the app can both hold: from 1970 up to the year 9999. */
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59);
export const instantSchema = z
  .union([z.iso.datetime({ offset: true, error: INSTANT_FORMS }), z.number().int().positive()], {
    error: INSTANT_FORMS,
  })
  .transform((v) => (typeof v === "number" ? v : Date.parse(v)))
  .refine((ms) => Number.isFinite(ms) && ms > 0 && ms <= LATEST_INSTANT, {
    error: `${INSTANT_FORMS} (between 1970 and 9999)`,
  });

export const cruxStatusSchema = z.enum(CRUX_STATUSES);

export const percentilesSchema = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });

/** A distribution as typed: an 80% interval with its median, or up to three logistic components. */
export const distributionInputSchema = z.union([
  z.object({ median: z.number(), low: z.number(), high: z.number() }),
  z.object({
    components: z.array(z.object({ center: z.number(), spread: z.number(), weight: z.number() })),
  }),
]);

/** A numeric crux's range and distributions as its viewer may see them (docs/numeric-cruxes.md). */
export const numericViewSchema = z.object({
  unit: z.string(),
  min: z.number(),
  max: z.number(),
  openLower: z.boolean(),
  openUpper: z.boolean(),
  scale: z.enum(["linear", "log"]),
  resolvedValue: z.number().nullable(),
  forecasterCount: z.number().int(),
  community: z
    .object({
      percentiles: percentilesSchema,
      cdf: z.array(z.number()),
      grid: z.array(z.number()),
      density: z.array(z.object({ x: z.number(), density: z.number() })),
    })
    .nullable(),
  forecasters: z.array(
    z.object({
      handle: z.string(),
      p10: z.number(),
      p50: z.number(),
      p90: z.number(),
      at: z.string(),
    }),
  ),
  mine: z
    .object({
      input: distributionInputSchema.nullable(),
      percentiles: percentilesSchema,
      at: z.string(),
    })
    .nullable(),
  myHistory: z.array(
    z.object({
      percentiles: percentilesSchema.nullable(),
      input: distributionInputSchema.nullable(),
      at: z.string(),
    }),
  ),
  communityHistory: z.array(
    z.object({
      at: z.string(),
      percentiles: percentilesSchema.nullable(),
      forecasters: z.number().int(),
    }),
  ),
  /** Threshold cruxes made from it ("…: more than x?"), lowest threshold first. */
  thresholdCruxes: z.array(
    z.object({
      id: z.number().int(),
      threshold: z.number(),
      title: z.string(),
      status: z.string(),
      outcome: z.string().nullable(),
    }),
  ),
});

export const cruxSchema = z.object({
  id: z.number().int(),
  debateSlug: z.string(),
  claimId: z.number().int().nullable(),
  title: z.string(),
  resolutionCriteria: z.string(),
  finePrint: z.string(),
  status: cruxStatusSchema,
  outcome: z.string().nullable(),
  createdAt: z.string(),
  closesAt: z.string(),
  conditionCruxId: z.number().int().nullable(),
  conditionTitle: z.string().nullable(),
  creatorHandle: z.string(),
  arbiterHandle: z.string().nullable(),
  resolverHandle: z.string(),
  hideCrowdUntilForecast: z.boolean(),
  crowdHidden: z.boolean(),
  communityProbability: z.number().nullable(),
  forecasterCount: z.number().int(),
  /** "binary" (yes/no) or "numeric" (docs/numeric-cruxes.md). */
  kind: z.enum(["binary", "numeric"]),
  /** A threshold crux ("more than x?"): the numeric crux it follows, and x. */
  derivedFromCruxId: z.number().int().nullable(),
  threshold: z.number().nullable(),
  /** A resolved numeric crux's number (its outcome is "value"). */
  resolvedValue: z.number().nullable(),
  /** A numeric crux's community 10th/50th/90th percentiles (null while hidden or yes/no). */
  percentiles: percentilesSchema.nullable(),
  numeric: numericViewSchema.nullable(),
  decidedOutcome: z.string().nullable(),
  annulledByCondition: z.boolean(),
  disputesDecidedByAdmin: z.boolean(),
  /** What the caller may do now (all false when signed out); the UI renders from this. */
  can: z.object({
    forecast: z.boolean(),
    offer: z.boolean(),
    take: z.boolean(),
    propose: z.boolean(),
    dispute: z.boolean(),
    decide: z.boolean(),
    undo: z.boolean(),
    addEvidence: z.boolean(),
    setCondition: z.boolean(),
  }),
});
