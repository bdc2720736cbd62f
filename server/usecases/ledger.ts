/**
 * The double-entry ledger on the database: journal transactions of postings that sum to zero, with
 * each account's cached balance updated in the same transaction. Nothing else touches balances.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db, type DbExecutor, type Tx } from "@/db/client";
import { cruxes, fills, journalTransactions, ledgerAccounts, offers, postings } from "@/db/schema";
import { alias } from "drizzle-orm/pg-core";
import {
  checkBalanced,
  checkInvariants,
  checkSettlement,
  coverShortfalls,
  repayment,
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
export const debtAccount = (userId: number): AccountRef => `debt:user:${userId}`;

type AccountKind = "mint" | "user" | "escrow" | "debt";

function describeRef(ref: AccountRef): {
  kind: AccountKind;
  userId: number | null;
  cruxId: number | null;
} {
  if (ref === MINT) return { kind: "mint", userId: null, cruxId: null };
  const user = /^user:(\d+)$/.exec(ref);
  if (user) return { kind: "user", userId: Number(user[1]), cruxId: null };
  const escrow = /^escrow:crux:(\d+)$/.exec(ref);
  if (escrow) return { kind: "escrow", userId: null, cruxId: Number(escrow[1]) };
  const debt = /^debt:user:(\d+)$/.exec(ref);
  if (debt) return { kind: "debt", userId: Number(debt[1]), cruxId: null };
  throw new Error(`unknown ledger account ${ref}`);
}

const walletOfDebt = (ref: AccountRef): AccountRef | null => {
  const d = describeRef(ref);
  return d.kind === "debt" ? userAccount(d.userId!) : null;
};
const debtOfWallet = (ref: AccountRef): AccountRef | null => {
  const d = describeRef(ref);
  return d.kind === "user" ? debtAccount(d.userId!) : null;
};

interface LockedAccount {
  id: number;
  ref: AccountRef;
  kind: string;
  balance: number;
}

/**
 * Locks ledger accounts for the rest of the transaction in ascending id order (the global lock
 * order, docs/locking.md), creating the missing ones. With `withDebts`, the debt accounts
 * that already exist for the users among them are locked too. A use-case that posts several
 * journal transactions (a finalization) locks the union first, so its later posts wait for nothing.
 * An account created here is locked after the others: it is new, so only a concurrent creator of
 * the same account can hold it (a rare deadlock, retried by commit()).
 */
export async function lockAccounts(
  tx: Tx,
  refs: Iterable<AccountRef>,
  options: { create?: readonly AccountRef[] } = {},
): Promise<Map<AccountRef, LockedAccount>> {
  const wanted = [...new Set(refs)];
  const debts = wanted.flatMap((r) => debtOfWallet(r) ?? []);
  const lock = (list: AccountRef[]) =>
    tx
      .select({
        id: ledgerAccounts.id,
        ref: ledgerAccounts.ref,
        kind: ledgerAccounts.kind,
        balance: ledgerAccounts.balance,
      })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.ref, list))
      .orderBy(asc(ledgerAccounts.id))
      .for("update");
  const locked = new Map<AccountRef, LockedAccount>();
  if (wanted.length > 0) for (const r of await lock([...wanted, ...debts])) locked.set(r.ref, r);
  const missing = (options.create ?? wanted).filter((r) => !locked.has(r));
  if (missing.length > 0) {
    await tx
      .insert(ledgerAccounts)
      .values(missing.map((ref) => ({ ref, ...describeRef(ref) })))
      .onConflictDoNothing();
    for (const r of await lock(missing)) if (wanted.includes(r.ref)) locked.set(r.ref, r);
  }
  return locked;
}

export interface JournalEntry {
  kind: "grant" | "offer" | "fill" | "cancel" | "settle" | "refund" | "reverse" | "repay";
  memo: string;
  cruxId?: number | null;
  offerId?: number | null;
  fillId?: number | null;
  userId?: number | null;
  reversesId?: number | null;
  /** The lifecycle step these credits move for (a close, a finalization, an undo). */
  transitionId?: number | null;
}

/** One journal transaction to record: what it is, and its postings. */
export interface Entry {
  entry: JournalEntry;
  lines: readonly Posting[];
}

/**
 * Records one balanced journal transaction and updates the cached balances (see postAll).
 * Returns its id.
 */
export async function post(
  tx: Tx,
  entry: JournalEntry,
  lines: readonly Posting[],
): Promise<number> {
  return (await postAll(tx, [{ entry, lines }]))[0]!;
}

/**
 * Records journal transactions, set-based: the accounts they touch are locked once, in ascending
 * id order (docs/locking.md), then every journal row, every posting and every balance is written
 * with one statement each, whatever the number of entries. A wallet that would go below zero
 * rejects the whole thing with a message naming the shortfall; only a reversal may instead leave
 * the user owing (their debt account). Credits arriving in a wallet whose user owes repay the debt
 * first. Returns the journal ids, in the order given.
 */
export async function postAll(tx: Tx, entries: readonly Entry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  for (const e of entries) {
    checkBalanced(e.lines);
    if (e.lines.length === 0) throw new Error("post: a journal transaction needs postings");
  }
  const refs = [...new Set(entries.flatMap((e) => e.lines.map((l) => l.account)))];
  const accounts = await lockAccounts(tx, refs, { create: refs });
  // Reversals route what a wallet can't cover to its debt account (created and locked if new).
  const debited = entries
    .filter((e) => e.entry.kind === "reverse")
    .flatMap((e) => e.lines.filter((l) => l.amount < 0).map((l) => l.account));
  if (debited.length > 0) {
    const debts = [...new Set(debited.flatMap((r) => debtOfWallet(r) ?? []))].filter(
      (r) => !accounts.has(r),
    );
    if (debts.length > 0)
      for (const [ref, account] of await lockAccounts(tx, debts, { create: debts }))
        accounts.set(ref, account);
  }
  const running = new Map([...accounts].map(([ref, a]) => [ref, a.balance]));
  const final = entries.map((e) => {
    const lines =
      e.entry.kind === "reverse"
        ? coverShortfalls(e.lines, (ref) => running.get(ref) ?? 0, debtOfWallet)
        : [...e.lines];
    for (const l of lines) {
      const account = accounts.get(l.account)!;
      const after = (running.get(l.account) ?? 0) + l.amount;
      if (account.kind !== "mint" && account.kind !== "debt" && after < 0)
        throw badInput(
          "stake",
          `that needs ${-l.amount} credits and you have ${running.get(l.account) ?? 0} available`,
        );
      running.set(l.account, after);
    }
    return { entry: e.entry, lines };
  });
  const changed = [...running].filter(([ref, balance]) => balance !== accounts.get(ref)!.balance);
  const ids = await writeJournal(
    tx,
    final.map((e) => ({
      entry: e.entry,
      lines: e.lines.map((l) => ({ accountId: accounts.get(l.account)!.id, amount: l.amount })),
    })),
    changed.map(([ref, balance]) => ({ id: accounts.get(ref)!.id, balance })),
  );
  for (const [ref, balance] of running) accounts.get(ref)!.balance = balance;
  await repayDebts(tx, accounts, final);
  return ids;
}

/** PostgreSQL takes at most 65,535 parameters a statement; stay well under it. */
const MAX_PARAMETERS = 30_000;

/**
 * Writes journal rows, their postings and the new balances in one statement per batch (a
 * data-modifying CTE): a money write holds its locks for as few round trips as possible. The
 * balances (already checked) go with the last batch. Returns the journal ids in entry order.
 */
async function writeJournal(
  tx: Tx,
  entries: readonly { entry: JournalEntry; lines: { accountId: number; amount: number }[] }[],
  balances: readonly { id: number; balance: number }[],
): Promise<number[]> {
  const ids: number[] = [];
  let start = 0;
  while (start < entries.length) {
    let end = start;
    let parameters = balances.length * 2;
    while (end < entries.length && (end === start || parameters < MAX_PARAMETERS))
      parameters += 8 + entries[end++]!.lines.length * 3;
    const batch = entries.slice(start, end);
    const last = end === entries.length;
    const journals = sql.join(
      batch.map(
        ({ entry: e }) =>
          sql`(${e.kind}, ${e.memo}, ${e.cruxId ?? null}, ${e.offerId ?? null}, ${e.fillId ?? null}, ${e.userId ?? null}, ${e.reversesId ?? null}, ${e.transitionId ?? null})`,
      ),
      sql`, `,
    );
    const lines = sql.join(
      batch.flatMap((e, n) =>
        e.lines.map((l) => sql`(${n + 1}::int, ${l.accountId}::int, ${l.amount}::bigint)`),
      ),
      sql`, `,
    );
    const balanceUpdate =
      last && balances.length > 0
        ? sql`, balances as (update ${ledgerAccounts} set balance = v.balance
            from (values ${sql.join(
              balances.map((b) => sql`(${b.id}::int, ${b.balance}::bigint)`),
              sql`, `,
            )}) as v(id, balance)
            where ${ledgerAccounts.id} = v.id)`
        : sql``;
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`with journal as (
          insert into ${journalTransactions}
            (kind, memo, crux_id, offer_id, fill_id, user_id, reverses_id, transition_id)
          values ${journals}
          returning id),
        numbered as (select id, row_number() over (order by id) as n from journal),
        lines as (
          insert into ${postings} (transaction_id, account_id, amount)
          select numbered.id, v.account_id, v.amount
          from (values ${lines}) as v(n, account_id, amount)
          join numbered on numbered.n = v.n)
        ${balanceUpdate}
        select id from numbered order by n`,
    );
    // Ids come from one sequence in row order, so the n-th smallest is the n-th entry's.
    ids.push(...rows.map((r) => Number(r.id)));
    start = end;
  }
  return ids;
}

/** Wallets credited by these entries pay back what their users owe, as separate repay entries. */
async function repayDebts(
  tx: Tx,
  accounts: Map<AccountRef, LockedAccount>,
  entries: readonly Entry[],
): Promise<void> {
  const credited = new Set(
    entries
      .filter((e) => e.entry.kind !== "repay")
      .flatMap((e) => e.lines.filter((l) => l.amount > 0).map((l) => l.account)),
  );
  const repays: Entry[] = [];
  for (const ref of credited) {
    const debtRef = debtOfWallet(ref);
    const debt = debtRef ? accounts.get(debtRef) : undefined;
    if (!debtRef || !debt) continue;
    const r = repayment(accounts.get(ref)!.balance, debt.balance);
    if (r > 0)
      repays.push({
        entry: {
          kind: "repay",
          memo: "Repaid credits owed after an undone resolution",
          userId: describeRef(ref).userId,
        },
        lines: transfer(ref, debtRef, r),
      });
  }
  if (repays.length > 0) await postAll(tx, repays);
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
  /** Credits available to bet. */
  balance: number;
  /** Credits in the user's open offers and unsettled bets. */
  locked: number;
  /** Credits owed after an undo took back winnings already spent; repaid from the next credits. */
  debt: number;
  entries: {
    transactionId: number;
    kind: string;
    memo: string;
    amount: number;
    /** Which of the user's accounts the posting moved: their wallet, or what they owe. */
    account: "wallet" | "debt";
    at: string;
    cruxId: number | null;
    offerId: number | null;
    fillId: number | null;
  }[];
}

/** Unsettled fills are those of cruxes not yet finalized (settlement happens at finalization). */
const UNSETTLED = sql`${cruxes.status} not in ('resolved', 'annulled')`;

export async function walletOf(db: DbExecutor, userId: number, limit = 200): Promise<Wallet> {
  const own = [userAccount(userId), debtAccount(userId)];
  const accounts = await db
    .select({ ref: ledgerAccounts.ref, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.ref, own));
  const balanceOf = (ref: AccountRef) => accounts.find((a) => a.ref === ref)?.balance ?? 0;
  const [openOffers] = await db
    .select({ sum: sql<number>`coalesce(sum(${offers.remaining}), 0)::float8` })
    .from(offers)
    .where(and(eq(offers.makerId, userId), eq(offers.status, "open")));
  const [asMaker] = await db
    .select({ sum: sql<number>`coalesce(sum(${fills.makerStake}), 0)::float8` })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(and(eq(offers.makerId, userId), UNSETTLED));
  const [asTaker] = await db
    .select({ sum: sql<number>`coalesce(sum(${fills.takerStake}), 0)::float8` })
    .from(fills)
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(and(eq(fills.takerId, userId), UNSETTLED));
  const rows = await db
    .select({
      transactionId: journalTransactions.id,
      kind: journalTransactions.kind,
      memo: journalTransactions.memo,
      amount: postings.amount,
      ref: ledgerAccounts.ref,
      at: journalTransactions.createdAt,
      cruxId: journalTransactions.cruxId,
      offerId: journalTransactions.offerId,
      fillId: journalTransactions.fillId,
    })
    .from(postings)
    .innerJoin(journalTransactions, eq(journalTransactions.id, postings.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(inArray(ledgerAccounts.ref, own))
    .orderBy(desc(postings.id))
    .limit(limit);
  return {
    balance: balanceOf(userAccount(userId)),
    locked: Number(openOffers?.sum ?? 0) + Number(asMaker?.sum ?? 0) + Number(asTaker?.sum ?? 0),
    debt: Math.max(0, -balanceOf(debtAccount(userId))),
    entries: rows.map(({ ref, ...r }) => ({
      ...r,
      account: ref === userAccount(userId) ? ("wallet" as const) : ("debt" as const),
      at: r.at.toISOString(),
    })),
  };
}

/** Credits a user owes (0 when none); read under the wallet's lock when it decides anything. */
export async function debtOf(db: DbExecutor, userId: number): Promise<number> {
  const [row] = await db
    .select({ balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ref, debtAccount(userId)));
  return Math.max(0, -(row?.balance ?? 0));
}

/**
 * Reads the whole ledger and checks every invariant of docs/ledger.md (used by `ledger:check`
 * and tests): balanced transactions, caches, escrow, debts, and no money stuck on a crux.
 */
export function checkLedger(db: Db): Promise<InvariantViolation[]> {
  // One snapshot for every read, so a check beside live traffic never sees half a transaction.
  return db.transaction((tx) => checkSnapshot(tx), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

async function checkSnapshot(db: Tx): Promise<InvariantViolation[]> {
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
  const journals = await db
    .select({ id: journalTransactions.id, kind: journalTransactions.kind })
    .from(journalTransactions);
  const byTransaction = new Map<number, { kind: string; postings: Posting[] }>(
    journals.map((j) => [j.id, { kind: j.kind, postings: [] }]),
  );
  for (const l of lines)
    byTransaction.get(l.transactionId)?.postings.push({ account: l.ref, amount: l.amount });

  // What each crux's escrow should hold: unmatched stakes of open offers plus the pots of fills not yet settled.
  const escrowExpected: Record<AccountRef, number> = {};
  const open = await db
    .select({ cruxId: offers.cruxId, sum: sql<number>`sum(${offers.remaining})::float8` })
    .from(offers)
    .where(eq(offers.status, "open"))
    .groupBy(offers.cruxId);
  const pots = await db
    .select({
      cruxId: fills.cruxId,
      sum: sql<number>`sum(${fills.takerStake} + ${fills.makerStake})::float8`,
    })
    .from(fills)
    .innerJoin(cruxes, eq(cruxes.id, fills.cruxId))
    .where(UNSETTLED)
    .groupBy(fills.cruxId);
  for (const r of [...open, ...pots]) {
    const ref = escrowAccount(r.cruxId);
    escrowExpected[ref] = (escrowExpected[ref] ?? 0) + Number(r.sum);
  }
  const condition = alias(cruxes, "condition");
  const cruxRows = await db
    .select({ id: cruxes.id, status: cruxes.status, conditionStatus: condition.status })
    .from(cruxes)
    .leftJoin(condition, eq(condition.id, cruxes.conditionCruxId));
  const escrowOf = new Map(
    accounts.filter((a) => a.cruxId !== null).map((a) => [a.cruxId!, a.balance]),
  );
  return [
    ...checkInvariants({
      transactions: [...byTransaction.entries()].map(([id, t]) => ({ id, ...t })),
      balances: Object.fromEntries(accounts.map((a) => [a.ref, a.balance])),
      isUser: (ref) => ref.startsWith("user:"),
      mint: MINT,
      escrowExpected,
      isEscrow: (ref) => ref.startsWith("escrow:"),
      walletOfDebt,
    }),
    ...checkSettlement(cruxRows.map((c) => ({ ...c, escrow: escrowOf.get(c.id) ?? 0 }))),
  ];
}

/** The journal transactions a lifecycle step moved credits with that are not reversed yet. */
export async function unreversedEntriesOf(tx: Tx, transitionId: number) {
  return tx
    .select({
      id: journalTransactions.id,
      kind: journalTransactions.kind,
      offerId: journalTransactions.offerId,
    })
    .from(journalTransactions)
    .where(
      and(
        eq(journalTransactions.transitionId, transitionId),
        inArray(journalTransactions.kind, ["settle", "refund"]),
        sql`not exists (select 1 from ${journalTransactions} r where r.reverses_id = ${journalTransactions.id})`,
      ),
    )
    .orderBy(asc(journalTransactions.id));
}

/**
 * The exact opposite of a journal transaction, linked to it, to post (with postAll). It always
 * goes through: what a wallet can't cover is owed (docs/ledger.md).
 */
export async function reversalOf(
  tx: Tx,
  transactionId: number,
  memo: string,
  ids: { userId: number | null; transitionId: number | null },
): Promise<Entry> {
  const lines = await tx
    .select({ ref: ledgerAccounts.ref, amount: postings.amount })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(postings.transactionId, transactionId));
  const [original] = await tx
    .select()
    .from(journalTransactions)
    .where(eq(journalTransactions.id, transactionId));
  return {
    entry: {
      kind: "reverse",
      memo,
      cruxId: original?.cruxId ?? null,
      offerId: original?.offerId ?? null,
      fillId: original?.fillId ?? null,
      userId: ids.userId,
      reversesId: transactionId,
      transitionId: ids.transitionId,
    },
    lines: lines.map((l) => ({ account: l.ref, amount: -l.amount })),
  };
}
