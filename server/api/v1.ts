import { createOpenApiFetchHandler, generateOpenApiDocument } from "trpc-to-openapi";
import { contextFromRequest } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/router";
import { logServerError } from "@/server/errors";

export const API_V1_BASE = "/api/v1";

/** Public REST API, generated from the same tRPC procedures the app uses. */
export async function handleApiV1(req: Request): Promise<Response> {
  const request = await withBodyForEmptyPosts(req);
  return createOpenApiFetchHandler({
    endpoint: API_V1_BASE,
    router: appRouter,
    req: request,
    createContext: () => contextFromRequest(request),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logServerError(`API v1 ${req.method} ${path ?? new URL(req.url).pathname}`, error);
    },
  });
}

/**
 * Actions such as POST /offers/{id}/cancel take no body; an empty body sent with a JSON content
 * type (as many clients do) means "no fields", not malformed JSON.
 */
async function withBodyForEmptyPosts(req: Request): Promise<Request> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const text = req.body === null ? "" : await req.text();
  const headers = new Headers(req.headers);
  if (text.trim() === "") headers.set("content-type", "application/json");
  return new Request(req.url, {
    method: req.method,
    headers,
    body: text.trim() === "" ? "{}" : text,
  });
}

export function openApiDocument(origin: string) {
  return generateOpenApiDocument(appRouter, {
    title: "Cruxible API",
    version: "1.0.0",
    description:
      "Debates, claims and votes. Reads of public debates need no key; writes need `Authorization: Bearer <api key>` " +
      "(create one on your account page or with `npm run cli -- apikey:create <handle>`). Live updates: socket.io at path `/realtime`.",
    baseUrl: `${origin}${API_V1_BASE}`,
    securitySchemes: { apiKey: { type: "http", scheme: "bearer" } },
  });
}
