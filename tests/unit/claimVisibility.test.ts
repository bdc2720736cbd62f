import { describe, expect, it } from "vitest";
import {
  needsOwnCopy,
  presentClaim,
  redactEvent,
  publicText,
  PUBLIC_READER,
  textVisible,
  type StoredClaim,
} from "@/server/domain/claimVisibility";
import { applyEvent, type DebateEvent } from "@/server/domain/events";

const AUTHOR = 7;
const row = (over: Partial<StoredClaim> = {}): StoredClaim => ({
  id: 1,
  parentId: null,
  authorId: AUTHOR,
  authorHandle: "alice",
  body: "the secret text",
  quote: "quoted",
  stance: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  editedAt: null,
  deletedAt: null,
  hiddenAt: null,
  hiddenReason: null,
  quality: 2,
  agree: 1,
  disagree: 0,
  ...over,
});
const hidden = (over: Partial<StoredClaim> = {}) =>
  row({ hiddenAt: new Date("2026-01-02T00:00:00Z"), hiddenReason: "spam", ...over });
const stranger = { userId: 99, moderates: false };
const author = { userId: AUTHOR, moderates: false };
const moderator = { userId: 50, moderates: true };

describe("claim visibility", () => {
  it("shows a visible claim to everyone, with no hidden mark", () => {
    for (const reader of [PUBLIC_READER, stranger, author, moderator]) {
      const view = presentClaim(row(), reader);
      expect(view.body).toBe("the secret text");
      expect(view.hidden).toBeUndefined();
    }
  });

  it("gives everyone but the author and moderators the reason and nothing of the text", () => {
    for (const reader of [PUBLIC_READER, stranger]) {
      const view = presentClaim(hidden(), reader);
      expect(view.body).toBe("");
      expect(view.quote).toBeNull();
      expect(view.hidden).toEqual({ reason: "spam", bodyShown: false });
      expect(JSON.stringify(view)).not.toContain("secret");
    }
  });

  it("shows the author and the debate's moderators the text, marked hidden", () => {
    for (const reader of [author, moderator]) {
      const view = presentClaim(hidden(), reader);
      expect(view.body).toBe("the secret text");
      expect(view.quote).toBe("quoted");
      expect(view.hidden).toEqual({ reason: "spam", bodyShown: true });
    }
  });

  it("shows a deleted claim's text to nobody, hidden or not, and no hidden mark", () => {
    const gone = hidden({ deletedAt: new Date() });
    for (const reader of [PUBLIC_READER, author, moderator]) {
      const view = presentClaim(gone, reader);
      expect(view.body).toBe("");
      expect(view.deleted).toBe(true);
      expect(view.hidden).toBeUndefined();
      expect(textVisible(gone, reader)).toBe(false);
    }
  });

  it("keeps a hidden claim's place and tallies (replies stay attached)", () => {
    const view = presentClaim(hidden({ parentId: 3 }), stranger);
    expect(view).toMatchObject({ id: 1, parentId: 3, authorHandle: "alice", quality: 2 });
  });

  it("gives public excerpts the placeholder", () => {
    expect(publicText(hidden())).toBe("hidden by moderators: spam");
    expect(publicText(row())).toBe("the secret text");
    expect(publicText(hidden({ deletedAt: new Date() }))).toBe("");
  });

  it("tells the author's and moderators' browsers to fetch their own copy of a public view", () => {
    const publicView = presentClaim(hidden(), PUBLIC_READER);
    expect(needsOwnCopy(publicView, { handle: "alice", moderates: false })).toBe(true);
    expect(needsOwnCopy(publicView, { handle: "bob", moderates: true })).toBe(true);
    expect(needsOwnCopy(publicView, { handle: "bob", moderates: false })).toBe(false);
    expect(needsOwnCopy(publicView, { handle: null, moderates: false })).toBe(false);
    expect(
      needsOwnCopy(presentClaim(row(), PUBLIC_READER), { handle: "alice", moderates: true }),
    ).toBe(false);
    expect(
      needsOwnCopy(presentClaim(hidden(), author), { handle: "alice", moderates: false }),
    ).toBe(false);
  });

  it("applies claim.hidden and claim.restored events like edits", () => {
    const before = new Map([[1, presentClaim(row(), PUBLIC_READER)]]);
    const at = "2026-01-02T00:00:00.000Z";
    const hide = {
      slug: "d",
      seq: 1,
      type: "claim.hidden",
      data: { claim: presentClaim(hidden(), PUBLIC_READER) },
      at,
    } as DebateEvent;
    const afterHide = applyEvent(before, hide);
    expect(afterHide.get(1)?.hidden?.reason).toBe("spam");
    expect(afterHide.get(1)?.body).toBe("");
    const restore = {
      slug: "d",
      seq: 2,
      type: "claim.restored",
      data: { claim: presentClaim(row(), PUBLIC_READER) },
      at,
    } as DebateEvent;
    expect(applyEvent(afterHide, restore).get(1)?.body).toBe("the secret text");
  });
});

describe("reading the event log now", () => {
  const at = "2026-01-01T00:00:00.000Z";
  const created = {
    slug: "d",
    seq: 1,
    type: "claim.created",
    data: { claim: presentClaim(row(), PUBLIC_READER) },
    at,
  } as DebateEvent;
  const reactions = {
    slug: "d",
    seq: 2,
    type: "claim.reactions",
    data: {
      claimId: 1,
      spans: [{ start: 4, end: 10, quote: "secret", orphaned: false, kinds: [] }],
    },
    at,
  } as DebateEvent;

  it("leaves events about visible claims, and other events, as they are", () => {
    const now = new Map([[1, { deleted: false, hiddenReason: null }]]);
    expect(redactEvent(created, now)).toBe(created);
    expect(redactEvent(created, new Map())).toBe(created);
  });

  it("takes a since-hidden claim's text out of its old events, with the reason in", () => {
    const now = new Map([[1, { deleted: false, hiddenReason: "spam" }]]);
    const redacted = redactEvent(created, now);
    expect(JSON.stringify(redacted)).not.toContain("secret");
    expect(redacted.type === "claim.created" && redacted.data.claim.hidden).toEqual({
      reason: "spam",
      bodyShown: false,
    });
    expect(redacted.seq).toBe(1);
    expect(redactEvent(reactions, now).data).toEqual({ claimId: 1, spans: [] });
  });

  it("takes a since-deleted claim's text out too", () => {
    const now = new Map([[1, { deleted: true, hiddenReason: "spam" }]]);
    const redacted = redactEvent(created, now);
    expect(JSON.stringify(redacted)).not.toContain("secret");
    expect(redacted.type === "claim.created" && redacted.data.claim.hidden).toBeUndefined();
  });
});
