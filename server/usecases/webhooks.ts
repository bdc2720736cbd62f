/**
 * Webhooks (docs/webhooks.md): users subscribe a URL to debate events; a dispatcher turns new events
 * into delivery rows and queue jobs in one statement, and each job POSTs one signed delivery.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type DbExecutor } from "@/db/client";
import { debateEvents, debates, webhookDeliveries, webhooks } from "@/db/schema";
import type { AppConfig } from "@/server/config";
import type { DebateEvent } from "@/server/domain/events";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  MAX_DELIVERY_ATTEMPTS,
  MAX_WEBHOOKS_PER_USER,
  newWebhookSecret,
  SIGNATURE_HEADER,
  signatureHeader,
  webhookUrlProblem,
} from "@/server/domain/webhooks";
import { badInput, conflict, notFound } from "@/server/errors";
import { postWebhook } from "@/server/webhooks/post";
import { requireDebate } from "./debates";
import { redactStoredEvents } from "./events";
import type { Actor } from "./services";

export interface WebhookView {
  id: number;
  url: string;
  secret: string;
  eventTypes: string[];
  debateSlug: string | null;
  active: boolean;
  createdAt: string;
  recentDeliveries: {
    id: string;
    type: string;
    debateSlug: string;
    seq: number;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: string;
    deliveredAt: string | null;
  }[];
}

const RECENT = 20;

/**
 * Webhooks use the job queue in PostgreSQL; the embedded database has none. A 409, not a 503: it
 * is how this server is set up, not something to retry.
 */
function requireQueue(config: AppConfig) {
  if (!config.databaseUrl)
    throw conflict(
      "Webhooks need PostgreSQL: this server runs on the embedded database (start it with DATABASE_URL set).",
    );
}

export async function createWebhook(
  db: Db,
  config: AppConfig,
  actor: Actor,
  input: { url: string; eventTypes: string[]; debateSlug?: string | undefined },
): Promise<WebhookView> {
  const problem = webhookUrlProblem(input.url, config.webhooksAllowPrivate);
  if (problem) throw badInput("url", problem.replace(/^url: /, ""));
  requireQueue(config);
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(webhooks)
      .where(eq(webhooks.userId, actor.id));
    if (n >= MAX_WEBHOOKS_PER_USER)
      throw conflict(`You have ${n} webhooks, the most allowed; delete one first.`);
    const debate = input.debateSlug ? await requireDebate(tx, input.debateSlug) : null;
    const [row] = await tx
      .insert(webhooks)
      .values({
        userId: actor.id,
        url: input.url,
        secret: newWebhookSecret(),
        eventTypes: [...new Set(input.eventTypes)],
        debateId: debate?.id ?? null,
      })
      .returning();
    // Events from now on: the cursors start at each covered debate's current seq.
    await tx.execute(sql`insert into webhook_cursors (webhook_id, debate_id, last_seq)
      select ${row!.id}::int, d.id, d.last_seq from ${debates} d
      where ${debate?.id ?? null}::int is null or d.id = ${debate?.id ?? null}::int`);
    return { ...(await viewsOf(tx, [row!], debate?.slug ?? null))[0]! };
  });
}

export async function listWebhooks(db: DbExecutor, actor: Actor): Promise<WebhookView[]> {
  const rows = await db
    .select()
    .from(webhooks)
    .where(eq(webhooks.userId, actor.id))
    .orderBy(desc(webhooks.id));
  return viewsOf(db, rows, undefined);
}

async function viewsOf(
  db: DbExecutor,
  rows: (typeof webhooks.$inferSelect)[],
  slug: string | null | undefined,
): Promise<WebhookView[]> {
  const slugs = new Map(
    (await db.select({ id: debates.id, slug: debates.slug }).from(debates)).map((d) => [
      d.id,
      d.slug,
    ]),
  );
  return Promise.all(
    rows.map(async (w) => {
      const recent = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.webhookId, w.id))
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.seq))
        .limit(RECENT);
      return {
        id: w.id,
        url: w.url,
        secret: w.secret,
        eventTypes: w.eventTypes,
        debateSlug: slug !== undefined ? slug : w.debateId ? (slugs.get(w.debateId) ?? null) : null,
        active: w.active,
        createdAt: w.createdAt.toISOString(),
        recentDeliveries: recent.map((d) => ({
          id: d.id,
          type: d.type,
          debateSlug: slugs.get(d.debateId) ?? "",
          seq: d.seq,
          status: d.status,
          attempts: d.attempts,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          createdAt: d.createdAt.toISOString(),
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
        })),
      };
    }),
  );
}

export async function deleteWebhook(db: Db, actor: Actor, id: number): Promise<void> {
  const gone = await db
    .delete(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.userId, actor.id)))
    .returning({ id: webhooks.id });
  if (gone.length === 0) throw notFound(`You have no webhook ${id}.`);
}

/**
 * Turns every event past each active webhook's cursors into a delivery row and a queue job, and
 * moves the cursors: one statement, so one snapshot (an event is either seen with its seq or not
 * at all) and one commit (a crash loses nothing and delivers nothing twice from here).
 */
export async function dispatchWebhooks(db: DbExecutor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with targets as (
        select w.id as webhook_id, d.id as debate_id, d.last_seq,
               coalesce(c.last_seq, 0) as from_seq, w.event_types
        from ${webhooks} w
        join ${debates} d on w.debate_id is null or d.id = w.debate_id
        left join webhook_cursors c on c.webhook_id = w.id and c.debate_id = d.id
        where w.active and d.last_seq > coalesce(c.last_seq, 0)),
      fresh as (
        insert into ${webhookDeliveries} (webhook_id, debate_id, seq, type)
        select t.webhook_id, e.debate_id, e.seq, e.type
        from targets t
        join ${debateEvents} e on e.debate_id = t.debate_id
          and e.seq > t.from_seq and e.seq <= t.last_seq
        where cardinality(t.event_types) = 0 or e.type = any(t.event_types)
        on conflict do nothing
        returning id),
      jobs as (
        select graphile_worker.add_job('webhooks:deliver', json_build_object('deliveryId', id),
          max_attempts := ${MAX_DELIVERY_ATTEMPTS}::int) from fresh),
      moved as (
        insert into webhook_cursors (webhook_id, debate_id, last_seq)
        select webhook_id, debate_id, last_seq from targets
        on conflict (webhook_id, debate_id)
        do update set last_seq = greatest(webhook_cursors.last_seq, excluded.last_seq))
      select (select count(*) from jobs)::int as n`,
  );
  return row?.n ?? 0;
}

/**
 * POSTs one delivery. Throws on failure so the queue retries it with backoff; the row records
 * each attempt for the owner to see, and "failed" once the last attempt has failed.
 */
export async function deliverWebhook(
  db: Db,
  config: AppConfig,
  deliveryId: string,
  attempt: number,
  maxAttempts: number,
): Promise<void> {
  const [found] = await db
    .select({ delivery: webhookDeliveries, webhook: webhooks, slug: debates.slug })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(debates, eq(debates.id, webhookDeliveries.debateId))
    .where(eq(webhookDeliveries.id, deliveryId));
  // Deleted or switched off since: nothing to send.
  if (!found || !found.webhook.active || found.delivery.status === "delivered") return;
  const { delivery, webhook, slug } = found;
  const [event] = await db
    .select()
    .from(debateEvents)
    .where(and(eq(debateEvents.debateId, delivery.debateId), eq(debateEvents.seq, delivery.seq)));
  if (!event) return;
  // A retry after a claim was hidden or deleted must not carry its text.
  const [now] = await redactStoredEvents(db, [
    {
      slug,
      seq: event.seq,
      type: event.type,
      data: event.data,
      at: event.at.toISOString(),
    } as DebateEvent,
  ]);
  const body = JSON.stringify({
    id: delivery.id,
    type: event.type,
    debate: slug,
    seq: event.seq,
    at: event.at.toISOString(),
    data: now?.data ?? event.data,
  });
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = await postWebhook(
      webhook.url,
      body,
      {
        [SIGNATURE_HEADER]: signatureHeader(webhook.secret, body, Math.floor(Date.now() / 1000)),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: event.type,
      },
      { allowPrivate: config.webhooksAllowPrivate },
    );
    if (status < 200 || status >= 300) error = `answered ${status}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  await db
    .update(webhookDeliveries)
    .set({
      attempts: attempt,
      lastStatusCode: status,
      lastError: error,
      status: error === null ? "delivered" : attempt >= maxAttempts ? "failed" : "pending",
      deliveredAt: error === null ? new Date() : null,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  if (error !== null) throw new Error(`webhook delivery ${delivery.id}: ${error}`);
}
