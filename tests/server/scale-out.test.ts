/**
 * Scale-out (docs/live-updates.md): two production processes on one PostgreSQL database and one
 * Redis. Rooms span processes through the Redis adapter; replay still comes from PostgreSQL.
 */
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import {
  connectClient,
  createUserWithKey,
  fetchJson,
  getEvents,
  postClaim,
  sleep,
  startProductionServer,
  stopAll,
  type CreatedUser,
  type LiveClient,
} from "../support/live";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const tag = () => crypto.randomBytes(4).toString("hex");

describe("two processes behind one PostgreSQL and one Redis", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let a: RunningServer | undefined;
  let b: RunningServer | undefined;
  let user: CreatedUser;
  /** A debate of this test's own: other test runs may share the Redis server (and its channels). */
  const slug = `scale-out-${tag()}`;
  const clients: LiveClient[] = [];

  const connect = async (server: RunningServer) => {
    const client = await connectClient(server.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_scale");
    // Their own Redis keys and channels (other runs may share this Redis), and a write limit low
    // enough to show that both processes count against one limit.
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: `scale-${tag()}`,
      RATE_LIMIT_WRITES_PER_MINUTE: "30",
    };
    // One after the other: the first one migrates and seeds the empty database.
    a = await startProductionServer(env);
    b = await startProductionServer(env);
    user = await createUserWithKey(db.url, `scale-${tag()}`, "scale-out-password");
    const created = await fetchJson<{ slug: string }>(`${a.url}/api/v1/debates`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ slug, title: "Scale-out test debate" }),
    });
    if (created.status !== 200)
      throw new Error(`create debate → ${created.status} ${JSON.stringify(created.body)}`);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await stopAll(a, b);
    await db?.drop();
  });

  it("both processes use the Redis adapter and the same database", async () => {
    for (const server of [a!, b!]) {
      const health = await fetchJson<{ status: string; database: string; realtime: string }>(
        `${server.url}/api/health`,
      );
      expect(health.body).toEqual({ status: "ok", database: "postgres", realtime: "redis" });
      expect(server.output()).toMatch(
        /ready on http:\/\/localhost:\d+ \(production, redis adapter\)/,
      );
    }
    // Seeded once, by whichever started first.
    const list = await fetchJson<{ debates: { slug: string }[] }>(`${b!.url}/api/v1/debates`);
    expect(list.body.debates.filter((d) => d.slug === "rlhf-impact")).toHaveLength(1);
  });

  it("counts one write limit across both processes (in Redis)", async () => {
    const writer = await createUserWithKey(db.url, `limited-${tag()}`, "scale-out-password");
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const server = i % 2 ? b! : a!;
      const res = await fetch(`${server.url}/api/v1/debates/${slug}/claims`, {
        method: "POST",
        headers: { authorization: `Bearer ${writer.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ body: `limited ${i}` }),
      });
      statuses.push(res.status);
    }
    // 30 allowed in all, not 30 per process.
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("delivers a write through process A to a client on process B (and on A)", async () => {
    const onB = await connect(b!);
    const onA = await connect(a!);
    const before = (await getEvents(b!.url, slug, 0)).length;
    expect((await onB.join({ slug, afterSeq: before })).ok).toBe(true);
    expect((await onA.join({ slug, afterSeq: before })).ok).toBe(true);

    const body = `Written on A, seen on B ${tag()}`;
    const claim = await postClaim(a!.url, user.apiKey, slug, { body });
    for (const client of [onB, onA]) {
      const event = await client.waitForEvent((e) => e.seq === before + 1, `seq ${before + 1}`);
      expect(event.type).toBe("claim.created");
      if (event.type !== "claim.created") throw new Error("unreachable");
      expect(event.data.claim.body).toBe(body);
      expect(event.data.claim.id).toBe(claim.id);
    }
    await sleep(300);
    // Exactly once each, though the adapter fans out through Redis.
    expect(onB.events.map((e) => e.seq)).toEqual([before + 1]);
    expect(onA.events.map((e) => e.seq)).toEqual([before + 1]);

    // And the other way round: written on B, seen on A.
    const back = `Written on B, seen on A ${tag()}`;
    await postClaim(b!.url, user.apiKey, slug, { body: back });
    const event = await onA.waitForEvent((e) => e.seq === before + 2, `seq ${before + 2} on A`);
    expect(event.type === "claim.created" ? event.data.claim.body : null).toBe(back);

    // Replay comes from PostgreSQL, whichever process wrote the event.
    const late = await connect(b!);
    const ack = await late.join({ slug, afterSeq: before });
    if (!ack.ok) throw new Error(ack.error);
    expect(ack.events.map((e) => e.seq)).toEqual([before + 1, before + 2]);
    expect(ack.events).toEqual([...onA.events]);
  });

  it("counts presence across processes", async () => {
    const onA = await connect(a!);
    const onB = await connect(b!);
    expect((await onA.join({ slug, afterSeq: 0 })).ok).toBe(true);
    await onA.waitForPresence(slug, 1);
    expect((await onB.join({ slug, afterSeq: 0 })).ok).toBe(true);
    await onB.waitForPresence(slug, 2);
    await onA.waitForPresence(slug, 2);

    const seen = onA.presence.length;
    onB.close();
    await onA.waitForPresence(slug, 1, seen);
  });
});

/**
 * Both processes migrate and seed an empty database at once: advisory locks make one wait for the
 * other (without them one process died on a duplicate CREATE TYPE or debates_slug_unique).
 */
describe("two processes started at the same moment on an empty database", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_race");
  });

  afterAll(async () => {
    await stopAll(...servers);
    await db?.drop();
  });

  it("both come up, and the seed debate exists once", async () => {
    // Their own Redis keys and channels (other runs may share this Redis), and a write limit low
    // enough to show that both processes count against one limit.
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: `scale-${tag()}`,
      RATE_LIMIT_WRITES_PER_MINUTE: "30",
    };
    const results = await Promise.allSettled([
      startProductionServer(env),
      startProductionServer(env),
    ]);
    for (const r of results) if (r.status === "fulfilled") servers.push(r.value);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    expect(failures).toEqual([]);
    for (const server of servers) {
      const list = await fetchJson<{ debates: { slug: string; claimCount: number }[] }>(
        `${server.url}/api/v1/debates`,
      );
      expect(
        list.body.debates.filter((d) => d.slug === "rlhf-impact").map((d) => d.claimCount),
      ).toEqual([83]);
    }
  });
});
