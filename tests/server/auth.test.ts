/**
 * next-auth credentials sign-in on a production server, driven over HTTP like the browser form:
 * demo accounts (published password) are refused unless ALLOW_DEMO_LOGIN is set; real accounts
 * sign in; wrong passwords do not.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import {
  connectClient,
  createUserWithKey,
  fetchJson,
  signInWithCredentials,
  startProductionServer,
  type CreatedUser,
  type SignInOutcome,
} from "../support/live";

const DEMO_HANDLE = "post-author";
const DEMO_PASSWORD = "cruxible-demo";
const PASSWORD = "a-real-password-42";
const SESSION_COOKIE = "next-auth.session-token";

function expectSignedIn(outcome: SignInOutcome, handle: string) {
  expect(outcome.callbackStatus).toBe(200);
  expect(outcome.callbackUrl).not.toContain("error=");
  expect(outcome.cookies.names()).toContain(SESSION_COOKIE);
  expect(outcome.session.user?.handle).toBe(handle);
}

function expectRefused(outcome: SignInOutcome) {
  expect(outcome.callbackUrl).toContain("error=CredentialsSignin");
  expect(outcome.cookies.names()).not.toContain(SESSION_COOKIE);
  expect(outcome.session.user).toBeUndefined();
  expect(outcome.session).toEqual({});
}

describe("credentials sign-in in production", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;
  let user: CreatedUser;

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_auth");
    server = await startProductionServer({ DATABASE_URL: db.url });
    user = await createUserWithKey(
      db.url,
      `auth-${crypto.randomBytes(3).toString("hex")}`,
      PASSWORD,
    );
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe("without ALLOW_DEMO_LOGIN", () => {
    it("refuses the seeded demo account with its published password", async () => {
      expectRefused(await signInWithCredentials(server!.url, DEMO_HANDLE, DEMO_PASSWORD));
    });

    it("signs in an account created with the CLI, and the session is honoured", async () => {
      const outcome = await signInWithCredentials(server!.url, user.handle, PASSWORD);
      expectSignedIn(outcome, user.handle);
      expect(outcome.session.user?.id).toBe(user.id);

      // The session cookie identifies the caller to the API and to socket.io as well.
      const cookie = outcome.cookies.header();
      const me = await fetchJson<{ handle: string }>(`${server!.url}/api/v1/me`, {
        headers: { cookie },
      });
      expect(me.status).toBe(200);
      expect(me.body.handle).toBe(user.handle);
      const noCookie = await fetchJson<{ message?: string }>(`${server!.url}/api/v1/me`);
      expect(noCookie.status).toBe(401);

      // Two sockets with the session cookie are one viewer (by handle); an anonymous one is another.
      const sockets = [
        await connectClient(server!.url, { headers: { cookie } }),
        await connectClient(server!.url, { headers: { cookie } }),
      ];
      const anonymous = await connectClient(server!.url);
      try {
        for (const s of sockets)
          expect((await s.join({ slug: "rlhf-impact", afterSeq: 0 })).ok).toBe(true);
        await sockets[1]!.waitForPresence("rlhf-impact", 1);
        const mark = sockets[0]!.presence.length;
        expect((await anonymous.join({ slug: "rlhf-impact", afterSeq: 0 })).ok).toBe(true);
        await sockets[0]!.waitForPresence("rlhf-impact", 2, mark);
        expect(sockets[0]!.presence.some((p) => p.count > 2)).toBe(false);
      } finally {
        for (const s of [...sockets, anonymous]) s.close();
      }
    });

    it("refuses a wrong password and an unknown handle", async () => {
      expectRefused(await signInWithCredentials(server!.url, user.handle, `${PASSWORD}-wrong`));
      expectRefused(await signInWithCredentials(server!.url, "nobody-by-this-name", PASSWORD));
    });

    it("rejects a forged session cookie", async () => {
      const forged = `${SESSION_COOKIE}=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged`;
      const session = await fetchJson<Record<string, unknown>>(`${server!.url}/api/auth/session`, {
        headers: { cookie: forged },
      });
      expect(session.body).toEqual({});
      const me = await fetchJson<unknown>(`${server!.url}/api/v1/me`, {
        headers: { cookie: forged },
      });
      expect(me.status).toBe(401);
      // socket.io still lets the connection in, as an anonymous reader.
      const client = await connectClient(server!.url, { headers: { cookie: forged } });
      expect(client.socket.connected).toBe(true);
      client.close();
    });
  });

  describe("with ALLOW_DEMO_LOGIN=1", () => {
    let demoServer: RunningServer | undefined;

    beforeAll(async () => {
      demoServer = await startProductionServer({ DATABASE_URL: db.url, ALLOW_DEMO_LOGIN: "1" });
    });

    afterAll(async () => {
      await demoServer?.stop();
    });

    it("signs in the demo account", async () => {
      expectSignedIn(
        await signInWithCredentials(demoServer!.url, DEMO_HANDLE, DEMO_PASSWORD),
        DEMO_HANDLE,
      );
    });

    it("still refuses the demo account with a wrong password", async () => {
      expectRefused(
        await signInWithCredentials(demoServer!.url, DEMO_HANDLE, "not-the-demo-password"),
      );
    });
  });
});
