/**
 * Errors a person can act on. Use-cases throw these; the tRPC layer maps `code` to an HTTP status
 * (400, 401, 403, 404, 409, 429) so bad input never becomes a 500.
 */
export type AppErrorCode =
  "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The input field at fault, when there is one. */
    readonly field?: string,
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
