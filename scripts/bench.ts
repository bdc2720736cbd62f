/**
 * Benchmarks. Machines here are noisy, so every figure is a ratio against a baseline measured in
 * the same run. `npm run bench` (the write-path bench needs PostgreSQL; it is skipped without it).
 */
import { performance } from "node:perf_hooks";
import { openDatabase } from "@/db/client";
import { loadConfig } from "@/server/config";
import { claims, debates } from "@/db/schema";
import { planEvents, type DebateEvent } from "@/server/domain/events";
import { childrenByParent, type ClaimView } from "@/server/domain/thread";
import { createUser } from "@/server/usecases/accounts";
import { postClaim } from "@/server/usecases/claims";
import { createFreshDatabase } from "@/tests/support/postgres";

async function timeIt(fn: () => unknown | Promise<unknown>, iterations: number): Promise<number> {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - start) / iterations;
}

const rows: { bench: string; baseline: string; msPerOp: number; baselineMs: number }[] = [];
const report = (bench: string, baseline: string, msPerOp: number, baselineMs: number) =>
  rows.push({ bench, baseline, msPerOp, baselineMs });

function syntheticThread(n: number): ClaimView[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    parentId: i < 50 ? null : 1 + ((i * 7919) % i),
    authorHandle: `u${i % 40}`,
    body: "",
    quote: null,
    stance: i < 50 ? null : "supports",
    createdAt: new Date(1_700_000_000_000 + ((i * 104729) % n) * 1000).toISOString(),
    editedAt: null,
    deleted: false,
    quality: (i * 31) % 17,
    agree: 0,
    disagree: 0,
  }));
}

async function threadBench() {
  const thread = syntheticThread(5000);
  const ms = await timeIt(() => childrenByParent(thread, "top"), 200);
  const base = await timeIt(() => [...thread].sort((a, b) => a.id - b.id), 200);
  report("build sorted tree, 5,000 claims (top)", "one flat sort by id", ms, base);
}

async function eventBench() {
  const events: DebateEvent[] = Array.from({ length: 1000 }, (_, i) => ({
    slug: "b",
    seq: ((i * 7919) % 1000) + 1,
    type: "claim.voted",
    data: { claimId: 1, quality: 0, agree: 0, disagree: 0 },
    at: "",
  }));
  const ms = await timeIt(() => planEvents(0, events), 500);
  const base = await timeIt(() => [...events].sort((a, b) => a.seq - b.seq), 500);
  report("plan 1,000 shuffled events", "one sort by seq", ms, base);
}

async function writeBench() {
  let fresh;
  try {
    fresh = await createFreshDatabase("crx_bench");
  } catch (err) {
    console.log(`(write-path bench skipped: PostgreSQL not reachable: ${(err as Error).message})`);
    return;
  }
  const handle = await openDatabase({ databaseUrl: fresh.url, poolSize: 4 });
  try {
    const user = await createUser(handle.db, { handle: "bench-user", password: "bench password" });
    const [debate] = await handle.db
      .insert(debates)
      .values({ slug: "bench", title: "Bench" })
      .returning();
    const services = { db: handle.db, config: loadConfig(), publish: () => undefined };
    const ms = await timeIt(
      () => postClaim(services, user, { debateSlug: "bench", body: "benchmark claim" }),
      300,
    );
    const base = await timeIt(
      () =>
        handle.db.transaction((tx) =>
          tx.insert(claims).values({ debateId: debate!.id, authorId: user.id, body: "baseline" }),
        ),
      300,
    );
    report(
      "post a claim (use-case: checks, claim, event, seq)",
      "bare insert in a transaction",
      ms,
      base,
    );
  } finally {
    await handle.close();
    await fresh.drop();
  }
}

await threadBench();
await eventBench();
await writeBench();
console.log("\nbench | baseline | ms/op | baseline ms/op | ratio");
for (const r of rows)
  console.log(
    `${r.bench} | ${r.baseline} | ${r.msPerOp.toFixed(3)} | ${r.baselineMs.toFixed(3)} | ${(r.msPerOp / r.baselineMs).toFixed(2)}x`,
  );
