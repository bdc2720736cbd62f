import { describe, expect, it } from "vitest";
import {
  cruxHeadline,
  outcomeWords,
  finalStep,
  shortState,
  type HeadlineInput,
  type HistoryStep,
} from "@/server/domain/cruxHeadline";

const step = (over: Partial<HistoryStep>): HistoryStep => ({
  action: "create",
  to: "open",
  actor: "ann",
  outcome: null,
  note: "",
  at: "2026-11-01T00:00:00.000Z",
  ...over,
});

function input(over: Partial<HeadlineInput> = {}): HeadlineInput {
  return {
    status: "open",
    outcome: null,
    decidedOutcome: null,
    annulledByCondition: false,
    resolverHandle: "ann",
    disputesDecidedByAdmin: false,
    closesAt: "2026-12-01T00:00:00.000Z",
    proposal: null,
    disputes: [],
    steps: [step({})],
    ...over,
  };
}

const proposal = { outcome: "no", proposedBy: "ann", disputeUntil: "2026-11-03T00:00:00.000Z" };

describe("cruxHeadline", () => {
  it("an open crux says when it closes", () => {
    expect(cruxHeadline(input())).toEqual({
      kind: "pending",
      state: "Open",
      deadline: { label: "Closes", at: "2026-12-01T00:00:00.000Z" },
    });
  });

  it("a closed crux waits for its resolver, with no countdown", () => {
    expect(cruxHeadline(input({ status: "closed" }))).toEqual({
      kind: "pending",
      state: "Closed · awaiting the resolver (@ann)",
      deadline: null,
    });
  });

  it("a proposal says what was proposed and when its dispute window ends", () => {
    expect(cruxHeadline(input({ status: "resolving", proposal }))).toEqual({
      kind: "pending",
      state: "Proposed NO by @ann",
      deadline: { label: "Dispute window ends", at: proposal.disputeUntil },
    });
  });

  it("a dispute names who disputed and who decides", () => {
    const h = cruxHeadline(
      input({
        status: "disputed",
        proposal,
        disputes: [{ handle: "bob" }],
        disputesDecidedByAdmin: true,
      }),
    );
    expect(h).toEqual({
      kind: "pending",
      state: "Proposed NO · disputed by @bob · awaiting a decision by an admin",
      deadline: null,
    });
  });

  it("a crux waiting for its condition says what it decided", () => {
    const h = cruxHeadline(input({ status: "awaiting-condition", decidedOutcome: "yes" }));
    expect(h.kind === "pending" && h.state).toBe("Decided YES · awaiting its condition");
  });

  it("an undisputed proposal leads with the outcome, its proposer, the window end and the proposal's note", () => {
    const steps = [
      step({}),
      step({
        action: "propose",
        to: "resolving",
        outcome: "no",
        note: "The report says no.",
        at: "2026-11-02T00:00:00.000Z",
      }),
      step({
        action: "window-end",
        to: "resolved",
        actor: null,
        outcome: "no",
        at: "2026-11-04T00:00:00.000Z",
      }),
    ];
    expect(cruxHeadline(input({ status: "resolved", outcome: "no", proposal, steps }))).toEqual({
      kind: "final",
      outcome: "NO",
      by: "proposed by @ann; nobody disputed it",
      at: "2026-11-04T00:00:00.000Z",
      note: "The report says no.",
    });
  });

  it("a decided dispute leads with the decision, its decider and note", () => {
    const steps = [
      step({ action: "propose", to: "resolving", outcome: "no", note: "no" }),
      step({ action: "dispute", to: "disputed", actor: "bob", note: "It said yes." }),
      step({
        action: "decide",
        to: "resolved",
        actor: "cat",
        outcome: "yes",
        note: "Bob is right.",
        at: "2026-11-05T00:00:00.000Z",
      }),
    ];
    expect(cruxHeadline(input({ status: "resolved", outcome: "yes", steps }))).toEqual({
      kind: "final",
      outcome: "YES",
      by: "decided by @cat after a dispute",
      at: "2026-11-05T00:00:00.000Z",
      note: "Bob is right.",
    });
  });

  it("an annulled crux says ANNULLED, and why when its condition failed", () => {
    const steps = [
      step({ action: "condition-final", to: "annulled", actor: null, outcome: "annulled" }),
    ];
    const h = cruxHeadline(
      input({ status: "annulled", outcome: "annulled", annulledByCondition: true, steps }),
    );
    expect(h.kind === "final" && [h.outcome, h.by]).toEqual([
      "ANNULLED",
      "its condition did not resolve YES, so every stake was refunded",
    ]);
  });

  it("finalStep finds the last step into a final state (after an undo and a new decision)", () => {
    const steps = [
      step({ action: "window-end", to: "resolved", at: "a" }),
      step({ action: "undo", to: "disputed", at: "b" }),
      step({ action: "decide", to: "annulled", at: "c" }),
    ];
    expect(finalStep(steps)?.at).toBe("c");
    expect(finalStep(steps.slice(0, 2))?.at).toBe("a");
    expect(finalStep([])).toBeNull();
  });
});

describe("shortState", () => {
  it("says nothing for an open crux and leads with the outcome once final", async () => {
    const { shortState } = await import("@/server/domain/cruxHeadline");
    expect(shortState("open", null)).toBeNull();
    expect(shortState("resolved", "no")).toBe("Resolved NO");
    expect(shortState("annulled", "annulled")).toBe("Annulled");
    expect(shortState("disputed", null)).toBe("Disputed");
  });
});

describe("a numeric crux's headline (docs/numeric-cruxes.md)", () => {
  const valueProposal = { ...proposal, outcome: "value", value: 7 };

  it("leads with VALUE once resolved to a number, not ANNULLED", () => {
    expect(
      cruxHeadline(
        input({
          status: "resolved",
          outcome: "value",
          unit: "weeks",
          proposal: valueProposal,
          steps: [step({ action: "window-end", to: "resolved", actor: null })],
        }),
      ),
    ).toMatchObject({ kind: "final", outcome: "VALUE" });
  });

  it("says the proposed or decided number with its unit", () => {
    expect(
      cruxHeadline(input({ status: "resolving", proposal: valueProposal, unit: "weeks" })),
    ).toMatchObject({ state: "Proposed 7 weeks by @ann" });
    expect(
      cruxHeadline(
        input({
          status: "awaiting-condition",
          decidedOutcome: "value",
          decidedValue: 12.5,
          unit: "$B",
        }),
      ),
    ).toMatchObject({ state: "Decided $12.5B · awaiting its condition" });
    expect(shortState("resolved", "value", { value: 7, unit: "weeks" })).toBe("Resolved 7 weeks");
  });
});

describe("outcomeWords", () => {
  it("says a numeric crux's number with its unit, other outcomes in capitals", () => {
    expect(outcomeWords("value", 250, "$B")).toBe("$250B");
    expect(outcomeWords("value", 7, "weeks")).toBe("7 weeks");
    expect(outcomeWords("annulled", null, "weeks")).toBe("ANNULLED");
    expect(outcomeWords("yes", null, null)).toBe("YES");
  });
});
