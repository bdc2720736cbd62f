import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/server/domain/webhooks";
import { createWebhook, deleteWebhook, listWebhooks } from "@/server/usecases/webhooks";
import { authedProcedure, router } from "../init";
import { DB_INT_MAX, slugSchema } from "../schemas";

const webhookSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  secret: z.string(),
  eventTypes: z.array(z.string()),
  debateSlug: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  recentDeliveries: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      debateSlug: z.string(),
      seq: z.number().int(),
      status: z.string(),
      attempts: z.number().int(),
      lastStatusCode: z.number().int().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      deliveredAt: z.string().nullable(),
    }),
  ),
});

export const webhooksRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/webhooks",
        tags: ["webhooks"],
        summary: "Send debate events to a URL, signed (docs/webhooks.md)",
        description:
          'Every event of `eventTypes` (all when empty) in the debate `debateSlug` (all when left out) is POSTed as JSON `{ id, type, debate, seq, at, data }` with headers `Cruxible-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, `Cruxible-Delivery` and `Cruxible-Event`. Delivered at least once: retried with backoff until the receiver answers 2xx. The answer holds the secret.',
      },
    })
    .input(
      z.object({
        url: z.string().max(2000),
        eventTypes: z
          .array(
            z.enum(WEBHOOK_EVENT_TYPES, {
              error: `event types are: ${WEBHOOK_EVENT_TYPES.join(", ")}`,
            }),
          )
          .max(WEBHOOK_EVENT_TYPES.length)
          .default([]),
        debateSlug: slugSchema.optional(),
      }),
    )
    .output(webhookSchema)
    .mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.config, ctx.user, input)),

  list: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/webhooks",
        tags: ["webhooks"],
        summary: "Your webhooks with their last 20 deliveries (status, attempts, last error)",
      },
    })
    .input(z.void())
    .output(z.object({ webhooks: z.array(webhookSchema) }))
    .query(async ({ ctx }) => ({ webhooks: await listWebhooks(ctx.db, ctx.user) })),

  delete: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/webhooks/{id}",
        tags: ["webhooks"],
        summary: "Delete one of your webhooks (its pending deliveries are dropped)",
      },
    })
    .input(z.object({ id: z.number().int().min(1).max(DB_INT_MAX) }))
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteWebhook(ctx.db, ctx.user, input.id);
      return { deleted: true as const };
    }),
});
