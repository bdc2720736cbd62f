import { describe, expect, it } from "vitest";
import {
  cruxIdOf,
  DEBATE_EVENT_TYPES,
  isCruxEvent,
  type DebateEvent,
} from "@/server/domain/events";
import { mayBan, mayLock, maySuspend, restrictTargetProblem } from "@/server/domain/moderation";
import {
  ancestry,
  applyLockEvents,
  lockNotice,
  lockOnPage,
  lockStateOf,
  coveringLock,
  formatUntil,
  lockRefusal,
  onProbation,
  OPEN_TO_RESTRICTED,
  probationEnds,
  probationRefusal,
  restrictionMessage,
  restrictionOf,
  suspensionEnd,
  MAX_SUSPENSION_HOURS,
} from "@/server/domain/restrictions";

const lock = (by: string, reason = "heated") => ({ by, reason, at: "2026-11-30T20:00:00.000Z" });
const NOW = Date.parse("2026-11-30T20:00:00Z");
const clear = { suspendedUntil: null, suspensionReason: null, bannedAt: null, banReason: null };

describe("coveringLock", () => {
  it("is null when nothing on the way up is locked", () => {
    expect(coveringLock(null, [])).toBeNull();
    expect(
      coveringLock(null, [
        { claimId: 3, lock: null },
        { claimId: 1, lock: null },
      ]),
    ).toBeNull();
  });

  it("a debate lock covers everything, before any thread lock", () => {
    const found = coveringLock(lock("mod"), [{ claimId: 3, lock: lock("other") }]);
    expect(found).toMatchObject({ by: "mod", scope: { kind: "debate" } });
  });

  it("a thread lock covers the claim itself and everything below it; the one nearest the root wins", () => {
    const chain = [
      { claimId: 7, lock: lock("low") },
      { claimId: 5, lock: null },
      { claimId: 2, lock: lock("high") },
    ];
    expect(coveringLock(null, chain)).toMatchObject({
      by: "high",
      scope: { kind: "thread", claimId: 2 },
    });
    expect(coveringLock(null, chain.slice(0, 1))).toMatchObject({
      scope: { kind: "thread", claimId: 7 },
    });
  });
});

describe("ancestry", () => {
  const parents = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [9, 8],
  ]);
  it("runs from the claim to the top level", () => {
    expect(ancestry(3, (id) => parents.get(id))).toEqual([3, 2, 1]);
    expect(ancestry(1, (id) => parents.get(id))).toEqual([1]);
  });
  it("stops at a parent that is not known (not loaded yet)", () => {
    expect(ancestry(9, (id) => parents.get(id))).toEqual([9, 8]);
  });
  it("never loops on bad data", () => {
    expect(ancestry(1, (id) => (id === 1 ? 2 : 1))).toEqual([1, 2]);
  });
});

describe("lockRefusal", () => {
  it("says what is locked, by whom, why and what the writer can't do", () => {
    const debate = coveringLock(lock("mod", "cooling off"), [])!;
    expect(lockRefusal(debate, "reply")).toBe(
      "This debate is locked by @mod: “cooling off”. You can't reply in it until a moderator unlocks it.",
    );
    const thread = coveringLock(null, [{ claimId: 4, lock: lock("mod", "") }])!;
    expect(lockRefusal(thread, "vote")).toBe(
      "This thread is locked by @mod. You can't vote in it until a moderator unlocks it.",
    );
  });
});

describe("restrictionOf", () => {
  it("a clear account may write", () => {
    expect(restrictionOf(clear, NOW)).toBeNull();
  });
  it("a suspension counts until its end, not after", () => {
    const until = new Date(NOW + 3600_000);
    const s = { ...clear, suspendedUntil: until, suspensionReason: "spam" };
    expect(restrictionOf(s, NOW)).toEqual({ kind: "suspended", until, reason: "spam" });
    expect(restrictionOf(s, until.getTime())).toBeNull();
  });
  it("a ban wins over a suspension and never ends", () => {
    const s = {
      suspendedUntil: new Date(NOW + 1000),
      suspensionReason: "x",
      bannedAt: new Date(NOW - 1000),
      banReason: "abuse",
    };
    expect(restrictionOf(s, NOW + 10 ** 12)).toEqual({ kind: "banned", reason: "abuse" });
  });
  it("the message says until when, or permanently, and why", () => {
    const until = new Date(Date.UTC(2026, 11, 2, 9, 5));
    expect(restrictionMessage({ kind: "suspended", until, reason: "spam" })).toBe(
      "Your account is suspended until 2 Dec 2026, 09:05 UTC; until then you can read but not post, vote, react, forecast or bet. Reason: “spam”.",
    );
    expect(restrictionMessage({ kind: "banned", reason: "abuse" })).toMatch(
      /^Your account is banned permanently; .* Reason: “abuse”\.$/,
    );
  });
  it("only account protection, what one reads and hears of, and cancelling one's offer stay open", () => {
    expect(OPEN_TO_RESTRICTED.has("bets.cancel")).toBe(true);
    expect(OPEN_TO_RESTRICTED.has("follows.cruxSeen")).toBe(true);
    for (const path of ["claims.create", "claims.vote", "reactions.add", "cruxes.forecast"])
      expect(OPEN_TO_RESTRICTED.has(path)).toBe(false);
  });
});

describe("suspensionEnd", () => {
  it("takes hours or a time, not both or neither", () => {
    expect(suspensionEnd({ hours: 2 }, NOW)).toEqual({ until: new Date(NOW + 2 * 3600_000) });
    expect(suspensionEnd({ until: NOW + 60_000 }, NOW)).toEqual({ until: new Date(NOW + 60_000) });
    expect(suspensionEnd({}, NOW)).toMatchObject({ field: "hours" });
    expect(suspensionEnd({ hours: 1, until: NOW + 1 }, NOW)).toMatchObject({ field: "hours" });
  });
  it("refuses a past end, zero hours, and more than a year (that is a ban)", () => {
    expect(suspensionEnd({ until: NOW }, NOW)).toMatchObject({ field: "until" });
    expect(suspensionEnd({ hours: 0 }, NOW)).toMatchObject({ field: "hours" });
    expect(suspensionEnd({ hours: MAX_SUSPENSION_HOURS + 1 }, NOW)).toMatchObject({
      field: "hours",
    });
    expect(
      suspensionEnd({ until: NOW + (MAX_SUSPENSION_HOURS + 1) * 3600_000 }, NOW),
    ).toMatchObject({ field: "until" });
  });
});

describe("probation", () => {
  const rule = { minutes: 60, writesPerMinute: 5 };
  const fresh = { createdAt: new Date(NOW - 10 * 60_000), isAdmin: false, isDemo: false };
  it("covers a new account's first minutes", () => {
    expect(onProbation(fresh, rule, NOW)).toBe(true);
    expect(onProbation(fresh, rule, NOW + 50 * 60_000)).toBe(false);
    expect(probationEnds(fresh.createdAt, rule)).toEqual(new Date(NOW + 50 * 60_000));
  });
  it("is off at 0 minutes, and never for admins or seeded demo accounts", () => {
    expect(onProbation(fresh, { ...rule, minutes: 0 }, NOW)).toBe(false);
    expect(onProbation({ ...fresh, isAdmin: true }, rule, NOW)).toBe(false);
    expect(onProbation({ ...fresh, isDemo: true }, rule, NOW)).toBe(false);
  });
  it("the refusal says the limit, when probation ends and how long to wait", () => {
    expect(probationRefusal(new Date(NOW), rule, "12 s")).toBe(
      `New accounts may make at most 5 changes a minute until ${formatUntil(new Date(NOW))}. Try again in 12 s.`,
    );
  });
});

describe("lock, suspend and ban permissions", () => {
  const none = { admin: false, siteWide: false, debateIds: [] };
  const perDebate = { admin: false, siteWide: false, debateIds: [7] };
  const siteWide = { admin: false, siteWide: true, debateIds: [] };
  const admin = { admin: true, siteWide: false, debateIds: [] };

  it("a per-debate moderator locks only their debate; site-wide moderators and admins any", () => {
    expect(mayLock(perDebate, 7)).toBe(true);
    expect(mayLock(perDebate, 8)).toBe(false);
    expect(mayLock(none, 7)).toBe(false);
    expect(mayLock(siteWide, 8)).toBe(true);
    expect(mayLock(admin, 8)).toBe(true);
  });

  it("suspending needs site-wide scope: per-debate moderators can't", () => {
    expect(maySuspend(perDebate)).toBe(false);
    expect(maySuspend(none)).toBe(false);
    expect(maySuspend(siteWide)).toBe(true);
    expect(maySuspend(admin)).toBe(true);
  });

  it("only admins ban", () => {
    expect(mayBan(siteWide)).toBe(false);
    expect(mayBan(perDebate)).toBe(false);
    expect(mayBan(admin)).toBe(true);
  });

  it("nobody restricts themself, and admins are out of reach until demoted", () => {
    expect(restrictTargetProblem(1, { id: 1, isAdmin: false })).toMatch(/yourself/);
    expect(restrictTargetProblem(1, { id: 2, isAdmin: true })).toMatch(/revoke the admin role/);
    expect(restrictTargetProblem(1, { id: 2, isAdmin: false })).toBeNull();
    expect(restrictTargetProblem(null, { id: 2, isAdmin: false })).toBeNull();
  });
});

describe("live lock state", () => {
  const ev = (type: string, data: object, seq = 1) =>
    ({ slug: "d", seq, type, data, at: "2026-11-30T20:00:00.000Z" }) as DebateEvent;
  const parents = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, null],
  ]);
  const parentOf = (id: number) => parents.get(id);

  it("lock and unlock events update the state; other events pass through", () => {
    let s = lockStateOf({ debate: null, claims: [] });
    s = applyLockEvents(s, [
      ev("claim.locked", { claimId: 2, lock: lock("mod") }),
      ev("claim.voted", { claimId: 3, quality: 1, agree: 0, disagree: 0 }),
    ]);
    expect(lockOnPage(s, 3, parentOf)).toMatchObject({ scope: { kind: "thread", claimId: 2 } });
    expect(lockOnPage(s, 1, parentOf)).toBeNull();
    expect(lockOnPage(s, 4, parentOf)).toBeNull();
    expect(lockOnPage(s, null, parentOf)).toBeNull();
    s = applyLockEvents(s, [ev("debate.locked", { lock: lock("admin") })]);
    expect(lockOnPage(s, 4, parentOf)).toMatchObject({ by: "admin", scope: { kind: "debate" } });
    expect(lockOnPage(s, null, parentOf)).toMatchObject({ scope: { kind: "debate" } });
    s = applyLockEvents(s, [ev("debate.unlocked", {}), ev("claim.unlocked", { claimId: 2 })]);
    expect(lockOnPage(s, 3, parentOf)).toBeNull();
  });

  it("the notice names the locker and the reason", () => {
    const s = lockStateOf({ debate: lock("mod", "cool down"), claims: [] });
    expect(lockNotice(lockOnPage(s, null, parentOf)!)).toBe(
      "This debate is locked by @mod: “cool down”.",
    );
  });
});

describe("lock events in the event protocol", () => {
  it("are neither claim changes nor crux events, and are offered to webhooks", () => {
    const ev = (type: string, data: object) =>
      ({ slug: "d", seq: 1, type, data, at: "2026-11-30T20:00:00.000Z" }) as DebateEvent;
    for (const e of [
      ev("debate.locked", { lock: lock("m") }),
      ev("debate.unlocked", {}),
      ev("claim.locked", { claimId: 1, lock: lock("m") }),
      ev("claim.unlocked", { claimId: 1 }),
    ]) {
      expect(isCruxEvent(e)).toBe(false);
      expect(cruxIdOf(e)).toBeNull();
      expect(DEBATE_EVENT_TYPES).toContain(e.type);
    }
  });
});
