/**
 * Start-up of the real server process: health, first-start seeding, server-rendered pages, the
 * socket.io/Next upgrade pitfall (docs/stack-notes.md) in production and development, the
 * PGlite folder guard, and refusing to start in production without NEXTAUTH_SECRET.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/postgres";
import { freePort, runProcess, type RunningServer } from "../support/server";
import {
  connectClient,
  fetchJson,
  getDebate,
  productionDistDir,
  runCli,
  sleep,
  startDevelopmentServer,
  startProductionServer,
  withoutScripts,
  type ApiClaim,
} from "../support/live";

const SLUG = "rlhf-impact";

/** A websocket-only client must stay connected (Next's upgrade listener once cut these off). */
async function expectWebsocketStaysConnected(baseUrl: string, seconds: number) {
  const client = await connectClient(baseUrl, { transports: ["websocket"] });
  try {
    expect(client.socket.io.engine.transport.name).toBe("websocket");
    const ack = await client.join({ slug: SLUG, afterSeq: 0 });
    expect(ack.ok).toBe(true);
    await sleep(seconds * 1000);
    expect(client.disconnects).toEqual([]);
    expect(client.socket.connected).toBe(true);
    // Still answering after the wait, on the same connection.
    const again = await client.join({ slug: SLUG, afterSeq: 0 });
    expect(again.ok).toBe(true);
    expect(client.disconnects).toEqual([]);
  } finally {
    client.close();
  }
}

/** Plain-text runs of a markdown body that render verbatim (no markdown syntax inside them). */
function plainSnippets(markdown: string): string[] {
  const runs = markdown.match(/[A-Za-z0-9 ,]{30,}/g) ?? [];
  return runs
    .map((run) => run.trim().split(/ +/).slice(1, -1).join(" ")) // drop edge words next to syntax
    .filter((s) => s.split(" ").length >= 4);
}

describe("production server on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_startup");
    server = await startProductionServer({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("reports health as JSON with the PostgreSQL driver", async () => {
    const res = await fetchJson<{ status: string; database: string; realtime: string }>(
      `${server!.url}/api/health`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ status: "ok", database: "postgres", realtime: "in-process" });
    expect(server!.output()).toContain("[cruxible] database: postgres");
    expect(server!.output()).toMatch(/ready on http:\/\/localhost:\d+ \(production\)/);
  });

  it("seeds the empty database on first start", async () => {
    const res = await fetchJson<{ debates: { slug: string; title: string; claimCount: number }[] }>(
      `${server!.url}/api/v1/debates`,
    );
    expect(res.status).toBe(200);
    const seeded = res.body.debates.filter((d) => d.slug === SLUG);
    expect(seeded).toHaveLength(1);
    expect(seeded[0]!.title).toBe("The impact of RLHF research");
    expect(seeded[0]!.claimCount).toBeGreaterThanOrEqual(30);

    const debate = await getDebate(server!.url, SLUG);
    expect(debate.claims.length).toBe(seeded[0]!.claimCount);
    expect(debate.lastSeq).toBe(0);
  });

  it("server-renders every seeded claim into the debate page", async () => {
    const { claims } = await getDebate(server!.url, SLUG);
    const res = await fetch(`${server!.url}/debates/${SLUG}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    // Text in the markup itself, not only in the data the client scripts hydrate from.
    const markup = withoutScripts(html);
    const has = (text: string) => markup.includes(text);
    expect(has("<h1>The impact of RLHF research</h1>")).toBe(true);
    // React separates the number from the word with an empty comment.
    expect(new RegExp(`>${claims.length}(<!-- -->)? claims<`).test(markup)).toBe(true);

    const checked: { claim: ApiClaim; snippet: string }[] = [];
    for (const claim of claims) {
      const snippet = plainSnippets(claim.body)[0];
      if (snippet) checked.push({ claim, snippet });
    }
    expect(checked.length).toBeGreaterThanOrEqual(30);
    const missing = checked.filter(({ snippet }) => !has(snippet));
    expect(missing.map(({ claim, snippet }) => `#${claim.id}: ${snippet}`)).toEqual([]);

    // HTML-escaped text: the first claim's apostrophe comes out as an entity, never raw markup.
    const first = claims.find((c) => c.body.startsWith("In this post I describe"));
    expect(first).toBeDefined();
    expect(first!.body).toContain("I don't find the arguments");
    expect(has("I don&#x27;t find the arguments")).toBe(true);
    expect(has("I don't find the arguments")).toBe(false);
    // Every claim is an article with its permalink anchor in the server-rendered thread.
    const articles = claims.filter((c) => !has(`<article class="claim" id="claim-${c.id}"`));
    expect(articles.map((c) => c.id)).toEqual([]);
  });

  it("answers 404 for a debate that does not exist", async () => {
    const res = await fetch(`${server!.url}/debates/no-such-debate-here`);
    expect(res.status).toBe(404);
  });

  it("keeps a websocket-only socket.io client connected for 5 seconds", async () => {
    // A page request first: Next attaches its upgrade handling on its first request.
    expect((await fetch(`${server!.url}/debates/${SLUG}`)).status).toBe(200);
    await expectWebsocketStaysConnected(server!.url, 5);
  });

  it("refuses to start in production without NEXTAUTH_SECRET (unset or empty)", async () => {
    for (const secret of [undefined, ""]) {
      const result = await runProcess(
        ["--import", "tsx", "server/main.ts"],
        {
          NODE_ENV: "production",
          NEXT_DIST_DIR: productionDistDir(),
          DATABASE_URL: db.url,
          NEXTAUTH_SECRET: secret,
          // Never reached when the check works: it comes before the database and the listener.
          PORT: String(await freePort()),
          REDIS_URL: undefined,
        },
        60_000,
      );
      expect(
        result.code,
        `NEXTAUTH_SECRET=${JSON.stringify(secret)}\n${result.stdout}${result.stderr}`,
      ).not.toBe(0);
      expect(result.stderr).toContain("NEXTAUTH_SECRET is not set");
      expect(result.stdout).not.toContain("ready on");
    }
  });
});

describe("development server on embedded PGlite (no DATABASE_URL)", () => {
  let dir: string;
  let pgliteDir: string;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "crx-dev-"));
    pgliteDir = path.join(dir, "pglite");
    server = await startDevelopmentServer({
      PGLITE_DIR: pgliteDir,
      // Dev output goes to <distDir>/dev; keep it beside the isolated production build.
      NEXT_DIST_DIR: productionDistDir(),
    });
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports health with the PGlite driver", async () => {
    const res = await fetchJson<{ status: string; database: string }>(`${server!.url}/api/health`, {
      signal: AbortSignal.timeout(110_000),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: "pglite" });
    expect(server!.output()).toContain(`[cruxible] database: pglite (${pgliteDir})`);
    expect(server!.output()).toMatch(/ready on http:\/\/localhost:\d+ \(development\)/);
    expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(true);
    expect(fs.readFileSync(`${pgliteDir}.lock`, "utf8")).toBe(String(server!.process.pid));
  });

  it("keeps a websocket-only socket.io client connected for 5 seconds", async () => {
    await expectWebsocketStaysConnected(server!.url, 5);
  });

  it("makes the CLI refuse the PGlite folder while the server holds it", async () => {
    const result = await runCli(["db:seed"], { PGLITE_DIR: pgliteDir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `The embedded database in ${pgliteDir} is in use by process ${server!.process.pid}`,
    );
    expect(result.stdout).not.toContain("Seeded");
  });

  it("releases the folder on shutdown, so the CLI can then open it", async () => {
    await server!.stop();
    expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(false);
    const result = await runCli(["db:seed"], { PGLITE_DIR: pgliteDir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`"${SLUG}" already exists; left as it is.`);
  });
});
