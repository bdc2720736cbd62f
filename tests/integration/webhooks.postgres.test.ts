/**
 * The webhook dispatcher on real PostgreSQL with graphile-worker's schema: events become delivery
 * rows and queue jobs exactly once, filtered by type and debate, from the webhook's creation on.
 */
import { eq, sql } from "drizzle-orm";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { MAX_WEBHOOKS_PER_USER } from "@/server/domain/webhooks";
import type { UserRecord } from "@/server/usecases/accounts";
import { dispatchWebhooks } from "@/server/usecases/webhooks";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let alice: UserRecord;
let bob: UserRecord;
const slug = "rlhf-impact";

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  await runMigrations({ connectionString: t.databaseUrl, logger: undefined });
  t.services.config = {
    ...t.services.config,
    databaseUrl: t.databaseUrl,
    webhooksAllowPrivate: true,
  };
  alice = await makeUser(t);
  bob = await makeUser(t);
});
afterAll(() => t.close());

const jobs = async () =>
  (
    await queryRows<{ n: number }>(
      t.handle.db,
      sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'webhooks:deliver'`,
    )
  )[0]!.n;

describe("dispatching webhooks", () => {
  it("delivers each matching event once, from the webhook's creation on", async () => {
    await callerFor(t, bob).claims.create({ slug, body: "Before any webhook" });
    const hook = await callerFor(t, alice).webhooks.create({
      url: "http://127.0.0.1:9/hook",
      eventTypes: ["claim.created"],
      debateSlug: slug,
    });
    expect(await dispatchWebhooks(t.handle.db)).toBe(0);

    // A claim (claim.created) and a vote on it (claim.voted, not subscribed).
    const { id } = await callerFor(t, bob).claims.create({ slug, body: "After the webhook" });
    await callerFor(t, bob)
      .claims.vote({ id, axis: "quality", value: 1 })
      .catch(() => undefined);
    await callerFor(t, alice).claims.vote({ id, axis: "quality", value: 1 });
    const before = await jobs();
    expect(await dispatchWebhooks(t.handle.db)).toBe(1);
    expect(await jobs()).toBe(before + 1);
    // Again: nothing new, nothing doubled.
    expect(await dispatchWebhooks(t.handle.db)).toBe(0);
    const rows = await t.handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id));
    expect(rows.map((r) => [r.type, r.status])).toEqual([["claim.created", "pending"]]);

    // Two dispatchers at once still make one delivery per event.
    await callerFor(t, bob).claims.create({ slug, body: "Raced" });
    const results = await Promise.all([
      dispatchWebhooks(t.handle.db),
      dispatchWebhooks(t.handle.db),
    ]);
    expect(results[0] + results[1]).toBe(1);
  });

  it("a webhook for every debate sees new debates too; each user sees and deletes only their own", async () => {
    const all = await callerFor(t, bob).webhooks.create({ url: "http://127.0.0.1:9/all" });
    await dispatchWebhooks(t.handle.db);
    const fresh = `hooked-${Date.now().toString(36)}`;
    await callerFor(t, alice).debates.create({ slug: fresh, title: "A debate made later" });
    await callerFor(t, alice).claims.create({ slug: fresh, body: "In the new debate" });
    await dispatchWebhooks(t.handle.db);
    const mine = (await callerFor(t, bob).webhooks.list()).webhooks;
    expect(mine.map((w) => w.id)).toEqual([all.id]);
    expect(mine[0]!.recentDeliveries.map((d) => [d.debateSlug, d.type])).toContainEqual([
      fresh,
      "claim.created",
    ]);
    await rejects(callerFor(t, alice).webhooks.delete({ id: all.id }), "NOT_FOUND", /no webhook/);
    await callerFor(t, bob).webhooks.delete({ id: all.id });
    expect((await callerFor(t, bob).webhooks.list()).webhooks).toEqual([]);
  });

  it("refuses private addresses unless allowed, too many webhooks, and the embedded database", async () => {
    const config = t.services.config;
    try {
      t.services.config = { ...config, webhooksAllowPrivate: false };
      await rejects(
        callerFor(t, alice).webhooks.create({ url: "http://10.0.0.5/x" }),
        "BAD_REQUEST",
        /private, loopback/,
      );
      t.services.config = { ...config, databaseUrl: undefined };
      await rejects(
        callerFor(t, alice).webhooks.create({ url: "https://example.org/x" }),
        "CONFLICT",
        /need PostgreSQL/,
      );
    } finally {
      t.services.config = config;
    }
    const carol = await makeUser(t);
    for (let i = 0; i < MAX_WEBHOOKS_PER_USER; i++)
      await callerFor(t, carol).webhooks.create({ url: `https://example.org/${i}` });
    await rejects(
      callerFor(t, carol).webhooks.create({ url: "https://example.org/one-more" }),
      "CONFLICT",
      /delete one first/,
    );
  });
});
