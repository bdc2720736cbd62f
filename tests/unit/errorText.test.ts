import { describe, expect, it } from "vitest";
import { fieldLabel, humanizeFieldError } from "@/lib/errorText";

describe("error text beside a form", () => {
  it("names the field in words, not as the API spells it", () => {
    expect(humanizeFieldError("counterpartyHandle: no user called zed", "counterpartyHandle")).toBe(
      "Counterparty handle: no user called zed",
    );
    expect(humanizeFieldError("terms.movedByClaimId: no such claim", "terms.movedByClaimId")).toBe(
      "Moved by claim: no such claim",
    );
  });

  it("reads a predicate as one sentence about the field", () => {
    expect(humanizeFieldError("password: must be at least 10 characters", "password")).toBe(
      "Password must be at least 10 characters",
    );
    expect(humanizeFieldError("stake: that needs 30 credits and you have 5 available", null)).toBe(
      "Stake: that needs 30 credits and you have 5 available",
    );
  });

  it("leaves sentences without a field name alone", () => {
    expect(humanizeFieldError("Sign in (or send an API key) to do that.", null)).toBe(
      "Sign in (or send an API key) to do that.",
    );
    expect(humanizeFieldError("This crux is closed: no more bets.", "stake")).toBe(
      "This crux is closed: no more bets.",
    );
  });

  it("starts a sentence with a capital", () => {
    expect(humanizeFieldError("password must be at least 8 characters", null)).toBe(
      "Password must be at least 8 characters",
    );
  });

  it("turns code names into labels", () => {
    expect(fieldLabel("idempotencyKey")).toBe("Idempotency key");
    expect(fieldLabel("closesAt")).toBe("Closes at");
    expect(fieldLabel("parentId")).toBe("Parent");
  });
});
