import { describe, expect, it } from "vitest";
import {
  allowedActions,
  restoredDisputeUntil,
  transition,
  type Action,
  type Actor,
  type CruxFacts,
  type CruxStatus,
  type Decision,
} from "@/server/domain/lifecycle";

const HOUR = 3600_000;
const NOW = 1_000 * HOUR;
const CREATOR = 1;
const ARBITER = 2;
const BETTOR = 3;
const STRANGER = 4;
const ADMIN = 9;

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

const user = (id: number, over: Partial<Extract<Actor, { kind: "user" }>> = {}): Actor => ({
  kind: "user",
  id,
  isAdmin: id === ADMIN,
  hasStake: id === BETTOR,
  debt: 0,
  ...over,
});
const SYSTEM: Actor = { kind: "system" };

const proposed = (over: Partial<CruxFacts> = {}) =>
  facts({
    status: "resolving",
    proposal: { outcome: "yes", value: null, proposedBy: CREATOR, disputeUntil: NOW + 48 * HOUR },
    ...over,
  });
const disputed = (over: Partial<CruxFacts> = {}) => proposed({ status: "disputed", ...over });

function ok(d: Decision) {
  if (!d.ok) throw new Error(`refused: ${d.reason}`);
  return d;
}
function refused(d: Decision, code: "forbidden" | "conflict", reason: RegExp) {
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.code).toBe(code);
  expect(d.reason).toMatch(reason);
}

describe("trading: forecasts, offers and takes", () => {
  it("are allowed only while the crux is open, for signed-in people", () => {
    for (const type of ["forecast", "offer", "take"] as const) {
      expect(ok(transition(facts(), { type }, user(STRANGER), NOW))).toMatchObject({
        moves: false,
        to: "open",
      });
      refused(transition(facts(), { type }, SYSTEM, NOW), "forbidden", /signed-in/);
      refused(transition(facts(), { type }, user(STRANGER), NOW + 24 * HOUR), "conflict", /closed/);
      for (const status of ["resolving", "disputed", "awaiting-condition", "resolved"] as const)
        refused(
          transition(facts({ status }), { type }, user(STRANGER), NOW),
          "conflict",
          /no longer/,
        );
    }
  });

  it("refuses offers and takes, but not forecasts, to someone who owes credits", () => {
    const debtor = user(STRANGER, { debt: 40 });
    refused(transition(facts(), { type: "offer" }, debtor, NOW), "conflict", /owe 40 credits/);
    refused(transition(facts(), { type: "take" }, debtor, NOW), "conflict", /owe 40 credits/);
    ok(transition(facts(), { type: "forecast" }, debtor, NOW));
  });
});

describe("set-condition", () => {
  it("is the creator's (or an admin's) while the crux is open and nobody has committed to it", () => {
    ok(transition(facts(), { type: "set-condition" }, user(CREATOR), NOW));
    ok(transition(facts(), { type: "set-condition" }, user(ADMIN), NOW));
    refused(
      transition(facts(), { type: "set-condition" }, user(STRANGER), NOW),
      "forbidden",
      /creator/,
    );
    refused(
      transition(facts({ hasCommitments: true }), { type: "set-condition" }, user(CREATOR), NOW),
      "conflict",
      /already forecast or bet/,
    );
  });

  it("is refused mid-resolution, so nobody can re-point a condition to void a decision (case 3)", () => {
    for (const f of [proposed(), disputed(), facts({ status: "awaiting-condition" })])
      refused(transition(f, { type: "set-condition" }, user(CREATOR), NOW), "conflict", /fixed/);
  });
});

describe("add-evidence", () => {
  it("is open to signed-in people until the crux is final (case 9)", () => {
    for (const status of ["open", "closed", "resolving", "disputed", "awaiting-condition"] as const)
      ok(transition(facts({ status }), { type: "add-evidence" }, user(STRANGER), NOW));
    for (const status of ["resolved", "annulled"] as const)
      refused(
        transition(facts({ status }), { type: "add-evidence" }, user(STRANGER), NOW),
        "conflict",
        /evidence is closed/,
      );
    refused(transition(facts(), { type: "add-evidence" }, SYSTEM, NOW), "forbidden", /signed-in/);
  });
});

describe("close", () => {
  it("happens by itself at the close time and refunds unmatched stakes", () => {
    expect(ok(transition(facts(), { type: "close" }, SYSTEM, NOW + 24 * HOUR))).toEqual({
      ok: true,
      from: "open",
      to: "closed",
      moves: true,
      effects: [{ kind: "refund-unmatched" }],
    });
    refused(transition(facts(), { type: "close" }, SYSTEM, NOW), "conflict", /nothing to close/);
    refused(
      transition(facts(), { type: "close" }, user(ADMIN), NOW + 24 * HOUR),
      "forbidden",
      /by itself/,
    );
  });
});

describe("propose", () => {
  it("is the resolver's (the arbiter when named) or an admin's, on an open or closed crux", () => {
    const named = facts({ resolverId: ARBITER });
    for (const who of [ARBITER, ADMIN])
      expect(ok(transition(named, { type: "propose", outcome: "no" }, user(who), NOW))).toEqual({
        ok: true,
        from: "open",
        to: "resolving",
        moves: true,
        effects: [{ kind: "close-now" }, { kind: "refund-unmatched" }],
      });
    refused(
      transition(named, { type: "propose", outcome: "no" }, user(CREATOR), NOW),
      "forbidden",
      /resolver/,
    );
    ok(
      transition(
        facts({ status: "closed" }),
        { type: "propose", outcome: "yes" },
        user(CREATOR),
        NOW,
      ),
    );
    ok(transition(facts(), { type: "propose", outcome: "yes" }, user(CREATOR), NOW + 25 * HOUR));
  });

  it("happens once", () => {
    for (const status of [
      "resolving",
      "disputed",
      "awaiting-condition",
      "resolved",
      "annulled",
    ] as const)
      refused(
        transition(facts({ status }), { type: "propose", outcome: "yes" }, user(CREATOR), NOW),
        "conflict",
        /only once/,
      );
  });
});

describe("dispute", () => {
  it("is for people with a stake, within the window, other than the proposer", () => {
    expect(ok(transition(proposed(), { type: "dispute" }, user(BETTOR), NOW))).toMatchObject({
      to: "disputed",
      effects: [],
    });
    refused(
      transition(proposed(), { type: "dispute" }, user(STRANGER), NOW),
      "forbidden",
      /forecast or a bet/,
    );
    refused(
      transition(proposed(), { type: "dispute" }, user(CREATOR, { hasStake: true }), NOW),
      "forbidden",
      /You proposed/,
    );
    refused(
      transition(proposed(), { type: "dispute" }, user(BETTOR), NOW + 48 * HOUR),
      "conflict",
      /window has closed/,
    );
    refused(
      transition(disputed(), { type: "dispute" }, user(BETTOR), NOW),
      "conflict",
      /already disputed/,
    );
    refused(transition(facts(), { type: "dispute" }, user(BETTOR), NOW), "conflict", /no proposal/);
  });
});

describe("decide", () => {
  it("only ends a dispute: an undisputed proposal waits for its window (case 6)", () => {
    refused(
      transition(proposed(), { type: "decide", outcome: "yes" }, user(CREATOR), NOW),
      "conflict",
      /Only a disputed resolution is decided; this proposal \(YES\) finalizes when its dispute window ends/,
    );
    for (const status of ["open", "awaiting-condition", "resolved"] as const)
      refused(
        transition(facts({ status }), { type: "decide", outcome: "yes" }, user(CREATOR), NOW),
        "conflict",
        /no dispute to decide/,
      );
  });

  it("is the resolver's or an admin's, and settles the decided outcome", () => {
    expect(
      ok(transition(disputed(), { type: "decide", outcome: "no" }, user(CREATOR), NOW)),
    ).toEqual({
      ok: true,
      from: "disputed",
      to: "resolved",
      moves: true,
      effects: [
        { kind: "record-outcome", outcome: "no", value: null },
        { kind: "settle", outcome: "no", value: null, conditionNotMet: false },
        { kind: "cascade", outcome: "no" },
      ],
    });
    expect(
      ok(transition(disputed(), { type: "decide", outcome: "annulled" }, user(ADMIN), NOW)).to,
    ).toBe("annulled");
    refused(
      transition(disputed(), { type: "decide", outcome: "no" }, user(BETTOR), NOW),
      "forbidden",
      /resolver/,
    );
  });

  it("goes to an admin when the resolver holds a position on the crux", () => {
    const f = disputed({ resolverHasPosition: true });
    refused(
      transition(f, { type: "decide", outcome: "no" }, user(CREATOR), NOW),
      "forbidden",
      /holds a position on this crux, so an admin decides/,
    );
    ok(transition(f, { type: "decide", outcome: "no" }, user(ADMIN), NOW));
    refused(
      transition(
        disputed({ resolverHasPosition: true, resolverId: ADMIN }),
        { type: "decide", outcome: "no" },
        user(ADMIN),
        NOW,
      ),
      "forbidden",
      /another admin/,
    );
  });
});

describe("window-end", () => {
  it("finalizes the proposal when the window ends, by itself only", () => {
    refused(transition(proposed(), { type: "window-end" }, SYSTEM, NOW), "conflict", /still open/);
    expect(ok(transition(proposed(), { type: "window-end" }, SYSTEM, NOW + 48 * HOUR)).to).toBe(
      "resolved",
    );
    refused(
      transition(proposed(), { type: "window-end" }, user(ADMIN), NOW + 48 * HOUR),
      "forbidden",
      /by itself/,
    );
    refused(
      transition(disputed(), { type: "window-end" }, SYSTEM, NOW + 48 * HOUR),
      "conflict",
      /no dispute window/,
    );
  });
});

describe("conditional cruxes", () => {
  const unresolved = { title: "C", status: "open" as const, outcome: null };
  const yes = { title: "C", status: "resolved" as const, outcome: "yes" as const };
  const no = { title: "C", status: "resolved" as const, outcome: "no" as const };

  it("wait for an unfinished condition with their outcome recorded and money in escrow", () => {
    expect(
      ok(
        transition(
          proposed({ condition: unresolved }),
          { type: "window-end" },
          SYSTEM,
          NOW + 48 * HOUR,
        ),
      ),
    ).toEqual({
      ok: true,
      from: "resolving",
      to: "awaiting-condition",
      moves: true,
      effects: [{ kind: "record-outcome", outcome: "yes", value: null }],
    });
  });

  it("finalize with their recorded outcome when the condition resolves YES", () => {
    const waiting = facts({ status: "awaiting-condition", decidedOutcome: "no", condition: yes });
    expect(
      ok(transition(waiting, { type: "condition-final", outcome: "yes" }, SYSTEM, NOW)),
    ).toEqual({
      ok: true,
      from: "awaiting-condition",
      to: "resolved",
      moves: true,
      effects: [
        { kind: "settle", outcome: "no", value: null, conditionNotMet: false },
        { kind: "cascade", outcome: "no" },
      ],
    });
    // Dependents that are not waiting carry on.
    for (const status of ["open", "resolving", "disputed"] as const)
      expect(
        ok(
          transition(
            facts({ status, condition: yes }),
            { type: "condition-final", outcome: "yes" },
            SYSTEM,
            NOW,
          ),
        ).moves,
      ).toBe(false);
  });

  it("are annulled from any unfinished state when the condition resolves NO or ANNULLED (case 1)", () => {
    const states: CruxStatus[] = ["open", "closed", "resolving", "disputed", "awaiting-condition"];
    for (const status of states)
      for (const outcome of ["no", "annulled"] as const) {
        const d = ok(
          transition(
            facts({ status, condition: no }),
            { type: "condition-final", outcome },
            SYSTEM,
            NOW,
          ),
        );
        expect(d.to).toBe("annulled");
        expect(d.effects).toContainEqual({
          kind: "settle",
          outcome: "annulled",
          value: null,
          conditionNotMet: true,
        });
        expect(d.effects).toContainEqual({ kind: "cascade", outcome: "annulled" });
        expect(d.effects.some((e) => e.kind === "close-now")).toBe(status === "open");
      }
    // Final dependents are left alone.
    expect(
      ok(
        transition(
          facts({ status: "resolved" }),
          { type: "condition-final", outcome: "no" },
          SYSTEM,
          NOW,
        ),
      ).moves,
    ).toBe(false);
  });

  it("are annulled if their own resolution ends after the condition failed", () => {
    expect(
      ok(
        transition(
          disputed({ condition: no }),
          { type: "decide", outcome: "yes" },
          user(CREATOR),
          NOW,
        ),
      ),
    ).toMatchObject({
      to: "annulled",
      effects: [
        { kind: "record-outcome", outcome: "yes", value: null },
        { kind: "settle", outcome: "annulled", value: null, conditionNotMet: true },
        { kind: "cascade", outcome: "annulled" },
      ],
    });
  });
});

describe("undo", () => {
  it("is an admin's, on a final crux, and always returns to a dispute (case 2)", () => {
    for (const status of ["resolved", "annulled"] as const)
      expect(ok(transition(facts({ status }), { type: "undo" }, user(ADMIN), NOW))).toEqual({
        ok: true,
        from: status,
        to: "disputed",
        moves: true,
        effects: [{ kind: "reverse-finalization" }, { kind: "clear-outcome" }],
      });
    refused(
      transition(facts({ status: "resolved" }), { type: "undo" }, user(CREATOR), NOW),
      "forbidden",
      /admin/,
    );
    refused(
      transition(disputed(), { type: "undo" }, user(ADMIN), NOW),
      "conflict",
      /no finalization/,
    );
  });

  it("of a crux annulled by its condition points at the condition", () => {
    refused(
      transition(
        facts({
          status: "annulled",
          annulledByCondition: true,
          condition: { title: "Will X?", status: "resolved", outcome: "no" },
        }),
        { type: "undo" },
        user(ADMIN),
        NOW,
      ),
      "conflict",
      /condition “Will X\?” did not resolve YES; undo the condition's resolution instead/,
    );
  });

  it("brings each dependent back where the cascade found it (case 5)", () => {
    const annulled = facts({ status: "annulled", annulledByCondition: true });
    const back = (before: CruxStatus, byCondition: boolean, f = annulled) =>
      ok(transition(f, { type: "condition-undone", before, byCondition }, SYSTEM, NOW));
    expect(back("open", true)).toMatchObject({
      to: "open",
      effects: [{ kind: "reverse-finalization" }, { kind: "reopen" }],
    });
    expect(back("resolving", true)).toMatchObject({
      to: "resolving",
      effects: [{ kind: "reverse-finalization" }, { kind: "resume-window" }],
    });
    expect(back("disputed", true).to).toBe("disputed");
    // Settled with its own outcome once the condition was YES: that outcome waits again.
    expect(back("awaiting-condition", false, facts({ status: "resolved" })).to).toBe(
      "awaiting-condition",
    );
    expect(back("disputed", false, facts({ status: "resolved" })).to).toBe("awaiting-condition");
    refused(
      transition(
        annulled,
        { type: "condition-undone", before: "open", byCondition: true },
        user(ADMIN),
        NOW,
      ),
      "forbidden",
      /by itself/,
    );
  });

  it("gives a restored dispute window the time it had left", () => {
    expect(restoredDisputeUntil(NOW + 10 * HOUR, NOW + 4 * HOUR, NOW + 100 * HOUR)).toBe(
      NOW + 106 * HOUR,
    );
    expect(restoredDisputeUntil(NOW, NOW + 4 * HOUR, NOW + 100 * HOUR)).toBe(NOW + 100 * HOUR);
  });
});

describe("allowedActions", () => {
  it("tells a viewer exactly what the transition function would accept", () => {
    expect(allowedActions(proposed(), user(BETTOR), NOW)).toEqual({
      forecast: false,
      offer: false,
      take: false,
      propose: false,
      dispute: true,
      decide: false,
      undo: false,
      "add-evidence": true,
      "set-condition": false,
    });
    expect(allowedActions(disputed({ resolverHasPosition: true }), user(CREATOR), NOW).decide).toBe(
      false,
    );
    expect(allowedActions(disputed({ resolverHasPosition: true }), user(ADMIN), NOW).decide).toBe(
      true,
    );
    expect(Object.values(allowedActions(facts(), null, NOW)).some(Boolean)).toBe(false);
  });

  it("agrees with transition for every action, state and role", () => {
    const actions: Action[] = [
      { type: "forecast" },
      { type: "offer" },
      { type: "take" },
      { type: "propose", outcome: "yes" },
      { type: "dispute" },
      { type: "decide", outcome: "yes" },
      { type: "undo" },
      { type: "add-evidence" },
      { type: "set-condition" },
    ];
    const states: CruxFacts[] = [
      facts(),
      facts({ status: "closed" }),
      proposed(),
      disputed(),
      disputed({ resolverHasPosition: true }),
      facts({ status: "awaiting-condition" }),
      facts({ status: "resolved" }),
      facts({ status: "annulled", annulledByCondition: true }),
    ];
    for (const f of states)
      for (const who of [CREATOR, ARBITER, BETTOR, STRANGER, ADMIN].map((id) => user(id))) {
        const can = allowedActions(f, who, NOW);
        for (const a of actions)
          expect(can[a.type as keyof typeof can]).toBe(transition(f, a, who, NOW).ok);
      }
  });
});
