/**
 * Ordinary load on one debate, through the public API of a real production server on PostgreSQL:
 * 16 clients bet, take, forecast, post, propose, dispute, decide and undo across cruxes (some
 * conditional on others) for 30 s (longer on a busy machine, until enough has happened). Nobody may see a 5xx (deadlocks are avoided by one lock order
 * and retried when PostgreSQL still picks a victim), and the ledger must check out afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { createApiKey, createUser } from "@/server/usecases/accounts";
import { checkLedger } from "@/server/usecases/ledger";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import { startProductionServer } from "../support/live";
import { seededRandom } from "../support/random";

const CLIENTS = 16;
const DURATION_MS = Number(process.env.CONCURRENCY_TEST_MS ?? 30_000);
/** On a slow or busy machine the run goes on past DURATION_MS until it has done enough of each. */
const MAX_DURATION_MS = 3 * DURATION_MS;
const ENOUGH = { successes: 300, finalizations: 6 };
const slug = "busy-debate";

interface Client {
  handle: string;
  key: string;
  admin: boolean;
}

interface CruxItem {
  id: number;
  status: string;
  conditionCruxId: number | null;
}

describe("16 clients on one busy debate for 30 s", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let handle: DatabaseHandle;
  let server: RunningServer | undefined;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_busy");
    handle = await openDatabase({ databaseUrl: db.url, poolSize: 2 });
    for (let i = 0; i < CLIENTS + 1; i++) {
      const user = await createUser(handle.db, {
        handle: `busy-${i}`,
        password: "correct horse",
        isAdmin: i === CLIENTS,
      });
      clients.push({
        handle: user.handle,
        key: await createApiKey(handle.db, user.id),
        admin: user.isAdmin,
      });
    }
    server = await startProductionServer({
      DATABASE_URL: db.url,
      // A few seconds' window, so proposals are disputed and also finalize by the timer.
      DISPUTE_WINDOW_HOURS: "0.001",
      RATE_LIMIT_WRITES_PER_MINUTE: "0",
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    await db?.drop();
  });

  it(
    "answers every request without a 5xx and leaves a consistent ledger",
    async () => {
      const base = `${server!.url}/api/v1`;
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      const call = async (who: Client, method: string, path: string, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${who.key}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${method} ${path} -> ${res.status}: ${text}`);
        return {
          status: res.status,
          json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        };
      };

      const owner = clients[0]!;
      expect((await call(owner, "POST", "/debates", { slug, title: "A busy debate" })).status).toBe(
        200,
      );
      const inAYear = () => new Date(Date.now() + 365 * 24 * 3600_000).toISOString();
      const createCrux = (who: Client, conditionCruxId?: number) =>
        call(who, "POST", "/cruxes", {
          debateSlug: slug,
          title: `Will event ${Math.random().toString(36).slice(2, 8)} happen?`,
          resolutionCriteria: "By the close date.",
          closesAt: inAYear(),
          ...(conditionCruxId ? { conditionCruxId } : {}),
        });
      // Chains of conditions, so finalizations cascade while others bet on the dependents.
      for (let i = 0; i < 4; i++) {
        const root = await createCrux(clients[i]!);
        const mid = await createCrux(clients[i + 4]!, root.json.id as number);
        await createCrux(clients[i + 8]!, mid.json.id as number);
      }

      const seed = Number(process.env.CONCURRENCY_SEED ?? Date.now() % 1_000_000);
      console.log(`[concurrency] seed ${seed}`);
      const started = Date.now();
      const deadline = started + DURATION_MS;
      const finalizations = async () =>
        (await handle.db.query.cruxTransitions.findMany()).filter(
          (h) => h.toStatus === "resolved" || h.toStatus === "annulled",
        ).length;
      // Counted now and then (by the test, not the clients), so the clients know when enough is done.
      let enough = false;
      const counter = setInterval(() => {
        void finalizations().then((n) => {
          enough = n >= ENOUGH.finalizations && (statuses.get(200) ?? 0) >= ENOUGH.successes;
        });
      }, 2000);
      const goOn = () =>
        Date.now() < deadline || (!enough && Date.now() < started + MAX_DURATION_MS);
      let cruxList: CruxItem[] = [];
      const refresh = async (who: Client) => {
        const res = await call(who, "GET", `/debates/${slug}/cruxes`);
        cruxList = (res.json.cruxes as CruxItem[]) ?? cruxList;
      };
      await refresh(owner);

      const work = async (who: Client, index: number) => {
        const rand = seededRandom(seed + index);
        const pick = <T>(list: T[]): T | undefined => list[Math.floor(rand() * list.length)];
        const withStatus = (...s: string[]) => cruxList.filter((c) => s.includes(c.status));
        let n = 0;
        while (goOn()) {
          if (n++ % 10 === 0) await refresh(who);
          const r = rand();
          const open = pick(withStatus("open"));
          if (who.admin) {
            // The admin decides disputes and now and then undoes a finalization.
            const disputed = pick(withStatus("disputed"));
            const final = pick(withStatus("resolved", "annulled"));
            if (disputed && r < 0.7)
              await call(who, "POST", `/cruxes/${disputed.id}/decision`, {
                outcome: pick(["yes", "no", "annulled"]),
              });
            else if (final && r < 0.85) await call(who, "POST", `/cruxes/${final.id}/undo`, {});
            else if (open)
              await call(who, "POST", `/cruxes/${open.id}/forecasts`, { probability: rand() });
            continue;
          }
          if (r < 0.22 && open) {
            await call(who, "POST", `/cruxes/${open.id}/forecasts`, {
              probability: 0.05 + 0.9 * rand(),
            });
          } else if (r < 0.42 && open) {
            await call(who, "POST", `/cruxes/${open.id}/offers`, {
              side: rand() < 0.5 ? "yes" : "no",
              price: 20 + Math.floor(rand() * 60),
              stake: 3 + Math.floor(rand() * 15),
            });
          } else if (r < 0.62 && open) {
            const book = await call(who, "GET", `/cruxes/${open.id}/offers`);
            const offer = pick((book.json.offers as { id: number; makerHandle: string }[]) ?? []);
            if (offer && offer.makerHandle !== who.handle)
              await call(who, "POST", `/offers/${offer.id}/accept`, {
                stake: 1 + Math.floor(rand() * 10),
              });
          } else if (r < 0.72) {
            await call(who, "POST", `/debates/${slug}/claims`, {
              body: `Claim ${n} from ${who.handle}`,
            });
          } else if (r < 0.8) {
            // Propose on a crux this client may resolve; others are refused with a 403.
            const target = pick(withStatus("open", "closed"));
            if (target)
              await call(who, "POST", `/cruxes/${target.id}/resolution`, {
                outcome: pick(["yes", "no", "yes", "annulled"]),
              });
          } else if (r < 0.88) {
            const target = pick(withStatus("resolving"));
            if (target)
              await call(who, "POST", `/cruxes/${target.id}/disputes`, { reason: "I disagree" });
          } else if (r < 0.93) {
            const target = pick(withStatus("disputed"));
            if (target)
              await call(who, "POST", `/cruxes/${target.id}/decision`, {
                outcome: pick(["yes", "no"]),
              });
          } else {
            const condition = rand() < 0.5 ? pick(withStatus("open", "resolving")) : undefined;
            await createCrux(who, condition?.id);
          }
        }
      };
      await Promise.all(clients.map((c, i) => work(c, i)));
      clearInterval(counter);

      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      const retries = server!.output().match(/transaction retried/g)?.length ?? 0;
      console.log(
        `[concurrency] ${total} requests: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}; ${retries} transaction(s) retried`,
      );
      expect(failures).toEqual([]);
      expect(server!.output()).not.toMatch(/\[cruxible\] 500/);
      expect(statuses.get(200) ?? 0).toBeGreaterThanOrEqual(ENOUGH.successes);
      expect(await finalizations()).toBeGreaterThanOrEqual(ENOUGH.finalizations);
      await server!.stop();
      expect(await checkLedger(handle.db)).toEqual([]);
    },
    MAX_DURATION_MS + 90_000,
  );
});
