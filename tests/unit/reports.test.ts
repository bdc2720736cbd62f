import { describe, expect, it } from "vitest";
import {
  groupReports,
  orderQueue,
  queueFilter,
  reportProblem,
  type QueuedReport,
} from "@/server/domain/reports";

let nextId = 1;
const report = (over: Partial<QueuedReport>): QueuedReport => ({
  id: nextId++,
  targetKind: "claim",
  targetId: 1,
  debateId: 1,
  reporterHandle: "r",
  reason: "spam",
  details: "",
  createdAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

describe("report reasons", () => {
  it("needs details for 'other' and caps their length", () => {
    expect(reportProblem("spam", "")).toBeNull();
    expect(reportProblem("other", "  ")).toMatch(/say what is wrong/);
    expect(reportProblem("other", "it is a scam")).toBeNull();
    expect(reportProblem("spam", "x".repeat(1001))).toMatch(/at most 1000/);
  });
});

describe("the moderation queue", () => {
  const reports = [
    report({ targetId: 1, createdAt: "2026-01-01T00:00:00.000Z", reason: "spam" }),
    report({ targetId: 1, createdAt: "2026-01-02T00:00:00.000Z", reason: "harassment" }),
    report({ targetId: 1, createdAt: "2026-01-03T00:00:00.000Z", reason: "spam" }),
    report({
      targetKind: "user",
      targetId: 9,
      debateId: null,
      createdAt: "2026-01-05T00:00:00.000Z",
    }),
    report({ targetKind: "crux", targetId: 4, createdAt: "2026-01-04T00:00:00.000Z" }),
    report({ targetKind: "crux", targetId: 4, createdAt: "2026-01-04T00:00:00.000Z" }),
  ];

  it("groups reports by item, newest report first, with a tally of reasons", () => {
    const groups = groupReports(reports);
    expect(groups).toHaveLength(3);
    const claim = groups.find((g) => g.targetKind === "claim")!;
    expect(claim.reports.map((r) => r.createdAt)).toEqual([
      "2026-01-03T00:00:00.000Z",
      "2026-01-02T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ]);
    expect(claim.latestAt).toBe("2026-01-03T00:00:00.000Z");
    expect(claim.reasons).toEqual({ spam: 2, harassment: 1 });
  });

  it("orders by the latest report, or by how many reports (ties: latest first)", () => {
    const groups = groupReports(reports);
    const key = (g: { targetKind: string; targetId: number }) => `${g.targetKind}:${g.targetId}`;
    expect(orderQueue(groups, "newest").map(key)).toEqual(["user:9", "crux:4", "claim:1"]);
    expect(orderQueue(groups, "most-reported").map(key)).toEqual(["claim:1", "crux:4", "user:9"]);
  });

  it("is a total order (same input in any order gives the same queue)", () => {
    const shuffled = [...reports].reverse();
    const key = (g: { targetKind: string; targetId: number }) => `${g.targetKind}:${g.targetId}`;
    for (const order of ["newest", "most-reported"] as const)
      expect(orderQueue(groupReports(shuffled), order).map(key)).toEqual(
        orderQueue(groupReports(reports), order).map(key),
      );
  });

  it("holds everything for admins and site-wide moderators, else only their debates", () => {
    expect(queueFilter({ admin: true, siteWide: false, debateIds: [] })).toEqual({ all: true });
    expect(queueFilter({ admin: false, siteWide: true, debateIds: [] })).toEqual({ all: true });
    expect(queueFilter({ admin: false, siteWide: false, debateIds: [3] })).toEqual({
      all: false,
      debateIds: [3],
    });
  });
});
