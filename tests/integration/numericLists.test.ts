/**
 * What the debate's lists (Cruxes tab, state panel, claim chips) get of a numeric crux
 * (docs/numeric-cruxes-ui.md): its unit, community and own percentiles, and nothing of a crowd
 * hidden from the viewer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { debates } from "@/db/schema";
import type { UserRecord } from "@/server/usecases/accounts";
import { callerFor, makeUser, openTestDb, type TestDb } from "../support/testdb";

const slug = "numeric-lists";
let t: TestDb;
let ana: UserRecord;
let ben: UserRecord;

beforeAll(async () => {
  t = await openTestDb();
  await t.handle.db.insert(debates).values({ slug, title: "Numeric lists" });
  ana = await makeUser(t);
  ben = await makeUser(t);
});
afterAll(() => t.close());

const as = (u: UserRecord | null) => callerFor(t, u);

it("a numeric crux in the debate's list carries its unit and percentiles, yours too", async () => {
  const c = await as(ana).cruxes.create({
    debateSlug: slug,
    title: "How many weeks sooner?",
    resolutionCriteria: "A stated panel's median estimate.",
    closesAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    kind: "numeric",
    unit: "weeks",
    min: 0.1,
    max: 100,
    openUpper: true,
    scale: "log",
    hideCrowdUntilForecast: true,
  });
  await as(ana).cruxes.forecast({ id: c.id, median: 2, low: 1, high: 4 });

  const mine = (await as(ana).cruxes.forDebate({ slug })).cruxes.find((x) => x.id === c.id)!;
  expect(mine).toMatchObject({ kind: "numeric", unit: "weeks", resolvedValue: null });
  expect(mine.myPercentiles!.p10).toBeCloseTo(1, 6);
  expect(mine.myPercentiles!.p50).toBeCloseTo(2, 6);
  expect(mine.myPercentiles!.p90).toBeCloseTo(4, 6);
  expect(mine.percentiles!.p50).toBeCloseTo(2, 6);

  // Ben has not forecast: the crowd is hidden from him, and he has no range of his own.
  const his = (await as(ben).cruxes.forDebate({ slug })).cruxes.find((x) => x.id === c.id)!;
  expect(his).toMatchObject({ crowdHidden: true, percentiles: null, myPercentiles: null });
  expect(his.unit).toBe("weeks");
});
