/**
 * The lifecycle rules of numeric cruxes and their threshold cruxes (server/domain/lifecycle.ts,
 * docs/numeric-cruxes.md): no bets on the numeric crux, a number (or ANNULLED) as its verdict,
 * threshold cruxes following it (parent-final, parent-undone) and never resolved on their own.
 */
import { describe, expect, it } from "vitest";
import {
  allowedActions,
  describeVerdict,
  thresholdOutcome,
  transition,
  type Actor,
  type CruxFacts,
  type Decision,
} from "@/server/domain/lifecycle";
import type { NumericRange } from "@/server/domain/numeric";
import {
  describePercentiles,
  resolutionValueProblem,
  thresholdCriteria,
  thresholdTitle,
} from "@/server/domain/thresholdCruxes";

const HOUR = 3600_000;
const NOW = 1_000 * HOUR;
const CREATOR = 1;
const ADMIN = 9;
const weeks: NumericRange = { min: 0.1, max: 100, openLower: false, openUpper: true, scale: "log" };

function facts(over: Partial<CruxFacts> = {}): CruxFacts {
  return {
    status: "open",
    closesAt: NOW + 24 * HOUR,
    creatorId: CREATOR,
    resolverId: CREATOR,
    proposal: null,
    decidedOutcome: null,
    decidedValue: null,
    condition: null,
    numeric: null,
    derived: null,
    hasCommitments: false,
    resolverHasPosition: false,
    annulledByCondition: false,
    ...over,
  };
}
const numeric = (over: Partial<CruxFacts> = {}) =>
  facts({ numeric: { range: weeks, unit: "weeks" }, ...over });
const derived = (over: Partial<CruxFacts> = {}) =>
  facts({ derived: { parentTitle: "How many weeks?", threshold: 6 }, ...over });
const user = (id: number): Actor => ({
  kind: "user",
  id,
  isAdmin: id === ADMIN,
  hasStake: false,
  debt: 0,
});
const SYSTEM: Actor = { kind: "system" };

function refused(d: Decision, code: "forbidden" | "conflict" | "invalid", reason: RegExp) {
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.code).toBe(code);
  expect(d.reason).toMatch(reason);
}

describe("a numeric crux", () => {
  it("takes forecasts but no offers or bets", () => {
    expect(transition(numeric(), { type: "forecast" }, user(2), NOW).ok).toBe(true);
    for (const type of ["offer", "take"] as const)
      refused(transition(numeric(), { type }, user(2), NOW), "conflict", /threshold cruxes/);
    expect(allowedActions(numeric(), user(2), NOW)).toMatchObject({
      forecast: true,
      offer: false,
      take: false,
    });
  });

  it("resolves to a number within its closed bounds, or ANNULLED", () => {
    const propose = (outcome: "yes" | "value" | "annulled", value: number | null) =>
      transition(numeric(), { type: "propose", outcome, value }, user(CREATOR), NOW);
    expect(propose("value", 6).ok).toBe(true);
    expect(propose("value", 250).ok).toBe(true); // beyond the open upper bound
    expect(propose("annulled", null).ok).toBe(true);
    refused(propose("yes", null), "invalid", /resolves to a number/);
    refused(propose("value", null), "invalid", /resolves to a number/);
    refused(propose("value", 0.05), "invalid", /closed minimum/);
    refused(propose("annulled", 3), "invalid", /no number/);
    refused(
      transition(facts(), { type: "propose", outcome: "value", value: 3 }, user(CREATOR), NOW),
      "invalid",
      /yes\/no crux/,
    );
  });

  it("settles with its number and resolves its threshold cruxes in the same step", () => {
    const d = transition(
      numeric({
        status: "resolving",
        proposal: { outcome: "value", value: 10, proposedBy: CREATOR, disputeUntil: NOW - 1 },
      }),
      { type: "window-end" },
      SYSTEM,
      NOW,
    );
    expect(d).toMatchObject({ ok: true, to: "resolved" });
    if (!d.ok) return;
    expect(d.effects).toEqual([
      { kind: "record-outcome", outcome: "value", value: 10 },
      { kind: "settle", outcome: "value", value: 10, conditionNotMet: false },
      { kind: "cascade", outcome: "value" },
      { kind: "resolve-derived", value: 10 },
    ]);
  });

  it("annulled by its condition, annuls its threshold cruxes", () => {
    const d = transition(
      numeric({ condition: { title: "C", status: "resolving", outcome: null } }),
      { type: "condition-final", outcome: "no" },
      SYSTEM,
      NOW,
    );
    expect(d.ok && d.effects).toContainEqual({ kind: "resolve-derived", value: null });
  });

  it("alone can have threshold cruxes made, while open", () => {
    expect(transition(numeric(), { type: "derive" }, user(2), NOW).ok).toBe(true);
    refused(transition(facts(), { type: "derive" }, user(2), NOW), "invalid", /only a numeric/);
    refused(
      transition(numeric({ status: "closed" }), { type: "derive" }, user(2), NOW),
      "conflict",
      /while it is open/,
    );
  });
});

describe("a threshold crux", () => {
  it("is YES above its threshold, NO at or below it, ANNULLED with its numeric crux", () => {
    expect(thresholdOutcome(6, 6.01)).toBe("yes");
    expect(thresholdOutcome(6, 6)).toBe("no");
    expect(thresholdOutcome(6, 0.5)).toBe("no");
    expect(thresholdOutcome(6, null)).toBe("annulled");
  });

  it("follows its numeric crux from open: closes, settles, cascades", () => {
    const d = transition(derived(), { type: "parent-final", value: 10 }, SYSTEM, NOW);
    expect(d).toMatchObject({ ok: true, from: "open", to: "resolved" });
    if (!d.ok) return;
    expect(d.effects).toEqual([
      { kind: "close-now" },
      { kind: "record-outcome", outcome: "yes", value: null },
      { kind: "settle", outcome: "yes", value: null, conditionNotMet: false },
      { kind: "cascade", outcome: "yes" },
    ]);
    expect(transition(derived(), { type: "parent-final", value: null }, SYSTEM, NOW)).toMatchObject(
      { ok: true, to: "annulled" },
    );
    // Already final: nothing more.
    expect(
      transition(derived({ status: "resolved" }), { type: "parent-final", value: 1 }, SYSTEM, NOW),
    ).toMatchObject({ ok: true, moves: false });
    refused(
      transition(derived(), { type: "parent-final", value: 1 }, user(ADMIN), NOW),
      "forbidden",
      /happens by itself/,
    );
  });

  it("goes back where it was when its numeric crux's finalization is undone", () => {
    const d = transition(
      derived({ status: "resolved" }),
      { type: "parent-undone", before: "open" },
      SYSTEM,
      NOW,
    );
    expect(d).toMatchObject({ ok: true, to: "open" });
    expect(d.ok && d.effects).toEqual([
      { kind: "reverse-finalization" },
      { kind: "clear-outcome" },
      { kind: "reopen" },
    ]);
  });

  it("is never proposed, decided or undone on its own", () => {
    refused(
      transition(derived(), { type: "propose", outcome: "yes" }, user(CREATOR), NOW),
      "conflict",
      /resolves by itself/,
    );
    refused(
      transition(derived({ status: "resolved" }), { type: "undo" }, user(ADMIN), NOW),
      "conflict",
      /undo that crux's resolution instead/,
    );
    expect(allowedActions(derived(), user(CREATOR), NOW)).toMatchObject({
      propose: false,
      offer: true,
      forecast: true,
    });
  });
});

describe("numeric crux wording and values", () => {
  it("accepts a resolved number inside closed bounds, anything finite beyond open ones", () => {
    expect(resolutionValueProblem(weeks, 6)).toBeNull();
    expect(resolutionValueProblem(weeks, 1e6)).toBeNull();
    expect(resolutionValueProblem(weeks, 0.01)).toMatch(/closed minimum 0.1/);
    expect(resolutionValueProblem(weeks, 0)).toMatch(/above zero/);
    expect(resolutionValueProblem(weeks, Number.NaN)).toMatch(/finite/);
    const closed: NumericRange = {
      min: 0,
      max: 10,
      openLower: false,
      openUpper: false,
      scale: "linear",
    };
    expect(resolutionValueProblem(closed, 10)).toBeNull();
    expect(resolutionValueProblem(closed, 10.5)).toMatch(/closed maximum 10/);
  });

  it("titles a threshold crux from its numeric crux", () => {
    expect(thresholdTitle("How many weeks sooner?", 6, "weeks")).toBe(
      "How many weeks sooner: more than 6 weeks?",
    );
    expect(thresholdCriteria("Q?", "A panel decides.", 6, "weeks")).toMatch(
      /more than 6 weeks, NO if it resolves to that or less.*A panel decides\./s,
    );
    expect(describePercentiles({ p10: 1, p50: 2, p90: 4 }, "weeks")).toBe(
      "2 weeks (80%: 1 to 4 weeks)",
    );
    expect(describeVerdict("value", 12.5, "weeks")).toBe("12.5 weeks");
    expect(describeVerdict("annulled", null)).toBe("ANNULLED");
  });
});
