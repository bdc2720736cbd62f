/**
 * The live protocol over a real production server on PostgreSQL (docs/live-updates.md):
 * events after commit on the socket, gap-free seqs, replay on join, the REST catch-up, presence,
 * socket authentication and join validation.
 */
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DebateEvent } from "@/server/domain/events";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import {
  connectClient,
  connectError,
  createUserWithKey,
  fetchJson,
  getDebate,
  getEvents,
  postClaim,
  sleep,
  startProductionServer,
  type CreatedUser,
  type LiveClient,
} from "../support/live";

const SLUG = "rlhf-impact";
const tag = () => crypto.randomBytes(4).toString("hex");

describe("live updates over socket.io (production, PostgreSQL)", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;
  let user: CreatedUser;
  let url: string;
  const clients: LiveClient[] = [];

  const connect = async (auth?: Record<string, string>) => {
    const client = await connectClient(url, auth ? { auth } : {});
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_live");
    server = await startProductionServer({ DATABASE_URL: db.url });
    url = server.url;
    user = await createUserWithKey(db.url, `live-${tag()}`, "live-test-password");
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("sends a claim posted through API v1 to a joined client as the next seq", async () => {
    const { lastSeq } = await getDebate(url, SLUG);
    const client = await connect();
    const ack = await client.join({ slug: SLUG, afterSeq: lastSeq });
    expect(ack).toEqual({ ok: true, slug: SLUG, events: [], complete: true });

    const body = `A live claim ${tag()} posted over the API.`;
    const claim = await postClaim(url, user.apiKey, SLUG, { body });
    expect(claim.body).toBe(body);
    expect(claim.authorHandle).toBe(user.handle);

    const event = await client.waitForEvent((e) => e.seq === lastSeq + 1, `seq ${lastSeq + 1}`);
    expect(event.type).toBe("claim.created");
    expect(event.slug).toBe(SLUG);
    if (event.type !== "claim.created") throw new Error("unreachable");
    expect(event.data.claim.body).toBe(body);
    expect(event.data.claim.id).toBe(claim.id);
    expect(event.data.claim.authorHandle).toBe(user.handle);
    expect(Number.isNaN(Date.parse(event.at))).toBe(false);

    // Exactly once, and the debate's counter moved by exactly one.
    await sleep(300);
    expect(client.events.map((e) => e.seq)).toEqual([lastSeq + 1]);
    expect((await getDebate(url, SLUG)).lastSeq).toBe(lastSeq + 1);
  });

  it("replays missed events in the join ack and over GET /events, in order with no gaps", async () => {
    const before = (await getDebate(url, SLUG)).lastSeq;
    const live = await connect();
    expect((await live.join({ slug: SLUG, afterSeq: before })).ok).toBe(true);

    const bodies = [`Replay one ${tag()}`, `Replay two ${tag()}`, `Replay three ${tag()}`];
    const first = await postClaim(url, user.apiKey, SLUG, { body: bodies[0]! });
    await postClaim(url, user.apiKey, SLUG, {
      body: bodies[1]!,
      parentId: first.id,
      stance: "opposes",
    });
    await postClaim(url, user.apiKey, SLUG, {
      body: bodies[2]!,
      parentId: first.id,
      stance: "clarifies",
    });
    await live.waitForEvent((e) => e.seq === before + 3, `seq ${before + 3} live`);
    expect(live.events.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);

    // A client that was away joins with the last seq it applied and gets what it missed.
    const late = await connect();
    const ack = await late.join({ slug: SLUG, afterSeq: before });
    if (!ack.ok) throw new Error(`join failed: ${ack.error}`);
    expect(ack.complete).toBe(true);
    expect(ack.events.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);
    expect(ack.events.map((e) => e.type)).toEqual([
      "claim.created",
      "claim.created",
      "claim.created",
    ]);
    const replayed = ack.events.map((e) => (e.type === "claim.created" ? e.data.claim : null));
    expect(replayed.map((c) => c?.body)).toEqual(bodies);
    expect(replayed.map((c) => c?.parentId)).toEqual([null, first.id, first.id]);
    expect(replayed.map((c) => c?.stance)).toEqual([null, "opposes", "clarifies"]);
    // The replay carries the same events the live client got.
    expect(ack.events).toEqual(live.events);

    // The REST catch-up returns the same events (without the slug envelope field).
    const strip = ({ seq, type, data, at }: DebateEvent) => ({ seq, type, data, at });
    expect(await getEvents(url, SLUG, before)).toEqual(ack.events.map(strip));
    expect(await getEvents(url, SLUG, before + 1)).toEqual(ack.events.slice(1).map(strip));
    expect(await getEvents(url, SLUG, before + 3)).toEqual([]);

    // From the beginning: every seq from 1, none missing.
    const all = await getEvents(url, SLUG, 0);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: before + 3 }, (_, i) => i + 1));

    // Joining with the newest seq replays nothing.
    const current = await connect();
    expect(await current.join({ slug: SLUG, afterSeq: before + 3 })).toMatchObject({
      ok: true,
      events: [],
    });
  });

  it("keeps seqs gap-free under concurrent writes and after a failed write", async () => {
    const before = (await getDebate(url, SLUG)).lastSeq;
    const client = await connect();
    expect((await client.join({ slug: SLUG, afterSeq: before })).ok).toBe(true);

    // A write that fails (reply to a claim that does not exist) must not use up a seq.
    const failed = await fetchJson<{ message?: string }>(`${url}/api/v1/debates/${SLUG}/claims`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "Reply to nothing", parentId: 987654 }),
    });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.status).toBeLessThan(500);

    const n = 8;
    const posted = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        postClaim(url, user.apiKey, SLUG, { body: `Concurrent ${i} ${tag()}` }),
      ),
    );
    await client.waitForEvent((e) => e.seq === before + n, `seq ${before + n}`);
    await sleep(200);
    const seqs = client.events.map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => before + 1 + i));
    const ids = client.events
      .map((e) => (e.type === "claim.created" ? e.data.claim.id : -1))
      .sort((a, b) => a - b);
    expect(ids).toEqual(posted.map((c) => c.id).sort((a, b) => a - b));
    expect((await getEvents(url, SLUG, before)).map((e) => e.seq)).toEqual(
      Array.from({ length: n }, (_, i) => before + 1 + i),
    );
  });

  it("broadcasts presence: 2 with two viewers, 1 after one disconnects", async () => {
    // A debate of its own, so sockets from the other tests do not count.
    const slug = `presence-${tag()}`;
    const created = await fetchJson<{ slug: string }>(`${url}/api/v1/debates`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ slug, title: "Presence test debate" }),
    });
    expect(created.status).toBe(200);

    const a = await connect();
    const b = await connect();
    expect((await a.join({ slug, afterSeq: 0 })).ok).toBe(true);
    await a.waitForPresence(slug, 1);
    expect((await b.join({ slug, afterSeq: 0 })).ok).toBe(true);
    await a.waitForPresence(slug, 2);
    await b.waitForPresence(slug, 2);

    const seen = a.presence.length;
    b.close();
    await a.waitForPresence(slug, 1, seen);

    // One person on two sockets (same API key) is one viewer; an anonymous reader is another.
    const k1 = await connect({ apiKey: user.apiKey });
    const k2 = await connect({ apiKey: user.apiKey });
    a.close();
    expect((await k1.join({ slug, afterSeq: 0 })).ok).toBe(true);
    expect((await k2.join({ slug, afterSeq: 0 })).ok).toBe(true);
    await k2.waitForPresence(slug, 1);
    const anon = await connect();
    const mark = k1.presence.length;
    expect((await anon.join({ slug, afterSeq: 0 })).ok).toBe(true);
    const p = await k1.waitForPresence(slug, 2, mark);
    expect(p).toEqual({ slug, count: 2 });
  });

  it("refuses a socket with a wrong API key and accepts a right one", async () => {
    const err = await connectError(url, { auth: { apiKey: "wrong" } });
    expect(err.message).toBe("That API key is not valid.");
    const ok = await connect({ apiKey: user.apiKey });
    expect(ok.socket.connected).toBe(true);
  });

  it("acks ok:false with a message for a bad join payload or an unknown debate", async () => {
    const client = await connect();
    for (const payload of [
      { slug: 5, afterSeq: 0 },
      { slug: SLUG },
      { slug: SLUG, afterSeq: -1 },
      { slug: SLUG, afterSeq: 1.5 },
      { slug: "", afterSeq: 0 },
      "rlhf-impact",
      null,
    ]) {
      const ack = await client.join(payload);
      expect(ack.ok, JSON.stringify(payload)).toBe(false);
      if (ack.ok) continue;
      expect(typeof ack.error).toBe("string");
      expect(ack.error).toMatch(/slug/);
      expect(ack.error).toMatch(/afterSeq/);
    }
    const unknown = await client.join({ slug: "no-such-debate", afterSeq: 0 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toContain("no-such-debate");

    // The socket is still usable and not in any room it failed to join.
    expect((await client.join({ slug: SLUG, afterSeq: 0 })).ok).toBe(true);
    expect(client.disconnects).toEqual([]);
  });
});
