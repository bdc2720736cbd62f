import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { AppError } from "@/server/errors";

/**
 * Expects a procedure (TRPCError) or a use-case called directly (AppError) to reject with this
 * code and a message matching `message`.
 */
export async function rejects(
  promise: Promise<unknown>,
  code: TRPCError["code"],
  message: RegExp,
): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(
    err instanceof TRPCError || err instanceof AppError,
    `expected a rejection, got ${String(err)}`,
  ).toBe(true);
  expect((err as TRPCError | AppError).code).toBe(code);
  expect((err as Error).message).toMatch(message);
}
