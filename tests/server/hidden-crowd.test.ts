/**
 * A crux that hides its crowd until one has forecast: walk every read channel as someone who has
 * not forecast (anonymous, and signed in with a key) and find no individual or community number
 * of it anywhere — API v1, tRPC, the socket's join replay, the server-rendered pages — even though
 * two people forecast with their reasoning posted in the thread. The forecasters themselves do see
 * the numbers, which shows what the walk is looking for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import {
  connectClient,
  createUserWithKey,
  startProductionServer,
  type CreatedUser,
} from "../support/live";

const PASSWORD = "quokka-ledger-tangent";
const slug = "hidden-crowd";
/** 87.3% and 12.9%: their community prediction (two forecasters) is the mean, 50.1%. */
const FORBIDDEN = ["87.3", "0.873", "12.9", "0.129", "50.1", "0.501"];

describe("a crux that hides its crowd", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;
  let first: CreatedUser;
  let second: CreatedUser;
  let reader: CreatedUser;
  let cruxId: number;
  let claimId: number;

  const api = async (path: string, key: string | null, init: RequestInit = {}) => {
    const res = await fetch(`${server!.url}${path}`, {
      ...init,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_hidden");
    server = await startProductionServer({ DATABASE_URL: db.url });
    first = await createUserWithKey(db.url, "first", PASSWORD);
    second = await createUserWithKey(db.url, "second", PASSWORD);
    reader = await createUserWithKey(db.url, "reader", PASSWORD);
    const post = (path: string, key: string, body: unknown) =>
      api(path, key, { method: "POST", body: JSON.stringify(body) }).then(
        (r) => JSON.parse(r.text) as { id: number },
      );
    await post("/api/v1/debates", first.apiKey, { slug, title: "Hidden" });
    claimId = (await post(`/api/v1/debates/${slug}/claims`, first.apiKey, { body: "A claim" })).id;
    cruxId = (
      await post("/api/v1/cruxes", first.apiKey, {
        debateSlug: slug,
        claimId,
        title: "Will it stay hidden?",
        resolutionCriteria: "r",
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        hideCrowdUntilForecast: true,
      })
    ).id;
    for (const [who, p] of [
      [first, 0.873],
      [second, 0.129],
    ] as const)
      await post(`/api/v1/cruxes/${cruxId}/forecasts`, who.apiKey, {
        probability: p,
        reasoning: `My reasons, ${who.handle}.`,
      });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  const channels = () => [
    `/api/v1/debates/${slug}`,
    `/api/v1/debates/${slug}/events?after=0`,
    `/api/v1/debates/${slug}/cruxes`,
    `/api/v1/cruxes/${cruxId}`,
    `/api/v1/cruxes/${cruxId}/forecasts`,
    `/api/v1/cruxes/${cruxId}/resolution`,
    `/api/v1/cruxes/${cruxId}/history`,
    `/api/v1/cruxes/${cruxId}/offers`,
    `/api/v1/claims/${claimId}/double-cruxes`,
    `/api/v1/users/${first.handle}`,
    `/api/v1/users/${first.handle}/double-cruxes`,
    `/api/v1/leaderboards`,
    `/api/trpc/debates.get?input=${encodeURIComponent(JSON.stringify({ slug }))}`,
    `/api/trpc/debates.events?input=${encodeURIComponent(JSON.stringify({ slug, after: 0 }))}`,
    `/api/trpc/cruxes.get?input=${encodeURIComponent(JSON.stringify({ id: cruxId }))}`,
    `/api/trpc/cruxes.forecasts?input=${encodeURIComponent(JSON.stringify({ id: cruxId }))}`,
    `/api/trpc/cruxes.forDebate?input=${encodeURIComponent(JSON.stringify({ slug }))}`,
    `/`,
    `/debates/${slug}`,
    `/cruxes/${cruxId}`,
    `/users/${first.handle}`,
    `/users/${second.handle}`,
    `/leaderboards`,
  ];

  const leaks = (text: string) => FORBIDDEN.filter((n) => text.includes(n));

  it("shows no number of it on any read channel to people who have not forecast", async () => {
    for (const key of [null, reader.apiKey])
      for (const path of channels()) {
        const res = await api(path, key);
        expect(res.status, `${path} as ${key ? "reader" : "anonymous"}`).toBe(200);
        expect(leaks(res.text), `${path} as ${key ? "reader" : "anonymous"}`).toEqual([]);
      }
    for (const path of [`/api/v1/cruxes/${cruxId}/suggestions`, `/api/v1/me/notifications`]) {
      const res = await api(path, reader.apiKey);
      expect(res.status, path).toBe(200);
      expect(leaks(res.text), path).toEqual([]);
    }
    // The thread carries their reasoning, without the number.
    const thread = await api(`/api/v1/debates/${slug}`, null);
    expect(thread.text).toContain("**Forecast** on “Will it stay hidden?”");
    expect(thread.text).toContain("My reasons, first.");
  });

  it("replays no number of it over the socket", async () => {
    for (const auth of [undefined, { apiKey: reader.apiKey }]) {
      const client = await connectClient(server!.url, auth ? { auth } : {});
      const ack = await client.join({ slug, afterSeq: 0 });
      client.close();
      expect(ack.ok).toBe(true);
      expect(leaks(JSON.stringify(ack))).toEqual([]);
    }
  });

  it("does show the crowd to someone who has forecast (the walk looks for the right thing)", async () => {
    const seen = await api(`/api/v1/cruxes/${cruxId}/forecasts`, first.apiKey);
    expect(seen.text).toContain("0.873");
    expect(seen.text).toContain("0.129");
    const crux = await api(`/api/v1/cruxes/${cruxId}`, first.apiKey);
    expect(crux.text).toContain("0.501");
  });
});
