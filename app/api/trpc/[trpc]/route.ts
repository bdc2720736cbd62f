import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/router";
import { contextFromRequest } from "@/server/trpc/context";
import { AppError, logServerError } from "@/server/errors";
import { TRPC_MAX_BATCH } from "@/lib/trpcLimits";

export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  fetchRequestHandler({
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

export { handler as GET, handler as POST };
