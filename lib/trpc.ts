"use client";

import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/router";
import { TRPC_MAX_BATCH } from "./trpcLimits";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/api/trpc", maxItems: TRPC_MAX_BATCH })],
});

interface ErrorData {
  zodIssues?: { path: PropertyKey[]; message: string }[] | null;
}

/** A message a person can act on, from any error a tRPC call throws. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const issues = (err.data as ErrorData | undefined)?.zodIssues;
    if (issues?.length) return issues.map((i) => i.message).join("; ");
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return "Something went wrong; try again.";
}
