/** The app's tRPC endpoint (`/api/trpc`) as a fetch handler. */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH } from "@/lib/trpcLimits";
import { AppError, logServerError } from "@/server/errors";
import { contextFromRequest } from "./context";
import { appRouter } from "./router";

export function handleTrpc(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => contextFromRequest(req),
    // A batch runs every call it carries: keep one request's work bounded.
    maxBatchSize: TRPC_MAX_BATCH,
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") logServerError(`tRPC ${path ?? "?"}`, error);
    },
    // 429 and 503 say when to try again.
    responseMeta: ({ errors }) => {
      const wait = Math.max(
        0,
        ...errors.map((e) => (e.cause instanceof AppError ? (e.cause.retryAfterSeconds ?? 0) : 0)),
      );
      return wait > 0 ? { headers: { "retry-after": String(wait) } } : {};
    },
  });
}
