/**
 * Property-based fuzz of API v1, generated from its own OpenAPI document: for every operation,
 * inputs that fit and inputs that don't, anonymous and with a key, against the real handler on a
 * seeded PostgreSQL database. No response may be a 5xx, and every response must have a status the
 * document declares for that operation and a body matching the declared schema.
 *
 * FUZZ_RUNS sets the cases per operation (50 in CI; `npm run fuzz` runs 500). FUZZ_SEED fixes the
 * inputs: the suite uses a fixed seed so CI is repeatable, `npm run fuzz` a random one. A failure
 * prints the request and fast-check's seed.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleApiV1, openApiDocument } from "@/server/api/v1";
import { loadConfig } from "@/server/config";
import { setConfig, setDatabase } from "@/server/runtime";
import { createApiKey } from "@/server/usecases/accounts";
import { checkLedger } from "@/server/usecases/ledger";
import { input, type JsonSchema } from "../support/jsonSchemaArbitrary";
import { makeUser, openTestDb, type TestDb } from "../support/testdb";

const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED =
  process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED ?? 20261130);
/** How often each status came back, per operation (printed, so a run shows what it reached). */
const seen = new Map<string, Map<string, number>>();

let t: TestDb;
const keys: string[] = [];
const doc = openApiDocument("http://localhost");
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "doc", components: doc.components }, "doc");

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { content?: { "application/json"?: { schema: object } } }>;
}

const operations = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
  Object.entries(ops ?? {}).map(([method, op]) => ({
    path,
    method: method.toUpperCase(),
    op: op as unknown as Operation,
  })),
);

/** Response schemas refer to the document's components: resolve them against it. */
function validatorFor(schema: object) {
  const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
  return ajv.compile(JSON.parse(text) as object);
}

beforeAll(async () => {
  t = await openTestDb({ seed: true });
  setDatabase(t.handle);
  // No write limit here: the fuzz sends thousands of writes with few keys.
  setConfig(loadConfig({ ...process.env, RATE_LIMIT_WRITES_PER_MINUTE: "0" }));
  for (let i = 0; i < 3; i++)
    keys.push(await createApiKey(t.handle.db, (await makeUser(t, { isAdmin: i === 2 })).id));
}, 120_000);
afterAll(() => t.close());

/** Ids that exist in the seeded data are small numbers: favour them, and some that don't exist. */
const pathValue = (p: Parameter) =>
  p.name === "slug"
    ? fc.constantFrom("rlhf-impact", "nope", "%00", "a%2Fb", "x".repeat(100))
    : p.name === "handle"
      ? fc.constantFrom("post-author", "commenter-1", "nobody-here", "%E0%A4%A")
      : fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 120 }).map(String) },
          fc.constantFrom("0", "-1", "2147483648", "99999999999999999999", "abc", "1e1", "0x10"),
        );

describe("API v1 fuzzed from its OpenAPI document", () => {
  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))(
    "%s: no 5xx, declared statuses and shapes only",
    async (_, { path, method, op }) => {
      const validators = Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          validatorFor(r.content?.["application/json"]?.schema ?? {}),
        ]),
      );
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content["application/json"].schema;
      const request = fc.record({
        key: fc.option(fc.constantFrom(...keys), { nil: null }),
        path: fc.record(
          Object.fromEntries(
            params.filter((p) => p.in === "path").map((p) => [p.name, pathValue(p)]),
          ),
        ),
        query: fc.record(
          Object.fromEntries(
            params
              .filter((p) => p.in === "query")
              .map((p) => [p.name, input(p.schema).map((v) => (v === null ? "" : String(v)))]),
          ),
          { requiredKeys: [] },
        ),
        body: bodySchema ? input(bodySchema) : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let url = path.replace(/\{(\w+)\}/g, (_m, name: string) => String(r.path[name]));
          const query = new URLSearchParams(r.query as Record<string, string>).toString();
          if (query) url += `?${query}`;
          const headers: Record<string, string> = {};
          if (r.key) headers.authorization = `Bearer ${r.key}`;
          if (r.body !== undefined) headers["content-type"] = "application/json";
          const res = await handleApiV1(
            new Request(`http://localhost/api/v1${url}`, {
              method,
              headers,
              body: r.body === undefined ? undefined : JSON.stringify(r.body),
            }),
          );
          const text = await res.text();
          const status = String(res.status);
          const tally = seen.get(`${method} ${path}`) ?? new Map<string, number>();
          tally.set(status, (tally.get(status) ?? 0) + 1);
          seen.set(`${method} ${path}`, tally);
          const context = `${method} ${url} ${JSON.stringify(r.body)?.slice(0, 300)} -> ${status} ${text.slice(0, 300)}`;
          expect(res.status, context).toBeLessThan(500);
          // A download (the CSV export's zip) must be a content type the document declares.
          const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
          if (type !== "application/json") {
            expect(Object.keys(op.responses[status]?.content ?? {}), context).toContain(type);
            return;
          }
          const validate = validators[status];
          expect(validate, `undeclared status: ${context}`).toBeDefined();
          const ok = validate!(JSON.parse(text));
          expect(ok, `${context}\n${JSON.stringify(validate!.errors)}`).toBe(true);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    120_000,
  );

  it("leaves the ledger consistent, having reached success and refusal on most operations", async () => {
    expect(await checkLedger(t.handle.db)).toEqual([]);
    console.log(
      [...seen]
        .map(([op, s]) => `${op}: ${[...s].map(([k, n]) => `${k}×${n}`).join(" ")}`)
        .join("\n"),
    );
    const reached = [...seen.values()].filter((s) => s.has("200")).length;
    expect(reached).toBeGreaterThanOrEqual(operations.length / 2);
  });
});
