import { describe, expect, it } from "vitest";
import {
  buildCruxMap,
  campMedians,
  campsOf,
  filterCruxMap,
  meanStrength,
  median,
  positionOf,
  type CruxMapInput,
  type MapCruxInput,
  widestCampGap,
} from "@/server/domain/cruxMap";

const crux = (id: number, extra: Partial<MapCruxInput> = {}): MapCruxInput => ({
  id,
  title: `Crux ${id}?`,
  status: "open",
  conditionCruxId: null,
  crowdHidden: false,
  crowdPublic: true,
  communityProbability: 0.5,
  current: new Map(),
  ...extra,
});

/**
 * Positions 1 and 2; claim 3 replies to 2 and claim 4 replies to 3; crux 10 bears on 1 and 4,
 * crux 11 (conditional on 10) on 2, crux 12 (hidden) on 1.
 */
const input = (): CruxMapInput => ({
  claims: [
    { id: 1, parentId: null, body: "**First** position", deleted: false, agree: 2, disagree: 2 },
    { id: 2, parentId: null, body: "Second position", deleted: false, agree: 0, disagree: 1 },
    { id: 4, parentId: 3, body: "A deep reply", deleted: true, agree: 0, disagree: 0 },
  ],
  parentOf: new Map([
    [1, null],
    [2, null],
    [3, 2],
    [4, 3],
  ]),
  cruxes: [
    crux(10, {
      communityProbability: 0.6,
      current: new Map([
        ["ann", 0.8],
        ["bob", 0.6],
        ["cat", 0.2],
        ["dan", 0.1],
        ["eve", 0.3],
      ]),
    }),
    crux(11, { conditionCruxId: 10, status: "resolved" }),
    crux(12, {
      crowdHidden: true,
      crowdPublic: false,
      communityProbability: null,
      current: new Map([
        ["ann", 0.9],
        ["cat", 0.1],
      ]),
    }),
  ],
  links: [
    { cruxId: 10, claimId: 1 },
    { cruxId: 10, claimId: 4 },
    { cruxId: 11, claimId: 2 },
    { cruxId: 12, claimId: 1 },
  ],
  judgements: [
    // ann: |0.9 - 0.2| = 0.7; cat: |0.3 - 0.6| = 0.3 -> mean 0.5.
    { cruxId: 10, claimId: 1, user: "ann", pClaimIfYes: 0.9, pClaimIfNo: 0.2 },
    { cruxId: 10, claimId: 1, user: "cat", pClaimIfYes: 0.3, pClaimIfNo: 0.6 },
    { cruxId: 10, claimId: 4, user: "bob", pClaimIfYes: 0.55, pClaimIfNo: 0.45 },
    { cruxId: 12, claimId: 1, user: "ann", pClaimIfYes: 0.9, pClaimIfNo: 0.1 },
    { cruxId: 12, claimId: 1, user: "cat", pClaimIfYes: 0.1, pClaimIfNo: 0.9 },
  ],
  votes: [
    { claimId: 1, user: "ann", value: 1 },
    { claimId: 1, user: "bob", value: 1 },
    { claimId: 1, user: "cat", value: -1 },
    { claimId: 1, user: "dan", value: -1 },
    { claimId: 2, user: "eve", value: -1 },
  ],
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([])).toBeNull();
    expect(median([0.3])).toBe(0.3);
    expect(median([0.9, 0.1, 0.5])).toBe(0.5);
    expect(median([0.8, 0.2, 0.1, 0.6])).toBeCloseTo(0.4, 12);
  });
});

describe("positionOf", () => {
  it("walks up to the top-level claim", () => {
    const parents = input().parentOf;
    expect(positionOf(4, parents)).toBe(2);
    expect(positionOf(1, parents)).toBe(1);
  });
  it("stops on a cycle instead of looping", () => {
    const cyclic = new Map<number, number | null>([
      [1, 2],
      [2, 1],
    ]);
    expect([1, 2]).toContain(positionOf(1, cyclic));
  });
});

describe("camp medians", () => {
  const camps = campsOf(1, input().votes);
  it("splits voters into agree and disagree camps", () => {
    expect([...camps.agree].sort()).toEqual(["ann", "bob"]);
    expect([...camps.disagree].sort()).toEqual(["cat", "dan"]);
  });
  it("gives each camp's median current forecast and the gap", () => {
    // agree: ann 0.8, bob 0.6 -> 0.7; disagree: cat 0.2, dan 0.1 -> 0.15; gap 0.55.
    const m = campMedians(camps, input().cruxes[0]!);
    expect(m.agreeMedian).toBeCloseTo(0.7, 12);
    expect(m.disagreeMedian).toBeCloseTo(0.15, 12);
    expect(m.gap).toBeCloseTo(0.55, 12);
  });
  it("leaves out voters without a forecast, and has no gap when a camp has none", () => {
    const m = campMedians(
      { agree: new Set(["ann", "zed"]), disagree: new Set(["zed"]) },
      input().cruxes[0]!,
    );
    expect(m).toEqual({ agreeMedian: 0.8, disagreeMedian: null, gap: null });
  });
  it("shows nothing while the crowd is hidden from the viewer", () => {
    expect(campMedians(camps, input().cruxes[2]!)).toEqual({
      agreeMedian: null,
      disagreeMedian: null,
      gap: null,
    });
  });
});

describe("meanStrength", () => {
  it("is the mean |P(claim|YES) - P(claim|NO)|, null without ratings", () => {
    expect(meanStrength(input().judgements.slice(0, 2))).toBeCloseTo(0.5, 12);
    expect(meanStrength([])).toBeNull();
  });
});

describe("buildCruxMap", () => {
  const map = buildCruxMap(input());
  const node = (id: string) => map.nodes.find((n) => n.id === id);

  it("has every crux, every position and each linked claim, and no other claim", () => {
    expect(map.nodes.map((n) => n.id)).toEqual([
      "crux-10",
      "crux-11",
      "crux-12",
      "claim-1",
      "claim-2",
      "claim-4",
    ]);
    expect(node("claim-4")).toMatchObject({ label: "[deleted]", positionId: 2 });
    expect(node("claim-1")).toMatchObject({
      kind: "claim",
      ref: 1,
      label: "First position",
      agree: 2,
      disagree: 2,
      positionId: 1,
    });
  });

  it("weights links by mean strength and carries the camps' medians", () => {
    const edge = map.edges.find((e) => e.from === "crux-10" && e.to === "claim-1");
    expect(edge?.kind).toBe("bears-on");
    expect(edge?.strength).toBeCloseTo(0.5, 12);
    expect(edge?.raters).toBe(2);
    expect(edge?.camps?.gap).toBeCloseTo(0.55, 12);
    const unrated = map.edges.find((e) => e.from === "crux-11" && e.to === "claim-2");
    expect(unrated).toMatchObject({ strength: null, raters: 0 });
  });

  it("draws a condition edge from the conditional crux to its condition", () => {
    expect(map.edges.filter((e) => e.kind === "condition")).toEqual([
      { from: "crux-11", to: "crux-10", kind: "condition" },
    ]);
  });

  it("hides the crowd's numbers from a viewer the crux hides them from", () => {
    expect(node("crux-12")).toMatchObject({ probability: null, crowdHidden: true });
    const hidden = map.edges.find((e) => e.from === "crux-12");
    expect(hidden?.camps).toEqual({ agreeMedian: null, disagreeMedian: null, gap: null });
    // Strength is a rating of the claim, not a forecast: still shown.
    expect(hidden?.strength).toBeCloseTo(0.8, 12);
    // A double crux would name two forecasts: never on a hidden crowd.
    expect(node("crux-12")?.doubleCrux).toBe(false);
  });

  it("marks double cruxes: strong for both camps and forecast far apart", () => {
    // ann agrees (strength 0.7, forecast 0.8), cat disagrees (0.3, 0.2): both >= 0.3, 0.6 apart.
    expect(node("crux-10")).toMatchObject({ doubleCrux: true, probability: 0.6 });
    expect(map.edges.find((e) => e.from === "crux-10" && e.to === "claim-1")?.doubleCrux).toBe(
      true,
    );
    expect(map.edges.find((e) => e.from === "crux-10" && e.to === "claim-4")?.doubleCrux).toBe(
      false,
    );
  });
});

describe("filterCruxMap", () => {
  const map = buildCruxMap(input());
  const ids = (m: ReturnType<typeof filterCruxMap>) => m.nodes.map((n) => n.id);

  it("keeps everything with no filter", () => {
    expect(filterCruxMap(map, { status: "all", minStrength: 0 })).toEqual(map);
  });

  it("keeps open or resolved cruxes, and drops conditions to cruxes left out", () => {
    const open = filterCruxMap(map, { status: "open", minStrength: 0 });
    expect(ids(open)).toEqual(["crux-10", "crux-12", "claim-1", "claim-2", "claim-4"]);
    expect(open.edges.some((e) => e.kind === "condition")).toBe(false);
    const resolved = filterCruxMap(map, { status: "resolved", minStrength: 0 });
    // Positions always stay; the deep reply only had the open crux 10.
    expect(ids(resolved)).toEqual(["crux-11", "claim-1", "claim-2"]);
  });

  it("drops weak and unrated links, the cruxes left without links and the claims they reached", () => {
    const strong = filterCruxMap(map, { status: "all", minStrength: 0.3 });
    expect(strong.edges.map((e) => `${e.from}>${e.to}`)).toEqual([
      "crux-10>claim-1",
      "crux-12>claim-1",
    ]);
    expect(ids(strong)).toEqual(["crux-10", "crux-12", "claim-1", "claim-2"]);
  });
});

describe("widestCampGap", () => {
  it("finds the claim and crux whose camps are furthest apart, skipping hidden crowds", () => {
    // Crux 10 on claim 1: 0.7 vs 0.15 (gap 0.55). Crux 12 on claim 1 is hidden; claim 4 has no
    // camps; claim 2 has only a disagree camp.
    const widest = widestCampGap(buildCruxMap(input()));
    expect(widest).toMatchObject({ claimId: 1, cruxId: 10, cruxTitle: "Crux 10?" });
    expect(widest?.agreeMedian).toBeCloseTo(0.7, 12);
    expect(widest?.disagreeMedian).toBeCloseTo(0.15, 12);
    expect(widest?.gap).toBeCloseTo(0.55, 12);
  });

  it("is null when no claim has both camps forecasting a crux", () => {
    const quiet = { ...input(), votes: [] };
    expect(widestCampGap(buildCruxMap(quiet))).toBeNull();
  });
});
