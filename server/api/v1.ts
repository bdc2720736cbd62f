/**
 * Public REST API v1: the same tRPC procedures the app uses, each exposed at the method and path
 * its `meta.openapi` names. trpc-to-openapi generates the OpenAPI document; requests go through
 * this small adapter instead of its handler, which coerces every number field of the shared zod
 * schemas in place (so "0x32" became 50 in both APIs) and answers errors with undeclared fields.
 * Here path and query strings become numbers only where the schema wants a number and the text is
 * a plain decimal; bodies are streamed with a size cap; every error is `{ code, message, issues? }`
 * with the status the OpenAPI document declares (docs/api.md).
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { generateOpenApiDocument } from "trpc-to-openapi";
import {
  AppError,
  databaseUnavailable,
  INTERNAL_ERROR_MESSAGE,
  logServerError,
  trpcCodeOf,
  ValidationError,
} from "@/server/errors";
import { MAX_BODY_BYTES } from "@/server/http/guards";
import { archiveToCsv, type DebateArchive } from "@/server/domain/debateArchive";
import { strToU8, zipSync } from "fflate";
import { contextFromRequest } from "@/server/trpc/context";
import { appRouter, createCaller } from "@/server/trpc/router";

export const API_V1_BASE = "/api/v1";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface ZodLike {
  _zod?: { def?: { type?: string; innerType?: ZodLike; shape?: Record<string, ZodLike> } };
  shape?: Record<string, ZodLike>;
}

interface Route {
  method: Method;
  pattern: RegExp;
  params: string[];
  procedure: string;
  /** Input fields that are numbers (path and query text is converted for these only). */
  numeric: Set<string>;
  /** The procedure takes no input (z.void()). */
  noInput: boolean;
}

interface ProcedureLike {
  _def: {
    type: string;
    meta?: { openapi?: { method: Method; path: string } };
    inputs: unknown[];
  };
}

/** The type of a zod field, looking through optional/nullable/default wrappers. */
function kindOf(schema: ZodLike | undefined): string | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default")
      s = def.innerType;
    else return def.type;
  }
  return undefined;
}

let routeTable: Route[] | null = null;

function routes(): Route[] {
  if (routeTable) return routeTable;
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureLike>;
  routeTable = Object.entries(procedures).flatMap(([procedure, p]) => {
    const openapi = p._def.meta?.openapi;
    if (!openapi) return [];
    const params: string[] = [];
    const pattern = new RegExp(
      `^${openapi.path
        .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
        .replace(/\{(\w+)\}/g, (_, name: string) => {
          params.push(name);
          return "([^/]+)";
        })}$`,
    );
    const input = p._def.inputs[0] as ZodLike | undefined;
    const shape = input?._zod?.def?.shape ?? input?.shape ?? {};
    const numeric = new Set(Object.keys(shape).filter((k) => kindOf(shape[k]) === "number"));
    return [
      {
        method: openapi.method,
        pattern,
        params,
        procedure,
        numeric,
        noInput: !input || kindOf(input) === "void",
      },
    ];
  });
  return routeTable;
}

/** Plain decimal text becomes a number; anything else stays text for the schema to refuse. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const asInput = (route: Route, key: string, value: string): unknown =>
  route.numeric.has(key) && DECIMAL.test(value) ? Number(value) : value;

const fail = (code: AppError["code"], message: string) => new AppError(code, message);

async function readBody(req: Request): Promise<Record<string, unknown>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES)
    throw fail("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw fail("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fail("BAD_REQUEST", "The body is not valid UTF-8.");
  }
  // Actions such as POST /offers/{id}/cancel take no body: an empty one means "no fields".
  if (text.trim() === "") return {};
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw fail(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the body as JSON with `Content-Type: application/json`.",
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail("BAD_REQUEST", "The body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw fail("BAD_REQUEST", "The body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

function decodeSegments(path: string): string {
  try {
    return path
      .split("/")
      .map((s) => decodeURIComponent(s))
      .join("/");
  } catch {
    throw fail("BAD_REQUEST", "The path is not valid percent-encoding.");
  }
}

function match(method: string, path: string): { route: Route; values: string[] } | null {
  for (const route of routes()) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, values: found.slice(1) };
  }
  return null;
}

export interface ErrorBody {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}

/** The status, headers and body of any failure. */
function errorResponse(error: unknown, where: string): Response {
  const cause = error instanceof TRPCError ? error.cause : error;
  const app =
    cause instanceof AppError ? cause : (databaseUnavailable(error) ?? databaseUnavailable(cause));
  const trpc =
    error instanceof TRPCError
      ? error
      : new TRPCError({
          code: app ? trpcCodeOf(app.code) : "INTERNAL_SERVER_ERROR",
          cause: error,
        });
  const code = app?.code ?? trpc.code;
  // tRPC has no 423: a lock is answered as such here (AppError "LOCKED").
  const status =
    app?.code === "LOCKED"
      ? 423
      : app && !(error instanceof TRPCError)
        ? getHTTPStatusCodeFromError(new TRPCError({ code: trpcCodeOf(app.code) }))
        : getHTTPStatusCodeFromError(trpc);
  const internal = status >= 500 && code !== "SERVICE_UNAVAILABLE";
  if (internal) logServerError(where, error);
  const body: ErrorBody = {
    code: internal ? "INTERNAL_SERVER_ERROR" : code,
    message: internal ? INTERNAL_ERROR_MESSAGE : (app?.message ?? trpc.message),
  };
  if (cause instanceof ValidationError)
    body.issues = cause.issues.map((i) => ({
      path: i.path.map(String).join("."),
      message: i.message,
    }));
  const headers = new Headers({ "content-type": "application/json" });
  if (app?.retryAfterSeconds) headers.set("retry-after", String(app.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status, headers });
}

/** Procedures whose answer is a download: the same data, sent as a file. */
const FILE_RESPONSES: Record<string, (data: unknown, fields: Record<string, unknown>) => Response> =
  {
    "debates.export": (data, fields) => {
      const archive = data as DebateArchive;
      const name = `${archive.debate.slug}-${archive.exportedAt.slice(0, 10)}`;
      if (fields.format !== "csv")
        return Response.json(archive, {
          headers: { "content-disposition": `attachment; filename="${name}.json"` },
        });
      const files = Object.fromEntries(
        Object.entries(archiveToCsv(archive)).map(([file, text]) => [file, strToU8(text)]),
      );
      return new Response(zipSync(files), {
        headers: {
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="${name}-csv.zip"`,
        },
      });
    },
  };

/** Public REST API, generated from the same tRPC procedures the app uses. */
export async function handleApiV1(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const where = `API v1 ${req.method} ${url.pathname}`;
  try {
    const path = decodeSegments(url.pathname.slice(API_V1_BASE.length) || "/").replace(/\/$/, "");
    const found = match(req.method, path || "/");
    if (!found)
      throw fail(
        "NOT_FOUND",
        `There is no ${req.method} ${API_V1_BASE}${path}; the routes are listed at ${API_V1_BASE}/openapi.json.`,
      );
    const { route, values } = found;
    const fields: Record<string, unknown> =
      route.method === "GET" || route.method === "DELETE"
        ? Object.fromEntries(
            [...url.searchParams].map(([k, v]) => [k, asInput(route, k, v)] as const),
          )
        : await readBody(req);
    route.params.forEach((name, i) => (fields[name] = asInput(route, name, values[i]!)));
    const caller = createCaller(await contextFromRequest(req)) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const [group, name] = route.procedure.split(".") as [string, string];
    const data = await caller[group]![name]!(route.noInput ? undefined : fields);
    const asFile = FILE_RESPONSES[route.procedure];
    return asFile ? asFile(data, fields) : Response.json(data ?? null);
  } catch (error) {
    return errorResponse(error, where);
  }
}

/** Every status an operation can answer besides 200, with what it means. */
function errorStatuses(method: string, secured: boolean): [number, string][] {
  const reads: [number, string][] = [
    [400, "Bad input: the message names the field"],
    [401, secured ? "No API key, or one that is not valid" : "The API key sent is not valid"],
    [404, "No such thing, or no such route"],
    [500, "Something failed on our side (logged; details are never sent)"],
    [503, "The database is unavailable; try again after Retry-After seconds"],
  ];
  const notYours: [number, string] = [
    403,
    "Not yours to do (the message says who may), or your account is suspended (until when) or banned",
  ];
  // A read that needs a key may also need a role (the moderation queue, log, a person's standing).
  if (method === "get")
    return secured
      ? [
          ...reads,
          [403, "Only some people may see this (the message says who)"] as [number, string],
        ].sort(([x], [y]) => x - y)
      : reads;
  const writes: [number, string][] = [
    notYours,
    [409, "The thing's state does not allow it (the message says why)"],
    [413, `The body is larger than ${MAX_BODY_BYTES} bytes`],
    [415, "The body is not JSON"],
    [422, "An idempotency key reused with a different request"],
    [423, "A moderator locked the debate or thread (the message says who and why)"],
    [429, "Too many changes too fast; try again after Retry-After seconds"],
  ];
  return [...reads, ...writes].sort(([a], [b]) => a - b);
}

const ERROR_SCHEMA = {
  type: "object",
  properties: {
    code: { type: "string", description: "e.g. BAD_REQUEST, CONFLICT, LOCKED, TOO_MANY_REQUESTS" },
    message: { type: "string", description: "What went wrong, in words a person can act on" },
    issues: {
      type: "array",
      description: "For bad input: each field at fault",
      items: {
        type: "object",
        properties: { path: { type: "string" }, message: { type: "string" } },
        required: ["path", "message"],
        additionalProperties: false,
      },
    },
  },
  required: ["code", "message"],
  additionalProperties: false,
} as const;

type Doc = ReturnType<typeof generateOpenApiDocument>;

export function openApiDocument(origin: string): Doc {
  const doc = generateOpenApiDocument(appRouter, {
    title: "Cruxible API",
    version: "1.0.0",
    description:
      "Debates, claims, cruxes, forecasts, bets and resolution. Reads of public debates need no key; writes need `Authorization: Bearer <api key>` " +
      "(create one on your account page). Every error is `{ code, message, issues? }`; 429 and 503 carry `Retry-After`. Live updates: socket.io at path `/realtime`.",
    baseUrl: `${origin}${API_V1_BASE}`,
    securitySchemes: { apiKey: { type: "http", scheme: "bearer" } },
  });
  // The generator's per-code error schemas are replaced by the one shape every error has.
  const components = (doc.components ??= {});
  components.schemas = {
    ...Object.fromEntries(
      Object.entries(components.schemas ?? {}).filter(([key]) => !key.startsWith("error.")),
    ),
    Error: ERROR_SCHEMA as unknown as NonNullable<typeof components.schemas>[string],
  };
  // The CSV export answers a zip instead of JSON (FILE_RESPONSES).
  const exportOk = doc.paths?.["/debates/{slug}/export"]?.get?.responses?.["200"] as
    { content?: Record<string, unknown> } | undefined;
  if (exportOk?.content)
    exportOk.content["application/zip"] = { schema: { type: "string", format: "binary" } };
  for (const operations of Object.values(doc.paths ?? {}))
    for (const [method, op] of Object.entries(operations ?? {})) {
      if (typeof op !== "object" || op === null || !("responses" in op)) continue;
      const operation = op as { responses: Record<string, unknown>; security?: unknown[] };
      const ok = operation.responses["200"];
      operation.responses = { "200": ok };
      for (const [status, description] of errorStatuses(method, !!operation.security?.length))
        operation.responses[String(status)] = {
          description,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          ...(status === 429 || status === 503
            ? { headers: { "Retry-After": { schema: { type: "integer" } } } }
            : {}),
        };
    }
  return doc;
}
