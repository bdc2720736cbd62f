import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { takeToken, type Bucket, type RateRule } from "@/server/domain/rateLimit";
import {
  AppError,
  databaseUnavailable,
  INTERNAL_ERROR_MESSAGE,
  ValidationError,
} from "@/server/errors";
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
      // An unexpected failure says so plainly; its text (SQL, stack) stays in the server's log.
      if (error.code === "INTERNAL_SERVER_ERROR")
        return {
          ...shape,
          message: INTERNAL_ERROR_MESSAGE,
          data: {
            code: shape.data.code,
            httpStatus: shape.data.httpStatus,
            field: null,
            zodIssues: null,
          },
        };
      return {
        ...shape,
        data: {
          ...shape.data,
          stack: undefined,
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
      : (databaseUnavailable(result.error.cause) ?? result.error.cause);
  if (cause instanceof AppError)
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  return result;
});

/** The path of the first string in `value` holding a NUL character (PostgreSQL text can't). */
export function nulPath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, [...path, key]);
      if (found) return found;
    }
  return null;
}

/** Refuses any input with a NUL character, naming the field, before it reaches the database. */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const path = nulPath(await getRawInput());
  if (path)
    throw new ValidationError([{ path, message: "must not contain NUL characters (\\u0000)" }]);
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure
  .use(mapErrors)
  .use(refuseNul)
  .use(({ ctx, next }) => {
    if (ctx.caller === "invalid-api-key")
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message:
          "That API key is not valid. Create a new one with `npm run cli -- apikey:create <handle>`.",
      });
    return next({ ctx: { ...ctx, user: ctx.caller } });
  });
/** Per-user write limits, shared by the app's and the API's handlers in this process. */
const BUCKETS = Symbol.for("cruxible.rateLimit");
const holder = globalThis as typeof globalThis & { [BUCKETS]?: Map<number, Bucket> };
const buckets = () => (holder[BUCKETS] ??= new Map());

function writeRule(perMinute: number): RateRule | null {
  return perMinute > 0 ? { perMinute, capacity: perMinute } : null;
}

export const authedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.user)
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "Sign in (or send `Authorization: Bearer <api key>`) to do that.",
      });
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(({ ctx, type, next }) => {
    const rule = writeRule(ctx.config.limits.writesPerMinute);
    if (type !== "mutation" || !rule) return next();
    const result = takeToken(buckets().get(ctx.user.id), Date.now(), rule);
    buckets().set(ctx.user.id, result.bucket);
    if (!result.allowed)
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Slow down: at most ${rule.perMinute} changes a minute. Try again in ${Math.ceil(result.retryAfterMs / 1000)} s.`,
      });
    return next();
  });
