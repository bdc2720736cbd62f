/**
 * Reports, the moderation queue and hiding claims (docs/moderation.md). Thin: the rules are in
 * server/domain/reports.ts, claimVisibility.ts and moderation.ts.
 */
import { z } from "zod";
import {
  MAX_MODERATION_NOTE,
  MAX_REPORT_DETAILS,
  QUEUE_ORDERS,
  REPORT_REASONS,
  REPORT_TARGETS,
} from "@/server/domain/reports";
import { hideClaim, restoreClaim } from "@/server/usecases/claimHiding";
import { closeReports, createReport, listReportQueue } from "@/server/usecases/reports";
import { authedProcedure, router } from "../init";
import { claimIdSchema, claimSchema, idOf } from "../schemas";

const noteSchema = z
  .string()
  .max(MAX_MODERATION_NOTE, `note must be at most ${MAX_MODERATION_NOTE} characters`)
  .default("");

const queuedReportSchema = z.object({
  id: z.number().int(),
  reporterHandle: z.string(),
  reason: z.enum(REPORT_REASONS),
  details: z.string(),
  createdAt: z.string(),
});

const debateRef = { debateSlug: z.string(), debateTitle: z.string() };
const contextSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("claim"),
    claimId: z.number().int(),
    authorHandle: z.string(),
    body: z.string(),
    deleted: z.boolean(),
    hiddenReason: z.string().nullable(),
    ...debateRef,
    parent: z
      .object({ id: z.number().int(), authorHandle: z.string(), excerpt: z.string() })
      .nullable(),
  }),
  z.object({ kind: z.literal("crux"), cruxId: z.number().int(), title: z.string(), ...debateRef }),
  z.object({
    kind: z.literal("evidence"),
    evidenceId: z.number().int(),
    title: z.string(),
    url: z.string().nullable(),
    quote: z.string().nullable(),
    cruxId: z.number().int(),
    cruxTitle: z.string(),
    ...debateRef,
  }),
  z.object({
    kind: z.literal("user"),
    handle: z.string(),
    displayName: z.string(),
    joinedAt: z.string(),
    recentClaims: z.array(
      z.object({
        id: z.number().int(),
        debateSlug: z.string(),
        excerpt: z.string(),
        createdAt: z.string(),
      }),
    ),
  }),
  z.object({ kind: z.literal("gone") }),
]);

const closedSchema = z.object({
  closed: z.number().int(),
  status: z.enum(["resolved", "dismissed"]),
});

const reportIdSchema = idOf("a report");

export const reportsRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/reports",
        tags: ["moderation"],
        summary: "Report a claim, crux, evidence or user to the moderators",
        description:
          'One report per person per item: while yours is open, a second is a 409; after moderators closed it, reporting again reopens it. `kind` "user" takes `handle`, the others `id`. `details` is needed when `reason` is "other".',
      },
    })
    .input(
      z.object({
        kind: z.enum(REPORT_TARGETS, {
          error: `kind must be one of: ${REPORT_TARGETS.join(", ")}`,
        }),
        id: idOf("a claim, crux or evidence").optional(),
        handle: z.string().min(1).max(40).optional(),
        reason: z.enum(REPORT_REASONS, {
          error: `reason must be one of: ${REPORT_REASONS.join(", ")}`,
        }),
        details: z
          .string()
          .max(MAX_REPORT_DETAILS, `details must be at most ${MAX_REPORT_DETAILS} characters`)
          .optional(),
      }),
    )
    .output(z.object({ id: z.number().int(), status: z.literal("open"), reopened: z.boolean() }))
    .mutation(({ ctx, input }) => createReport(ctx, ctx.user, input)),

  queue: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/moderation/reports",
        tags: ["moderation"],
        summary: "Open reports in your scope, grouped by item (moderators)",
        description:
          "`order`: `newest` (latest report first) or `most-reported`. Per-debate moderators see their debates' items; user reports need a site-wide moderator or an admin.",
      },
    })
    .input(z.object({ order: z.enum(QUEUE_ORDERS).default("newest") }))
    .output(
      z.object({
        total: z.number().int(),
        items: z.array(
          z.object({
            targetKind: z.enum(REPORT_TARGETS),
            targetId: z.number().int(),
            latestAt: z.string(),
            reasons: z.record(z.string(), z.number().int()),
            reports: z.array(queuedReportSchema),
            context: contextSchema,
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const queue = await listReportQueue(ctx.db, ctx.user, input.order);
      return {
        total: queue.total,
        items: queue.items.map((item) => ({
          targetKind: item.targetKind,
          targetId: item.targetId,
          latestAt: item.latestAt,
          reasons: item.reasons,
          reports: item.reports.map((r) => ({
            id: r.id,
            reporterHandle: r.reporterHandle,
            reason: r.reason,
            details: r.details,
            createdAt: r.createdAt,
          })),
          context: item.context,
        })),
      };
    }),

  resolve: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/reports/{id}/resolve",
        tags: ["moderation"],
        summary: "Resolve a report and every open report about the same item, with a note",
      },
    })
    .input(z.object({ id: reportIdSchema, note: noteSchema }))
    .output(closedSchema)
    .mutation(({ ctx, input }) => closeReports(ctx, ctx.user, input.id, "resolved", input.note)),

  dismiss: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/reports/{id}/dismiss",
        tags: ["moderation"],
        summary: "Dismiss a report (nothing wrong) and every open report about the same item",
      },
    })
    .input(z.object({ id: reportIdSchema, note: noteSchema }))
    .output(closedSchema)
    .mutation(({ ctx, input }) => closeReports(ctx, ctx.user, input.id, "dismissed", input.note)),

  hideClaim: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/moderation/claims/{id}/hide",
        tags: ["moderation"],
        summary: 'Hide a claim: everyone else reads "hidden by moderators: <reason>"',
        description:
          "Its author and the debate's moderators still read the body, marked hidden; replies stay.",
      },
    })
    .input(
      z.object({
        id: claimIdSchema,
        reason: z
          .string({ error: "reason: say why the claim is hidden" })
          .max(MAX_MODERATION_NOTE, `reason must be at most ${MAX_MODERATION_NOTE} characters`),
      }),
    )
    .output(claimSchema)
    .mutation(({ ctx, input }) => hideClaim(ctx, ctx.user, input.id, input.reason)),

  restoreClaim: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/moderation/claims/{id}/hide",
        tags: ["moderation"],
        summary: "Restore a hidden claim (an optional note for the audit log)",
      },
    })
    .input(z.object({ id: claimIdSchema, note: noteSchema }))
    .output(claimSchema)
    .mutation(({ ctx, input }) => restoreClaim(ctx, ctx.user, input.id, input.note)),
});
