/**
 * Double-entry ledger rules (docs/ledger.md). Every movement of credits is a journal transaction
 * of postings that sum to zero; balances are a cache of those postings. Sums use BigInt so that
 * many safe-integer amounts can never round.
 */

export type AccountRef = string; // e.g. "mint", "user:12", "escrow:crux:5", "debt:user:12"

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

/**
 * A reversal must always go through (an admin correcting a wrong resolution), even when a winner
 * has spent the winnings it takes back. Where a wallet cannot cover its debit, the part it can't
 * cover is posted to that user's debt account instead, so the wallet itself never goes below zero
 * and what the user owes stays visible. `available` is each wallet's balance before these
 * postings; `debtOf` names a wallet's debt account (null for accounts that can't owe).
 */
export function coverShortfalls(
  postings: readonly Posting[],
  available: (account: AccountRef) => number,
  debtOf: (account: AccountRef) => AccountRef | null,
): Posting[] {
  checkBalanced(postings);
  const running = new Map<AccountRef, number>();
  const balance = (a: AccountRef) => running.get(a) ?? available(a);
  // Credits land first, so a wallet paid and charged in one reversal nets out.
  for (const p of postings) if (p.amount > 0) running.set(p.account, balance(p.account) + p.amount);
  const out = postings.flatMap((p): Posting[] => {
    const debt = p.amount < 0 ? debtOf(p.account) : null;
    if (debt === null) return [p];
    const take = Math.min(Math.max(0, balance(p.account)), -p.amount);
    running.set(p.account, balance(p.account) - take);
    const owed = -p.amount - take;
    return [
      ...(take > 0 ? [{ account: p.account, amount: -take }] : []),
      ...(owed > 0 ? [{ account: debt, amount: -owed }] : []),
    ];
  });
  checkBalanced(out);
  return out;
}

/** What a wallet repays of its user's debt when credits arrive: all it can, up to what is owed. */
export function repayment(walletBalance: number, debtBalance: number): number {
  return debtBalance < 0 && walletBalance > 0 ? Math.min(walletBalance, -debtBalance) : 0;
}

export interface LedgerSnapshot {
  /** `kind` (grant, offer, ..., reverse, repay) lets the debt rules be checked. */
  transactions: { id: number; kind?: string; postings: Posting[] }[];
  balances: Record<AccountRef, number>; // cached balances
  isUser: (account: AccountRef) => boolean; // user accounts may not go negative
  mint: AccountRef; // the only account that may be negative
  escrowExpected: Record<AccountRef, number>; // what each escrow account should hold (open stakes)
  /**
   * Optional: recognises escrow accounts, so one holding credits but missing from escrowExpected
   * is caught (expected 0). Without it only the accounts listed in escrowExpected are checked.
   */
  isEscrow?: (account: AccountRef) => boolean;
  /**
   * Optional: maps a debt account to its user's wallet. Debt accounts may be below zero (what the
   * user owes), but only reversals may push them down and only repayments bring them back.
   */
  walletOfDebt?: (account: AccountRef) => AccountRef | null;
}

export type Invariant =
  | "transaction-sums-to-zero"
  | "balances-sum-to-zero"
  | "cached-balance-matches-postings"
  | "escrow-holds-open-stakes"
  | "no-negative-balance"
  | "debt-only-from-reversals"
  | "debt-repaid-first"
  | "no-escrow-on-final-crux"
  | "no-stuck-awaiting-condition";

export interface InvariantViolation {
  invariant: Invariant;
  detail: string;
}

/**
 * Checks every invariant of docs/ledger.md; returns all violations (empty = healthy), in a stable order.
 * - transaction-sums-to-zero: per transaction (also flags amounts that are not whole credits;
 *   such amounts are left out of every sum below).
 * - balances-sum-to-zero: over the cached balances. It cannot fail alone: if every transaction sums
 *   to zero and every cached balance matches its postings, the cached balances sum to zero too.
 * - cached-balance-matches-postings: over every account cached or posted to; a missing cache entry
 *   counts as 0.
 * - escrow-holds-open-stakes and no-negative-balance use the balance from the journal (the source
 *   of truth), and the negative check also looks at the cached balance, as the database CHECK does.
 *   Every account but the mint and debt accounts must be >= 0 (escrow too); a debt account
 *   (recognised by walletOfDebt) must be <= 0.
 * - debt-only-from-reversals and debt-repaid-first (with walletOfDebt and transaction kinds): a
 *   debt account goes down only in a reversal and up only in a repayment, and a wallet holds no
 *   credits while its user owes.
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

  const walletOfDebt = s.walletOfDebt ?? (() => null);
  for (const account of accounts) {
    if (account === s.mint) continue;
    const values = [journal.get(account), cached.get(account)];
    if (walletOfDebt(account) !== null) {
      const highest = values.reduce<bigint>((max, v) => (v !== undefined && v > max ? v : max), 0n);
      if (highest > 0n)
        violations.push({
          invariant: "no-negative-balance",
          detail: `debt account ${account} is at ${highest}; it can only hold what is owed (0 or less)`,
        });
      continue;
    }
    const lowest = values.reduce<bigint>((min, v) => (v !== undefined && v < min ? v : min), 0n);
    if (lowest < 0n)
      violations.push({
        invariant: "no-negative-balance",
        detail: `${s.isUser(account) ? "user account" : "account"} ${account} is at ${lowest}`,
      });
  }

  // Debt arises only from reversals and shrinks only by repayment; while owed, wallets repay first.
  for (const tx of s.transactions)
    for (const p of tx.postings) {
      if (walletOfDebt(p.account) === null || tx.kind === undefined) continue;
      const expected = p.amount < 0 ? "reverse" : "repay";
      if (tx.kind !== expected)
        violations.push({
          invariant: "debt-only-from-reversals",
          detail: `transaction ${tx.id} (${tx.kind}) moves ${p.amount} on ${p.account}; only a ${expected} may`,
        });
    }
  for (const account of accounts) {
    const wallet = walletOfDebt(account);
    if (wallet === null) continue;
    const owed = journal.get(account) ?? 0n;
    const held = journal.get(wallet) ?? 0n;
    if (owed < 0n && held > 0n)
      violations.push({
        invariant: "debt-repaid-first",
        detail: `${wallet} holds ${held} while ${account} owes ${-owed}`,
      });
  }
  return violations;
}

export interface CruxSettlementFacts {
  id: number;
  status: string;
  /** Credits in the crux's escrow. */
  escrow: number;
  /** Its condition's status, or null when it has none. */
  conditionStatus: string | null;
}

const FINAL = new Set(["resolved", "annulled"]);

/**
 * Money must never be stuck: a final crux holds nothing in escrow, and a crux waits for its
 * condition only while it has an unfinished one.
 */
export function checkSettlement(cruxes: readonly CruxSettlementFacts[]): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  for (const c of cruxes) {
    if (FINAL.has(c.status) && c.escrow !== 0)
      violations.push({
        invariant: "no-escrow-on-final-crux",
        detail: `crux ${c.id} is ${c.status} but its escrow holds ${c.escrow}`,
      });
    if (
      c.status === "awaiting-condition" &&
      (c.conditionStatus === null || FINAL.has(c.conditionStatus))
    )
      violations.push({
        invariant: "no-stuck-awaiting-condition",
        detail:
          c.conditionStatus === null
            ? `crux ${c.id} awaits a condition it does not have`
            : `crux ${c.id} awaits a condition that is already ${c.conditionStatus}`,
      });
  }
  return violations;
}
