import { describe, expect, it } from "vitest";
import { applyEvent, planEvents, type DebateEvent } from "@/server/domain/events";
import type { ClaimView } from "@/server/domain/thread";

const claim = (id: number, body = `claim ${id}`): ClaimView => ({
  id,
  parentId: null,
  authorHandle: "a",
  body,
  quote: null,
  stance: null,
  createdAt: "2024-01-01T00:00:00.000Z",
  editedAt: null,
  deleted: false,
  quality: 0,
  agree: 0,
  disagree: 0,
});

const created = (seq: number, id = seq): DebateEvent => ({
  slug: "d",
  seq,
  type: "claim.created",
  data: { claim: claim(id) },
  at: "",
});

describe("planEvents", () => {
  it("applies consecutive events in seq order whatever order they arrived in", () => {
    const plan = planEvents(3, [created(5), created(4), created(6)]);
    expect(plan.apply.map((e) => e.seq)).toEqual([4, 5, 6]);
    expect(plan.gap).toBe(false);
    expect(plan.pending).toEqual([]);
  });

  it("drops events already applied and duplicates", () => {
    const plan = planEvents(3, [created(2), created(3), created(4), created(4)]);
    expect(plan.apply.map((e) => e.seq)).toEqual([4]);
  });

  it("holds events after a gap and reports the gap", () => {
    const plan = planEvents(3, [created(4), created(6), created(7)]);
    expect(plan.apply.map((e) => e.seq)).toEqual([4]);
    expect(plan.pending.map((e) => e.seq)).toEqual([6, 7]);
    expect(plan.gap).toBe(true);
  });

  it("fills the gap once the missing event arrives", () => {
    const first = planEvents(3, [created(5), created(6)]);
    expect(first.apply).toEqual([]);
    const second = planEvents(3, [...first.pending, created(4)]);
    expect(second.apply.map((e) => e.seq)).toEqual([4, 5, 6]);
    expect(second.gap).toBe(false);
  });
});

describe("applyEvent", () => {
  it("adds created claims and replaces edited ones without touching the input", () => {
    const before = new Map([[1, claim(1)]]);
    const afterCreate = applyEvent(before, created(1, 2));
    expect([...afterCreate.keys()]).toEqual([1, 2]);
    expect(before.size).toBe(1);
    const edited = applyEvent(afterCreate, {
      slug: "d",
      seq: 2,
      type: "claim.edited",
      data: { claim: { ...claim(1, "new"), editedAt: "x" } },
      at: "",
    });
    expect(edited.get(1)?.body).toBe("new");
  });

  it("sets vote tallies from a voted event", () => {
    const next = applyEvent(new Map([[1, claim(1)]]), {
      slug: "d",
      seq: 1,
      type: "claim.voted",
      data: { claimId: 1, quality: 3, agree: 2, disagree: 1 },
      at: "",
    });
    expect(next.get(1)).toMatchObject({ quality: 3, agree: 2, disagree: 1 });
  });

  it("ignores a vote on a claim it does not know", () => {
    const before = new Map([[1, claim(1)]]);
    const next = applyEvent(before, {
      slug: "d",
      seq: 1,
      type: "claim.voted",
      data: { claimId: 9, quality: 1, agree: 0, disagree: 0 },
      at: "",
    });
    expect([...next.keys()]).toEqual([1]);
  });
});

describe("isCruxEvent", () => {
  it("is true for crux, forecast, bet and resolution events and false for claim events", async () => {
    const { isCruxEvent } = await import("@/server/domain/events");
    const ev = (type: string) =>
      ({ slug: "d", seq: 1, type, data: {}, at: "" }) as unknown as DebateEvent;
    for (const type of [
      "crux.created",
      "forecast.placed",
      "offer.created",
      "offer.updated",
      "evidence.added",
      "crux.resolution",
    ])
      expect(isCruxEvent(ev(type))).toBe(true);
    for (const type of ["claim.created", "claim.voted"]) expect(isCruxEvent(ev(type))).toBe(false);
  });
});

describe("concernsCrux", () => {
  const ev = (type: string, data: object) =>
    ({ slug: "d", seq: 1, type, data, at: "" }) as unknown as DebateEvent;
  const crux = { id: 7, conditionCruxId: 3 };

  it("is true for events about this crux", async () => {
    const { concernsCrux } = await import("@/server/domain/events");
    expect(concernsCrux(ev("forecast.placed", { cruxId: 7, forecasterCount: 1 }), crux)).toBe(true);
    expect(concernsCrux(ev("offer.updated", { cruxId: 7, offerId: 1 }), crux)).toBe(true);
    expect(concernsCrux(ev("crux.updated", { crux: { id: 7 } }), crux)).toBe(true);
    expect(concernsCrux(ev("crux.linked", { cruxId: 7, claimId: 2 }), crux)).toBe(true);
    expect(concernsCrux(ev("crux.resolution", { cruxId: 7, status: "resolved" }), crux)).toBe(true);
  });

  it("is true for its condition's events, which can annul or finalize it", async () => {
    const { concernsCrux } = await import("@/server/domain/events");
    expect(concernsCrux(ev("crux.resolution", { cruxId: 3, status: "resolved" }), crux)).toBe(true);
  });

  it("is false for other cruxes, links of other cruxes and claim events", async () => {
    const { concernsCrux } = await import("@/server/domain/events");
    expect(concernsCrux(ev("forecast.placed", { cruxId: 8, forecasterCount: 1 }), crux)).toBe(
      false,
    );
    expect(concernsCrux(ev("crux.created", { crux: { id: 9 } }), crux)).toBe(false);
    expect(concernsCrux(ev("crux.linked", { cruxId: 3, claimId: 2 }), crux)).toBe(false);
    expect(concernsCrux(ev("claim.voted", { claimId: 7 }), crux)).toBe(false);
    expect(
      concernsCrux(ev("offer.created", { cruxId: 8, offerId: 1 }), {
        id: 7,
        conditionCruxId: null,
      }),
    ).toBe(false);
  });
});

describe("cruxPartsAffected", () => {
  const ev = (type: string, data: object) =>
    ({ slug: "d", seq: 1, type, data, at: "" }) as unknown as DebateEvent;
  const crux = { id: 7, conditionCruxId: 3 };

  it("refetches what a forecast, an offer, evidence or a link changes, and nothing else", async () => {
    const { cruxPartsAffected } = await import("@/server/domain/events");
    expect(
      cruxPartsAffected(ev("forecast.placed", { cruxId: 7, forecasterCount: 1 }), crux),
    ).toEqual(["details", "forecasts", "doubles", "suggestions"]);
    expect(cruxPartsAffected(ev("offer.updated", { cruxId: 7, offerId: 1 }), crux)).toEqual([
      "offers",
      "position",
      "suggestions",
    ]);
    expect(cruxPartsAffected(ev("evidence.added", { cruxId: 7, evidenceId: 1 }), crux)).toEqual([
      "details",
      "resolution",
    ]);
    expect(cruxPartsAffected(ev("crux.linked", { cruxId: 7, claimId: 2 }), crux)).toEqual([
      "forecasts",
      "doubles",
    ]);
  });

  it("refetches everything when this crux or its condition changes state", async () => {
    const { cruxPartsAffected, CRUX_PARTS } = await import("@/server/domain/events");
    expect(cruxPartsAffected(ev("crux.resolution", { cruxId: 7, status: "resolved" }), crux)).toBe(
      CRUX_PARTS,
    );
    expect(cruxPartsAffected(ev("crux.updated", { crux: { id: 7 } }), crux)).toBe(CRUX_PARTS);
    expect(cruxPartsAffected(ev("crux.resolution", { cruxId: 3, status: "resolved" }), crux)).toBe(
      CRUX_PARTS,
    );
  });

  it("ignores forecasts and bets on its condition, other cruxes and the claim tree", async () => {
    const { cruxPartsAffected } = await import("@/server/domain/events");
    expect(
      cruxPartsAffected(ev("forecast.placed", { cruxId: 3, forecasterCount: 2 }), crux),
    ).toEqual([]);
    expect(cruxPartsAffected(ev("offer.created", { cruxId: 8, offerId: 1 }), crux)).toEqual([]);
    expect(cruxPartsAffected(ev("claim.voted", { claimId: 7 }), crux)).toEqual([]);
  });
});
