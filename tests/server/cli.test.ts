/**
 * The admin CLI (`node --import tsx server/cli.ts`), run as a real process against fresh
 * PostgreSQL databases; the keys it prints are then used against a running production server.
 */
import crypto from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/postgres";
import type { RunningServer } from "../support/server";
import { fetchJson, parseSingleJson, runCli, startProductionServer } from "../support/live";

const PASSWORD = "cli-test-password";

async function count(databaseUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe("admin CLI", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let seedDb: Awaited<ReturnType<typeof createFreshDatabase>>;
  let server: RunningServer | undefined;
  const handle = `cli-${crypto.randomBytes(3).toString("hex")}`;
  const keys: string[] = [];
  const env = () => ({ DATABASE_URL: db.url });

  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_cli");
    seedDb = await createFreshDatabase("crx_srv_seed");
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await seedDb?.drop();
  });

  it("user:create --api-key --json prints one JSON object with id, handle and apiKey", async () => {
    const result = await runCli(
      ["user:create", handle, "--password", PASSWORD, "--api-key", "--json"],
      env(),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = parseSingleJson(result.stdout);
    expect(Object.keys(json).sort()).toEqual(["apiKey", "handle", "id"]);
    expect(json.handle).toBe(handle);
    expect(Number.isInteger(json.id)).toBe(true);
    expect(typeof json.apiKey).toBe("string");
    expect((json.apiKey as string).length).toBeGreaterThanOrEqual(24);
    keys.push(json.apiKey as string);
    // Stored hashed: the plain key is nowhere in the database.
    expect(
      await count(
        db.url,
        `select count(*) as n from api_keys where key_hash = '${json.apiKey as string}'`,
      ),
    ).toBe(0);
    expect(await count(db.url, "select count(*) as n from api_keys")).toBe(1);
  });

  it("user:create --json without --api-key prints no key", async () => {
    const other = `${handle}-b`;
    const result = await runCli(["user:create", other, "--password", PASSWORD, "--json"], env());
    expect(result.code).toBe(0);
    const json = parseSingleJson(result.stdout);
    expect(Object.keys(json).sort()).toEqual(["handle", "id"]);
    expect(json.handle).toBe(other);
  });

  it("refuses a handle that is taken (in any letter case), with a message on stderr", async () => {
    for (const taken of [handle, handle.toUpperCase()]) {
      const result = await runCli(["user:create", taken, "--password", PASSWORD, "--json"], env());
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`The handle "${handle}" is taken`);
    }
    expect(await count(db.url, `select count(*) as n from users where handle = '${handle}'`)).toBe(
      1,
    );
  });

  it("refuses a bad handle, a short password and a missing password", async () => {
    const bad = await runCli(["user:create", "No Spaces!", "--password", PASSWORD], env());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("handle: 3-32 characters");
    const short = await runCli(["user:create", `${handle}-c`, "--password", "short"], env());
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain("password: must be at least 8 characters");
    const missing = await runCli(["user:create", `${handle}-d`], env());
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--password");
    expect(
      await count(db.url, `select count(*) as n from users where handle like '${handle}-%'`),
    ).toBe(1);
  });

  it("apikey:create fails for an unknown handle", async () => {
    const result = await runCli(["apikey:create", "nobody-at-all", "--json"], env());
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('No user with handle "nobody-at-all"');
  });

  it("apikey:create --json prints { handle, apiKey }, a new key each time", async () => {
    const result = await runCli(["apikey:create", handle, "--json"], env());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = parseSingleJson(result.stdout);
    expect(Object.keys(json).sort()).toEqual(["apiKey", "handle"]);
    expect(json.handle).toBe(handle);
    expect(typeof json.apiKey).toBe("string");
    expect(keys).not.toContain(json.apiKey);
    keys.push(json.apiKey as string);
  });

  it("the printed keys work as Bearer tokens against API v1; others do not", async () => {
    server = await startProductionServer({ DATABASE_URL: db.url });
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const me = await fetchJson<{ handle: string; isAdmin: boolean }>(`${server.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ handle, isAdmin: false });
    }
    const wrong = await fetchJson<unknown>(`${server.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${keys[0]!.slice(0, -2)}xx` },
    });
    expect(wrong.status).toBe(401);
  });

  it("db:seed is idempotent: the second run leaves the debate as it is", async () => {
    const first = await runCli(["db:seed"], { DATABASE_URL: seedDb.url });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Seeded "rlhf-impact" with \d+ claims\.$/m);
    const claims = Number(/with (\d+) claims/.exec(first.stdout)?.[1]);
    expect(claims).toBeGreaterThanOrEqual(30);

    const second = await runCli(["db:seed"], { DATABASE_URL: seedDb.url });
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe('"rlhf-impact" already exists; left as it is.');

    expect(await count(seedDb.url, "select count(*) as n from debates")).toBe(1);
    expect(await count(seedDb.url, "select count(*) as n from claims")).toBe(claims);
  });

  it("debate:import turns a file of comments into a debate and refuses a bad one", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "crx-import-"));
    const good = path.join(dir, "thread.json");
    await writeFile(
      good,
      JSON.stringify({
        title: "A forum thread",
        comments: [
          { _id: "p", author: "Ann", postedAt: "2023-01-01T00:00:00Z", body: "Opening post" },
          {
            _id: "r",
            parentCommentId: "p",
            author: "Bo",
            postedAt: "2023-01-02T00:00:00Z",
            body: "A reply",
          },
        ],
      }),
    );
    const ok = await runCli(["debate:import", good, "--slug", "forum-thread", "--json"], env());
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(parseSingleJson(ok.stdout)).toEqual({
      slug: "forum-thread",
      title: "A forum thread",
      claims: 2,
      authors: 2,
    });
    expect(
      await count(db.url, "select count(*) as n from users where handle like 'forum-thread-%'"),
    ).toBe(2);

    const bad = path.join(dir, "bad.json");
    await writeFile(
      bad,
      JSON.stringify([{ id: 1, parentId: 7, author: "A", postedAt: "2023-01-01", body: "x" }]),
    );
    const refused = await runCli(["debate:import", bad, "--slug", "bad-thread"], env());
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Comment "1" replies to "7", which is not in the file.');
    expect(await count(db.url, "select count(*) as n from debates where slug = 'bad-thread'")).toBe(
      0,
    );
  });

  it("role:grant and role:revoke change roles (audited as the command line) and refuse nonsense", async () => {
    const granted = await runCli(
      ["role:grant", handle, "moderator", "--debate", "forum-thread"],
      env(),
    );
    expect(granted.stderr).toBe("");
    expect(granted.code).toBe(0);
    expect(granted.stdout.trim()).toBe(`Granted moderator of "forum-thread" to @${handle}.`);
    const admin = await runCli(["role:grant", handle, "admin"], env());
    expect(admin.stdout.trim()).toBe(`Granted admin to @${handle}.`);
    expect(
      await count(
        db.url,
        `select count(*) as n from users where handle = '${handle}' and is_admin`,
      ),
    ).toBe(1);
    const again = await runCli(
      ["role:grant", handle, "moderator", "--debate", "forum-thread"],
      env(),
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("is already a moderator of");
    const bad = await runCli(["role:grant", handle, "king"], env());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("role must be one of: moderator, admin");
    const revoked = await runCli(
      ["role:revoke", handle, "moderator", "--debate", "forum-thread"],
      env(),
    );
    expect(revoked.stdout.trim()).toBe(`Revoked moderator of "forum-thread" from @${handle}.`);
    expect(await count(db.url, "select count(*) as n from moderator_roles")).toBe(0);
    expect(
      await count(
        db.url,
        "select count(*) as n from moderation_log where actor_id is null and reason = 'from the command line'",
      ),
    ).toBe(3);
  });
});

describe("ledger:check", () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  beforeAll(async () => {
    db = await createFreshDatabase("crx_srv_ledger");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("passes on a healthy ledger and names the invariant a corruption breaks", async () => {
    const env = { DATABASE_URL: db.url };
    const seeded = await runCli(["db:seed"], env);
    expect(seeded.code).toBe(0);
    const healthy = await runCli(["ledger:check"], env);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain("Ledger OK");

    // A balance changed outside a journal transaction.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query("update ledger_accounts set balance = balance + 5 where ref = 'user:1'");
    } finally {
      await client.end();
    }
    const broken = await runCli(["ledger:check"], env);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain("cached-balance-matches-postings");
    expect(broken.stderr).toContain("balances-sum-to-zero");
  });
});
