/**
 * A database outage, on a PostgreSQL of the test's own: while it is down, health says so (503)
 * and requests get 503 with a message and Retry-After, never a 500; once it is back, everything
 * works again without restarting the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwnPostgres, type OwnPostgres } from "../support/ownPostgres";
import type { RunningServer } from "../support/server";
import { createUserWithKey, startProductionServer, type CreatedUser } from "../support/live";

describe("when the database goes away and comes back", () => {
  let pg: OwnPostgres;
  let server: RunningServer | undefined;
  let user: CreatedUser;

  beforeAll(async () => {
    pg = await createOwnPostgres();
    server = await startProductionServer({ DATABASE_URL: pg.url });
    user = await createUserWithKey(pg.url, "outage", "quokka-ledger-tangent");
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    try {
      pg?.stop();
    } catch {
      // already stopped
    }
    pg?.remove();
  });

  const get = (path: string) =>
    fetch(`${server!.url}${path}`, { headers: { authorization: `Bearer ${user.apiKey}` } });
  const post = (path: string, body: unknown) =>
    fetch(`${server!.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers 503 with Retry-After during the outage and recovers by itself", async () => {
    expect((await get("/api/health")).status).toBe(200);
    expect((await get("/api/v1/debates")).status).toBe(200);

    pg.stop();
    const health = await get("/api/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "unavailable" });
    for (const res of [
      await get("/api/v1/debates"),
      await get("/api/v1/me"),
      await post("/api/v1/debates", { slug: "during-outage", title: "x" }),
      await get("/api/trpc/debates.list"),
    ]) {
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await res.text()).toMatch(/database is unavailable/);
    }
    expect(server!.output()).not.toMatch(/\[cruxible\] 500/);

    pg.start();
    let status = 0;
    for (let i = 0; i < 30 && status !== 200; i++) {
      status = (await get("/api/health")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    expect((await post("/api/v1/debates", { slug: "after-outage", title: "Back" })).status).toBe(
      200,
    );
  }, 120_000);
});
