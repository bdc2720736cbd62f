/**
 * Locks, suspensions, bans and probation (docs/moderation.md): who may do each, what each refuses
 * (423 for a lock, 403 for a suspended or banned account), through the tRPC caller the app uses
 * and API v1's HTTP handler, with the ledger intact after a suspension refunds open offers.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { debates } from "@/db/schema";
import { handleApiV1 } from "@/server/api/v1";
import { loadConfig } from "@/server/config";
import { AppError } from "@/server/errors";
import { setDatabase } from "@/server/runtime";
import { appRouter, createCaller } from "@/server/trpc/router";
import { OPEN_TO_RESTRICTED } from "@/server/domain/restrictions";
import { handleTrpc } from "@/server/trpc/http";
import { createApiKey, requireUserByHandle, type UserRecord } from "@/server/usecases/accounts";
import { checkLedger, walletOf } from "@/server/usecases/ledger";
import { lockDebate } from "@/server/usecases/moderation/locks";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let admin: UserRecord;
let mod: UserRecord; // moderator of `slug` only
let otherMod: UserRecord; // moderator of `otherSlug` only
let siteMod: UserRecord;
let alice: UserRecord;
let bob: UserRecord;
const slug = `locks-${process.pid}`;
const otherSlug = `other-${process.pid}`;
const DAY = 24 * 3600_000;

/** A fresh copy of a user as the next request would load it. */
const reload = (u: UserRecord) => requireUserByHandle(t.handle.db, u.handle);

/** Rejected because of a lock: a CONFLICT to tRPC, a LOCKED AppError underneath (HTTP 423). */
async function refusedByLock(promise: Promise<unknown>, message: RegExp) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the lock to refuse it").toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe("CONFLICT");
  expect((err as TRPCError).cause).toBeInstanceOf(AppError);
  expect(((err as TRPCError).cause as AppError).code).toBe("LOCKED");
  expect((err as Error).message).toMatch(message);
}

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  await t.handle.db.insert(debates).values([
    { slug, title: "Locks" },
    { slug: otherSlug, title: "Other" },
  ]);
  admin = await makeUser(t, { isAdmin: true });
  [mod, otherMod, siteMod, alice, bob] = (await Promise.all(
    Array.from({ length: 5 }, () => makeUser(t)),
  )) as [UserRecord, UserRecord, UserRecord, UserRecord, UserRecord];
  const grant = callerFor(t, admin).moderation.grantRole;
  await grant({ handle: mod.handle, role: "moderator", debateSlug: slug });
  await grant({ handle: otherMod.handle, role: "moderator", debateSlug: otherSlug });
  await grant({ handle: siteMod.handle, role: "moderator" });
});
afterAll(() => t.close());

/** A failed test must not leave the debate locked for the next one. */
afterEach(async () => {
  await callerFor(t, admin)
    .restrictions.unlockDebate({ slug, reason: "" })
    .catch(() => undefined);
});

async function thread() {
  const a = callerFor(t, alice).claims;
  const root = await a.create({ slug, body: "Root claim" });
  const child = await a.create({ slug, body: "Child claim", parentId: root.id });
  const grandchild = await callerFor(t, bob).claims.create({
    slug,
    body: "Grandchild",
    parentId: child.id,
  });
  const sibling = await a.create({ slug, body: "Another top-level claim" });
  return { root, child, grandchild, sibling };
}

const closesAt = () => Date.now() + 30 * DAY;

describe("locking a debate", () => {
  it("only its moderators, site-wide moderators and admins may; each lock is audited and live", async () => {
    await rejects(
      callerFor(t, otherMod).restrictions.lockDebate({ slug, reason: "not mine" }),
      "FORBIDDEN",
      /Only moderators of this debate/,
    );
    await rejects(
      callerFor(t, alice).restrictions.lockDebate({ slug, reason: "x" }),
      "FORBIDDEN",
      /Only moderators/,
    );
    await rejects(
      callerFor(t, mod).restrictions.lockDebate({ slug, reason: "  " }),
      "BAD_REQUEST",
      /reason/,
    );
    const before = t.published.length;
    const locked = await callerFor(t, mod).restrictions.lockDebate({ slug, reason: "cool-off" });
    expect(locked.lock).toMatchObject({ by: mod.handle, reason: "cool-off" });
    expect(t.published.slice(before).map((e) => e.type)).toEqual(["debate.locked"]);
    await rejects(
      callerFor(t, siteMod).restrictions.lockDebate({ slug, reason: "again" }),
      "CONFLICT",
      /already locked/,
    );
    expect(await callerFor(t, null).restrictions.locks({ slug })).toMatchObject({
      debate: { by: mod.handle, reason: "cool-off" },
    });
    const { entries } = await callerFor(t, admin).moderation.log({ action: "debate.lock" });
    expect(entries[0]).toMatchObject({ actor: { handle: mod.handle }, reason: "cool-off" });
    await callerFor(t, otherMod)
      .restrictions.unlockDebate({ slug, reason: "" })
      .then(
        () => expect.unreachable("another debate's moderator unlocked it"),
        (e: TRPCError) => expect(e.code).toBe("FORBIDDEN"),
      );
    await callerFor(t, siteMod).restrictions.unlockDebate({ slug, reason: "calm again" });
    expect((await callerFor(t, null).restrictions.locks({ slug })).debate).toBeNull();
  });

  it("refuses every covered write with who locked it and why; resolution and cancelling go on", async () => {
    const { root, child } = await thread();
    const crux = await callerFor(t, alice).cruxes.create({
      debateSlug: slug,
      claimId: child.id,
      title: "Will it?",
      resolutionCriteria: "It does.",
      closesAt: closesAt(),
    });
    const offer = await callerFor(t, alice).bets.offer({
      id: crux.id,
      side: "yes",
      price: 60,
      stake: 30,
    });
    const other = await callerFor(t, alice).bets.offer({
      id: crux.id,
      side: "yes",
      price: 55,
      stake: 20,
    });
    await callerFor(t, bob).reactions.add({ id: root.id, kind: "agree" });
    await lockDebate(t.services, mod, slug, { reason: "too hot" });
    const msg = new RegExp(`This debate is locked by @${mod.handle}: “too hot”`);
    const a = callerFor(t, alice);
    const b = callerFor(t, bob);
    await refusedByLock(a.claims.create({ slug, body: "New" }), msg);
    await refusedByLock(a.claims.create({ slug, body: "Reply", parentId: root.id }), msg);
    await refusedByLock(a.claims.edit({ id: root.id, body: "Edited" }), msg);
    await refusedByLock(a.claims.delete({ id: root.id }), msg);
    await refusedByLock(b.claims.vote({ id: root.id, axis: "quality", value: 1 }), msg);
    await refusedByLock(b.reactions.add({ id: root.id, kind: "unclear" }), msg);
    await refusedByLock(b.reactions.remove({ id: root.id, kind: "agree" }), msg);
    await refusedByLock(
      a.cruxes.create({
        debateSlug: slug,
        title: "Another?",
        resolutionCriteria: "Yes.",
        closesAt: closesAt(),
      }),
      msg,
    );
    await refusedByLock(b.cruxes.forecast({ id: crux.id, probability: 0.4 }), msg);
    await refusedByLock(
      b.bets.offer({ id: crux.id, side: "no", price: 50, stake: 10 }),
      /can't offer bets/,
    );
    await refusedByLock(b.bets.accept({ id: offer.id, stake: 10 }), /can't take bets/);
    // The crux page is told, so it doesn't offer what would be refused.
    expect((await b.cruxes.get({ id: crux.id })).can).toMatchObject({
      forecast: false,
      offer: false,
      take: false,
      addEvidence: true,
    });
    // Not covered: evidence (the resolution lifecycle) and getting one's money out.
    await expect(
      b.resolution.addEvidence({
        id: crux.id,
        title: "A source",
        url: "https://example.com/source",
        direction: "yes",
      }),
    ).resolves.toMatchObject({ title: "A source" });
    await expect(a.bets.cancel({ id: other.id })).resolves.toMatchObject({ refunded: 20 });
    // Nothing was written by the refused calls.
    const page = await callerFor(t, null).debates.get({ slug });
    expect(page.claims.find((c) => c.id === root.id)).toMatchObject({
      body: "Root claim",
      quality: 0,
    });
    await callerFor(t, mod).restrictions.unlockDebate({ slug, reason: "" });
    await expect(b.claims.vote({ id: root.id, axis: "quality", value: 1 })).resolves.toMatchObject({
      quality: 1,
    });
  });
});

describe("locking a thread", () => {
  it("covers the claim and everything below it, nothing beside it", async () => {
    const { root, child, grandchild, sibling } = await thread();
    const crux = await callerFor(t, alice).cruxes.create({
      debateSlug: slug,
      claimId: grandchild.id,
      title: "Deep crux?",
      resolutionCriteria: "Yes.",
      closesAt: closesAt(),
    });
    await rejects(
      callerFor(t, otherMod).restrictions.lockThread({ id: child.id, reason: "x" }),
      "FORBIDDEN",
      /Only moderators of this debate/,
    );
    const before = t.published.length;
    await callerFor(t, mod).restrictions.lockThread({ id: child.id, reason: "off topic" });
    expect(t.published.slice(before)).toMatchObject([
      { type: "claim.locked", data: { claimId: child.id, lock: { reason: "off topic" } } },
    ]);
    const msg = /This thread is locked by @.*: “off topic”/;
    const a = callerFor(t, alice);
    const b = callerFor(t, bob);
    await refusedByLock(a.claims.create({ slug, body: "r", parentId: child.id }), msg);
    await refusedByLock(a.claims.create({ slug, body: "r", parentId: grandchild.id }), msg);
    await refusedByLock(a.claims.vote({ id: grandchild.id, axis: "agreement", value: 1 }), msg);
    await refusedByLock(b.claims.edit({ id: grandchild.id, body: "changed" }), msg);
    await refusedByLock(b.cruxes.forecast({ id: crux.id, probability: 0.7 }), msg);
    // The parent, its siblings and the top level stay open.
    await expect(a.claims.create({ slug, body: "fine", parentId: root.id })).resolves.toMatchObject(
      { parentId: root.id },
    );
    await expect(
      b.claims.vote({ id: sibling.id, axis: "quality", value: 1 }),
    ).resolves.toMatchObject({ quality: 1 });
    await expect(b.claims.vote({ id: root.id, axis: "quality", value: 1 })).resolves.toBeTruthy();
    await expect(a.claims.create({ slug, body: "top" })).resolves.toBeTruthy();
    expect((await callerFor(t, null).restrictions.locks({ slug })).claims).toMatchObject([
      { claimId: child.id, reason: "off topic" },
    ]);
    // Unlocked where it was set, not below it.
    await rejects(
      callerFor(t, mod).restrictions.unlockThread({ id: grandchild.id, reason: "" }),
      "CONFLICT",
      /not locked here/,
    );
    await callerFor(t, mod).restrictions.unlockThread({ id: child.id, reason: "" });
    await expect(
      a.claims.create({ slug, body: "now fine", parentId: grandchild.id }),
    ).resolves.toBeTruthy();
  });
});

describe("suspending and banning", () => {
  it("suspension needs site-wide scope; it cancels and refunds open offers in the same transaction", async () => {
    const carol = await makeUser(t);
    const { child } = await thread();
    const crux = await callerFor(t, alice).cruxes.create({
      debateSlug: otherSlug,
      title: "Offer crux",
      resolutionCriteria: "Yes.",
      closesAt: closesAt(),
    });
    const c = callerFor(t, carol);
    const o1 = await c.bets.offer({ id: crux.id, side: "yes", price: 40, stake: 100 });
    await c.bets.offer({ id: crux.id, side: "no", price: 70, stake: 50 });
    await callerFor(t, bob).bets.accept({ id: o1.id, stake: 20 });
    const locked = (await walletOf(t.handle.db, carol.id)).locked;
    expect(locked).toBeGreaterThan(0);
    await rejects(
      callerFor(t, mod).restrictions.suspend({ handle: carol.handle, hours: 2, reason: "x" }),
      "FORBIDDEN",
      /Only site-wide moderators and admins/,
    );
    await rejects(
      callerFor(t, siteMod).restrictions.suspend({ handle: carol.handle, reason: "x" }),
      "BAD_REQUEST",
      /either until/,
    );
    await rejects(
      callerFor(t, siteMod).restrictions.suspend({ handle: admin.handle, hours: 1, reason: "x" }),
      "FORBIDDEN",
      /Admins can't be suspended/,
    );
    const before = t.published.length;
    const done = await callerFor(t, siteMod).restrictions.suspend({
      handle: carol.handle,
      hours: 2,
      reason: "spamming",
    });
    expect(done).toMatchObject({ cancelledOffers: 2, banned: false });
    // The matched part of the first offer stays in escrow (a bet); the rest comes back.
    const wallet = await walletOf(t.handle.db, carol.id);
    expect(done.refunded).toBe(locked - wallet.locked);
    expect(t.published.slice(before).map((e) => e.type)).toEqual([
      "offer.updated",
      "offer.updated",
    ]);
    expect(await checkLedger(t.handle.db)).toEqual([]);
    const { offers } = await callerFor(t, null).bets.offers({ id: crux.id });
    expect(offers.filter((o) => o.makerHandle === carol.handle)).toEqual([]);

    // Refused everywhere, with until when, but reads and cancelling still work.
    const until = new RegExp(`suspended until \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC.*“spamming”`);
    const me = callerFor(t, await reload(carol));
    await rejects(me.claims.create({ slug, body: "hi" }), "FORBIDDEN", until);
    await rejects(me.claims.vote({ id: child.id, axis: "quality", value: 1 }), "FORBIDDEN", until);
    await rejects(me.reactions.add({ id: child.id, kind: "agree" }), "FORBIDDEN", until);
    await rejects(me.cruxes.forecast({ id: crux.id, probability: 0.5 }), "FORBIDDEN", until);
    await rejects(
      me.bets.offer({ id: crux.id, side: "yes", price: 50, stake: 10 }),
      "FORBIDDEN",
      until,
    );
    const bobOffer = await callerFor(t, bob).bets.offer({
      id: crux.id,
      side: "no",
      price: 50,
      stake: 10,
    });
    await rejects(me.bets.accept({ id: bobOffer.id, stake: 10 }), "FORBIDDEN", until);
    expect(Object.values((await me.cruxes.get({ id: crux.id })).can)).not.toContain(true);
    expect((await callerFor(t, bob).cruxes.get({ id: crux.id })).can.forecast).toBe(true);
    await expect(me.account.standing()).resolves.toMatchObject({
      restriction: { kind: "suspended", reason: "spamming" },
    });
    await expect(me.people.markNotificationsRead()).resolves.toBeDefined();
    // What they read and hear of is theirs to change: opening a crux marks it seen, follows.
    await expect(me.follows.followCrux({ id: crux.id })).resolves.toBeDefined();
    await expect(me.follows.cruxSeen({ id: crux.id })).resolves.toEqual({ ok: true });
    await expect(me.follows.unfollowCrux({ id: crux.id })).resolves.toBeDefined();
    const { entries } = await callerFor(t, admin).moderation.log({ action: "user.suspend" });
    expect(entries[0]).toMatchObject({
      actor: { handle: siteMod.handle },
      targetId: carol.id,
      reason: "spamming",
      details: { cancelledOffers: 2 },
    });

    await callerFor(t, siteMod).restrictions.unsuspend({ handle: carol.handle, reason: "ok" });
    await expect(
      callerFor(t, await reload(carol)).claims.create({ slug, body: "back" }),
    ).resolves.toBeTruthy();
  });

  it("only admins ban; a ban refuses writes permanently, with the reason; unban lifts it", async () => {
    const dave = await makeUser(t);
    await rejects(
      callerFor(t, siteMod).restrictions.ban({ handle: dave.handle, reason: "abuse" }),
      "FORBIDDEN",
      /Only admins can ban/,
    );
    await rejects(
      callerFor(t, admin).restrictions.ban({ handle: admin.handle, reason: "me" }),
      "FORBIDDEN",
      /yourself/,
    );
    await callerFor(t, admin).restrictions.ban({ handle: dave.handle, reason: "abuse" });
    const me = callerFor(t, await reload(dave));
    await rejects(me.claims.create({ slug, body: "hi" }), "FORBIDDEN", /banned permanently.*abuse/);
    await rejects(
      callerFor(t, siteMod).restrictions.suspend({ handle: dave.handle, hours: 1, reason: "x" }),
      "CONFLICT",
      /is banned/,
    );
    await callerFor(t, admin).restrictions.unban({ handle: dave.handle, reason: "appeal" });
    await expect(
      callerFor(t, await reload(dave)).claims.create({ slug, body: "hi again" }),
    ).resolves.toBeTruthy();
    const actions = (await callerFor(t, admin).moderation.log({ limit: 200 })).entries
      .filter((e) => e.targetId === dave.id)
      .map((e) => e.action);
    expect(actions).toEqual(["user.unban", "user.ban"]);
  });
});

describe("the write gate", () => {
  it("every write left open to a restricted account is a real mutation", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { type: string } }
    >;
    for (const path of OPEN_TO_RESTRICTED)
      expect(procedures[path]?._def.type, path).toBe("mutation");
  });
});

describe("probation for new accounts", () => {
  const probation = () => {
    const config = loadConfig({
      ...process.env,
      PROBATION_MINUTES: "60",
      PROBATION_WRITES_PER_MINUTE: "2",
    });
    return (user: UserRecord) =>
      createCaller({
        ...t.services,
        config,
        caller: user,
        clientAddress: "test",
        authenticatedBy: "session",
      });
  };

  it("a new account gets fewer writes a minute, saying until when; older accounts and admins don't", async () => {
    const callerOn = probation();
    const fresh = await makeUser(t);
    const c = callerOn(fresh);
    await c.claims.create({ slug, body: "one" });
    await c.claims.create({ slug, body: "two" });
    await rejects(
      c.claims.create({ slug, body: "three" }),
      "TOO_MANY_REQUESTS",
      /New accounts may make at most 2 changes a minute until .* UTC\. Try again in \d+ s\./,
    );
    await expect(callerOn(fresh).account.standing()).resolves.toMatchObject({
      probationUntil: expect.any(String),
    });
    const old = { ...(await makeUser(t)), createdAt: new Date(Date.now() - 2 * 3600_000) };
    for (let i = 0; i < 4; i++) await callerOn(old).claims.create({ slug, body: `old ${i}` });
    const newAdmin = await makeUser(t, { isAdmin: true });
    for (let i = 0; i < 4; i++)
      await callerOn(newAdmin).claims.create({ slug, body: `admin ${i}` });
  });
});

describe("HTTP: API v1 and /api/trpc", () => {
  let keys: Record<"mod" | "otherMod" | "alice" | "bob" | "siteMod" | "admin", string>;
  beforeAll(async () => {
    const pairs = await Promise.all(
      (
        [
          ["mod", mod],
          ["otherMod", otherMod],
          ["alice", alice],
          ["bob", bob],
          ["siteMod", siteMod],
          ["admin", admin],
        ] as const
      ).map(async ([k, u]) => [k, await createApiKey(t.handle.db, u.id)] as const),
    );
    keys = Object.fromEntries(pairs) as typeof keys;
  });

  async function call(method: string, path: string, key?: string, body?: unknown) {
    const res = await handleApiV1(
      new Request(`http://localhost/api/v1${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it("locks: 403 for another debate's moderator, 423 with the message on writes, 200 to unlock", async () => {
    const root = await callerFor(t, alice).claims.create({ slug, body: "HTTP root" });
    const lockPath = `/moderation/debates/${slug}/lock`;
    expect((await call("POST", lockPath, keys.otherMod, { reason: "x" })).status).toBe(403);
    expect((await call("POST", lockPath, undefined, { reason: "x" })).status).toBe(401);
    expect((await call("POST", lockPath, keys.mod, { reason: "break" })).status).toBe(200);
    const refused = await call("POST", `/debates/${slug}/claims`, keys.alice, { body: "hi" });
    expect(refused.status).toBe(423);
    expect(refused.json).toMatchObject({
      code: "LOCKED",
      message: expect.stringMatching(/locked by @.*“break”/),
    });
    const vote = await call("POST", `/claims/${root.id}/votes`, keys.bob, {
      axis: "quality",
      value: 1,
    });
    expect(vote.status).toBe(423);
    // The app's own endpoint answers 423 too, with the message the page shows.
    const trpc = await handleTrpc(
      new Request("http://localhost/api/trpc/claims.create", {
        method: "POST",
        headers: { authorization: `Bearer ${keys.alice}`, "content-type": "application/json" },
        body: JSON.stringify({ slug, body: "via trpc" }),
      }),
    );
    expect(trpc.status).toBe(423);
    const trpcBody = (await trpc.json()) as { error: { message: string; data: object } };
    expect(trpcBody.error.message).toMatch(/locked by @/);
    expect(trpcBody.error.data).toMatchObject({ code: "CONFLICT", appCode: "LOCKED" });
    expect((await call("DELETE", lockPath, keys.mod)).status).toBe(200);
    expect((await call("DELETE", lockPath, keys.mod)).status).toBe(409);
    const threadLock = await call("POST", `/moderation/claims/${root.id}/lock`, keys.mod, {
      reason: "thread",
    });
    expect(threadLock.status).toBe(200);
    const reply = await call("POST", `/debates/${slug}/claims`, keys.bob, {
      body: "r",
      parentId: root.id,
    });
    expect(reply.status).toBe(423);
    expect((await call("DELETE", `/moderation/claims/${root.id}/lock`, keys.mod)).status).toBe(200);
  });

  it("suspension and ban: roles checked; every write refused with 403 saying until when", async () => {
    const erin = await makeUser(t);
    const erinKey = await createApiKey(t.handle.db, erin.id);
    const crux = await callerFor(t, alice).cruxes.create({
      debateSlug: slug,
      title: "HTTP crux",
      resolutionCriteria: "Yes.",
      closesAt: closesAt(),
    });
    const root = await callerFor(t, alice).claims.create({ slug, body: "For erin" });
    const offer = await callerFor(t, alice).bets.offer({
      id: crux.id,
      side: "yes",
      price: 50,
      stake: 10,
    });
    const suspendPath = `/moderation/users/${erin.handle}/suspend`;
    const until = new Date(Date.now() + 3 * 3600_000).toISOString();
    expect((await call("POST", suspendPath, keys.mod, { until, reason: "x" })).status).toBe(403);
    expect((await call("POST", suspendPath, keys.siteMod, { reason: "x" })).status).toBe(400);
    const ok = await call("POST", suspendPath, keys.siteMod, { until, reason: "flooding" });
    expect(ok.status).toBe(200);
    expect(ok.json.suspendedUntil).toBe(until);
    const writes: [string, string, unknown][] = [
      ["POST", `/debates/${slug}/claims`, { body: "hi" }],
      ["POST", `/claims/${root.id}/votes`, { axis: "quality", value: 1 }],
      ["POST", `/claims/${root.id}/reactions`, { kind: "agree" }],
      ["POST", `/cruxes/${crux.id}/forecasts`, { probability: 0.3 }],
      ["POST", `/cruxes/${crux.id}/offers`, { side: "no", price: 50, stake: 10 }],
      ["POST", `/offers/${offer.id}/accept`, { stake: 5 }],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(method, path, erinKey, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.message).toMatch(/suspended until .* UTC.*“flooding”/);
    }
    expect((await call("GET", `/debates/${slug}`, erinKey)).status).toBe(200);
    expect((await call("GET", "/me/standing", erinKey)).json).toMatchObject({
      restriction: { kind: "suspended", until },
    });
    expect((await call("DELETE", suspendPath, keys.siteMod)).status).toBe(200);

    const banPath = `/moderation/users/${erin.handle}/ban`;
    expect((await call("POST", banPath, keys.siteMod, { reason: "x" })).status).toBe(403);
    expect((await call("POST", banPath, keys.admin, { reason: "sock puppet" })).status).toBe(200);
    for (const [method, path, body] of writes) {
      const res = await call(method, path, erinKey, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.message).toMatch(/banned permanently.*“sock puppet”/);
    }
    expect((await call("GET", `/moderation/users/${erin.handle}`, keys.admin)).json).toMatchObject({
      banReason: "sock puppet",
      may: { suspend: true, ban: true },
    });
    expect((await call("GET", `/moderation/users/${erin.handle}`, keys.mod)).status).toBe(403);
    expect((await call("DELETE", banPath, keys.siteMod)).status).toBe(403);
    expect((await call("DELETE", banPath, keys.admin)).status).toBe(200);
    expect((await call("POST", `/debates/${slug}/claims`, erinKey, { body: "hi" })).status).toBe(
      200,
    );
  });
});
