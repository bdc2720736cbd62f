import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/router";
import { contextFromRequest } from "@/server/trpc/context";
import { logServerError } from "@/server/errors";
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
  });

export { handler as GET, handler as POST };
