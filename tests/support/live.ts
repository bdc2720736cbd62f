/**
 * Helpers for the "server" vitest project: production servers on the isolated build folder, the
 * admin CLI, JSON over HTTP, real socket.io clients that record what they receive, and the
 * next-auth credentials flow driven over HTTP with a small cookie jar.
 */
import fs from "node:fs";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { DebateEvent } from "@/server/domain/events";
import { runProcess, startServer, type RunningServer, type StartOptions } from "./server";

/** A fixed secret shared by every process of one test (scale-out needs the same one everywhere). */
export const TEST_SECRET = "cruxible-server-tests-secret-5b1c0e7d2a9f";

/** Environment a test server must not inherit from the shell running vitest. */
const CLEAN_ENV: Record<string, string | undefined> = {
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
  PGLITE_DIR: undefined,
  ALLOW_DEMO_LOGIN: undefined,
  GITHUB_ID: undefined,
  GITHUB_SECRET: undefined,
};

/**
 * The production build the server tests run: NEXT_DIST_DIR (default `.next`, what `npm run build`
 * writes; build elsewhere with `NEXT_DIST_DIR=.next-server npm run build` to test beside a dev build).
 */
export function productionDistDir(): string {
  const dir = process.env.NEXT_DIST_DIR || ".next";
  if (fs.existsSync(path.join(dir, "BUILD_ID"))) return dir;
  throw new Error(
    `No production build in ${dir}: run \`NEXT_DIST_DIR=${dir} npm run build\` first.`,
  );
}

/** A production server (`NODE_ENV=production`) with a test secret and no inherited configuration. */
export function startProductionServer(
  env: Record<string, string | undefined>,
  options: Omit<StartOptions, "env" | "mode"> = {},
) {
  return startServer({
    ...options,
    mode: "production",
    env: { ...CLEAN_ENV, NEXT_DIST_DIR: productionDistDir(), NEXTAUTH_SECRET: TEST_SECRET, ...env },
  });
}

/** A development server (compiles on demand) with no inherited configuration. */
export function startDevelopmentServer(
  env: Record<string, string | undefined>,
  options: Omit<StartOptions, "env" | "mode"> = {},
) {
  return startServer({
    timeoutMs: 150_000,
    ...options,
    mode: "development",
    env: { ...CLEAN_ENV, ...env },
  });
}

/** Stops whichever of the servers were started, one by one. */
export async function stopAll(...servers: (RunningServer | undefined)[]): Promise<void> {
  for (const server of servers) await server?.stop();
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the admin CLI as one process: `node --import tsx server/cli.ts ...args`. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  return runProcess(
    ["--import", "tsx", "server/cli.ts", ...args],
    { ...CLEAN_ENV, ...env },
    90_000,
  );
}

/** Parses stdout that must be exactly one JSON object (and nothing else). */
export function parseSingleJson(stdout: string): Record<string, unknown> {
  const lines = stdout.split("\n").filter((l) => l.trim() !== "");
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got:\n${stdout}`);
  const value: unknown = JSON.parse(lines[0] as string);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`not a JSON object: ${stdout}`);
  return value as Record<string, unknown>;
}

export interface CreatedUser {
  id: number;
  handle: string;
  apiKey: string;
}

/** `user:create <handle> --password <pw> --api-key --json` against the given database. */
export async function createUserWithKey(
  databaseUrl: string,
  handle: string,
  password: string,
): Promise<CreatedUser> {
  const result = await runCli(
    ["user:create", handle, "--password", password, "--api-key", "--json"],
    { DATABASE_URL: databaseUrl },
  );
  if (result.code !== 0)
    throw new Error(`user:create failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  const json = parseSingleJson(result.stdout);
  const { id, apiKey } = json;
  if (typeof id !== "number" || json.handle !== handle || typeof apiKey !== "string")
    throw new Error(`user:create printed an unexpected object: ${result.stdout}`);
  return { id, handle, apiKey };
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch + JSON body (throws when the body is not JSON, with the text for the report). */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<HttpResult<T>> {
  const res = await fetch(url, { redirect: "manual", ...init });
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(
      `${init.method ?? "GET"} ${url} → ${res.status}, not JSON:\n${text.slice(0, 2000)}`,
    );
  }
  return { status: res.status, headers: res.headers, body };
}

export interface ApiClaim {
  id: number;
  parentId: number | null;
  authorHandle: string;
  body: string;
  quote: string | null;
  stance: string | null;
  deleted: boolean;
}

export interface ApiDebate {
  slug: string;
  title: string;
  summary: string;
  lastSeq: number;
  claims: ApiClaim[];
}

export interface ApiEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  at: string;
}

export async function getDebate(baseUrl: string, slug: string): Promise<ApiDebate> {
  const res = await fetchJson<ApiDebate>(`${baseUrl}/api/v1/debates/${slug}`);
  if (res.status !== 200)
    throw new Error(`GET debate ${slug} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function getEvents(baseUrl: string, slug: string, after: number): Promise<ApiEvent[]> {
  const res = await fetchJson<{ events: ApiEvent[] }>(
    `${baseUrl}/api/v1/debates/${slug}/events?after=${after}`,
  );
  if (res.status !== 200)
    throw new Error(`GET events → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.events;
}

/** POST /api/v1/debates/{slug}/claims with a Bearer key; returns the created claim. */
export async function postClaim(
  baseUrl: string,
  apiKey: string,
  slug: string,
  input: { body: string; parentId?: number; stance?: string },
): Promise<ApiClaim> {
  const res = await fetchJson<ApiClaim>(`${baseUrl}/api/v1/debates/${slug}/claims`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  if (res.status !== 200)
    throw new Error(`POST claim → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `pick` until it returns a value; fails with `describe()` after the timeout. */
export async function waitUntil<T>(
  pick: () => T | undefined,
  what: string,
  timeoutMs = 10_000,
  describe?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = pick();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${describe ? `\n${describe()}` : ""}`,
      );
    await sleep(20);
  }
}

export interface Presence {
  slug: string;
  count: number;
}

export type JoinAck =
  | { ok: true; slug: string; events: DebateEvent[]; complete: boolean }
  | { ok: false; error: string };

/** A real socket.io client that records everything the server sends it. */
export interface LiveClient {
  socket: Socket;
  events: DebateEvent[];
  presence: Presence[];
  disconnects: string[];
  join(payload: unknown): Promise<JoinAck>;
  /** Waits for a recorded debate:event matching the predicate. */
  waitForEvent(
    match: (e: DebateEvent) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<DebateEvent>;
  /** Waits for a debate:presence with this count, received after `fromIndex` presence messages. */
  waitForPresence(
    slug: string,
    count: number,
    fromIndex?: number,
    timeoutMs?: number,
  ): Promise<Presence>;
  close(): void;
}

export interface ConnectOptions {
  auth?: Record<string, string>;
  /** Extra request headers for the handshake (e.g. a session cookie). */
  headers?: Record<string, string>;
  transports?: ("websocket" | "polling")[];
}

function recorder(socket: Socket): LiveClient {
  const client: LiveClient = {
    socket,
    events: [],
    presence: [],
    disconnects: [],
    async join(payload) {
      return (await socket.timeout(15_000).emitWithAck("debate:join", payload)) as JoinAck;
    },
    waitForEvent(match, what, timeoutMs = 10_000) {
      return waitUntil(
        () => client.events.find(match),
        what,
        timeoutMs,
        () => `received: ${JSON.stringify(client.events)}`,
      );
    },
    waitForPresence(slug, count, fromIndex = 0, timeoutMs = 10_000) {
      return waitUntil(
        () => client.presence.slice(fromIndex).find((p) => p.slug === slug && p.count === count),
        `presence ${count} in ${slug}`,
        timeoutMs,
        () => `presence received: ${JSON.stringify(client.presence)}`,
      );
    },
    close() {
      socket.disconnect();
    },
  };
  socket.on("debate:event", (e: DebateEvent) => client.events.push(e));
  socket.on("debate:presence", (p: Presence) => client.presence.push(p));
  socket.on("disconnect", (reason: string) => client.disconnects.push(reason));
  return client;
}

/** Connects a fresh client (no reconnection, websocket only by default) to /realtime. */
export function connectClient(baseUrl: string, options: ConnectOptions = {}): Promise<LiveClient> {
  const socket = io(baseUrl, {
    path: "/realtime",
    transports: options.transports ?? ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 15_000,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.headers ? { extraHeaders: options.headers } : {}),
  });
  const client = recorder(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(client));
    socket.once("connect_error", (err: Error) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** Resolves with the connect_error a client gets (rejects if it connects instead). */
export function connectError(baseUrl: string, options: ConnectOptions = {}): Promise<Error> {
  return connectClient(baseUrl, options).then(
    (client) => {
      client.close();
      throw new Error("the socket connected, but a connect_error was expected");
    },
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
}

/** A minimal cookie jar: Set-Cookie in, Cookie header out (enough for next-auth over http). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface SignInOutcome {
  /** Status of POST /api/auth/callback/credentials. */
  callbackStatus: number;
  /** Where next-auth sends the browser next (`json=true` returns it as { url }). */
  callbackUrl: string;
  /** GET /api/auth/session afterwards, with the cookies the flow set. */
  session: { user?: { handle?: string; id?: number; name?: string } };
  cookies: CookieJar;
}

/** Drives next-auth's credentials sign-in over HTTP exactly as the browser form does. */
export async function signInWithCredentials(
  baseUrl: string,
  handle: string,
  password: string,
  callbackUrl = baseUrl,
): Promise<SignInOutcome> {
  const jar = new CookieJar();
  const csrf = await fetchJson<{ csrfToken: string }>(`${baseUrl}/api/auth/csrf`);
  if (csrf.status !== 200 || typeof csrf.body.csrfToken !== "string")
    throw new Error(`csrf → ${csrf.status}`);
  jar.store(csrf.headers);

  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      // A browser says where a form post comes from; cookie writes from elsewhere are refused.
      origin: baseUrl,
    },
    body: new URLSearchParams({
      csrfToken: csrf.body.csrfToken,
      handle,
      password,
      json: "true",
      callbackUrl,
    }).toString(),
  });
  jar.store(res.headers);
  const text = await res.text();
  let next = res.headers.get("location") ?? "";
  try {
    const parsed = JSON.parse(text) as { url?: unknown };
    if (typeof parsed.url === "string") next = parsed.url;
  } catch {
    // not JSON: a redirect; the Location header says where
  }

  const session = await fetchJson<SignInOutcome["session"]>(`${baseUrl}/api/auth/session`, {
    headers: { cookie: jar.header() },
  });
  if (session.status !== 200) throw new Error(`session → ${session.status}`);
  jar.store(session.headers);
  return { callbackStatus: res.status, callbackUrl: next, session: session.body, cookies: jar };
}

/** Removes <script> elements, leaving the markup a browser shows before any JavaScript runs. */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
}
