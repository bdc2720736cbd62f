/**
 * Data for the system benchmark, written straight through the app's own use-cases and ledger (so
 * every invariant holds and `ledger:check` runs clean afterwards).
 */
import type { Db } from "@/db/client";
import { forecasts, users } from "@/db/schema";
import { transfer } from "@/server/domain/ledger";
import { createApiKey } from "@/server/usecases/accounts";
import { recordFill, recordOffer } from "@/server/usecases/bets";
import { grantStartingCredits, MINT, post, userAccount } from "@/server/usecases/ledger";

export interface BenchUser {
  id: number;
  handle: string;
  key: string;
}

/** Accounts with API keys (no password: they act through the API only). */
export async function makeUsers(db: Db, prefix: string, n: number): Promise<BenchUser[]> {
  const made: BenchUser[] = [];
  for (let i = 0; i < n; i++) {
    const handle = `${prefix}-${i}`;
    const [row] = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(users)
        .values({ handle, displayName: handle })
        .returning({ id: users.id });
      await grantStartingCredits(tx, rows[0]!.id);
      return rows;
    });
    made.push({ id: row!.id, handle, key: await createApiKey(db, row!.id, "bench") });
  }
  return made;
}

/** Extra credits from the mint, so a few accounts can take part in thousands of bets. */
export async function grant(db: Db, userId: number, amount: number): Promise<void> {
  await db.transaction((tx) =>
    post(
      tx,
      { kind: "grant", memo: "Benchmark credits", userId },
      transfer(MINT, userAccount(userId), amount),
    ),
  );
}

/**
 * A crux with `fills` bets among `makers` and `takers` (each maker's offers taken by every taker in
 * turn) and `forecastCount` forecasts spread over everyone, for the finalization benchmark.
 */
export async function bigCrux(
  db: Db,
  cruxId: number,
  makers: BenchUser[],
  takers: BenchUser[],
  fills: number,
  forecastCount: number,
): Promise<void> {
  const crux = { id: cruxId, title: "benchmark" };
  const perMaker = Math.ceil(fills / makers.length);
  let made = 0;
  for (const maker of makers) {
    await grant(db, maker.id, perMaker * 2);
    const count = Math.min(perMaker, fills - made);
    if (count <= 0) break;
    await db.transaction(async (tx) => {
      const offerId = await recordOffer(tx, crux, maker.id, {
        side: "yes",
        price: 50,
        stake: count,
      });
      const offer = { id: offerId, side: "yes", price: 50, remaining: count };
      for (let i = 0; i < count; i++) {
        const taker = takers[(made + i) % takers.length]!;
        await recordFill(tx, crux, offer, taker.id, 1);
        offer.remaining -= 1;
      }
    });
    made += count;
  }
  const everyone = [...makers, ...takers];
  const start = Date.now() - forecastCount * 1000;
  for (let from = 0; from < forecastCount; from += 5000) {
    await db.insert(forecasts).values(
      Array.from({ length: Math.min(5000, forecastCount - from) }, (_, k) => {
        const i = from + k;
        return {
          cruxId,
          userId: everyone[i % everyone.length]!.id,
          probability: 0.05 + ((i * 37) % 90) / 100,
          createdAt: new Date(start + i * 1000),
        };
      }),
    );
  }
}
