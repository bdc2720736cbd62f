/** Races that only real PostgreSQL can show (PGlite runs one statement at a time). */
import { TRPCError } from "@trpc/server";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debateEvents, debates } from "@/db/schema";
import type { UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
let users: UserRecord[];

beforeAll(async () => {
  t = await openTestDb();
  expect(t.handle.kind).toBe("postgres");
  users = await Promise.all(Array.from({ length: 24 }, () => makeUser(t)));
});
afterAll(() => t.close());

async function newDebate(slug: string) {
  const [row] = await t.handle.db.insert(debates).values({ slug, title: slug }).returning();
  return row!;
}

async function seqs(debateId: number) {
  const rows = await t.handle.db
    .select({ seq: debateEvents.seq })
    .from(debateEvents)
    .where(eq(debateEvents.debateId, debateId))
    .orderBy(asc(debateEvents.seq));
  return rows.map((r) => r.seq);
}

describe("concurrent writers to one debate", () => {
  it("get consecutive, gap-free event seqs", async () => {
    const debate = await newDebate("race-posts");
    const posted = await Promise.all(
      users.map((u, i) => callerFor(t, u).claims.create({ slug: debate.slug, body: `post ${i}` })),
    );
    expect(new Set(posted.map((c) => c.id)).size).toBe(users.length);
    expect(await seqs(debate.id)).toEqual(Array.from({ length: users.length }, (_, i) => i + 1));
    const [row] = await t.handle.db
      .select({ lastSeq: debates.lastSeq })
      .from(debates)
      .where(eq(debates.id, debate.id));
    expect(row?.lastSeq).toBe(users.length);
  });

  it("count every concurrent vote exactly once", async () => {
    const debate = await newDebate("race-votes");
    const [author, ...voters] = users;
    const claim = await callerFor(t, author!).claims.create({
      slug: debate.slug,
      body: "vote race",
    });
    await Promise.all(
      voters.map((u, i) =>
        callerFor(t, u).claims.vote({
          id: claim.id,
          axis: i % 2 ? "agreement" : "quality",
          value: 1,
        }),
      ),
    );
    const { claims } = await callerFor(t, null).debates.get({ slug: debate.slug });
    const expectedQuality = voters.filter((_, i) => i % 2 === 0).length;
    expect(claims[0]).toMatchObject({
      quality: expectedQuality,
      agree: voters.length - expectedQuality,
      disagree: 0,
    });
    expect(await seqs(debate.id)).toEqual(
      Array.from({ length: voters.length + 1 }, (_, i) => i + 1),
    );
  });

  it("let one of many identical concurrent votes through and refuse the rest", async () => {
    const debate = await newDebate("race-double-vote");
    const claim = await callerFor(t, users[0]!).claims.create({
      slug: debate.slug,
      body: "double vote",
    });
    const voter = callerFor(t, users[1]!);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        voter.claims.vote({ id: claim.id, axis: "quality", value: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(TRPCError);
      expect((r.reason as TRPCError).code).toBe("CONFLICT");
    }
    const { claims } = await callerFor(t, null).debates.get({ slug: debate.slug });
    expect(claims[0]?.quality).toBe(1);
  });
});
