/**
 * Hardened edges through the real API v1 handler: bad input is a 400 naming the field (never a
 * 500, never SQL), numbers are numbers, idempotency keys can't be reused for another request,
 * API keys are named, listed and revoked, limits answer 429 with Retry-After, and the OpenAPI
 * document declares every error an operation can return.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleApiV1, openApiDocument } from "@/server/api/v1";
import { loadConfig } from "@/server/config";
import { getConfig, setConfig, setDatabase } from "@/server/runtime";
import { createApiKey, type UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let alice: UserRecord;
let key: string;
let cruxId: number;
const slug = "edges";

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  setConfig(t.services.config);
  alice = await makeUser(t);
  key = await createApiKey(t.handle.db, alice.id);
  await callerFor(t, alice).debates.create({ slug, title: "Edges" });
  cruxId = (
    await callerFor(t, alice).cruxes.create({
      debateSlug: slug,
      title: "Will the edges hold?",
      resolutionCriteria: "r",
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
  ).id;
});
afterAll(() => t.close());

async function call(
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = {};
  const bearer = options.key === undefined ? key : options.key;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined || options.raw !== undefined)
    headers["content-type"] = "application/json";
  const res = await handleApiV1(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    }),
  );
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

describe("bad input is a 400 naming the field, never a 500 with SQL", () => {
  it.each([
    ["GET", `/cruxes/2147483648`, undefined, /id must be a crux id/],
    ["GET", `/cruxes/99999999999999999999`, undefined, /id must be a crux id/],
    ["GET", `/cruxes/0x10`, undefined, /id must be a crux id/],
    ["GET", `/cruxes/1e1`, undefined, /id must be a crux id/],
    ["GET", `/debates/${slug}/events?after=0x10`, undefined, /after/],
    [
      "POST",
      `/debates/${slug}/claims`,
      { body: "nul \u0000 inside" },
      /body: must not contain NUL/,
    ],
    ["POST", `/debates/${slug}/claims`, { body: "x", parentId: 4294967296 }, /parentId/],
    [
      "POST",
      "/cruxes",
      {
        debateSlug: slug,
        title: "t",
        resolutionCriteria: "r",
        closesAt: "+275760-09-13T00:00:00.000Z",
      },
      /closesAt/,
    ],
    [
      "POST",
      "/cruxes",
      { debateSlug: slug, title: "t", resolutionCriteria: "r", closesAt: 253402300800001 },
      /closesAt/,
    ],
    ["GET", "/debates/%E0%A4%A", undefined, /percent-encoding/],
  ] as const)("%s %s", async (method, path, body, message) => {
    const res = await call(method, path, { body });
    expect(res.status).toBe(400);
    expect(res.json?.message).toMatch(message);
    expect(res.text).not.toMatch(/select |insert |Failed query|\n\s+at /i);
  });

  it("takes a stake larger than an int4 without a database error", async () => {
    const res = await call("POST", `/cruxes/${cruxId}/offers`, {
      body: { side: "yes", price: 50, stake: 5_000_000_000 },
    });
    expect(res.status).toBe(400);
    expect(res.json?.message).toMatch(/that needs 5000000000 credits and you have \d+ available/);
  });

  it("answers malformed JSON, a non-JSON body and a body that is not an object clearly", async () => {
    expect((await call("POST", `/debates/${slug}/claims`, { raw: "{nope" })).json).toMatchObject({
      code: "BAD_REQUEST",
      message: "The body is not valid JSON.",
    });
    expect((await call("POST", `/debates/${slug}/claims`, { raw: "[1]" })).json?.message).toBe(
      "The body must be a JSON object.",
    );
    const res = await handleApiV1(
      new Request(`http://localhost/api/v1/debates/${slug}/claims`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
        body: "body=hello",
      }),
    );
    expect(res.status).toBe(415);
  });

  it("refuses a body over the cap with 413 before parsing it", async () => {
    const res = await call("POST", `/debates/${slug}/claims`, {
      raw: JSON.stringify({ body: "x".repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.json?.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers an unknown route with 404 pointing at the document", async () => {
    const res = await call("GET", "/nothing/here");
    expect(res.status).toBe(404);
    expect(res.json?.message).toMatch(/openapi\.json/);
  });
});

describe("numbers are numbers", () => {
  it("in both APIs: a string like 0x32 or 1e1 is refused, not coerced", async () => {
    // API v1 first: the old handler rewrote the shared schemas to coerce, for both APIs.
    await call("GET", `/cruxes/${cruxId}`);
    await rejects(
      callerFor(t, alice).cruxes.get({ id: "0x32" as unknown as number }),
      "BAD_REQUEST",
      /id must be a crux id/,
    );
    const res = await call("POST", `/cruxes/${cruxId}/offers`, {
      body: { side: "yes", price: "0x32", stake: 10 },
    });
    expect(res.status).toBe(400);
    expect(res.json?.message).toMatch(/price/);
  });
});

describe("idempotency keys", () => {
  it("return the first result for the same request, and 422 for a different one", async () => {
    const body = { side: "no", price: 40, stake: 10, idempotencyKey: "edge-1" };
    const first = await call("POST", `/cruxes/${cruxId}/offers`, { body });
    const again = await call("POST", `/cruxes/${cruxId}/offers`, { body: { ...body } });
    expect(again.json).toEqual(first.json);
    const different = await call("POST", `/cruxes/${cruxId}/offers`, {
      body: { ...body, stake: 11 },
    });
    expect(different.status).toBe(422);
    expect(different.json?.message).toMatch(/"edge-1" was already used for a different request/);
  });
});

describe("API keys", () => {
  it("are named, listed with their times, revoked, and made only from a session", async () => {
    const named = await callerFor(t, alice).account.createApiKey({ name: "my bot" });
    const list = await call("GET", "/me/api-keys", { key: named.apiKey });
    const mine = (
      list.json?.keys as { id: number; name: string; lastUsedAt: string | null }[]
    ).find((k) => k.name === "my bot");
    expect(mine?.lastUsedAt).not.toBeNull();
    // A key can't make another key.
    const viaKey = await handleApiV1(
      new Request("http://localhost/api/v1/me", {
        headers: { authorization: `Bearer ${named.apiKey}` },
      }),
    );
    expect(viaKey.status).toBe(200);
    const { createCaller } = await import("@/server/trpc/router");
    await rejects(
      createCaller({
        ...t.services,
        caller: alice,
        clientAddress: "test",
        authenticatedBy: "api-key",
      }).account.createApiKey({ name: "sneaky" }),
      "FORBIDDEN",
      /only be made while signed in on the site/,
    );
    const revoked = await call("POST", `/me/api-keys/${mine!.id}/revoke`, { key: named.apiKey });
    expect(revoked.json?.revokedAt).toEqual(expect.any(String));
    expect((await call("GET", "/me", { key: named.apiKey })).status).toBe(401);
    expect((await call("POST", `/me/api-keys/${mine!.id}/revoke`)).status).toBe(409);
  });
});

describe("limits", () => {
  it("answer 429 with Retry-After and a message saying how long to wait", async () => {
    const before = getConfig();
    setConfig(loadConfig({ ...process.env, RATE_LIMIT_WRITES_PER_MINUTE: "2" }));
    try {
      const k = await createApiKey(t.handle.db, (await makeUser(t)).id);
      const statuses = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await call("POST", `/debates/${slug}/claims`, { key: k, body: { body: `x${i}` } });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.json?.message).toMatch(/at most 2 changes a minute. Try again in \d+ s/);
    } finally {
      setConfig(before);
    }
  });

  it("let one client address make only a few accounts an hour", async () => {
    const { createCaller } = await import("@/server/trpc/router");
    const config = loadConfig({ ...process.env, RATE_LIMIT_SIGNUPS_PER_CLIENT: "2" });
    const anon = createCaller({
      ...t.services,
      config,
      caller: null,
      clientAddress: "203.0.113.9",
      authenticatedBy: null,
    });
    const password = "quokka ledger tangent";
    await anon.account.signUp({ handle: "limit-one", password });
    await anon.account.signUp({ handle: "limit-two", password });
    await rejects(
      anon.account.signUp({ handle: "limit-three", password }),
      "TOO_MANY_REQUESTS",
      /Too many new accounts from your address. Try again in \d+ min/,
    );
  });
});

describe("the OpenAPI document", () => {
  it("declares every error an operation can answer, with the one error shape", () => {
    const doc = openApiDocument("http://localhost");
    const error = (doc.components?.schemas as Record<string, { required?: string[] }>).Error;
    expect(error?.required).toEqual(["code", "message"]);
    const offer = doc.paths?.["/cruxes/{id}/offers"]?.post as {
      responses: Record<string, unknown>;
    };
    expect(Object.keys(offer.responses).sort()).toEqual(
      [
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
        "415",
        "422",
        "423",
        "429",
        "500",
        "503",
      ].sort(),
    );
    const read = doc.paths?.["/cruxes/{id}"]?.get as { responses: Record<string, unknown> };
    expect(Object.keys(read.responses).sort()).toEqual(["200", "400", "401", "404", "500", "503"]);
  });
});
