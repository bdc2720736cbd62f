/**
 * Model-based test of the crux lifecycle and the ledger on real PostgreSQL. Many random sequences
 * of actions (forecast, offer, take, cancel, propose, dispute, decide, time passing, undo,
 * set-condition, spending winnings) by several users over chains of conditional cruxes run against
 * the real use-cases; after every step the app must agree with tests/support/lifecycleModel.ts on
 * whether the action was allowed (and how it was refused), on every wallet, debt and escrow and on
 * every crux's state, no credit may be created or lost, and `ledger:check` must be green.
 *
 * Seeded and reproducible: a failure prints its seed; MODEL_SEED=<seed> MODEL_SEQUENCES=1 replays
 * it. MODEL_SEQUENCES (default 300; 3000 for a deep run) sets how many sequences run.
 */
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruxes, debates, ledgerAccounts, users as usersTable } from "@/db/schema";
import type { Side } from "@/server/domain/bets";
import { AppError } from "@/server/errors";
import { userColumns, type UserRecord } from "@/server/usecases/accounts";
import { acceptOffer, cancelOffer, createOffer } from "@/server/usecases/bets";
import { createCrux, setCruxCondition } from "@/server/usecases/cruxes";
import { placeForecast } from "@/server/usecases/forecasts";
import { checkLedger, grantStartingCredits, STARTING_CREDITS } from "@/server/usecases/ledger";
import {
  decideResolution,
  disputeResolution,
  proposeResolution,
  undoFinalization,
} from "@/server/usecases/lifecycle/resolve";
import { runDueFor } from "@/server/usecases/lifecycle/scheduler";
import { LifecycleModel, type Expected, type ModelAction } from "../support/lifecycleModel";
import { seededRandom } from "../support/random";
import { openTestDb, type TestDb } from "../support/testdb";

const SEQUENCES = Number(process.env.MODEL_SEQUENCES ?? 300);
const BASE_SEED = Number(process.env.MODEL_SEED ?? Date.now() % 1_000_000_000);
const PARALLEL = 3;
const HOUR = 3600_000;
const OUTCOMES = ["yes", "no", "annulled"] as const;

/** One database per worker, emptied between sequences so every check reads a small ledger. */
const databases: TestDb[] = [];
const tally = new Map<string, number>();
const count = (key: string, n = 1) => tally.set(key, (tally.get(key) ?? 0) + n);

beforeAll(async () => {
  for (let i = 0; i < PARALLEL; i++) {
    const t = await openTestDb();
    t.services.config.disputeWindowMs = HOUR;
    databases.push(t);
  }
});
afterAll(async () => {
  for (const db of databases) await db.close();
});

async function empty(t: TestDb): Promise<void> {
  const tables = await t.handle.db.execute(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const names = (tables as unknown as { rows: { tablename: string }[] }).rows
    .map((r) => `"${r.tablename}"`)
    .join(", ");
  await t.handle.db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}

class Mismatch extends Error {}

async function runSequence(t: TestDb, seed: number): Promise<number> {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const model = new LifecycleModel(Date.now(), HOUR);
  const slug = `model-${seed}`;
  await t.handle.db.insert(debates).values({ slug, title: slug });
  // Users straight into the table (a password hash per user would cost more than the sequence),
  // each granted the starting credits by the ledger's own use-case.
  const users: UserRecord[] = await t.handle.db.transaction(async (tx) => {
    const rows = await tx
      .insert(usersTable)
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          handle: `m${seed}-${i}`,
          displayName: `m${seed}-${i}`,
          isAdmin: i === 4,
        })),
      )
      .returning(userColumns);
    for (const u of rows) await grantStartingCredits(tx, u.id);
    return rows;
  });
  for (const u of users) model.addUser(u.id, u.isAdmin, STARTING_CREDITS);
  const userById = new Map(users.map((u) => [u.id, u]));
  const people = users.slice(0, 4);
  const ids: number[] = [];
  for (let i = 0; i < int(3, 6); i++) {
    const creator = pick(people);
    const arbiter = rand() < 0.3 ? pick(people) : null;
    const condition = ids.length > 0 && rand() < 0.7 ? pick(ids) : null;
    const closesAt = model.now + int(2, 120) * HOUR;
    const { id } = await createCrux(
      t.services,
      creator,
      {
        debateSlug: slug,
        title: `Crux ${i}`,
        resolutionCriteria: "r",
        closesAt,
        conditionCruxId: condition,
        arbiterHandle: arbiter?.handle ?? null,
      },
      model.now,
    );
    ids.push(id);
    model.addCrux({
      id,
      creator: creator.id,
      resolver: (arbiter ?? creator).id,
      condition,
      closesAt,
    });
  }
  // A long-lived crux nobody resolves: credits spent there stay spent, so an undo of winnings
  // finds the wallet empty and leaves a debt (cancelling the offer later repays it).
  const sinkCloses = model.now + 1000 * 24 * HOUR;
  const sink = await createCrux(
    t.services,
    people[0]!,
    { debateSlug: slug, title: "Sink", resolutionCriteria: "r", closesAt: sinkCloses },
    model.now,
  );
  model.addCrux({
    id: sink.id,
    creator: people[0]!.id,
    resolver: people[0]!.id,
    condition: null,
    closesAt: sinkCloses,
  });
  const all = [...ids, sink.id];
  const byStatus = (...s: string[]) => ids.filter((id) => s.includes(model.cruxes.get(id)!.status));
  const preferring = (list: number[]) => (list.length > 0 && rand() < 0.8 ? pick(list) : pick(ids));

  const planned: ModelAction[] = [];
  // Many sequences open with a bet that gets settled, so later spends and undos have winnings to
  // work with (the rest of every sequence is random).
  if (rand() < 0.5) {
    const crux = pick(ids);
    const [maker, taker] = [people[0]!.id, people[1]!.id];
    planned.push(
      { type: "offer", user: maker, crux, side: "yes", price: 50, stake: 100 },
      { type: "take", user: taker, offer: -1, stake: 100 },
      {
        type: "propose",
        user: model.cruxes.get(crux)!.resolver,
        crux,
        outcome: rand() < 0.5 ? "yes" : "no",
      },
      { type: "advance", hours: 2 },
    );
  }
  const generate = (): ModelAction => {
    const next = planned.shift();
    if (next?.type === "take" && next.offer === -1) {
      const latest = Math.max(-1, ...model.offers.keys());
      if (latest > 0) return { ...next, offer: latest };
    } else if (next) return next;
    const r = rand();
    const user = pick(people).id;
    const admin = users[4]!.id;
    if (r < 0.08) return { type: "forecast", user, crux: pick(ids) };
    if (r < 0.24) {
      const side: Side = rand() < 0.5 ? "yes" : "no";
      const price = int(10, 90);
      const least = model.smallestStake(side, price);
      const crux = preferring(byStatus("open"));
      // Now and then the richest (often a winner) spends everything, so undoing leaves a debt.
      if (rand() < 0.25) {
        const winner = model.lastPayout?.user ?? pick(people).id;
        const wallet = model.users.get(winner)!.wallet;
        if (wallet >= least && !model.users.get(winner)!.admin) {
          // ...and often an admin then undoes the resolution that paid them.
          if (model.lastPayout && rand() < 0.6)
            planned.push({ type: "undo", user: admin, crux: model.lastPayout.crux });
          return { type: "offer", user: winner, crux: sink.id, side, price, stake: wallet };
        }
      }
      return { type: "offer", user, crux, side, price, stake: Math.max(least, int(5, 80)) };
    }
    if (r < 0.44 && model.offers.size > 0) {
      const open = model.openOffers();
      const offer =
        open.length > 0 && rand() < 0.85 ? pick(open) : pick([...model.offers.values()]);
      return { type: "take", user, offer: offer.id, stake: int(1, 80) };
    }
    if (r < 0.47 && model.offers.size > 0) {
      const offer = pick([...model.offers.values()]);
      return { type: "cancel", user: rand() < 0.7 ? offer.maker : user, offer: offer.id };
    }
    if (r < 0.56) {
      const crux = preferring(byStatus("open", "closed"));
      const c = model.cruxes.get(crux)!;
      const who = rand() < 0.7 ? c.resolver : rand() < 0.5 ? admin : user;
      return { type: "propose", user: who, crux, outcome: pick(OUTCOMES) };
    }
    if (r < 0.63) {
      const crux = preferring(byStatus("resolving"));
      const able = model.disputers(crux);
      return { type: "dispute", user: able.length > 0 && rand() < 0.8 ? pick(able) : user, crux };
    }
    if (r < 0.7) {
      const crux = preferring(byStatus("disputed"));
      const who = rand() < 0.8 ? model.decider(crux, admin) : user;
      return { type: "decide", user: who, crux, outcome: pick(OUTCOMES) };
    }
    if (r < 0.78) {
      // Mostly cruxes whose finalization paid someone: undoing those is what can leave a debt.
      const paid = byStatus("resolved", "annulled").filter((id) =>
        model.fills.some((f) => f.crux === id),
      );
      const last = model.lastPayout?.crux;
      const crux =
        last !== undefined && paid.includes(last) && rand() < 0.5
          ? last
          : paid.length > 0 && rand() < 0.7
            ? pick(paid)
            : preferring(byStatus("resolved", "annulled"));
      return { type: "undo", user: rand() < 0.85 ? admin : user, crux };
    }
    if (r < 0.82) {
      const crux = pick(ids);
      const c = model.cruxes.get(crux)!;
      const target = rand() < 0.3 ? null : pick(ids.filter((id) => id !== crux));
      return {
        type: "set-condition",
        user: rand() < 0.8 ? c.creator : user,
        crux,
        condition: target ?? null,
      };
    }
    return { type: "advance", hours: pick([0.25, 0.5, 2, 24, 72]) };
  };

  /** Runs the action against the app; returns how it went and a new offer's id. */
  const perform = async (a: ModelAction): Promise<{ result: Expected; offerId?: number }> => {
    const now = model.now;
    const s = t.services;
    try {
      if (a.type === "advance") {
        await runDueFor(s, all, now + a.hours * HOUR);
        return { result: { ok: true } };
      }
      const actor = userById.get(a.user)!;
      switch (a.type) {
        case "forecast":
          await placeForecast(s, actor, a.crux, { probability: 0.5 }, now);
          break;
        case "offer": {
          const offer = await createOffer(s, actor, a.crux, a, now);
          return { result: { ok: true }, offerId: offer.id };
        }
        case "take":
          await acceptOffer(s, actor, a.offer, { stake: a.stake }, now);
          break;
        case "cancel":
          await cancelOffer(s, actor, a.offer);
          break;
        case "propose":
          await proposeResolution(s, actor, a.crux, { outcome: a.outcome }, now);
          break;
        case "dispute":
          await disputeResolution(s, actor, a.crux, "I disagree", now);
          break;
        case "decide":
          await decideResolution(s, actor, a.crux, { outcome: a.outcome }, now);
          break;
        case "undo":
          await undoFinalization(s, actor, a.crux, {}, now);
          break;
        case "set-condition":
          await setCruxCondition(s, actor, a.crux, a.condition, now);
          break;
      }
      return { result: { ok: true } };
    } catch (err) {
      if (err instanceof AppError && err.code !== "UNAUTHORIZED" && err.code !== "NOT_FOUND")
        return { result: { ok: false, code: err.code as "FORBIDDEN" } };
      throw err;
    }
  };

  /** Every wallet, debt, escrow and crux state must be what the model says. */
  const compare = async (step: number, log: string[]) => {
    const fail = (what: string) => {
      throw new Mismatch(`seed ${seed}, step ${step}: ${what}\n  ${log.join("\n  ")}`);
    };
    const refs = [
      ...users.flatMap((u) => [`user:${u.id}`, `debt:user:${u.id}`]),
      ...all.map((id) => `escrow:crux:${id}`),
    ];
    const rows = await t.handle.db
      .select({ ref: ledgerAccounts.ref, balance: ledgerAccounts.balance })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.ref, refs));
    const balance = (ref: string) => rows.find((r) => r.ref === ref)?.balance ?? 0;
    let total = 0;
    for (const u of users) {
      const m = model.users.get(u.id)!;
      const [wallet, debt] = [balance(`user:${u.id}`), -balance(`debt:user:${u.id}`)];
      if (wallet !== m.wallet || debt !== m.debt)
        fail(`user ${u.id}: wallet ${wallet} debt ${debt}, model ${m.wallet} / ${m.debt}`);
      total += wallet - debt;
    }
    const states = await t.handle.db
      .select({ id: cruxes.id, status: cruxes.status, outcome: cruxes.outcome })
      .from(cruxes)
      .where(inArray(cruxes.id, all));
    for (const id of all) {
      const c = model.cruxes.get(id)!;
      const real = states.find((s) => s.id === id)!;
      const escrow = balance(`escrow:crux:${id}`);
      total += escrow;
      if (real.status !== c.status || (real.outcome ?? null) !== c.outcome)
        fail(`crux ${id}: ${real.status}/${real.outcome}, model ${c.status}/${c.outcome}`);
      if (escrow !== model.escrow.get(id))
        fail(`escrow ${id}: ${escrow}, model ${model.escrow.get(id)}`);
      if ((c.status === "resolved" || c.status === "annulled") && escrow !== 0)
        fail(`final crux ${id} holds ${escrow}`);
    }
    if (total !== users.length * STARTING_CREDITS || model.total() !== total)
      fail(`credits created or lost: ${total} exist, ${users.length * STARTING_CREDITS} granted`);
    const violations = await checkLedger(t.handle.db);
    if (violations.length > 0) fail(`ledger:check: ${JSON.stringify(violations)}`);
  };

  const log: string[] = [];
  const steps = int(10, 40);
  for (let step = 1; step <= steps; step++) {
    const action = generate();
    const expected = model.expect(action);
    const { result, offerId } = await perform(action);
    count(`${action.type} ${result.ok ? "accepted" : "refused"}`);
    log.push(`${JSON.stringify(action)} -> ${JSON.stringify(result)}`);
    if (JSON.stringify(result) !== JSON.stringify(expected))
      throw new Mismatch(
        `seed ${seed}, step ${step}: the app answered ${JSON.stringify(result)}, the model expected ${JSON.stringify(expected)}\n  ${log.join("\n  ")}`,
      );
    if (result.ok) model.apply(action, offerId);
    await compare(step, log);
  }
  for (const [key, n] of Object.entries(model.stats)) count(key, n);
  return steps;
}

describe("the lifecycle and the ledger against a model", () => {
  it(
    `agree on every step of ${SEQUENCES} random sequences (seed ${BASE_SEED})`,
    async () => {
      let steps = 0;
      let next = 0;
      const worker = async (t: TestDb) => {
        while (next < SEQUENCES) {
          const done = await runSequence(t, BASE_SEED + next++);
          steps += done;
          await empty(t);
        }
      };
      await Promise.all(databases.map(worker));
      const report = [...tally].sort().map(([k, n]) => `${k}: ${n}`);
      console.log(
        `[model] ${SEQUENCES} sequences, ${steps} steps, base seed ${BASE_SEED}\n  ${report.join("\n  ")}`,
      );
      expect(steps).toBeGreaterThanOrEqual(SEQUENCES * 10);
      // The run reached the hard paths, not only refusals.
      if (SEQUENCES >= 100)
        for (const key of [
          "take accepted",
          "dispute accepted",
          "decide accepted",
          "undo accepted",
          "set-condition accepted",
          "annulledByCondition",
          "settledByCondition",
          "restored",
          "debts",
        ])
          expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
    },
    60_000 + SEQUENCES * 1_000,
  );
});
