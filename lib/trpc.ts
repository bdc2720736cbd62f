"use client";

import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/router";
import { humanizeFieldError } from "./errorText";
import { TRPC_MAX_BATCH } from "./trpcLimits";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/api/trpc", maxItems: TRPC_MAX_BATCH })],
});

interface ErrorData {
  field?: string | null;
  zodIssues?: { path: PropertyKey[]; message: string }[] | null;
}

/** A message a person can act on, from any error a tRPC call throws. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const data = err.data as ErrorData | undefined;
    if (data?.zodIssues?.length)
      return data.zodIssues.map((i) => humanizeFieldError(i.message, i.path.join("."))).join("; ");
    return humanizeFieldError(err.message, data?.field);
  }
  if (err instanceof Error) return err.message;
  return "Something went wrong; try again.";
}

/** The input field an error is about ("min", "numeric.max" -> "max"), when the server names one. */
export function errorField(err: unknown): string | null {
  if (!(err instanceof TRPCClientError)) return null;
  const data = err.data as ErrorData | undefined;
  const path = data?.zodIssues?.[0]?.path.join(".") ?? data?.field ?? null;
  return path ? (path.split(".").at(-1) ?? null) : null;
}
