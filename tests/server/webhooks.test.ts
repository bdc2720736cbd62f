/**
 * Webhooks end to end: a real production server on a fresh PostgreSQL database, the job queue in
 * it, and a receiver this test runs on loopback. Signatures verify, a failing receiver is retried,
 * and a delivery queued before a restart arrives after it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  verifySignature,
} from "@/server/domain/webhooks";
import { postWebhook } from "@/server/webhooks/post";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import {
  createUserWithKey,
  fetchJson,
  postClaim,
  startProductionServer,
  waitUntil,
} from "../support/live";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A receiver that answers each request with the next planned status (then 200s). */
class Receiver {
  received: Received[] = [];
  plan: number[] = [];
  private server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const answered = this.plan.shift() ?? 200;
      this.received.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end("ok");
    });
  });
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    return (this.server.address() as AddressInfo).port;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SLUG = "rlhf-impact";

describe("webhooks", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;
  const receiver = new Receiver();
  let port: number;
  let key: string;
  let secret: string;
  const env = () => ({ DATABASE_URL: db.url, WEBHOOKS_ALLOW_PRIVATE: "1" });
  const api = <T>(path: string, init: RequestInit = {}) =>
    fetchJson<T>(`${server!.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    });

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_hooks");
    server = await startProductionServer(env());
    key = (await createUserWithKey(db.url, "hook-owner", "hook-owner-password")).apiKey;
    port = await receiver.listen();
  });
  afterAll(async () => {
    await server?.stop();
    await receiver.close().catch(() => undefined);
    await db?.drop();
  });

  it("at delivery, refuses a host name that resolves to a private address", async () => {
    await expect(
      postWebhook(`http://localhost:${port}/hook`, "{}", {}, { allowPrivate: false }),
    ).rejects.toThrow(/localhost resolves to a private address; refused/);
    expect(receiver.received).toEqual([]);
  });

  it("refuses bad URLs and unknown event types with a clear 400", async () => {
    const ftp = await api<{ message: string }>("/webhooks", {
      method: "POST",
      body: JSON.stringify({ url: "ftp://example.org/x" }),
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body.message).toMatch(/https:\/\/ or http:\/\//);
    const type = await api<{ message: string }>("/webhooks", {
      method: "POST",
      body: JSON.stringify({ url: "https://example.org/x", eventTypes: ["claim.sneezed"] }),
    });
    expect(type.status).toBe(400);
    expect(type.body.message).toMatch(/event types are: claim.created/);
  });

  it("signs each delivery, and retries a receiver that failed until it answers 2xx", async () => {
    const made = await api<{ id: number; secret: string }>("/webhooks", {
      method: "POST",
      body: JSON.stringify({
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes: ["claim.created"],
        debateSlug: SLUG,
      }),
    });
    expect(made.status).toBe(200);
    secret = made.body.secret;
    expect(secret).toMatch(/^whsec_/);

    receiver.plan = [503];
    const claim = await postClaim(server!.url, key, SLUG, { body: "Hooked claim one" });
    const [first, second] = await waitUntil(
      () => (receiver.received.length >= 2 ? receiver.received : undefined),
      "a failed delivery and its retry",
      30_000,
    );
    expect(first!.answered).toBe(503);
    expect(second!.answered).toBe(200);
    for (const r of [first!, second!]) {
      expect(r.headers[EVENT_HEADER]).toBe("claim.created");
      const signature = r.headers[SIGNATURE_HEADER] as string;
      expect(verifySignature(signature, secret, r.body, Math.floor(Date.now() / 1000))).toBe(true);
      // A tampered body does not verify.
      expect(verifySignature(signature, secret, `${r.body} `, Math.floor(Date.now() / 1000))).toBe(
        false,
      );
    }
    // One delivery, tried twice: the same id both times.
    expect(second!.headers[DELIVERY_HEADER]).toBe(first!.headers[DELIVERY_HEADER]);
    const payload = JSON.parse(second!.body) as {
      type: string;
      debate: string;
      data: { claim: { id: number; body: string } };
    };
    expect(payload).toMatchObject({ type: "claim.created", debate: SLUG });
    expect(payload.data.claim).toMatchObject({ id: claim.id, body: "Hooked claim one" });

    const list = await api<{
      webhooks: { recentDeliveries: { status: string; attempts: number; lastError: string }[] }[];
    }>("/webhooks");
    expect(list.body.webhooks[0]?.recentDeliveries[0]).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
  });

  it("delivers what was queued before a restart once the server is back", async () => {
    await receiver.close();
    const before = receiver.received.length;
    await postClaim(server!.url, key, SLUG, { body: "Hooked claim two" });
    // The first attempt fails (nobody listens) and is recorded; then the server goes down.
    let attempts = 0;
    const deadline = Date.now() + 30_000;
    while (attempts === 0 && Date.now() < deadline) {
      const list = await api<{
        webhooks: { recentDeliveries: { attempts: number; lastError: string | null }[] }[];
      }>("/webhooks");
      attempts = list.body.webhooks[0]?.recentDeliveries[0]?.attempts ?? 0;
      if (attempts === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(attempts).toBeGreaterThanOrEqual(1);
    await server!.stop();
    server = undefined;

    await receiver.listen(port);
    server = await startProductionServer(env());
    const arrived = await waitUntil(
      () => receiver.received.slice(before).find((r) => r.body.includes("Hooked claim two")),
      "the delivery queued before the restart",
      // A restart under load plus the queue's backoff (about e^n s after the n-th failure).
      90_000,
    );
    expect(arrived.answered).toBe(200);
    expect(
      verifySignature(
        arrived.headers[SIGNATURE_HEADER] as string,
        secret,
        arrived.body,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
  });
});
