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
    responseMeta: ({ errors, info }) => {
      const wait = Math.max(
        0,
        ...errors.map((e) => (e.cause instanceof AppError ? (e.cause.retryAfterSeconds ?? 0) : 0)),
      );
      // A single call refused by a lock is a 423 here too (tRPC has no such code; the body says
      // CONFLICT with appCode LOCKED). A batch keeps tRPC's status: its calls may differ.
      const lockedOnly =
        info?.calls.length === 1 &&
        errors.length === 1 &&
        errors.every((e) => e.cause instanceof AppError && e.cause.code === "LOCKED");
      return {
        ...(lockedOnly ? { status: 423 } : {}),
        ...(wait > 0 ? { headers: { "retry-after": String(wait) } } : {}),
      };
    },
  });
}
