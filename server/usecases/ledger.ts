/**
 * The double-entry ledger on the database: journal transactions of postings that sum to zero, with
 * each account's cached balance updated in the same transaction. Nothing else touches balances.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { cruxes, fills, journalTransactions, ledgerAccounts, offers, postings } from "@/db/schema";
import {
  checkBalanced,
  checkInvariants,
  transfer,
  type AccountRef,
  type InvariantViolation,
  type Posting,
} from "@/server/domain/ledger";
import { badInput } from "@/server/errors";

export const STARTING_CREDITS = 1_000;
export const MINT: AccountRef = "mint";
export const userAccount = (userId: number): AccountRef => `user:${userId}`;
export const escrowAccount = (cruxId: number): AccountRef => `escrow:crux:${cruxId}`;

function describeRef(ref: AccountRef): {
  kind: "mint" | "user" | "escrow";
  userId: number | null;
  cruxId: number | null;
} {
  if (ref === MINT) return { kind: "mint", userId: null, cruxId: null };
  const user = /^user:(\d+)$/.exec(ref);
  if (user) return { kind: "user", userId: Number(user[1]), cruxId: null };
  const escrow = /^escrow:crux:(\d+)$/.exec(ref);
  if (escrow) return { kind: "escrow", userId: null, cruxId: Number(escrow[1]) };
  throw new Error(`unknown ledger account ${ref}`);
}

async function accountId(tx: Tx, ref: AccountRef): Promise<number> {
  const [existing] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ref, ref));
  if (existing) return existing.id;
  await tx
    .insert(ledgerAccounts)
    .values({ ref, ...describeRef(ref) })
    .onConflictDoNothing();
  const [created] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ref, ref));
  return created!.id;
}

export interface JournalEntry {
  kind: "grant" | "offer" | "fill" | "cancel" | "settle" | "refund" | "reverse";
  memo: string;
  cruxId?: number | null;
  offerId?: number | null;
  fillId?: number | null;
  userId?: number | null;
  reversesId?: number | null;
}

/**
 * Records one balanced journal transaction. Balances are updated in a fixed account order (so two
 * transactions never wait on each other in opposite orders); a user account that would go below
 * zero rejects the whole transaction with a message naming the shortfall.
 */
export async function post(
  tx: Tx,
  entry: JournalEntry,
  lines: readonly Posting[],
): Promise<number> {
  checkBalanced(lines);
  const [journal] = await tx
    .insert(journalTransactions)
    .values(entry)
    .returning({ id: journalTransactions.id });
  const ordered = [...lines].sort((a, b) => a.account.localeCompare(b.account));
  for (const line of ordered) {
    const id = await accountId(tx, line.account);
    const [updated] = await tx
      .update(ledgerAccounts)
      .set({ balance: sql`${ledgerAccounts.balance} + ${line.amount}` })
      .where(
        and(
          eq(ledgerAccounts.id, id),
          sql`(${ledgerAccounts.kind} = 'mint' or ${ledgerAccounts.balance} + ${line.amount} >= 0)`,
        ),
      )
      .returning({ balance: ledgerAccounts.balance });
    if (!updated) {
      const [current] = await tx
        .select({ balance: ledgerAccounts.balance })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.id, id));
      throw badInput(
        "stake",
        `that needs ${-line.amount} credits and you have ${current?.balance ?? 0} available`,
      );
    }
    await tx
      .insert(postings)
      .values({ transactionId: journal!.id, accountId: id, amount: line.amount });
  }
  return journal!.id;
}

/** Every new account starts with 1,000 credits from the mint. */
export async function grantStartingCredits(tx: Tx, userId: number): Promise<void> {
  await post(
    tx,
    { kind: "grant", memo: "Starting credits", userId },
    transfer(MINT, userAccount(userId), STARTING_CREDITS),
  );
}

export interface Wallet {
  balance: number;
  /** Credits in the user's open offers and unsettled bets. */
  locked: number;
  entries: {
    transactionId: number;
    kind: string;
    memo: string;
    amount: number;
    at: string;
    cruxId: number | null;
    offerId: number | null;
    fillId: number | null;
  }[];
}

/** Unsettled fills are those of cruxes not yet finalized (settlement happens at finalization). */
const UNSETTLED = sql`${cruxes.status} not in ('resolved', 'annulled')`;

export async function walletOf(db: DbExecutor, userId: number, limit = 200): Promise<Wallet> {
  const [account] = await db
    .select({ balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ref, userAccount(userId)));
  const [openOffers] = await db
    .select({ sum: sql<number>`coalesce(sum(${offers.remaining}), 0)::int` })
    .from(offers)
    .where(and(eq(offers.makerId, userId), eq(offers.status, "open")));
  const [asMaker] = await db
    .select({ sum: sql<number>`coalesce(sum(${fills.makerStake}), 0)::int` })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(and(eq(offers.makerId, userId), UNSETTLED));
  const [asTaker] = await db
    .select({ sum: sql<number>`coalesce(sum(${fills.takerStake}), 0)::int` })
    .from(fills)
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(and(eq(fills.takerId, userId), UNSETTLED));
  const rows = await db
    .select({
      transactionId: journalTransactions.id,
      kind: journalTransactions.kind,
      memo: journalTransactions.memo,
      amount: postings.amount,
      at: journalTransactions.createdAt,
      cruxId: journalTransactions.cruxId,
      offerId: journalTransactions.offerId,
      fillId: journalTransactions.fillId,
    })
    .from(postings)
    .innerJoin(journalTransactions, eq(journalTransactions.id, postings.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(ledgerAccounts.ref, userAccount(userId)))
    .orderBy(desc(postings.id))
    .limit(limit);
  return {
    balance: account?.balance ?? 0,
    locked: Number(openOffers?.sum ?? 0) + Number(asMaker?.sum ?? 0) + Number(asTaker?.sum ?? 0),
    entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}

/** Reads the whole ledger and checks every invariant of DESIGN.md (used by `ledger:check` and tests). */
export async function checkLedger(db: DbExecutor): Promise<InvariantViolation[]> {
  const accounts = await db.select().from(ledgerAccounts);
  const lines = await db
    .select({
      transactionId: postings.transactionId,
      ref: ledgerAccounts.ref,
      amount: postings.amount,
    })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .orderBy(asc(postings.id));
  const journals = await db.select({ id: journalTransactions.id }).from(journalTransactions);
  const byTransaction = new Map<number, Posting[]>(journals.map((j) => [j.id, []]));
  for (const l of lines)
    byTransaction.get(l.transactionId)?.push({ account: l.ref, amount: l.amount });

  // What each crux's escrow should hold: unmatched stakes of open offers plus the pots of fills not yet settled.
  const escrowExpected: Record<AccountRef, number> = {};
  for (const a of accounts) if (a.kind === "escrow" && a.cruxId !== null) escrowExpected[a.ref] = 0;
  const open = await db
    .select({ cruxId: offers.cruxId, sum: sql<number>`sum(${offers.remaining})::int` })
    .from(offers)
    .where(eq(offers.status, "open"))
    .groupBy(offers.cruxId);
  const pots = await db
    .select({
      cruxId: fills.cruxId,
      sum: sql<number>`sum(${fills.takerStake} + ${fills.makerStake})::int`,
    })
    .from(fills)
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(UNSETTLED)
    .groupBy(fills.cruxId);
  for (const r of [...open, ...pots]) {
    const ref = escrowAccount(r.cruxId);
    escrowExpected[ref] = (escrowExpected[ref] ?? 0) + Number(r.sum);
  }
  return checkInvariants({
    transactions: [...byTransaction.entries()].map(([id, p]) => ({ id, postings: p })),
    balances: Object.fromEntries(accounts.map((a) => [a.ref, a.balance])),
    isUser: (ref) => ref.startsWith("user:"),
    mint: MINT,
    escrowExpected,
  });
}

/** The journal transactions a finalization made for a crux that are not reversed yet. */
export async function unreversedSettlement(tx: Tx, cruxId: number) {
  const rows = await tx
    .select({
      id: journalTransactions.id,
      kind: journalTransactions.kind,
      offerId: journalTransactions.offerId,
    })
    .from(journalTransactions)
    .where(
      and(
        eq(journalTransactions.cruxId, cruxId),
        inArray(journalTransactions.kind, ["settle", "refund"]),
        sql`not exists (select 1 from ${journalTransactions} r where r.reverses_id = ${journalTransactions.id})`,
      ),
    );
  return rows;
}

/** Posts the exact opposite of a transaction, linked to it. */
export async function reverse(
  tx: Tx,
  transactionId: number,
  memo: string,
  userId: number | null,
): Promise<number> {
  const lines = await tx
    .select({ ref: ledgerAccounts.ref, amount: postings.amount })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(postings.transactionId, transactionId));
  const [original] = await tx
    .select()
    .from(journalTransactions)
    .where(eq(journalTransactions.id, transactionId));
  return post(
    tx,
    {
      kind: "reverse",
      memo,
      cruxId: original?.cruxId ?? null,
      offerId: original?.offerId ?? null,
      fillId: original?.fillId ?? null,
      userId,
      reversesId: transactionId,
    },
    lines.map((l) => ({ account: l.ref, amount: -l.amount })),
  );
}
