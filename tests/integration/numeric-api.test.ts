/**
 * Numeric cruxes and threshold bets through API v1's real fetch handler (docs/numeric-cruxes.md):
 * the documented bodies and answers, every bad input a 400 naming the problem with nothing written,
 * and the OpenAPI description of the new routes.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruxes, debates, forecasts } from "@/db/schema";
import { handleApiV1, openApiDocument } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import { createApiKey, type UserRecord } from "@/server/usecases/accounts";
import { makeUser, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
let alice: UserRecord;
let bob: UserRecord;
let aliceKey: string;
let bobKey: string;
const slug = "numeric-api";

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  await t.handle.db.insert(debates).values({ slug, title: "Numeric API" });
  alice = await makeUser(t);
  bob = await makeUser(t);
  aliceKey = await createApiKey(t.handle.db, alice.id);
  bobKey = await createApiKey(t.handle.db, bob.id);
});
afterAll(() => t.close());

async function call(method: string, path: string, options: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await handleApiV1(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const rows = async (table: typeof cruxes | typeof forecasts) =>
  (await t.handle.db.select({ n: count() }).from(table))[0]!.n;

const weeksBody = (extra: Record<string, unknown> = {}) => ({
  debateSlug: slug,
  title: "How many weeks sooner?",
  resolutionCriteria: "A stated panel's median on 2030-01-01.",
  closesAt: "2031-01-01T00:00:00Z",
  kind: "numeric",
  unit: "weeks",
  min: 0.1,
  max: 100,
  openUpper: true,
  scale: "log",
  ...extra,
});

describe("numeric cruxes in API v1", () => {
  it("makes one, takes distributions, and reads percentiles and thresholds", async () => {
    const made = await call("POST", "/cruxes", { key: aliceKey, body: weeksBody() });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ kind: "numeric", percentiles: null });
    const id = made.json!.id as number;

    const a = await call("POST", `/cruxes/${id}/forecasts`, {
      key: aliceKey,
      body: { median: 2, low: 1, high: 4 },
    });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ probability: null });
    expect((a.json!.percentiles as { p50: number }).p50).toBeCloseTo(2, 1);
    const b = await call("POST", `/cruxes/${id}/forecasts`, {
      key: bobKey,
      body: { components: [{ center: 11, spread: 0.15, weight: 1 }] },
    });
    expect(b.status).toBe(200);

    const read = await call("GET", `/cruxes/${id}`);
    expect(read.status).toBe(200);
    const p = read.json!.percentiles as { p10: number; p50: number; p90: number };
    expect(p.p10).toBeLessThan(p.p50);
    expect(p.p50).toBeLessThan(p.p90);
    expect(read.json!.forecasterCount).toBe(2);

    const s = await call("GET", `/cruxes/${id}/thresholds?with=${bob.handle}`, { key: aliceKey });
    expect(s.status).toBe(200);
    expect(s.json).toMatchObject({ withHandle: bob.handle, mySide: "no", cruxId: null });
    const threshold = s.json!.threshold as number;
    expect(threshold).toBeGreaterThan(4);
    expect(threshold).toBeLessThan(10);
    expect(typeof s.json!.price).toBe("number");

    const list = await call("GET", `/cruxes/${id}/threshold-suggestions`, { key: bobKey });
    expect(list.json!.suggestions).toEqual([
      expect.objectContaining({ withHandle: alice.handle, threshold, mySide: "yes" }),
    ]);

    const derived = await call("POST", `/cruxes/${id}/thresholds`, {
      key: bobKey,
      body: { threshold, with: alice.handle },
    });
    expect(derived.status).toBe(200);
    expect(derived.json).toMatchObject({ created: true, threshold, price: s.json!.price });
    const again = await call("POST", `/cruxes/${id}/thresholds`, {
      key: aliceKey,
      body: { threshold },
    });
    expect(again.json).toMatchObject({ created: false, cruxId: derived.json!.cruxId });
    const derivedView = await call("GET", `/cruxes/${derived.json!.cruxId as number}`);
    expect(derivedView.json).toMatchObject({
      kind: "binary",
      derivedFromCruxId: id,
      threshold,
    });

    // Resolving to a number: the threshold crux follows.
    const proposed = await call("POST", `/cruxes/${id}/resolution`, {
      key: aliceKey,
      body: { value: 12 },
    });
    expect(proposed.status).toBe(200);
    const history = await call("GET", `/cruxes/${id}/history`);
    expect(
      (history.json!.transitions as { action: string; value: number | null }[]).at(-1),
    ).toMatchObject({ value: 12 });
  });

  it("answers bad input with a 400 naming the problem, writing nothing", async () => {
    const before = { cruxes: await rows(cruxes), forecasts: await rows(forecasts) };
    const bad = async (path: string, body: unknown, message: RegExp) => {
      const r = await call("POST", path, { key: aliceKey, body });
      expect(r.status, JSON.stringify(r.json)).toBe(400);
      expect(r.json!.message).toMatch(message);
    };
    await bad("/cruxes", weeksBody({ min: 5, max: 5 }), /minimum/i);
    await bad("/cruxes", weeksBody({ min: 10, max: 1 }), /minimum/i);
    await bad("/cruxes", weeksBody({ min: 0 }), /log/i);
    await bad("/cruxes", weeksBody({ min: -3 }), /log/i);
    await bad("/cruxes", weeksBody({ scale: "cubic" }), /scale must be "linear" or "log"/);
    await bad("/cruxes", weeksBody({ kind: "range" }), /kind must be "binary" or "numeric"/);
    await bad("/cruxes", weeksBody({ unit: undefined }), /unit: a numeric crux needs/);
    expect(await rows(cruxes)).toBe(before.cruxes);

    const made = await call("POST", "/cruxes", {
      key: aliceKey,
      body: weeksBody({ openUpper: false }),
    });
    const id = made.json!.id as number;
    const f = `/cruxes/${id}/forecasts`;
    await bad(f, { median: 5, low: 1, high: 4 }, /median/i);
    await bad(f, { median: 50, low: 20, high: 400 }, /distribution: /);
    await bad(f, { median: 2, low: 1 }, /give median, low and high together/);
    await bad(f, { probability: 0.3 }, /this is a numeric crux/);
    await bad(f, { median: "two", low: 1, high: 4 }, /median must be a number/);
    await bad(
      f,
      { median: 2, low: 1, high: 4, components: [{ center: 2, spread: 1, weight: 1 }] },
      /not both/,
    );
    await bad(f, { components: [{ center: 2, spread: 0, weight: 1 }] }, /distribution: /);
    await bad(`/cruxes/${id}/resolution`, { value: 500 }, /closed maximum/);
    await bad(`/cruxes/${id}/resolution`, { outcome: "yes" }, /resolves to a number/);
    await bad(`/cruxes/${id}/thresholds`, { threshold: -1 }, /threshold: /);
    expect(await rows(forecasts)).toBe(before.forecasts);
    expect(await rows(cruxes)).toBe(before.cruxes + 1);
    const still = await call("GET", `/cruxes/${id}`);
    expect(still.json).toMatchObject({ status: "open", forecasterCount: 0 });

    const noForecast = await call("GET", `/cruxes/${id}/thresholds?with=${bob.handle}`, {
      key: aliceKey,
    });
    expect(noForecast.status).toBe(404);
    expect(noForecast.json!.message).toMatch(/You have no forecast/);
    const offer = await call("POST", `/cruxes/${id}/offers`, {
      key: aliceKey,
      body: { side: "yes", price: 50, stake: 10 },
    });
    expect(offer.status).toBe(409);
    expect(offer.json!.message).toMatch(/threshold cruxes/);
  });
});

describe("OpenAPI description of numeric cruxes", () => {
  it("describes the new routes, reads open and writes needing a key", () => {
    const doc = openApiDocument("http://localhost:3000") as unknown as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const needsKey = (path: string, method: string) =>
      (doc.paths[path]?.[method]?.security?.length ?? 0) > 0;
    expect(doc.paths["/cruxes/{id}/thresholds"]?.get).toBeDefined();
    expect(doc.paths["/cruxes/{id}/thresholds"]?.post).toBeDefined();
    expect(doc.paths["/cruxes/{id}/threshold-suggestions"]?.get).toBeDefined();
    expect(needsKey("/cruxes/{id}/thresholds", "get")).toBe(true);
    expect(needsKey("/cruxes/{id}/thresholds", "post")).toBe(true);
    expect(needsKey("/cruxes/{id}/threshold-suggestions", "get")).toBe(false);
    const body = JSON.stringify(doc.paths["/cruxes"]?.post);
    for (const field of ["kind", "unit", "min", "max", "openLower", "openUpper", "scale"])
      expect(body).toContain(`"${field}"`);
    const forecast = JSON.stringify(doc.paths["/cruxes/{id}/forecasts"]?.post);
    for (const field of ["median", "low", "high", "components"])
      expect(forecast).toContain(`"${field}"`);
  });
});
