/**
 * Following and reminders (docs/notifications.md): follow and unfollow, the automatic follow on a
 * forecast or a bet, followers hearing of proposals and disputes once each, preferences, and the
 * periodic reminders on a clock the test controls (each run given its own `now`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debates } from "@/db/schema";
import { handleApiV1, openApiDocument } from "@/server/api/v1";
import { setDatabase } from "@/server/runtime";
import { createApiKey, type UserRecord } from "@/server/usecases/accounts";
import { runReminders } from "@/server/usecases/reminders";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
const slug = "following";
const DAY = 86_400_000;
const HOUR = 3_600_000;
let cruxNumber = 0;

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  await t.handle.db.insert(debates).values({ slug, title: "Following" });
});
afterAll(() => t.close());

const as = (u: UserRecord | null) => callerFor(t, u);
const newCrux = (by: UserRecord, closesAt = Date.now() + 60 * DAY, extra = {}) =>
  as(by).cruxes.create({
    debateSlug: slug,
    title: `Followed crux #${++cruxNumber}`,
    resolutionCriteria: "r",
    closesAt: new Date(closesAt).toISOString(),
    ...extra,
  });
/** The person's notifications, oldest first, as kind: text. */
const inbox = async (u: UserRecord) =>
  (await as(u).people.notifications()).items.reverse().map((n) => `${n.kind}: ${n.text}`);
const following = async (u: UserRecord, cruxId: number) =>
  (await as(u).follows.cruxFollowState({ id: cruxId })).following;

describe("following", () => {
  it("follows on a forecast or a bet; an unfollow is kept when they forecast again", async () => {
    const [alice, bob, carol, dave] = await Promise.all([1, 2, 3, 4].map(() => makeUser(t)));
    const crux = await newCrux(alice!);
    expect(await following(bob!, crux.id)).toBe(false);
    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.4 });
    expect(await following(bob!, crux.id)).toBe(true);
    expect((await as(bob!).follows.mine()).cruxes.map((c) => c.cruxId)).toEqual([crux.id]);

    await as(bob!).follows.unfollowCrux({ id: crux.id });
    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.45 });
    expect(await following(bob!, crux.id)).toBe(false);
    expect((await as(bob!).follows.mine()).cruxes).toEqual([]);

    const offer = await as(carol!).bets.offer({ id: crux.id, side: "yes", price: 50, stake: 10 });
    expect(await following(carol!, crux.id)).toBe(true);
    await as(dave!).bets.accept({ id: offer.id, stake: 5 });
    expect(await following(dave!, crux.id)).toBe(true);

    await as(bob!).follows.followCrux({ id: crux.id });
    expect(await following(bob!, crux.id)).toBe(true);
    await rejects(as(bob!).follows.followCrux({ id: 999_999 }), "NOT_FOUND", /No crux/);
    await rejects(as(null).follows.followCrux({ id: crux.id }), "UNAUTHORIZED", /Sign in/);
    await rejects(as(bob!).follows.followDebate({ slug: "nope" }), "NOT_FOUND", /No debate/);
    await rejects(as(bob!).follows.cruxFollowState({ id: 999_999 }), "NOT_FOUND", /No crux/);
  });

  it("tells followers of a proposal and a dispute once each, never the one who acted", async () => {
    const [alice, bob, carol, dave, erin] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => makeUser(t)),
    );
    await as(dave!).follows.followDebate({ slug });
    expect((await as(dave!).follows.debateFollowState({ slug })).following).toBe(true);
    const crux = await newCrux(alice!);
    // A debate's follower hears of its new cruxes; the one who made it does not.
    expect(await inbox(dave!)).toEqual([
      `new-crux: @${alice!.handle} asked a new crux in a debate you follow: “${crux.title}”`,
    ]);
    expect(await inbox(alice!)).toEqual([]);

    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.7 });
    await as(carol!).follows.followCrux({ id: crux.id });
    await as(dave!).follows.followCrux({ id: crux.id }); // both the debate and the crux
    await as(erin!).follows.followCrux({ id: crux.id });
    const prefs = await as(erin!).follows.preferences();
    expect(prefs).toEqual({ off: [], movePoints: 10, closingSoonHours: 24, staleAfterDays: 30 });
    await as(erin!).follows.setPreferences({ ...prefs, off: ["resolution"] });

    await as(alice!).resolution.propose({ id: crux.id, outcome: "yes" });
    const proposed = `resolution: “${crux.title}” was proposed to resolve YES; you can dispute it during the dispute window`;
    expect(await inbox(bob!)).toEqual([proposed]);
    expect(await inbox(carol!)).toEqual([proposed]);
    expect((await inbox(dave!)).slice(1)).toEqual([proposed]);
    expect(await inbox(erin!)).toEqual([]);
    expect(await inbox(alice!)).toEqual([]);

    await as(bob!).resolution.dispute({ id: crux.id, reason: "Too early" });
    const disputed = `dispute: @${bob!.handle} disputed the resolution of “${crux.title}”`;
    expect((await inbox(carol!)).slice(1)).toEqual([disputed]);
    expect((await inbox(dave!)).slice(2)).toEqual([disputed]);
    expect(await inbox(erin!)).toEqual([disputed]);
    expect(await inbox(bob!)).toEqual([proposed]);

    await as(dave!).follows.unfollowDebate({ slug });
    await newCrux(alice!);
    expect((await inbox(dave!)).length).toBe(3);
  });

  it("refuses preferences out of bounds or of unknown kinds, naming the field", async () => {
    const u = await makeUser(t);
    const ok = { off: [], movePoints: 10, closingSoonHours: 24, staleAfterDays: 30 };
    await rejects(
      as(u).follows.setPreferences({ ...ok, movePoints: 0 }),
      "BAD_REQUEST",
      /movePoints must be a whole number of percentage points from 1 to 50/,
    );
    await rejects(
      as(u).follows.setPreferences({ ...ok, staleAfterDays: 400 }),
      "BAD_REQUEST",
      /staleAfterDays/,
    );
    await rejects(
      // @ts-expect-error: an unknown kind, as a client might send
      as(u).follows.setPreferences({ ...ok, off: ["gossip"] }),
      "BAD_REQUEST",
      /each kind must be one of/,
    );
    expect(await as(u).follows.preferences()).toEqual(ok);
  });
});

describe("reminders on a controlled clock", () => {
  it("crowd moves since the last look: once per move, by each person's threshold, never to whom the crowd is hidden", async () => {
    const [alice, bob, carol, frank] = await Promise.all([1, 2, 3, 4].map(() => makeUser(t)));
    const crux = await newCrux(alice!);
    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.3 });
    await as(carol!).follows.followCrux({ id: crux.id });
    await as(frank!).follows.followCrux({ id: crux.id });
    const fp = await as(frank!).follows.preferences();
    await as(frank!).follows.setPreferences({ ...fp, movePoints: 25 });
    const now = Date.now();

    await runReminders(t.services, now);
    expect(await inbox(carol!)).toEqual([]);

    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.5 });
    await runReminders(t.services, now + 60_000);
    const moved = `crowd-move: The community moved from 30% to 50% on “${crux.title}” since you last looked`;
    expect(await inbox(carol!)).toEqual([moved]);
    // Bob moved it himself; Frank wants 25 points or more.
    expect(await inbox(bob!)).toEqual([]);
    expect(await inbox(frank!)).toEqual([]);
    await runReminders(t.services, now + 120_000);
    expect(await inbox(carol!)).toEqual([moved]);

    // Looking at the crux starts "since you last looked" again.
    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.62 });
    await as(carol!).follows.cruxSeen({ id: crux.id });
    await runReminders(t.services, now + 180_000);
    expect(await inbox(carol!)).toEqual([moved]);
    expect(await inbox(frank!)).toEqual([
      `crowd-move: The community moved from 30% to 62% on “${crux.title}” since you last looked`,
    ]);

    // A crux hiding its crowd until you forecast tells a follower nothing of it.
    const hidden = await newCrux(alice!, Date.now() + 60 * DAY, { hideCrowdUntilForecast: true });
    await as(bob!).cruxes.forecast({ id: hidden.id, probability: 0.2 });
    await as(carol!).follows.followCrux({ id: hidden.id });
    await as(bob!).cruxes.forecast({ id: hidden.id, probability: 0.9 });
    await runReminders(t.services, now + 240_000);
    expect(await inbox(carol!)).toEqual([moved]);
  });

  it("a numeric crux's crowd move counts in percent of its range, told as medians", async () => {
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => makeUser(t)));
    const crux = await newCrux(alice!, Date.now() + 60 * DAY, {
      kind: "numeric",
      unit: "weeks",
      min: 0,
      max: 20,
      openLower: false,
      openUpper: false,
      scale: "linear",
    });
    await as(bob!).cruxes.forecast({ id: crux.id, median: 4, low: 2, high: 6 });
    await as(carol!).follows.followCrux({ id: crux.id });
    // One week is 5% of the range: under the default 10.
    await as(bob!).cruxes.forecast({ id: crux.id, median: 5, low: 3, high: 7 });
    await runReminders(t.services, Date.now());
    expect(await inbox(carol!)).toEqual([]);
    await as(bob!).cruxes.forecast({ id: crux.id, median: 10, low: 8, high: 12 });
    await runReminders(t.services, Date.now());
    const told = await inbox(carol!);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /^crowd-move: The community median moved from 4(\.\d+)? weeks to 10(\.\d+)? weeks on “/,
    );
  });

  it("closing soon: within each person's window, once per close time", async () => {
    const [alice, carol, frank, gina] = await Promise.all([1, 2, 3, 4].map(() => makeUser(t)));
    const closesAt = Date.now() + 10 * DAY;
    const crux = await newCrux(alice!, closesAt);
    for (const u of [carol!, frank!, gina!]) await as(u).follows.followCrux({ id: crux.id });
    const fp = await as(frank!).follows.preferences();
    await as(frank!).follows.setPreferences({ ...fp, closingSoonHours: 6 });
    await as(gina!).follows.setPreferences({ ...fp, off: ["closing-soon"] });

    await runReminders(t.services, closesAt - 30 * HOUR);
    expect(await inbox(carol!)).toEqual([]);
    await runReminders(t.services, closesAt - 12 * HOUR);
    const soon = (h: number) =>
      `closing-soon: “${crux.title}” closes in about ${h} hours: forecast or bet while it is open`;
    expect(await inbox(carol!)).toEqual([soon(12)]);
    expect(await inbox(frank!)).toEqual([]);
    await runReminders(t.services, closesAt - 5 * HOUR);
    expect(await inbox(carol!)).toEqual([soon(12)]);
    expect(await inbox(frank!)).toEqual([soon(5)]);
    expect(await inbox(gina!)).toEqual([]);
    // Past its close time nothing more is said.
    await runReminders(t.services, closesAt + HOUR);
    expect(await inbox(frank!)).toEqual([soon(5)]);
  });

  it("stale forecasts: older than the chosen age, once per forecast; reaffirming starts again", async () => {
    const [alice, bob, hugo] = await Promise.all([1, 2, 3].map(() => makeUser(t)));
    const crux = await newCrux(alice!, Date.now() + 100 * DAY);
    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.3 });
    await as(hugo!).cruxes.forecast({ id: crux.id, probability: 0.6 });
    const hp = await as(hugo!).follows.preferences();
    await as(hugo!).follows.setPreferences({ ...hp, staleAfterDays: 7 });
    const now = Date.now();
    // Bob follows too: Hugo moving the crowd is news to him, but only stale reminders count here.
    const staleOf = async (u: UserRecord) =>
      (await inbox(u)).filter((n) => n.startsWith("stale-forecast"));

    await runReminders(t.services, now + 6 * DAY);
    expect(await staleOf(bob!)).toEqual([]);
    expect(await staleOf(hugo!)).toEqual([]);
    await runReminders(t.services, now + 8 * DAY);
    const stale = (d: number) =>
      `stale-forecast: Your forecast on “${crux.title}” is ${d} days old: reaffirm it or update it`;
    expect(await staleOf(hugo!)).toEqual([stale(8)]);
    expect(await staleOf(bob!)).toEqual([]);
    await runReminders(t.services, now + 31 * DAY);
    expect(await staleOf(bob!)).toEqual([stale(31)]);
    expect(await staleOf(hugo!)).toEqual([stale(8)]);

    // Reaffirmed (the database stamps it with the real time, so on the test's clock it is as old
    // as the first one): a new forecast, a new reminder; then no repeat.
    await as(bob!).cruxes.forecast({ id: crux.id, probability: 0.3 });
    await runReminders(t.services, now + 31 * DAY + 60_000);
    expect(await staleOf(bob!)).toEqual([stale(31), stale(31)]);
    await runReminders(t.services, now + 40 * DAY);
    expect(await staleOf(bob!)).toEqual([stale(31), stale(31)]);

    // A withdrawn forecast is no forecast.
    await as(hugo!).cruxes.withdraw({ id: crux.id });
    await runReminders(t.services, now + 70 * DAY);
    expect(await staleOf(hugo!)).toEqual([stale(8)]);
  });
});

describe("API v1", () => {
  async function call(method: string, path: string, key?: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await handleApiV1(
      new Request(`http://localhost/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    return {
      status: res.status,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  }

  it("follows, lists and unfollows; reads and replaces preferences", async () => {
    const alice = await makeUser(t);
    const u = await makeUser(t);
    const key = await createApiKey(t.handle.db, u.id);
    const crux = await newCrux(alice);
    expect(await call("POST", `/cruxes/${crux.id}/follow`, key)).toEqual({
      status: 200,
      json: { following: true },
    });
    expect((await call("GET", `/cruxes/${crux.id}/follow`, key)).json).toEqual({ following: true });
    expect((await call("POST", `/debates/${slug}/follow`, key)).status).toBe(200);
    const list = await call("GET", "/me/follows", key);
    expect(list.json).toMatchObject({
      cruxes: [{ cruxId: crux.id, title: crux.title, debateSlug: slug }],
      debates: [{ debateSlug: slug, title: "Following" }],
    });
    expect((await call("DELETE", `/cruxes/${crux.id}/follow`, key)).json).toEqual({
      following: false,
    });
    expect((await call("DELETE", `/debates/${slug}/follow`, key)).json).toEqual({
      following: false,
    });
    expect((await call("GET", "/me/follows", key)).json).toEqual({ cruxes: [], debates: [] });
    expect((await call("POST", `/cruxes/${crux.id}/follow`)).status).toBe(401);

    const prefs = {
      off: ["stale-forecast"],
      movePoints: 5,
      closingSoonHours: 48,
      staleAfterDays: 14,
    };
    expect(await call("PUT", "/me/notification-preferences", key, prefs)).toEqual({
      status: 200,
      json: prefs,
    });
    expect((await call("GET", "/me/notification-preferences", key)).json).toEqual(prefs);
    const bad = await call("PUT", "/me/notification-preferences", key, {
      ...prefs,
      movePoints: 99,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/movePoints must be a whole number/);
    expect((await call("GET", "/me/notification-preferences", key)).json).toEqual(prefs);
  });

  it("describes the routes, each needing a key", () => {
    const doc = openApiDocument("http://localhost:3000") as unknown as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    for (const [path, method] of [
      ["/cruxes/{id}/follow", "post"],
      ["/cruxes/{id}/follow", "delete"],
      ["/cruxes/{id}/follow", "get"],
      ["/debates/{slug}/follow", "post"],
      ["/debates/{slug}/follow", "delete"],
      ["/me/follows", "get"],
      ["/me/notification-preferences", "get"],
      ["/me/notification-preferences", "put"],
    ] as const)
      expect(doc.paths[path]?.[method]?.security?.length ?? 0, `${method} ${path}`).toBeGreaterThan(
        0,
      );
  });
});
