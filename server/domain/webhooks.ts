/**
 * Webhook rules (docs/webhooks.md): what a webhook may point at, how a delivery is signed and how a
 * receiver checks it. Pure; the HTTP and the queue live in server/webhooks/.
 */
import crypto from "node:crypto";
import ipaddr from "ipaddr.js";

/** Webhooks can subscribe to any debate event type (server/domain/events.ts). */
export { DEBATE_EVENT_TYPES as WEBHOOK_EVENT_TYPES } from "./events";

export const SIGNATURE_HEADER = "cruxible-signature";
export const DELIVERY_HEADER = "cruxible-delivery";
export const EVENT_HEADER = "cruxible-event";
/** A receiver should refuse signatures older than this (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Attempts before a delivery is given up (the queue's backoff: about e^n seconds after the n-th). */
export const MAX_DELIVERY_ATTEMPTS = 10;
export const DELIVERY_TIMEOUT_MS = 5_000;
/** The most of a receiver's answer we read (we only need its status). */
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const MAX_WEBHOOKS_PER_USER = 20;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` (Stripe's scheme). */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does with a delivery: true when the signature is the sender's and recent. */
export function verifySignature(
  header: string,
  secret: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parts = new Map(
    header.split(",").map((p) => p.split("=", 2) as [string, string | undefined]),
  );
  const t = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = signatureHeader(secret, body, t).split("v1=")[1]!;
  return (
    given.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}

/**
 * Only public unicast addresses: loopback, private, link-local, unique-local, carrier-grade NAT,
 * multicast, reserved and unspecified ones would let a webhook reach inside our network.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === "unicast";
}

/** Null when a webhook may point there; otherwise what to fix. Host names are checked at delivery. */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "url: not a URL (e.g. https://example.org/hooks/cruxible)";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "url: must start with https:// or http://";
  if (url.username || url.password) return "url: must not carry a user name or password";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (host === "localhost" || (ipaddr.isValid(host) && !isPublicAddress(host))))
    return "url: private, loopback and link-local addresses are refused";
  return null;
}
