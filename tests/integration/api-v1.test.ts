/** The public REST API, driven through its real fetch handler (the same one the route serves). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { claims } from "@/db/schema";
import { handleApiV1, openApiDocument } from "@/server/api/v1";
import { loadConfig } from "@/server/config";
import { getConfig, setConfig, setDatabase } from "@/server/runtime";
import { createApiKey, type UserRecord } from "@/server/usecases/accounts";
import { WINDOW_BUDGET } from "@/server/domain/threadWindow";
import type { ThreadPage } from "@/server/usecases/debates";
import { bigDebate } from "../support/bigDebate";
import { makeUser, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
let alice: UserRecord;
let aliceKey: string;
let bobKey: string;
const slug = "rlhf-impact";

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  setDatabase(t.handle);
  alice = await makeUser(t);
  aliceKey = await createApiKey(t.handle.db, alice.id);
  bobKey = await createApiKey(t.handle.db, (await makeUser(t)).id);
});
afterAll(() => t.close());

async function call(
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined || options.rawBody !== undefined)
    headers["content-type"] = "application/json";
  const res = await handleApiV1(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body:
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    }),
  );
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe("API v1 reads (no key needed)", () => {
  it("GET /debates/{slug}/window pages through a big thread's replies", async () => {
    const big = `big-${Date.now()}`;
    const ids = await bigDebate(t.handle.db, big, 400, alice.id);
    const first = await call("GET", `/debates/${big}/window`);
    expect(first.status).toBe(200);
    const page = first.json as unknown as ThreadPage;
    expect(page.claims.length).toBe(WINDOW_BUDGET);
    // Follow one claim's "more" to the end: every reply comes exactly once.
    const [parent, more] = Object.entries(page.moreReplies)[0]!;
    const seen = page.claims.filter((c) => c.parentId === Number(parent)).map((c) => c.id);
    let next: ThreadPage["moreTop"] = more;
    while (next) {
      const r = await call("GET", `/debates/${big}/window?parentId=${parent}&skip=${next.skip}`);
      const p = r.json as unknown as ThreadPage;
      seen.push(...p.claims.filter((c) => c.parentId === Number(parent)).map((c) => c.id));
      next = p.moreTop;
    }
    const replies = await t.handle.db
      .select({ id: claims.id })
      .from(claims)
      .where(eq(claims.parentId, Number(parent)));
    expect(seen.sort((a, b) => a - b)).toEqual(replies.map((r) => r.id).sort((a, b) => a - b));
    expect(ids).toContain(Number(parent));

    const elsewhere = await call("GET", `/debates/${slug}/window?parentId=${parent}`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json?.message).toMatch(/No claim/);
  });

  it("GET /debates lists slug, title and claimCount", async () => {
    const { status, json } = await call("GET", "/debates");
    expect(status).toBe(200);
    const debates = json?.debates as { slug: string; title: string; claimCount: number }[];
    expect(debates.find((d) => d.slug === slug)).toMatchObject({
      title: "The impact of RLHF research",
    });
    expect(debates.find((d) => d.slug === slug)?.claimCount).toBeGreaterThanOrEqual(30);
  });

  it("GET /debates/{slug} returns every claim with the documented fields", async () => {
    const { status, json } = await call("GET", `/debates/${slug}`);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      slug,
      title: "The impact of RLHF research",
      lastSeq: expect.any(Number),
    });
    const claims = json?.claims as Record<string, unknown>[];
    expect(claims.length).toBeGreaterThanOrEqual(30);
    for (const key of [
      "id",
      "parentId",
      "authorHandle",
      "body",
      "stance",
      "createdAt",
      "editedAt",
      "deleted",
      "quality",
      "agree",
      "disagree",
    ])
      expect(claims[0]).toHaveProperty(key);
  });

  it("GET /users/{handle}/profile: who they are, their latest claims and the cruxes they made", async () => {
    const made = await call("POST", "/cruxes", {
      key: aliceKey,
      body: {
        debateSlug: slug,
        title: `Profile crux ${Date.now()}`,
        resolutionCriteria: "YES if the profile lists it.",
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(made.status).toBe(200);
    const posted = await call("POST", `/debates/${slug}/claims`, {
      key: aliceKey,
      body: { body: "A claim for my profile" },
    });
    expect(posted.status).toBe(200);
    const { status, json } = await call("GET", `/users/${alice.handle.toUpperCase()}/profile`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ handle: alice.handle, displayName: expect.any(String) });
    expect(json?.cruxesMade).toEqual([{ id: made.json?.id, title: made.json?.title }]);
    expect((json?.recentClaims as { id: number }[])[0]?.id).toBe(posted.json?.id);
    const unknown = await call("GET", "/users/nobody-at-all/profile");
    expect(unknown.status).toBe(404);
    expect(unknown.json?.message).toMatch(/nobody-at-all/);
  });

  it("404s an unknown debate and an unknown route with a JSON message", async () => {
    const missing = await call("GET", "/debates/not-a-debate");
    expect(missing.status).toBe(404);
    expect(missing.json?.message).toMatch(/not-a-debate/);
    const route = await call("GET", "/no/such/route");
    expect(route.status).toBe(404);
  });
});

describe("API v1 writes", () => {
  it("needs a valid key", async () => {
    const none = await call("POST", `/debates/${slug}/claims`, { body: { body: "hello" } });
    expect(none.status).toBe(401);
    expect(none.json?.message).toMatch(/Bearer/);
    const wrong = await call("POST", `/debates/${slug}/claims`, {
      key: "crx_wrong",
      body: { body: "hello" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json?.message).toMatch(/API key is not valid/);
  });

  it("posts, edits, votes on and deletes a claim; events replay in seq order", async () => {
    const start = (await call("GET", `/debates/${slug}`)).json?.lastSeq as number;
    const created = await call("POST", `/debates/${slug}/claims`, {
      key: aliceKey,
      body: { body: "From a bot" },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      body: "From a bot",
      authorHandle: alice.handle,
      parentId: null,
    });
    const id = created.json?.id as number;

    const reply = await call("POST", `/debates/${slug}/claims`, {
      key: bobKey,
      body: { body: "Reply", parentId: id, stance: "opposes" },
    });
    expect(reply.json).toMatchObject({ parentId: id, stance: "opposes" });

    const edited = await call("PATCH", `/claims/${id}`, {
      key: aliceKey,
      body: { body: "From a bot, edited" },
    });
    expect(edited.json).toMatchObject({ body: "From a bot, edited", editedAt: expect.any(String) });

    const vote = await call("POST", `/claims/${id}/votes`, {
      key: bobKey,
      body: { axis: "agreement", value: 1 },
    });
    expect(vote.json).toMatchObject({ claimId: id, agree: 1, disagree: 0, quality: 0 });

    const deleted = await call("DELETE", `/claims/${id}`, { key: aliceKey });
    expect(deleted.json).toMatchObject({ id, deleted: true });

    const { json } = await call("GET", `/debates/${slug}/events?after=${start}`);
    const events = json?.events as { seq: number; type: string }[];
    expect(events.map((e) => e.type)).toEqual([
      "claim.created",
      "claim.created",
      "claim.edited",
      "claim.voted",
      "claim.deleted",
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((n) => start + n));
    const tail = await call("GET", `/debates/${slug}/events?after=${start + 3}`);
    expect((tail.json?.events as { seq: number }[]).map((e) => e.seq)).toEqual([
      start + 4,
      start + 5,
    ]);
  });

  it("answers bad input with a 4xx naming the problem, never a 500", async () => {
    const bad = async (
      method: string,
      path: string,
      body: unknown,
      status: number,
      message: RegExp,
      rawBody?: string,
    ) => {
      const res = await call(
        method,
        path,
        rawBody ? { key: aliceKey, rawBody } : { key: aliceKey, body },
      );
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      expect(JSON.stringify(res.json)).toMatch(message);
    };
    await bad("POST", `/debates/${slug}/claims`, { body: "" }, 400, /body must not be empty/);
    await bad(
      "POST",
      `/debates/${slug}/claims`,
      { body: "x".repeat(20_001) },
      400,
      /at most 20,000/,
    );
    await bad("POST", `/debates/${slug}/claims`, { body: "hi", parentId: 987654 }, 400, /parentId/);
    await bad("POST", `/debates/${slug}/claims`, { body: "hi", stance: "maybe" }, 400, /stance/);
    await bad("POST", `/debates/${slug}/claims`, null, 400, /./, "{not json");
    await bad("POST", "/claims/1/votes", { axis: "quality", value: 2 }, 400, /value/);
    await bad("PATCH", "/claims/abc", { body: "x" }, 400, /id/);

    const mine = (
      await call("POST", `/debates/${slug}/claims`, { key: aliceKey, body: { body: "mine" } })
    ).json?.id as number;
    const other = await call("PATCH", `/claims/${mine}`, { key: bobKey, body: { body: "theirs" } });
    expect(other.status).toBe(403);
    await call("POST", `/claims/${mine}/votes`, {
      key: bobKey,
      body: { axis: "quality", value: 1 },
    });
    const twice = await call("POST", `/claims/${mine}/votes`, {
      key: bobKey,
      body: { axis: "quality", value: 1 },
    });
    expect(twice.status).toBe(409);
    expect(twice.json?.message).toMatch(/already voted/);
  });

  it("GET /cruxes/{id}/position: each party's fills, risk and what each outcome pays them", async () => {
    const crux = await call("POST", "/cruxes", {
      key: aliceKey,
      body: {
        debateSlug: slug,
        title: "Will the API report positions?",
        resolutionCriteria: "YES if it does.",
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
      },
    });
    const cruxId = crux.json?.id as number;
    const offer = await call("POST", `/cruxes/${cruxId}/offers`, {
      key: aliceKey,
      body: { side: "yes", price: 60, stake: 60 },
    });
    const taken = await call("POST", `/offers/${offer.json?.id as number}/accept`, {
      key: bobKey,
      body: { stake: 20 },
    });
    expect(taken.json).toMatchObject({ takerStake: 20, makerStake: 30 });

    const bob = await call("GET", `/cruxes/${cruxId}/position`, { key: bobKey });
    expect(bob.status).toBe(200);
    expect(bob.json).toMatchObject({
      risk: 20,
      payout: { yes: 0, no: 50, annulled: 20 },
      net: { yes: -20, no: 30, annulled: 0 },
      openOffers: [],
      outcome: null,
      result: null,
    });
    expect(bob.json?.fills).toMatchObject([
      { role: "taker", side: "no", price: 60, myStake: 20, theirStake: 30 },
    ]);
    const alicePosition = await call("GET", `/cruxes/${cruxId}/position`, { key: aliceKey });
    expect(alicePosition.json).toMatchObject({
      risk: 30,
      net: { yes: 20, no: -30, annulled: 0 },
      inOffers: 30,
      openOffers: [{ side: "yes", price: 60, remaining: 30 }],
    });
    // Someone without bets has an empty position; without a key it is refused.
    const nobody = await call("GET", `/cruxes/${cruxId}/position`, {
      key: await createApiKey(t.handle.db, (await makeUser(t)).id),
    });
    expect(nobody.json).toMatchObject({ risk: 0, fills: [], openOffers: [] });
    expect((await call("GET", `/cruxes/${cruxId}/position`)).status).toBe(401);
  });

  it("GET /me says whose key it is", async () => {
    const { json } = await call("GET", "/me", { key: aliceKey });
    expect(json).toMatchObject({ handle: alice.handle });
  });
});

describe("OpenAPI description", () => {
  it("describes every public route", () => {
    const doc = openApiDocument("http://localhost:3000");
    const paths = Object.keys(doc.paths ?? {});
    for (const p of [
      "/debates",
      "/debates/{slug}",
      "/debates/{slug}/claims",
      "/debates/{slug}/events",
      "/claims/{id}",
      "/claims/{id}/votes",
      "/cruxes/{id}/position",
      "/me",
    ])
      expect(paths).toContain(p);
  });
});

describe("OpenAPI security", () => {
  it("marks reads as open and writes as needing a key", () => {
    const doc = openApiDocument("http://localhost:3000") as unknown as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const needsKey = (path: string, method: string) =>
      (doc.paths[path]?.[method]?.security?.length ?? 0) > 0;
    expect(needsKey("/debates", "get")).toBe(false);
    expect(needsKey("/debates/{slug}", "get")).toBe(false);
    expect(needsKey("/debates/{slug}/events", "get")).toBe(false);
    expect(needsKey("/claims/{id}/revisions", "get")).toBe(false);
    expect(needsKey("/debates/{slug}/claims", "post")).toBe(true);
    expect(needsKey("/claims/{id}/votes", "post")).toBe(true);
    expect(needsKey("/me", "get")).toBe(true);
  });
});

describe("rate limiting", () => {
  it("answers 429 with a wait time once a user writes too fast, and writes nothing more", async () => {
    const before = getConfig();
    setConfig(loadConfig({ ...process.env, RATE_LIMIT_WRITES_PER_MINUTE: "3" }));
    try {
      const key = await createApiKey(t.handle.db, (await makeUser(t)).id);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await call("POST", `/debates/${slug}/claims`, { key, body: { body: `fast ${i}` } }))
            .status,
        );
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await call("POST", `/debates/${slug}/claims`, {
        key,
        body: { body: "fast again" },
      });
      expect(limited.status).toBe(429);
      expect(limited.json?.message).toMatch(/at most 3 changes a minute. Try again in \d+ s/);
      const { json } = await call("GET", `/debates/${slug}`);
      const bodies = (json?.claims as { body: string }[]).map((c) => c.body);
      expect(bodies.filter((b) => b.startsWith("fast "))).toEqual(["fast 0", "fast 1", "fast 2"]);
      // Reads are never limited.
      expect((await call("GET", "/debates", { key })).status).toBe(200);
    } finally {
      setConfig(before);
    }
  });
});
