import { describe, expect, it } from "vitest";
import {
  isModerator,
  mayModerate,
  NO_SCOPE,
  roleGrantProblem,
  type ModerationScope,
} from "@/server/domain/moderation";

const admin: ModerationScope = { admin: true, siteWide: false, debateIds: [] };
const siteWide: ModerationScope = { admin: false, siteWide: true, debateIds: [] };
const ofDebate7: ModerationScope = { admin: false, siteWide: false, debateIds: [7] };

describe("who may moderate what", () => {
  it("admins and site-wide moderators moderate every debate and site-wide things", () => {
    for (const scope of [admin, siteWide]) {
      expect(mayModerate(scope, 7)).toBe(true);
      expect(mayModerate(scope, 8)).toBe(true);
      expect(mayModerate(scope, null)).toBe(true);
    }
  });

  it("a debate's moderator moderates that debate only, and nothing site-wide", () => {
    expect(mayModerate(ofDebate7, 7)).toBe(true);
    expect(mayModerate(ofDebate7, 8)).toBe(false);
    expect(mayModerate(ofDebate7, null)).toBe(false);
  });

  it("everyone else moderates nothing", () => {
    expect(mayModerate(NO_SCOPE, 7)).toBe(false);
    expect(mayModerate(NO_SCOPE, null)).toBe(false);
    expect(isModerator(NO_SCOPE)).toBe(false);
    expect([admin, siteWide, ofDebate7].map(isModerator)).toEqual([true, true, true]);
  });
});

describe("granting roles", () => {
  it("only admins grant, and admin can't be limited to a debate", () => {
    expect(roleGrantProblem(admin, "moderator", 7)).toBeNull();
    expect(roleGrantProblem(admin, "moderator", null)).toBeNull();
    expect(roleGrantProblem(admin, "admin", null)).toBeNull();
    expect(roleGrantProblem(admin, "admin", 7)).toMatch(/site-wide role/);
    expect(roleGrantProblem(siteWide, "moderator", 7)).toMatch(/Only admins/);
    expect(roleGrantProblem(ofDebate7, "moderator", 7)).toMatch(/Only admins/);
  });
});
