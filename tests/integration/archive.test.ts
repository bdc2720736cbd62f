/** Export and import of debates, through API v1 and tRPC, on PostgreSQL and PGlite. */
import { parse } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debates } from "@/db/schema";
import { handleApiV1 } from "@/server/api/v1";
import { createUser, type UserRecord } from "@/server/usecases/accounts";
import { getDebateThread } from "@/server/usecases/debates";
import { setDatabase } from "@/server/runtime";
import type { DebateArchive } from "@/server/domain/debateArchive";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";
import { rejects } from "../support/rejects";

let t: TestDb;
let admin: UserRecord;
let alice: UserRecord;
let bob: UserRecord;
const slug = "rlhf-impact";

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  setDatabase(t.handle);
  admin = await makeUser(t, { isAdmin: true });
  alice = await makeUser(t);
  bob = await makeUser(t);
});
afterAll(() => t.close());

async function get(path: string, key?: string) {
  return handleApiV1(
    new Request(`http://localhost/api/v1${path}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
  );
}

/** A thread as a shape: each claim's body, stance, date, parent (by position) and author (by first appearance). */
async function shapeOf(debateSlug: string) {
  const { claims } = await getDebateThread(t.handle.db, debateSlug, null);
  const position = new Map(claims.map((c, i) => [c.id, i]));
  const authors = new Map<string, number>();
  return claims.map((c) => {
    if (!authors.has(c.authorHandle)) authors.set(c.authorHandle, authors.size);
    return {
      body: c.body,
      stance: c.stance,
      createdAt: c.createdAt,
      parent: c.parentId === null ? null : position.get(c.parentId),
      author: authors.get(c.authorHandle),
    };
  });
}

describe("export", () => {
  it("GET /debates/{slug}/export: claims, cruxes, forecasts with history, offers and fills of the seeded debate", async () => {
    const res = await get(`/debates/${slug}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="rlhf-impact-/);
    const archive = (await res.json()) as DebateArchive;
    const thread = await getDebateThread(t.handle.db, slug, null);
    expect(archive.format).toBe("cruxible-debate");
    expect(archive.claims.map((c) => c.id)).toEqual(thread.claims.map((c) => c.id));
    expect(archive.cruxes.length).toBeGreaterThanOrEqual(3);
    expect(archive.forecasts.length).toBeGreaterThan(archive.cruxes.length);
    expect(archive.offers.length).toBeGreaterThan(0);
    // The seeded reactions mark the thread's ranges as cruxes.
    expect(archive.reactions.some((r) => r.kind === "crux" && r.quote.includes("weeks"))).toBe(
      true,
    );
    expect(archive.claims[0]).toMatchObject({ authorHandle: "post-author", parentId: null });
    // Numeric cruxes come with their range, and their forecasts as the distributions entered.
    const numeric = archive.cruxes.find((c) => c.kind === "numeric" && c.scale === "log");
    expect(numeric).toMatchObject({ unit: expect.any(String), rangeMin: expect.any(Number) });
    const distributions = archive.forecasts.filter((f) => f.cruxId === numeric?.id);
    expect(distributions.length).toBeGreaterThanOrEqual(2);
    for (const f of distributions)
      expect(f).toMatchObject({ probability: null, distribution: expect.any(Object) });
  });

  it("leaves out the forecasts a crux hides from the exporting viewer, keeping their own", async () => {
    const crux = await callerFor(t, alice).cruxes.create({
      debateSlug: slug,
      title: `Hidden export ${Date.now()}`,
      resolutionCriteria: "YES if it is.",
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      hideCrowdUntilForecast: true,
    });
    await callerFor(t, alice).cruxes.forecast({ id: crux.id, probability: 0.123 });
    const forecastsOf = (a: DebateArchive) =>
      a.forecasts.filter((f) => f.cruxId === crux.id).map((f) => f.userHandle);
    const anon = await callerFor(t, null).debates.export({ slug });
    expect(anon.cruxes.find((c) => c.id === crux.id)?.crowdHidden).toBe(true);
    expect(forecastsOf(anon)).toEqual([]);
    const asBob = await callerFor(t, bob).debates.export({ slug });
    expect(forecastsOf(asBob)).toEqual([]);
    await callerFor(t, bob).cruxes.forecast({ id: crux.id, probability: 0.8 });
    expect(forecastsOf(await callerFor(t, bob).debates.export({ slug })).sort()).toEqual(
      [alice.handle, bob.handle].sort(),
    );
    expect(forecastsOf(await callerFor(t, null).debates.export({ slug }))).toEqual([]);
  });

  it("format=csv: a zip of one CSV per kind whose rows match the JSON", async () => {
    const json = (await (await get(`/debates/${slug}/export`)).json()) as DebateArchive;
    const res = await get(`/debates/${slug}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      [
        "claims.csv",
        "cruxes.csv",
        "evidence.csv",
        "fills.csv",
        "forecasts.csv",
        "offers.csv",
        "reactions.csv",
        "resolutions.csv",
        "scores.csv",
      ].sort(),
    );
    const claims = parse(strFromU8(files["claims.csv"]!), { columns: true }) as Record<
      string,
      string
    >[];
    expect(claims).toHaveLength(json.claims.length);
    // Bodies with commas, quotes and newlines survive the round trip through CSV.
    expect(claims.map((c) => c.body)).toEqual(json.claims.map((c) => c.body));
    expect(claims[1]?.parentId).toBe(String(json.claims[1]?.parentId ?? ""));
    const forecasts = parse(strFromU8(files["forecasts.csv"]!), { columns: true }) as unknown[];
    expect(forecasts).toHaveLength(json.forecasts.length);
    // An empty kind still has its header.
    expect(strFromU8(files["scores.csv"]!).split("\n")[0]).toBe(
      "cruxId,userHandle,finalProbability,brier,log,baseline,peer,coverage",
    );
  });

  it("404s an unknown debate", async () => {
    const res = await get("/debates/no-such-debate/export");
    expect(res.status).toBe(404);
  });
});

describe("import", () => {
  it("the seeded debate round-trips: export then import gives the same thread", async () => {
    const archive = await callerFor(t, null).debates.export({ slug });
    const copy = `rlhf-copy-${Date.now().toString(36)}`;
    const r = await callerFor(t, admin).debates.import({ slug: copy, thread: archive });
    expect(r).toMatchObject({ slug: copy, title: archive.debate.title });
    expect(await shapeOf(copy)).toEqual(await shapeOf(slug));
    // Authors are placeholders named after the debate, not the original accounts.
    const imported = await getDebateThread(t.handle.db, copy, null);
    expect(new Set(imported.claims.map((c) => c.authorHandle))).toEqual(
      new Set(Array.from({ length: r.authors }, (_, i) => `${copy}-${i + 1}`)),
    );
  });

  it("reads a forum's GraphQL answer: replies before parents, a deleted comment's replies move up", async () => {
    const forum = {
      data: {
        comments: {
          results: [
            {
              _id: "r2",
              parentCommentId: "d1",
              user: { username: "Gwern" },
              postedAt: "2023-01-26T10:00:00Z",
              contents: { markdown: "Reply to a deleted comment" },
            },
            {
              _id: "t1",
              parentCommentId: null,
              user: { username: "Paul" },
              postedAt: "2023-01-25T15:00:00Z",
              contents: { markdown: "Top-level *markdown*" },
            },
            {
              _id: "d1",
              parentCommentId: "t1",
              user: { username: "Someone" },
              postedAt: "2023-01-25T16:00:00Z",
              contents: { markdown: "" },
              deleted: true,
            },
          ],
        },
      },
    };
    const s = `forum-${Date.now().toString(36)}`;
    const r = await callerFor(t, admin).debates.import({
      slug: s,
      title: "From a forum",
      thread: forum,
    });
    expect(r).toMatchObject({ claims: 2, authors: 2 });
    const thread = await getDebateThread(t.handle.db, s, null);
    expect(thread.claims.map((c) => [c.body, c.parentId === null])).toEqual([
      ["Top-level *markdown*", true],
      ["Reply to a deleted comment", false],
    ]);
    expect(thread.claims[1]?.parentId).toBe(thread.claims[0]?.id);
    expect(thread.claims[0]?.createdAt).toBe("2023-01-25T15:00:00.000Z");
  });

  it("refuses bad files, non-admins and taken slugs with a clear message, writing nothing", async () => {
    const comments = [
      { id: "a", parentId: null, author: "A", postedAt: "2023-01-01T00:00:00Z", body: "Hi" },
    ];
    await rejects(
      callerFor(t, alice).debates.import({ slug: "by-alice", thread: comments }),
      "FORBIDDEN",
      /Only admins/,
    );
    await rejects(
      callerFor(t, admin).debates.import({
        slug: "orphan-reply",
        thread: [{ ...comments[0], parentId: "zzz" }],
      }),
      "BAD_REQUEST",
      /replies to "zzz", which is not in the file/,
    );
    await rejects(
      callerFor(t, admin).debates.import({ slug: "twice", thread: [...comments, ...comments] }),
      "BAD_REQUEST",
      /Two comments have the id "a"/,
    );
    await rejects(
      callerFor(t, admin).debates.import({ slug: "no-author", thread: [{ id: "x", body: "b" }] }),
      "BAD_REQUEST",
      /Comment 1: needs an author .*a date/,
    );
    await rejects(
      callerFor(t, admin).debates.import({ slug, thread: comments }),
      "CONFLICT",
      /already exists/,
    );
    // Placeholder accounts that would clash: the debate it began is rolled back too.
    const clash = `clash-${Date.now().toString(36)}`;
    await makeUserNamed(`${clash}-1`);
    await rejects(
      callerFor(t, admin).debates.import({ slug: clash, thread: comments }),
      "CONFLICT",
      /another slug/,
    );
    const left = await t.handle.db.select().from(debates).where(eq(debates.slug, clash));
    expect(left).toEqual([]);
    for (const s of ["by-alice", "orphan-reply", "twice", "no-author"])
      expect(await t.handle.db.select().from(debates).where(eq(debates.slug, s))).toEqual([]);
  });
});

const makeUserNamed = (handle: string) =>
  createUser(t.handle.db, { handle, password: "correct horse" });
