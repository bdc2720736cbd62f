/**
 * The hardened edges of a real production server on PostgreSQL (docs/security.md): bodies capped
 * before they are buffered, tRPC batches bounded, security headers with a CSP nonce, cookie writes
 * only from our origin, sign-in throttling, no open redirect, sign-out that ends the session
 * (here and everywhere), and socket caps.
 */
import http from "node:http";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import {
  connectClient,
  connectError,
  createUserWithKey,
  fetchJson,
  signInWithCredentials,
  startProductionServer,
  type CreatedUser,
  type LiveClient,
} from "../support/live";

const PASSWORD = "quokka-ledger-tangent";

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * POSTs a body declared (or streamed) as large and keeps sending; resolves with the status the
 * server answers (0 if the connection broke before any answer came).
 */
function bigPost(url: string, declaredBytes: number | null): Promise<number> {
  return new Promise((resolve) => {
    let status = 0;
    const req = http.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(declaredBytes === null ? {} : { "content-length": String(declaredBytes) }),
        },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        resolve(status);
        req.destroy();
      },
    );
    req.on("error", () => resolve(status));
    const chunk = Buffer.alloc(256 * 1024, "x");
    let sent = 0;
    const pump = () => {
      while (sent < 8 * 1024 * 1024 && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

describe("a production server's edges", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;
  let user: CreatedUser;
  let base: string;

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_security");
    server = await startProductionServer({
      DATABASE_URL: db.url,
      RATE_LIMIT_SIGNINS_PER_HANDLE: "3",
      RATE_LIMIT_SIGNINS_PER_CLIENT: "40",
      SOCKETS_PER_CLIENT: "6",
      ROOMS_PER_SOCKET: "2",
      REPLAY_EVENTS_PER_MINUTE: "25",
    });
    base = server.url;
    user = await createUserWithKey(db.url, "guarded", PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("refuses huge bodies before reading them, and its memory stays flat", async () => {
    const before = rssMb(server!.process.pid!);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        bigPost(
          `${base}/api/${i % 2 ? "v1/debates/x/claims" : "trpc/claims.create"}`,
          150 * 1024 * 1024,
        ),
      ),
    );
    expect(statuses.every((s) => s === 413)).toBe(true);
    expect(await bigPost(`${base}/api/v1/debates/x/claims`, null)).toBe(411);
    // 20 × 8 MB were sent at it; none of it was kept.
    expect(rssMb(server!.process.pid!) - before).toBeLessThan(100);
    expect((await fetchJson(`${base}/api/health`)).status).toBe(200);
  });

  it("refuses a tRPC batch of more than 10 calls", async () => {
    const calls = Array.from({ length: 11 }, () => "debates.list").join(",");
    const res = await fetch(`${base}/api/trpc/${calls}?batch=1&input={}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batch/i);
  });

  it("sends security headers, and Next's scripts carry the CSP nonce", async () => {
    const res = await fetch(`${base}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce every time.
    const again = (await fetch(`${base}/`)).headers.get("content-security-policy");
    expect(again).not.toContain(nonce);
  });

  it("refuses a cookie-authenticated write from another origin", async () => {
    const signedIn = await signInWithCredentials(base, user.handle, PASSWORD);
    const post = (origin: string) =>
      fetch(`${base}/api/trpc/claims.create`, {
        method: "POST",
        headers: { cookie: signedIn.cookies.header(), origin, "content-type": "application/json" },
        body: JSON.stringify({ slug: "nowhere", body: "cross-site" }),
      });
    const evil = await post("http://evil.example");
    expect(evil.status).toBe(403);
    expect(await evil.text()).toMatch(/must come from/);
    // From our own origin it reaches the procedure (which says the debate doesn't exist).
    expect((await post(base)).status).toBe(404);
  });

  it("sends people back only to paths on this site after signing in", async () => {
    for (const target of ["http://elsewhere.example/phish", "//elsewhere.example/phish"]) {
      const outcome = await signInWithCredentials(base, user.handle, PASSWORD, target);
      expect(new URL(outcome.callbackUrl).origin).toBe(new URL(base).origin);
    }
    const inside = await signInWithCredentials(base, user.handle, PASSWORD, `${base}/wallet`);
    expect(inside.callbackUrl).toBe(`${base}/wallet`);
  });

  it("ends a session at sign-out, even for a copy of its cookie", async () => {
    const signedIn = await signInWithCredentials(base, user.handle, PASSWORD);
    const cookie = signedIn.cookies.header();
    const me = () => fetch(`${base}/api/v1/me`, { headers: { cookie } });
    expect((await me()).status).toBe(200);
    const csrf = await fetchJson<{ csrfToken: string }>(`${base}/api/auth/csrf`, {
      headers: { cookie },
    });
    const out = await fetch(`${base}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        origin: base,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, json: "true" }).toString(),
    });
    expect(out.status).toBeLessThan(400);
    expect((await me()).status).toBe(401);
    const session = await fetchJson<Record<string, unknown>>(`${base}/api/auth/session`, {
      headers: { cookie },
    });
    expect(session.body).toEqual({});
  });

  it("signs a person out everywhere: every session begun before is refused", async () => {
    const phone = await signInWithCredentials(base, user.handle, PASSWORD);
    const laptop = await signInWithCredentials(base, user.handle, PASSWORD);
    // As the app's tRPC client sends it: a batch of one call with no input.
    const res = await fetch(`${base}/api/trpc/account.signOutEverywhere?batch=1`, {
      method: "POST",
      headers: {
        cookie: laptop.cookies.header(),
        origin: base,
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    for (const device of [phone, laptop])
      expect(
        (await fetch(`${base}/api/v1/me`, { headers: { cookie: device.cookies.header() } })).status,
      ).toBe(401);
    // Signing in again works.
    const fresh = await signInWithCredentials(base, user.handle, PASSWORD);
    expect(fresh.session.user?.handle).toBe(user.handle);
    // API keys are not sessions: they keep working.
    expect(
      (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${user.apiKey}` } }))
        .status,
    ).toBe(200);
  });

  it("throttles failed sign-ins per handle, then refuses even the right password for a while", async () => {
    const victim = await createUserWithKey(db.url, "victim", PASSWORD);
    for (let i = 0; i < 3; i++) {
      const wrong = await signInWithCredentials(base, victim.handle, `wrong-${i}-${PASSWORD}`);
      expect(wrong.callbackUrl).toContain("error=CredentialsSignin");
    }
    const right = await signInWithCredentials(base, victim.handle, PASSWORD);
    expect(decodeURIComponent(right.callbackUrl)).toMatch(
      /Too many failed sign-ins for @victim. Try again in \d+ min/,
    );
    expect(right.session).toEqual({});
    // Another account is not affected.
    expect((await signInWithCredentials(base, user.handle, PASSWORD)).session.user?.handle).toBe(
      user.handle,
    );
  });

  describe("sockets", () => {
    const open: LiveClient[] = [];
    afterAll(() => open.forEach((c) => c.close()));

    it("caps live connections per client address", async () => {
      for (let i = 0; i < 6; i++) open.push(await connectClient(base));
      const refused = await connectError(base);
      expect(refused.message).toMatch(/Too many live connections from your address/);
      open.pop()!.close();
      await new Promise((r) => setTimeout(r, 300));
      open.push(await connectClient(base));
    });

    it("caps rooms per socket and replayed events per minute, with a clear error", async () => {
      const headers = {
        authorization: `Bearer ${user.apiKey}`,
        "content-type": "application/json",
      };
      for (const slug of ["room-a", "room-b", "room-c"])
        await fetch(`${base}/api/v1/debates`, {
          method: "POST",
          headers,
          body: JSON.stringify({ slug, title: slug }),
        });
      for (let i = 0; i < 15; i++)
        await fetch(`${base}/api/v1/debates/room-a/claims`, {
          method: "POST",
          headers,
          body: JSON.stringify({ body: `claim ${i}` }),
        });
      const client = open[0]!;
      const first = await client.join({ slug: "room-a", afterSeq: 0 });
      expect(first).toMatchObject({ ok: true, complete: true });
      expect(first.ok && first.events?.length).toBe(15);
      // 10 of the 25-event budget left: the replay stops there and says it is incomplete.
      const second = await client.join({ slug: "room-a", afterSeq: 0 });
      expect(second.ok && second.events?.length).toBe(10);
      expect(second).toMatchObject({ complete: false });
      const third = await client.join({ slug: "room-a", afterSeq: 0 });
      expect(third).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Too many events replayed/),
      });

      const other = open[1]!;
      expect(await other.join({ slug: "room-b", afterSeq: 1_000_000 })).toMatchObject({ ok: true });
      expect(await other.join({ slug: "room-c", afterSeq: 1_000_000 })).toMatchObject({ ok: true });
      expect(await other.join({ slug: "room-a", afterSeq: 1_000_000 })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/follows 2 debates, the most allowed/),
      });
    });

    it("survives malformed messages (no unhandled rejection)", async () => {
      const client = open[2]!;
      client.socket.emit("debate:leave", "garbage");
      client.socket.emit("debate:leave", { slug: 42 });
      client.socket.emit("debate:join", null);
      await new Promise((r) => setTimeout(r, 300));
      expect(client.socket.connected).toBe(true);
      expect(server!.output()).not.toMatch(/Unhandled|unhandledRejection/i);
    });
  });
});
