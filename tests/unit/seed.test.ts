import { describe, expect, it } from "vitest";
import { readSeedFile, SEED_FILES } from "@/db/seed";
import { cdfFromInput, disagreementThreshold, rangeProblem } from "@/server/domain/numeric";

const seed = readSeedFile(SEED_FILES[0] as string);
const allText = seed.claims.map((c) => c.body).join("\n");

describe("the seeded RLHF debate", () => {
  it("has at least 30 claims, threaded, with stances on every reply", () => {
    expect(seed.claims.length).toBeGreaterThanOrEqual(30);
    const replies = seed.claims.filter((c) => c.parentKey !== null);
    expect(replies.length).toBeGreaterThan(20);
    expect(replies.every((c) => c.stance !== null)).toBe(true);
    expect(seed.claims.filter((c) => c.parentKey === null).every((c) => c.stance === null)).toBe(
      true,
    );
  });

  it("threads each reply under an earlier claim, later in time than its parent", () => {
    const seen = new Map<string, number>();
    for (const c of seed.claims) {
      if (c.parentKey !== null) {
        expect(seen.has(c.parentKey), `${c.key} replies to a later or unknown claim`).toBe(true);
        expect(c.minutesAfterStart).toBeGreaterThan(seen.get(c.parentKey) as number);
      }
      seen.set(c.key, c.minutesAfterStart);
    }
  });

  it("quotes only exact excerpts of the parent", () => {
    const byKey = new Map(seed.claims.map((c) => [c.key, c]));
    for (const c of seed.claims.filter((x) => x.quote)) {
      expect(byKey.get(c.parentKey as string)?.body).toContain(c.quote);
    }
  });

  it("shows each quote once: a claim with a quote does not repeat it as a blockquote", () => {
    for (const c of seed.claims.filter((x) => x.quote))
      expect(c.body.trimStart().startsWith(">"), `${c.key} repeats its quote`).toBe(false);
  });

  it("attributes claims to role accounts, never to people", () => {
    const handles = new Set(seed.users.map((u) => u.handle));
    expect(handles.has("post-author")).toBe(true);
    for (const h of handles) expect(h).toMatch(/^(post-author|commenter-\d+)$/);
    for (const c of seed.claims) expect(handles.has(c.author)).toBe(true);
  });

  it("covers the thread's main disagreements", () => {
    for (const topic of [
      /1-4 weeks|1–4 weeks/,
      /8-16 weeks|8–16 weeks/,
      /Sydney/,
      /\$10B/,
      /mode collapse/i,
      /imitation/i,
      /agentic/i,
      /supervised/i,
    ]) {
      expect(allText).toMatch(topic);
    }
  });

  it("has no self-votes and no duplicate votes", () => {
    const author = new Map(seed.claims.map((c) => [c.key, c.author]));
    const seen = new Set<string>();
    for (const v of seed.votes) {
      expect(author.get(v.claimKey)).not.toBe(v.voter);
      const key = `${v.claimKey}:${v.voter}:${v.axis}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});

describe("the seeded cruxes", () => {
  const claimAt = new Map(seed.claims.map((c) => [c.key, c.minutesAfterStart]));

  it("has at least 6 cruxes drawn from claims, one of them conditional, with several forecasters each", () => {
    expect(seed.cruxes.length).toBeGreaterThanOrEqual(6);
    const conditional = seed.cruxes.filter((c) => c.condition);
    expect(conditional.length).toBeGreaterThanOrEqual(1);
    for (const c of conditional)
      expect(seed.cruxes.findIndex((x) => x.key === c.condition)).toBeLessThan(
        seed.cruxes.indexOf(c),
      );
    for (const c of seed.cruxes) {
      expect(new Set(c.forecasts.map((f) => f.user)).size).toBeGreaterThanOrEqual(3);
      if (c.claimKey) expect(claimAt.get(c.claimKey)).toBeLessThanOrEqual(c.minutesAfterStart);
    }
  });

  it("seeds the thread's Sydney bet as a conditional crux", () => {
    const sydney = seed.cruxes.find((c) => /Bing Chat/.test(c.title) && c.condition);
    expect(sydney?.finePrint).toMatch(/more supervised training, and no RLHF/);
  });

  it("dates forecasts after their crux and credits only claims that existed then", () => {
    for (const c of seed.cruxes)
      for (const f of c.forecasts) {
        expect(f.minutesAfterStart).toBeGreaterThanOrEqual(c.minutesAfterStart);
        if (f.movedByClaimKey)
          expect(claimAt.get(f.movedByClaimKey)).toBeLessThan(f.minutesAfterStart);
      }
  });
});

describe("the seeded numeric cruxes", () => {
  const claimText = new Map(seed.claims.map((c) => [c.key, c]));

  it("asks the thread's timeline question on a 0.1-100 week log scale, with both stated positions", () => {
    const c = seed.cruxes.find((x) => x.key === "n-timeline-weeks")!;
    expect(c.title).toBe(
      "How many weeks did ChatGPT's release shorten the expected time to transformative AI?",
    );
    expect(c.numeric).toEqual({
      unit: "weeks",
      min: 0.1,
      max: 100,
      openLower: false,
      openUpper: true,
      scale: "log",
    });
    // Resolved by a stated panel at a stated date: it is a counterfactual.
    expect(c.resolutionCriteria).toMatch(/panel/);
    expect(c.resolutionCriteria).toMatch(/1 January 2030/);
    const said = (user: string) => c.forecasts.find((f) => f.user === user)?.distribution;
    // The post author wrote "between 1-4 weeks"; commenter-1 "something closer to 8-16 weeks".
    expect(claimText.get("c35")).toMatchObject({ author: "post-author" });
    expect(claimText.get("c35")!.body).toContain("1-4 weeks");
    expect(claimText.get("c37")).toMatchObject({ author: "commenter-1" });
    expect(claimText.get("c37")!.body).toContain("8-16 weeks");
    expect(said("post-author")).toMatchObject({ low: 1, high: 4 });
    expect(said("commenter-1")).toMatchObject({ low: 8, high: 16 });
  });

  it("puts the investment range on a log scale in $B, with commenter-1's $200B-$500B", () => {
    const c = seed.cruxes.find((x) => x.key === "n-ai-investment")!;
    expect(c.numeric).toMatchObject({ unit: "$B", scale: "log" });
    expect(c.finePrint).toMatch(/log scale/i);
    expect(claimText.get("c32")!.body).toContain("$200B-$500B");
    expect(c.forecasts.find((f) => f.user === "commenter-1")?.distribution).toMatchObject({
      low: 200,
      high: 500,
    });
  });

  it("has valid ranges and distributions, and a threshold bet between the two positions", () => {
    for (const c of seed.cruxes.filter((x) => x.numeric)) {
      const { unit, ...range } = c.numeric!;
      expect(unit).not.toBe("");
      expect(rangeProblem(range)).toBeNull();
      for (const f of c.forecasts) expect(() => cdfFromInput(range, f.distribution!)).not.toThrow();
    }
    const c = seed.cruxes.find((x) => x.key === "n-timeline-weeks")!;
    const { unit: _unit, ...range } = c.numeric!;
    const cdf = (user: string) =>
      cdfFromInput(range, c.forecasts.find((f) => f.user === user)!.distribution!);
    const found = disagreementThreshold(range, cdf("post-author"), cdf("commenter-1"));
    expect(found!.threshold).toBeGreaterThan(4);
    expect(found!.threshold).toBeLessThan(8);
  });
});
