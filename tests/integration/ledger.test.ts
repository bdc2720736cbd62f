/**
 * The set-based ledger writer (postAll): journal rows, postings and balances written by one
 * statement per batch, split when a batch would pass PostgreSQL's parameter limit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import { journalTransactions, ledgerAccounts, postings, users } from "@/db/schema";
import { transfer } from "@/server/domain/ledger";
import type { UserRecord } from "@/server/usecases/accounts";
import {
  checkLedger,
  MINT,
  postAll,
  STARTING_CREDITS,
  userAccount,
  type Entry,
} from "@/server/usecases/ledger";
import { makeUser, openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;
let people: UserRecord[];

beforeAll(async () => {
  t = await openTestDb();
  people = [];
  for (let i = 0; i < 5; i++) people.push(await makeUser(t));
});
afterAll(() => t.close());
afterEach(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

const balanceOf = async (ref: string) => {
  const [row] = await t.handle.db
    .select({ balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ref, ref));
  return row?.balance;
};

describe("postAll", () => {
  it("writes thousands of entries over several statements, each journal with its own postings", async () => {
    // 4,000 entries of 2 postings is about 56,000 parameters: more than one batch.
    const entries: Entry[] = Array.from({ length: 4000 }, (_, i) => ({
      entry: { kind: "grant", memo: `grant ${i}`, userId: people[i % 5]!.id },
      lines: transfer(MINT, userAccount(people[i % 5]!.id), i + 1),
    }));
    const ids = await t.handle.db.transaction((tx) => postAll(tx, entries));

    expect(ids).toHaveLength(4000);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const journals = await t.handle.db
      .select({ id: journalTransactions.id, memo: journalTransactions.memo })
      .from(journalTransactions)
      .where(inArray(journalTransactions.id, ids))
      .orderBy(asc(journalTransactions.id));
    expect(journals.map((j) => j.memo)).toEqual(entries.map((e) => e.entry.memo));
    // Entry i moved i + 1 credits: its journal's credit posting says so.
    const credits = await t.handle.db
      .select({ transactionId: postings.transactionId, amount: postings.amount })
      .from(postings)
      .where(inArray(postings.transactionId, [ids[0]!, ids[1999]!, ids[3999]!]));
    const creditOf = (id: number) =>
      credits.find((p) => p.transactionId === id && p.amount > 0)?.amount;
    expect([creditOf(ids[0]!), creditOf(ids[1999]!), creditOf(ids[3999]!)]).toEqual([
      1, 2000, 4000,
    ]);
    for (let k = 0; k < 5; k++) {
      let granted = 0;
      for (let i = k; i < 4000; i += 5) granted += i + 1;
      expect(await balanceOf(userAccount(people[k]!.id))).toBe(STARTING_CREDITS + granted);
    }
  });

  it("creates a wallet it has not seen, and a refused transfer writes nothing", async () => {
    // A user row alone: no wallet yet.
    const [bare] = await t.handle.db
      .insert(users)
      .values({ handle: "no-wallet", displayName: "No wallet" })
      .returning({ id: users.id });
    const wallet = userAccount(bare!.id);
    expect(await balanceOf(wallet)).toBeUndefined();
    await t.handle.db.transaction((tx) =>
      postAll(tx, [{ entry: { kind: "grant", memo: "hello" }, lines: transfer(MINT, wallet, 7) }]),
    );
    expect(await balanceOf(wallet)).toBe(7);

    const ref = userAccount(people[0]!.id);
    const before = (await balanceOf(ref))!;
    const journalsBefore = await t.handle.db.$count(journalTransactions);
    await expect(
      t.handle.db.transaction((tx) =>
        postAll(tx, [
          { entry: { kind: "grant", memo: "fine" }, lines: transfer(MINT, ref, 5) },
          { entry: { kind: "fill", memo: "too much" }, lines: transfer(ref, wallet, before + 6) },
        ]),
      ),
    ).rejects.toThrow(/you have/);
    expect(await balanceOf(ref)).toBe(before);
    expect(await balanceOf(wallet)).toBe(7);
    expect(await t.handle.db.$count(journalTransactions)).toBe(journalsBefore);
  });
});
