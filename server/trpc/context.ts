import { resolveCaller } from "@/server/auth";
import { getServices } from "@/server/runtime";
import type { Context } from "./init";

/** Builds the tRPC context for an HTTP request (app tRPC endpoint and API v1 alike). */
export async function contextFromRequest(req: Request): Promise<Context> {
  const services = await getServices();
  const caller = await resolveCaller(services.db, {
    authorization: req.headers.get("authorization"),
    cookie: req.headers.get("cookie"),
  });
  return { ...services, caller };
}
