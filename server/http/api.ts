/**
 * The JSON endpoints (`/api/v1`, `/api/trpc`) answered by the one HTTP server itself, before
 * Next: they need none of its routing or rendering, and skipping it is most of their fixed cost
 * per request (docs/benchmarks.md). Node's request becomes a fetch Request for the handlers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleApiV1 } from "@/server/api/v1";
import { handleTrpc } from "@/server/trpc/http";

type Handler = (req: Request) => Promise<Response>;

function handlerFor(path: string): Handler | null {
  if (path.startsWith("/api/trpc/")) return handleTrpc;
  // The OpenAPI document is a Next route (it is read rarely and rendered with the docs page).
  if (path.startsWith("/api/v1/") && path !== "/api/v1/openapi.json") return handleApiV1;
  return null;
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`${origin}${req.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
    duplex: hasBody ? "half" : undefined,
  });
}

/** Answers the request when it is for a JSON endpoint; false leaves it to Next. */
export function serveApi(req: IncomingMessage, res: ServerResponse, origin: string): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  const handler = handlerFor(path);
  if (!handler) return false;
  void (async () => {
    try {
      const response = await handler(toRequest(req, origin));
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      console.error("[cruxible] API request failed:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end('{"code":"INTERNAL_SERVER_ERROR","message":"Something went wrong on our side."}');
    }
  })();
  return true;
}
