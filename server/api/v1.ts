import { createOpenApiFetchHandler, generateOpenApiDocument } from "trpc-to-openapi";
import { contextFromRequest } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/router";

export const API_V1_BASE = "/api/v1";

/** Public REST API, generated from the same tRPC procedures the app uses. */
export function handleApiV1(req: Request): Promise<Response> {
  return createOpenApiFetchHandler({
    endpoint: API_V1_BASE,
    router: appRouter,
    req,
    createContext: () => contextFromRequest(req),
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
