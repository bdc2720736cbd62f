import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { AppError, ValidationError } from "@/server/errors";
import type { UserRecord } from "@/server/usecases/accounts";
import type { Services } from "@/server/usecases/services";

export interface Context extends Services {
  /** The caller, or "invalid-api-key" when a bearer key was sent but matched no key. */
  caller: UserRecord | null | "invalid-api-key";
}

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          field: cause instanceof AppError ? (cause.field ?? null) : null,
          zodIssues: cause instanceof ValidationError ? cause.issues : null,
        },
      };
    },
  });

/**
 * Use-cases speak AppError and inputs fail as ZodError; both become a tRPC error whose message a
 * person can act on (and so an HTTP status and JSON message in API v1).
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause =
    result.error.cause instanceof ZodError
      ? new ValidationError(result.error.cause.issues)
      : result.error.cause;
  if (cause instanceof AppError)
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors).use(({ ctx, next }) => {
  if (ctx.caller === "invalid-api-key")
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message:
        "That API key is not valid. Create a new one with `npm run cli -- apikey:create <handle>`.",
    });
  return next({ ctx: { ...ctx, user: ctx.caller } });
});
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user)
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Sign in (or send `Authorization: Bearer <api key>`) to do that.",
    });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
