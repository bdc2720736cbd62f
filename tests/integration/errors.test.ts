/**
 * Unexpected failures: a real database error behind a request is logged with its stack on the
 * server, and the client gets a plain message with no SQL in it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleApiV1 } from "@/server/api/v1";
import { debates } from "@/db/schema";
import { INTERNAL_ERROR_MESSAGE } from "@/server/errors";
import { setDatabase } from "@/server/runtime";
import { openTestDb, type TestDb } from "../support/testdb";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
  setDatabase(t.handle);
  await t.handle.db.insert(debates).values({ slug: "broken", title: "Broken" });
  // Break the schema under the app, as a bad deploy would: every read of claims now fails.
  await t.handle.db.execute(sql`alter table claims rename column body to body_gone`);
});
afterAll(() => t.close());

describe("a 500", () => {
  it("is logged with its stack and answered without SQL", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await handleApiV1(new Request("http://localhost/api/v1/debates/broken"));
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toMatchObject({ message: INTERNAL_ERROR_MESSAGE });
      expect(text).not.toMatch(/select|body_gone|claims|Failed query/i);
      const lines = logged.mock.calls.map((c) => c.join(" "));
      expect(lines.some((l) => /500 in API v1 GET/.test(l) && /\n\s+at /.test(l))).toBe(true);
      expect(lines.some((l) => /claims/.test(l))).toBe(true);
    } finally {
      logged.mockRestore();
    }
  });
});
