/**
 * Double-entry ledger rules (DESIGN.md "Bets and the ledger"). Every movement of credits is a
 * journal transaction of postings that sum to zero; balances are a cache of those postings.
 * Sums use BigInt so that many safe-integer amounts can never round.
 */

export type AccountRef = string; // e.g. "mint", "user:12", "escrow:crux:5"

export interface Posting {
  account: AccountRef;
  /** Whole credits, signed: negative leaves the account, positive enters it. */
  amount: number;
}

export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerError";
  }
}

/** Postings moving `amount` (whole, >= 1) from one account to another. */
export function transfer(from: AccountRef, to: AccountRef, amount: number): Posting[] {
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw new LedgerError(
      `A transfer must move a whole number of credits, at least 1; got ${amount}.`,
    );
  if (from === to)
    throw new LedgerError(`A transfer needs two different accounts; got ${from} twice.`);
  return [
    { account: from, amount: -amount },
    { account: to, amount },
  ];
}

/**
 * Throws LedgerError unless every amount is a safe integer, non-zero, and they sum to zero.
 * Postings to the same account are not merged. An empty list passes (it moves nothing), so callers
 * that build postings from a possibly empty set of fills need no special case.
 */
export function checkBalanced(postings: readonly Posting[]): void {
  let sum = 0n;
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amount))
      throw new LedgerError(
        `Posting to ${p.account} is not a whole number of credits: ${p.amount}.`,
      );
    if (p.amount === 0) throw new LedgerError(`Posting to ${p.account} moves nothing.`);
    sum += BigInt(p.amount);
  }
  if (sum !== 0n) throw new LedgerError(`Postings sum to ${sum}, not zero.`);
}

/** The postings that undo a transaction (every amount negated). Undo never deletes rows. */
export function reversal(postings: readonly Posting[]): Posting[] {
  checkBalanced(postings);
  return postings.map((p) => ({ account: p.account, amount: -p.amount }));
}

export interface LedgerSnapshot {
  transactions: { id: number; postings: Posting[] }[];
  balances: Record<AccountRef, number>; // cached balances
  isUser: (account: AccountRef) => boolean; // user accounts may not go negative
  mint: AccountRef; // the only account that may be negative
  escrowExpected: Record<AccountRef, number>; // what each escrow account should hold (open stakes)
  /**
   * Optional: recognises escrow accounts, so one holding credits but missing from escrowExpected
   * is caught (expected 0). Without it only the accounts listed in escrowExpected are checked.
   */
  isEscrow?: (account: AccountRef) => boolean;
}

export type Invariant =
  | "transaction-sums-to-zero"
  | "balances-sum-to-zero"
  | "cached-balance-matches-postings"
  | "escrow-holds-open-stakes"
  | "no-negative-balance";

export interface InvariantViolation {
  invariant: Invariant;
  detail: string;
}

/**
 * Checks every invariant of DESIGN.md; returns all violations (empty = healthy), in a stable order.
 * - transaction-sums-to-zero: per transaction (also flags amounts that are not whole credits;
 *   such amounts are left out of every sum below).
 * - balances-sum-to-zero: over the cached balances. It cannot fail alone: if every transaction sums
 *   to zero and every cached balance matches its postings, the cached balances sum to zero too.
 * - cached-balance-matches-postings: over every account cached or posted to; a missing cache entry
 *   counts as 0.
 * - escrow-holds-open-stakes and no-negative-balance use the balance from the journal (the source
 *   of truth), and the negative check also looks at the cached balance, as the database CHECK does.
 *   Every account but the mint must be >= 0: DESIGN.md makes the mint the only one that may go
 *   negative, so escrow accounts are checked as well as user accounts.
 */
export function checkInvariants(s: LedgerSnapshot): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  const journal = new Map<AccountRef, bigint>();

  for (const tx of s.transactions) {
    let sum = 0n;
    for (const p of tx.postings) {
      if (!Number.isSafeInteger(p.amount)) {
        violations.push({
          invariant: "transaction-sums-to-zero",
          detail: `transaction ${tx.id}: posting to ${p.account} is not a whole number of credits (${p.amount})`,
        });
        continue;
      }
      sum += BigInt(p.amount);
      journal.set(p.account, (journal.get(p.account) ?? 0n) + BigInt(p.amount));
    }
    if (sum !== 0n)
      violations.push({
        invariant: "transaction-sums-to-zero",
        detail: `transaction ${tx.id} sums to ${sum}`,
      });
  }

  let cachedSum = 0n;
  const cached = new Map<AccountRef, bigint>();
  for (const [account, balance] of Object.entries(s.balances)) {
    if (!Number.isSafeInteger(balance)) {
      violations.push({
        invariant: "cached-balance-matches-postings",
        detail: `${account}: cached balance ${balance} is not a whole number of credits`,
      });
      continue;
    }
    cached.set(account, BigInt(balance));
    cachedSum += BigInt(balance);
  }
  if (cachedSum !== 0n)
    violations.push({
      invariant: "balances-sum-to-zero",
      detail: `cached balances sum to ${cachedSum}`,
    });

  const accounts = [...new Set([...journal.keys(), ...Object.keys(s.balances)])].sort();
  for (const account of accounts) {
    const fromJournal = journal.get(account) ?? 0n;
    // Non-whole cached balances were reported above; don't report them twice.
    if (!cached.has(account) && account in s.balances) continue;
    const fromCache = cached.get(account) ?? 0n;
    if (fromCache !== fromJournal)
      violations.push({
        invariant: "cached-balance-matches-postings",
        detail: `${account}: cached balance ${fromCache}, postings sum to ${fromJournal}`,
      });
  }

  const escrowAccounts = new Set(Object.keys(s.escrowExpected));
  if (s.isEscrow)
    for (const account of accounts) if (s.isEscrow(account)) escrowAccounts.add(account);
  for (const account of [...escrowAccounts].sort()) {
    const expected = s.escrowExpected[account] ?? 0;
    const held = journal.get(account) ?? 0n;
    if (!Number.isSafeInteger(expected) || BigInt(expected) !== held)
      violations.push({
        invariant: "escrow-holds-open-stakes",
        detail: `${account} holds ${held}, open stakes are ${expected}`,
      });
  }

  for (const account of accounts) {
    if (account === s.mint) continue;
    const lowest = [journal.get(account), cached.get(account)].reduce<bigint>(
      (min, v) => (v !== undefined && v < min ? v : min),
      0n,
    );
    if (lowest < 0n)
      violations.push({
        invariant: "no-negative-balance",
        detail: `${s.isUser(account) ? "user account" : "account"} ${account} is at ${lowest}`,
      });
  }
  return violations;
}
