import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { limitersFor, take, wait } from "@/server/security/limits";
import {
  AppError,
  databaseUnavailable,
  forbidden,
  INTERNAL_ERROR_MESSAGE,
  trpcCodeOf,
  ValidationError,
} from "@/server/errors";
import {
  OPEN_TO_RESTRICTED,
  onProbation,
  probationEnds,
  probationRefusal,
  restrictionMessage,
  restrictionOf,
} from "@/server/domain/restrictions";
import type { UserRecord } from "@/server/usecases/accounts";
import type { Services } from "@/server/usecases/services";

export interface Context extends Services {
  /** The caller, or "invalid-api-key" when a bearer key was sent but matched no key. */
  caller: UserRecord | null | "invalid-api-key";
  /** The client's network address (for per-client limits); "unknown" when not served over HTTP. */
  clientAddress: string;
  /** How the caller proved who they are (some things need a session on the site). */
  authenticatedBy: "session" | "api-key" | null;
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
            appCode: null,
            zodIssues: null,
          },
        };
      return {
        ...shape,
        data: {
          ...shape.data,
          stack: undefined,
          field: cause instanceof AppError ? (cause.field ?? null) : null,
          // The app's own code where tRPC has none (LOCKED travels as CONFLICT).
          appCode: cause instanceof AppError ? cause.code : null,
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
    throw new TRPCError({ code: trpcCodeOf(cause.code), message: cause.message, cause });
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
export const authedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.user)
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "Sign in (or send `Authorization: Bearer <api key>`) to do that.",
      });
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(async ({ ctx, type, path, next }) => {
    if (type === "mutation") await writeGate(ctx.config, ctx.user, path, Date.now());
    return next();
  });

/**
 * The one gate every write passes (every mutation; API v1 calls the same procedures): a suspended
 * or banned user is refused (403 saying until when), a new account on probation gets fewer writes
 * a minute, and everyone is limited per minute (counts shared through Redis when configured).
 * The rules are server/domain/restrictions.ts; docs/moderation.md.
 */
export async function writeGate(
  config: Context["config"],
  user: UserRecord,
  path: string,
  now: number,
): Promise<void> {
  const restriction = restrictionOf(user, now);
  if (restriction && !OPEN_TO_RESTRICTED.has(path))
    throw forbidden(restrictionMessage(restriction));
  const limits = limitersFor(config);
  if (onProbation(user, config.probation, now)) {
    const ends = probationEnds(user.createdAt, config.probation);
    await take(limits.probationWrites, String(user.id), (s) =>
      probationRefusal(ends, config.probation, wait(s)),
    );
  }
  const perMinute = config.limits.writesPerMinute;
  await take(
    limits.writes,
    String(user.id),
    (s) => `Slow down: at most ${perMinute} changes a minute. Try again in ${wait(s)}.`,
  );
}
