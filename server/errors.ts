/**
 * Errors a person can act on. Use-cases throw these; the tRPC layer maps `code` to an HTTP status
 * (400, 401, 403, 404, 409, 423, 429) so bad input never becomes a 500.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE_CONTENT"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE"
  /** A moderator locked the debate or thread (HTTP 423; docs/moderation.md). */
  | "LOCKED";

/** tRPC has no 423: a lock travels as CONFLICT (the nearest meaning), its AppError code kept as `appCode`. */
export type TrpcCode = Exclude<AppErrorCode, "LOCKED">;
export const trpcCodeOf = (code: AppErrorCode): TrpcCode => (code === "LOCKED" ? "CONFLICT" : code);

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The input field at fault, when there is one. */
    readonly field?: string,
    /** For 429 and 503: when to try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badInput = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `${field}: ${message}`, field);
export const notFound = (message: string) => new AppError("NOT_FOUND", message);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
export const conflict = (message: string) => new AppError("CONFLICT", message);
export const unauthorized = (message = "Sign in (or send an API key) to do that.") =>
  new AppError("UNAUTHORIZED", message);
/** A write refused because a moderator locked where it would land (HTTP 423). */
export const locked = (message: string) => new AppError("LOCKED", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError("TOO_MANY_REQUESTS", message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));

/** Errors of a database that is down or restarting (not of a query that is wrong). */
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin shutdown
  "57P02", // crash shutdown
  "57P03", // cannot connect now (starting up)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/**
 * A database outage becomes a 503 with a message and a Retry-After, so clients back off and the
 * request can be retried once it recovers (the pool reconnects by itself).
 */
export function databaseUnavailable(error: unknown): AppError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if (
      (typeof code === "string" && UNAVAILABLE.has(code)) ||
      (typeof message === "string" &&
        /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
          message,
        ))
    )
      return new AppError(
        "SERVICE_UNAVAILABLE",
        "The database is unavailable right now. Nothing was changed; please try again in a few seconds.",
        undefined,
        5,
      );
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

export interface InputIssue {
  path: PropertyKey[];
  message: string;
}

/** Invalid input at the edge; the message names each field, e.g. "parentId: expected a number". */
export class ValidationError extends AppError {
  constructor(readonly issues: InputIssue[]) {
    super("BAD_REQUEST", formatIssues(issues), issues[0]?.path.map(String).join("."));
    this.name = "ValidationError";
  }
}

export function formatIssues(issues: InputIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join(".");
      return field && !issue.message.startsWith(field)
        ? `${field}: ${issue.message}`
        : issue.message;
    })
    .join("; ");
}

/** What a client hears of an unexpected failure; the details go to the server's log only. */
export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side and it was logged. Please try again; if it keeps happening, tell us what you were doing.";

/**
 * Logs an unexpected failure (a 500) with its stack, so nothing fails silently. Errors a person can
 * act on (4xx) are not logged: they are answers, not faults.
 */
export function logServerError(where: string, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const cause = (err as { cause?: unknown }).cause;
  console.error(
    `[cruxible] 500 in ${where}: ${err.stack ?? err.message}` +
      (cause instanceof Error ? `\ncaused by: ${cause.stack ?? cause.message}` : ""),
  );
}
