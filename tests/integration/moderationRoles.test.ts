/** Moderator and admin roles, and the audit log that records every grant (docs/moderation.md). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleApiV1 } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import { createApiKey, requireUserByHandle, type UserRecord } from "@/server/usecases/accounts";
import { requireDebate } from "@/server/usecases/debates";
import { requireModerator } from "@/server/usecases/moderation/roles";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let admin: UserRecord;
let alice: UserRecord;
let bob: UserRecord;
let debateId: number;
const slug = "rlhf-impact";

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  setDatabase(t.handle);
  admin = await makeUser(t, { isAdmin: true });
  alice = await makeUser(t);
  bob = await makeUser(t);
  debateId = (await requireDebate(t.handle.db, slug)).id;
});
afterAll(() => t.close());

describe("granting roles", () => {
  it("an admin makes a debate moderator, who then moderates that debate only", async () => {
    const db = t.handle.db;
    await rejects(requireModerator(db, alice, debateId), "FORBIDDEN", /Only moderators/);
    const granted = await callerFor(t, admin).moderation.grantRole({
      handle: alice.handle,
      role: "moderator",
      debateSlug: slug,
      reason: "runs the RLHF reading group",
    });
    expect(granted).toMatchObject({ handle: alice.handle, role: "moderator", debate: { slug } });
    await expect(requireModerator(db, alice, debateId)).resolves.toMatchObject({
      debateIds: [debateId],
    });
    await rejects(requireModerator(db, alice, debateId + 1000), "FORBIDDEN", /Only moderators/);
    await rejects(requireModerator(db, alice, null), "FORBIDDEN", /site-wide/);
    expect(await callerFor(t, alice).moderation.myScope()).toMatchObject({
      moderator: true,
      siteWide: false,
      debateIds: [debateId],
    });
    expect(await callerFor(t, bob).moderation.myScope()).toMatchObject({ moderator: false });
  });

  it("granting twice or revoking what isn't there is a 409; revoking takes it back", async () => {
    const admin$ = callerFor(t, admin).moderation;
    await admin$.grantRole({ handle: bob.handle, role: "moderator" });
    await rejects(
      admin$.grantRole({ handle: bob.handle, role: "moderator" }),
      "CONFLICT",
      /already a moderator site-wide/,
    );
    expect((await callerFor(t, bob).moderation.myScope()).siteWide).toBe(true);
    await admin$.revokeRole({ handle: bob.handle, role: "moderator" });
    expect((await callerFor(t, bob).moderation.myScope()).moderator).toBe(false);
    await rejects(
      admin$.revokeRole({ handle: bob.handle, role: "moderator" }),
      "CONFLICT",
      /is not a moderator site-wide/,
    );
  });

  it("only admins grant; admin can't be per-debate; no one drops their own admin role", async () => {
    await rejects(
      callerFor(t, alice).moderation.grantRole({ handle: bob.handle, role: "moderator" }),
      "FORBIDDEN",
      /Only admins/,
    );
    await rejects(
      callerFor(t, admin).moderation.grantRole({
        handle: bob.handle,
        role: "admin",
        debateSlug: slug,
      }),
      "FORBIDDEN",
      /site-wide role/,
    );
    await rejects(
      callerFor(t, admin).moderation.revokeRole({ handle: admin.handle, role: "admin" }),
      "BAD_REQUEST",
      /your own admin role/,
    );
    await rejects(
      callerFor(t, admin).moderation.grantRole({ handle: "nobody-here", role: "moderator" }),
      "NOT_FOUND",
      /No user/,
    );
  });

  it("admin grants make admins, listed with the moderators", async () => {
    let carol = await makeUser(t);
    await callerFor(t, admin).moderation.grantRole({ handle: carol.handle, role: "admin" });
    // A request loads its caller afresh; so does this test.
    carol = await requireUserByHandle(t.handle.db, carol.handle);
    expect((await callerFor(t, carol).moderation.myScope()).admin).toBe(true);
    const { roles } = await callerFor(t, carol).moderation.roles();
    expect(roles).toContainEqual(expect.objectContaining({ handle: carol.handle, role: "admin" }));
    expect(roles).toContainEqual(
      expect.objectContaining({
        handle: alice.handle,
        role: "moderator",
        debate: expect.objectContaining({ slug }),
      }),
    );
    await rejects(callerFor(t, bob).moderation.roles(), "FORBIDDEN", /Only moderators/);
  });
});

describe("the audit log", () => {
  it("records each grant with who, what, why; a debate moderator reads only their debate's entries", async () => {
    const { entries } = await callerFor(t, admin).moderation.log({ limit: 200 });
    const grant = entries.find(
      (e) => e.action === "role.grant" && e.details.handle === alice.handle,
    );
    expect(grant).toMatchObject({
      actor: { handle: admin.handle },
      targetKind: "user",
      targetId: alice.id,
      debate: { slug },
      reason: "runs the RLHF reading group",
      details: { role: "moderator", debateSlug: slug },
    });
    expect(entries.map((e) => e.action)).toContain("role.revoke");
    // Alice moderates one debate: the site-wide grants to bob are not hers to read.
    const hers = (await callerFor(t, alice).moderation.log({ limit: 200 })).entries;
    expect(hers.length).toBeGreaterThan(0);
    expect(hers.every((e) => e.debate?.slug === slug)).toBe(true);
    await rejects(callerFor(t, bob).moderation.log({ limit: 50 }), "FORBIDDEN", /Only moderators/);
  });

  it("admins filter by actor, action, debate and time, and page through it; moderators may not filter", async () => {
    const admin$ = callerFor(t, admin).moderation;
    const revokes = await admin$.log({ action: "role.revoke", limit: 50 });
    expect(revokes.entries.length).toBeGreaterThan(0);
    expect(revokes.entries.every((e) => e.action === "role.revoke")).toBe(true);
    const inDebate = await admin$.log({ debateSlug: slug, actorHandle: admin.handle, limit: 50 });
    expect(inDebate.entries.every((e) => e.debate?.slug === slug)).toBe(true);
    const future = await admin$.log({ from: "2999-01-01T00:00:00Z", limit: 50 });
    expect(future.entries).toEqual([]);
    const first = await admin$.log({ limit: 1 });
    expect(first.nextBefore).toBe(first.entries[0]!.id);
    const second = await admin$.log({ limit: 1, before: first.nextBefore! });
    expect(second.entries[0]!.id).toBeLessThan(first.entries[0]!.id);
    await rejects(
      callerFor(t, alice).moderation.log({ action: "role.grant", limit: 50 }),
      "FORBIDDEN",
      /Only admins filter/,
    );
  });
});

describe("API v1", () => {
  it("POST /moderation/roles needs an admin key; GET /moderation/log answers moderators", async () => {
    const adminKey = await createApiKey(t.handle.db, admin.id);
    const bobKey = await createApiKey(t.handle.db, bob.id);
    const dave = await makeUser(t);
    const send = (method: string, path: string, key: string, body?: unknown) =>
      handleApiV1(
        new Request(`http://localhost/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    const refused = await send("POST", "/moderation/roles", bobKey, {
      handle: dave.handle,
      role: "moderator",
    });
    expect(refused.status).toBe(403);
    const ok = await send("POST", "/moderation/roles", adminKey, {
      handle: dave.handle,
      role: "moderator",
      debateSlug: slug,
    });
    expect(ok.status).toBe(200);
    const badRole = await send("POST", "/moderation/roles", adminKey, {
      handle: dave.handle,
      role: "king",
    });
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { message: string }).message).toMatch(/role must be one of/);
    const log = await send("GET", `/moderation/log?action=role.grant&limit=5`, adminKey);
    expect(log.status).toBe(200);
    expect(((await log.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
    const gone = await send(
      "DELETE",
      `/moderation/roles?handle=${dave.handle}&role=moderator&debateSlug=${slug}`,
      adminKey,
    );
    expect(gone.status).toBe(200);
  });
});
