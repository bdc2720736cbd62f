import { TRPCError } from "@trpc/server";
import { resolveCaller } from "@/server/auth";
import { databaseUnavailable } from "@/server/errors";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/guards";
import { getServices } from "@/server/runtime";
import type { Context } from "./init";

/** Builds the tRPC context for an HTTP request (app tRPC endpoint and API v1 alike). */
export async function contextFromRequest(req: Request): Promise<Context> {
  try {
    const services = await getServices();
    const caller = await resolveCaller(services.db, {
      authorization: req.headers.get("authorization"),
      cookie: req.headers.get("cookie"),
    });
    return {
      ...services,
      caller,
      clientAddress: req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown",
      authenticatedBy:
        caller === null || caller === "invalid-api-key"
          ? null
          : req.headers.get("authorization")
            ? "api-key"
            : "session",
    };
  } catch (err) {
    // A database outage while finding out who is calling is a 503 too, not a 500.
    const unavailable = databaseUnavailable(err);
    if (unavailable)
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: unavailable.message,
        cause: unavailable,
      });
    throw err;
  }
}
