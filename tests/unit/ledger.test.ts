import { describe, expect, it } from "vitest";
import {
  LedgerError,
  checkBalanced,
  checkInvariants,
  checkSettlement,
  coverShortfalls,
  repayment,
  reversal,
  transfer,
  type LedgerSnapshot,
  type Posting,
} from "@/server/domain/ledger";

describe("transfer", () => {
  it("takes the amount from one account and gives it to the other", () => {
    expect(transfer("mint", "user:1", 100)).toEqual([
      { account: "mint", amount: -100 },
      { account: "user:1", amount: 100 },
    ]);
  });

  it.each([0, -5, 1.5, Number.NaN, 2 ** 53])("rejects amount %s", (amount) => {
    expect(() => transfer("mint", "user:1", amount)).toThrow(LedgerError);
  });

  it("rejects a transfer from an account to itself", () => {
    expect(() => transfer("user:1", "user:1", 5)).toThrow(LedgerError);
  });
});

describe("checkBalanced", () => {
  it("accepts postings that sum to zero, without merging same-account postings", () => {
    expect(() =>
      checkBalanced([
        { account: "user:1", amount: -30 },
        { account: "escrow:crux:5", amount: 20 },
        { account: "escrow:crux:5", amount: 10 },
      ]),
    ).not.toThrow();
    // +5 and -5 on one account is two legal postings.
    expect(() =>
      checkBalanced([
        { account: "user:1", amount: 5 },
        { account: "user:1", amount: -5 },
      ]),
    ).not.toThrow();
    expect(() => checkBalanced([])).not.toThrow();
  });

  it("rejects a non-zero sum", () => {
    expect(() =>
      checkBalanced([
        { account: "mint", amount: -100 },
        { account: "user:1", amount: 99 },
      ]),
    ).toThrow("Postings sum to -1, not zero.");
  });

  it("rejects zero, fractional and unsafe amounts", () => {
    for (const bad of [0, 1.5, Number.NaN, 2 ** 53])
      expect(() =>
        checkBalanced([
          { account: "a", amount: bad },
          { account: "b", amount: -bad },
        ]),
      ).toThrow(LedgerError);
  });

  it("sums exactly where floats would round", () => {
    // (2^53 - 1) + (2^53 - 1) - 2^53 - (2^53 - 2) = 0, but in floats the first sum rounds.
    const max = Number.MAX_SAFE_INTEGER;
    expect(() =>
      checkBalanced([
        { account: "a", amount: max },
        { account: "b", amount: max },
        { account: "c", amount: -max },
        { account: "d", amount: -max },
      ]),
    ).not.toThrow();
    expect(() =>
      checkBalanced([
        { account: "a", amount: max },
        { account: "b", amount: max },
        { account: "c", amount: -max },
        { account: "d", amount: -(max - 1) },
      ]),
    ).toThrow("Postings sum to 1, not zero.");
  });
});

describe("reversal", () => {
  it("negates every posting, so a transaction and its reversal cancel per account", () => {
    const original: Posting[] = [
      { account: "escrow:crux:5", amount: -35 },
      { account: "user:1", amount: 35 },
    ];
    expect(reversal(original)).toEqual([
      { account: "escrow:crux:5", amount: 35 },
      { account: "user:1", amount: -35 },
    ]);
  });

  it("refuses to reverse postings that are not balanced", () => {
    expect(() => reversal([{ account: "user:1", amount: 5 }])).toThrow(LedgerError);
  });
});

describe("checkInvariants", () => {
  // Two grants of 100 from the mint, then user:1 escrows a 30-credit offer on crux 5.
  function healthy(): LedgerSnapshot {
    return {
      transactions: [
        { id: 1, postings: transfer("mint", "user:1", 100) },
        { id: 2, postings: transfer("mint", "user:2", 100) },
        { id: 3, postings: transfer("user:1", "escrow:crux:5", 30) },
      ],
      // mint -200, user:1 100 - 30 = 70, user:2 100, escrow 30: sum 0.
      balances: { mint: -200, "user:1": 70, "user:2": 100, "escrow:crux:5": 30 },
      isUser: (a) => a.startsWith("user:"),
      mint: "mint",
      escrowExpected: { "escrow:crux:5": 30 },
    };
  }

  it("passes a healthy ledger, with the mint negative", () => {
    expect(checkInvariants(healthy())).toEqual([]);
  });

  it("treats an account with postings netting to 0 and no cached row as 0", () => {
    const s = healthy();
    s.transactions.push({ id: 4, postings: transfer("user:2", "user:3", 5) });
    s.transactions.push({ id: 5, postings: transfer("user:3", "user:2", 5) });
    expect(checkInvariants(s)).toEqual([]);
  });

  it("catches transactions that do not sum to zero", () => {
    const s = healthy();
    // Transaction 4 creates a credit (+1), transaction 5 destroys one (-1): the caches agree with
    // the postings and still sum to zero, so only the per-transaction check can see it.
    s.transactions.push({
      id: 4,
      postings: [
        { account: "user:2", amount: -5 },
        { account: "user:1", amount: 6 },
      ],
    });
    s.transactions.push({ id: 5, postings: [{ account: "user:2", amount: -1 }] });
    s.balances["user:1"] = 76; // 70 + 6
    s.balances["user:2"] = 94; // 100 - 5 - 1
    expect(checkInvariants(s)).toEqual([
      { invariant: "transaction-sums-to-zero", detail: "transaction 4 sums to 1" },
      { invariant: "transaction-sums-to-zero", detail: "transaction 5 sums to -1" },
    ]);
  });

  it("catches a posting that is not whole credits", () => {
    const s = healthy();
    s.transactions.push({
      id: 4,
      postings: [
        { account: "user:2", amount: -0.5 },
        { account: "user:1", amount: 0.5 },
      ],
    });
    const found = checkInvariants(s);
    expect(found.map((v) => v.invariant)).toEqual([
      "transaction-sums-to-zero",
      "transaction-sums-to-zero",
    ]);
    expect(found[0]!.detail).toContain("transaction 4");
  });

  it("catches cached balances that do not sum to zero (with the cache mismatch that must cause it)", () => {
    // If every transaction sums to zero and every cache matches, the caches sum to zero, so this
    // invariant can only fail alongside one of those two.
    const s = healthy();
    s.balances["user:1"] = 71;
    expect(checkInvariants(s)).toEqual([
      { invariant: "balances-sum-to-zero", detail: "cached balances sum to 1" },
      {
        invariant: "cached-balance-matches-postings",
        detail: "user:1: cached balance 71, postings sum to 70",
      },
    ]);
  });

  it("catches cached balances that differ from their postings", () => {
    const s = healthy();
    // Off by one in both directions: the caches still sum to zero.
    s.balances["user:1"] = 71;
    s.balances.mint = -201;
    expect(checkInvariants(s)).toEqual([
      {
        invariant: "cached-balance-matches-postings",
        detail: "mint: cached balance -201, postings sum to -200",
      },
      {
        invariant: "cached-balance-matches-postings",
        detail: "user:1: cached balance 71, postings sum to 70",
      },
    ]);
  });

  it("catches a cached row missing for an account with postings", () => {
    const s = healthy();
    delete s.balances["user:2"];
    s.balances.mint = -100;
    // mint -100 vs -200 and user:2 missing (0) vs 100; the caches sum to -100 + 70 + 30 = 0.
    expect(checkInvariants(s).map((v) => v.detail)).toEqual([
      "mint: cached balance -100, postings sum to -200",
      "user:2: cached balance 0, postings sum to 100",
    ]);
  });

  it("catches escrow holding other than the open stakes", () => {
    const s = healthy();
    s.escrowExpected["escrow:crux:5"] = 25;
    expect(checkInvariants(s)).toEqual([
      {
        invariant: "escrow-holds-open-stakes",
        detail: "escrow:crux:5 holds 30, open stakes are 25",
      },
    ]);
  });

  it("with isEscrow, catches an escrow account that holds credits but has no open stakes", () => {
    const s = healthy();
    s.transactions.push({ id: 4, postings: transfer("user:2", "escrow:crux:6", 5) });
    s.balances["user:2"] = 95;
    s.balances["escrow:crux:6"] = 5;
    expect(checkInvariants(s)).toEqual([]); // not listed, not recognised
    s.isEscrow = (a) => a.startsWith("escrow:");
    expect(checkInvariants(s)).toEqual([
      {
        invariant: "escrow-holds-open-stakes",
        detail: "escrow:crux:6 holds 5, open stakes are 0",
      },
    ]);
  });

  it("catches a negative user balance", () => {
    const s = healthy();
    s.transactions.push({ id: 4, postings: transfer("user:2", "user:3", 150) });
    s.balances["user:2"] = -50; // 100 - 150
    s.balances["user:3"] = 150;
    expect(checkInvariants(s)).toEqual([
      { invariant: "no-negative-balance", detail: "user account user:2 is at -50" },
    ]);
  });

  it("catches a negative escrow balance: only the mint may go negative", () => {
    const s = healthy();
    s.transactions.push({ id: 4, postings: transfer("escrow:crux:5", "user:1", 40) });
    s.balances["escrow:crux:5"] = -10; // 30 - 40
    s.balances["user:1"] = 110; // 70 + 40
    s.escrowExpected["escrow:crux:5"] = -10; // isolate the negative-balance check
    expect(checkInvariants(s)).toEqual([
      { invariant: "no-negative-balance", detail: "account escrow:crux:5 is at -10" },
    ]);
  });
});

describe("coverShortfalls", () => {
  const debtOf = (a: string) => (a.startsWith("user:") ? `debt:${a}` : null);

  it("leaves postings alone when every wallet can cover its debit", () => {
    const lines = transfer("user:1", "escrow:crux:5", 30);
    expect(coverShortfalls(lines, () => 100, debtOf)).toEqual(lines);
  });

  it("posts what a wallet can't cover to its user's debt account", () => {
    // Reversing a 100-credit payout from a wallet holding 40: 40 from the wallet, 60 owed.
    expect(coverShortfalls(transfer("user:1", "escrow:crux:5", 100), () => 40, debtOf)).toEqual([
      { account: "user:1", amount: -40 },
      { account: "debt:user:1", amount: -60 },
      { account: "escrow:crux:5", amount: 100 },
    ]);
    // An empty wallet owes it all.
    expect(coverShortfalls(transfer("user:1", "escrow:crux:5", 100), () => 0, debtOf)).toEqual([
      { account: "debt:user:1", amount: -100 },
      { account: "escrow:crux:5", amount: 100 },
    ]);
  });

  it("lets credits in the same reversal count first, and tracks two debits on one wallet", () => {
    const lines: Posting[] = [
      { account: "user:1", amount: -70 },
      { account: "user:1", amount: -50 },
      { account: "user:2", amount: 20 },
      { account: "escrow:crux:5", amount: 100 },
    ];
    expect(coverShortfalls(lines, (a) => (a === "user:1" ? 100 : 0), debtOf)).toEqual([
      { account: "user:1", amount: -70 },
      { account: "user:1", amount: -30 },
      { account: "debt:user:1", amount: -20 },
      { account: "user:2", amount: 20 },
      { account: "escrow:crux:5", amount: 100 },
    ]);
  });

  it("never touches accounts that can't owe", () => {
    const lines = transfer("escrow:crux:5", "user:1", 10);
    expect(coverShortfalls(lines, () => 0, debtOf)).toEqual(lines);
  });
});

describe("repayment", () => {
  it("repays all it can, up to what is owed", () => {
    expect(repayment(100, -30)).toBe(30);
    expect(repayment(20, -30)).toBe(20);
    expect(repayment(0, -30)).toBe(0);
    expect(repayment(50, 0)).toBe(0);
  });
});

describe("checkInvariants with debts", () => {
  const walletOfDebt = (a: string) => (a.startsWith("debt:") ? a.slice("debt:".length) : null);
  // user:1 won 50 (settled from escrow), spent it all on an offer, then the payout was reversed.
  function owing(): LedgerSnapshot {
    return {
      transactions: [
        { id: 1, kind: "grant", postings: transfer("mint", "user:1", 100) },
        { id: 2, kind: "settle", postings: transfer("mint", "user:1", 50) },
        { id: 3, kind: "offer", postings: transfer("user:1", "escrow:crux:6", 150) },
        {
          id: 4,
          kind: "reverse",
          postings: [
            { account: "debt:user:1", amount: -50 },
            { account: "mint", amount: 50 },
          ],
        },
      ],
      balances: { mint: -100, "user:1": 0, "debt:user:1": -50, "escrow:crux:6": 150 },
      isUser: (a) => a.startsWith("user:"),
      mint: "mint",
      escrowExpected: { "escrow:crux:6": 150 },
      walletOfDebt,
    };
  }

  it("accepts a debt that a reversal explains", () => {
    expect(checkInvariants(owing())).toEqual([]);
  });

  it("catches debt made by anything but a reversal", () => {
    const s = owing();
    s.transactions[3]!.kind = "settle";
    expect(checkInvariants(s)).toEqual([
      {
        invariant: "debt-only-from-reversals",
        detail: "transaction 4 (settle) moves -50 on debt:user:1; only a reverse may",
      },
    ]);
  });

  it("catches a wallet holding credits while its user owes, and a positive debt account", () => {
    const s = owing();
    s.transactions.push({
      id: 5,
      kind: "refund",
      postings: transfer("escrow:crux:6", "user:1", 10),
    });
    s.balances["user:1"] = 10;
    s.balances["escrow:crux:6"] = 140;
    s.escrowExpected["escrow:crux:6"] = 140;
    expect(checkInvariants(s)).toEqual([
      { invariant: "debt-repaid-first", detail: "user:1 holds 10 while debt:user:1 owes 50" },
    ]);
    const t = owing();
    t.transactions.push({ id: 5, kind: "repay", postings: transfer("mint", "debt:user:1", 60) });
    t.balances["debt:user:1"] = 10;
    t.balances.mint = -160;
    expect(checkInvariants(t).map((v) => v.invariant)).toEqual(["no-negative-balance"]);
  });
});

describe("checkSettlement", () => {
  it("names a final crux holding escrow and a crux waiting on a final or missing condition", () => {
    expect(
      checkSettlement([
        { id: 1, status: "resolved", escrow: 0, conditionStatus: null },
        { id: 2, status: "annulled", escrow: 20, conditionStatus: null },
        { id: 3, status: "awaiting-condition", escrow: 50, conditionStatus: "open" },
        { id: 4, status: "awaiting-condition", escrow: 50, conditionStatus: "resolved" },
        { id: 5, status: "awaiting-condition", escrow: 50, conditionStatus: null },
      ]),
    ).toEqual([
      {
        invariant: "no-escrow-on-final-crux",
        detail: "crux 2 is annulled but its escrow holds 20",
      },
      {
        invariant: "no-stuck-awaiting-condition",
        detail: "crux 4 awaits a condition that is already resolved",
      },
      {
        invariant: "no-stuck-awaiting-condition",
        detail: "crux 5 awaits a condition it does not have",
      },
    ]);
  });
});
