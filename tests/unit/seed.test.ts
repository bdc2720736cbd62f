import { describe, expect, it } from "vitest";
import { readSeedFile, SEED_FILES } from "@/db/seed";

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

describe("the seeded reactions", () => {
  it("mark the thread's ranges as cruxes, quoting exact excerpts, once per person, kind and passage", () => {
    const body = new Map(seed.claims.map((c) => [c.key, c.body]));
    const seen = new Set<string>();
    for (const r of seed.reactions) {
      expect(body.get(r.claimKey)).toContain(r.quote);
      const key = `${r.claimKey}:${r.user}:${r.kind}:${r.quote}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const cruxMarked = seed.reactions.filter((r) => r.kind === "crux").map((r) => r.quote);
    expect(cruxMarked).toEqual(expect.arrayContaining(["between 1-4 weeks", "8-16 weeks"]));
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
