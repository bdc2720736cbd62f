/**
 * What the one HTTP server checks and adds before any request reaches Next (docs/security.md):
 * a cap on bodies before anything is buffered, cookie-authenticated writes only from our own
 * origin, the client's address for rate limits, and security headers with a per-request CSP nonce.
 */
import crypto from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The largest body any legal request needs (a 20,000-character claim, JSON-escaped), with room. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The header the server sets (overwriting anything a client sent) to the client's address. */
export const CLIENT_ADDRESS_HEADER = "x-cruxible-client";

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Bodies are limited by their declared length, before a byte is read: larger ones get a 413, and
 * a streamed body of unknown length (no Content-Length) a 411 (no legal request needs one).
 */
export function bodyRefusal(headers: IncomingHttpHeaders): Refusal | null {
  const length = headers["content-length"];
  if (length === undefined) {
    if (headers["transfer-encoding"] !== undefined)
      return {
        status: 411,
        code: "LENGTH_REQUIRED",
        message: "Send a Content-Length with the body (streamed bodies are not accepted).",
      };
    return null;
  }
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: "Content-Length is not a number of bytes.",
    };
  if (bytes > MAX_BODY_BYTES)
    return {
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: `The body is ${bytes} bytes; the most any request needs is ${MAX_BODY_BYTES}.`,
    };
  return null;
}

/**
 * A browser sends our session cookie with any request to us, even one a page elsewhere made; so a
 * write that authenticates by cookie must come from our own origin. Requests with an API key
 * (no cookie sent by a browser on their behalf) are not affected.
 */
export function crossSiteWrite(
  method: string,
  headers: IncomingHttpHeaders,
  ownOrigin: string,
): Refusal | null {
  if (!WRITES.has(method) || !headers.cookie || headers.authorization) return null;
  const origin = headers.origin ?? refererOrigin(headers.referer);
  // Our configured origin, or the host the request was sent to (the same site under another name,
  // e.g. 127.0.0.1 for localhost): a page elsewhere can set neither.
  if (origin === ownOrigin || (origin && hostOf(origin) === headers.host)) return null;
  return {
    status: 403,
    code: "FORBIDDEN",
    message: origin
      ? `Writes signed in by cookie must come from ${ownOrigin}, not ${origin}.`
      : "Writes signed in by cookie must say where they come from (an Origin header).",
  };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** The client's address: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(
  headers: IncomingHttpHeaders,
  peer: string | undefined,
  trustProxy: boolean,
): string {
  const forwarded = headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return (trustProxy && first) || peer || "unknown";
}

export const newNonce = () => crypto.randomBytes(16).toString("base64");

/**
 * Security headers for every response. Scripts run only from our origin or with this request's
 * nonce (Next reads the nonce from the request's CSP header and puts it on its own scripts);
 * inline styles stay allowed because charts set style attributes, which a nonce cannot cover.
 */
export function securityHeaders(options: {
  nonce: string;
  dev: boolean;
  https: boolean;
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(options.https
      ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
      : {}),
  };
}
