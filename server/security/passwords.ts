/**
 * Password hashing, off the event loop and bounded (docs/security.md). bcrypt reads only the first
 * 72 bytes of its input, so passwords are first reduced with SHA-256 (every byte counts); hashes
 * made that way are stored as "v2$<bcrypt>", older ones are plain bcrypt and still verify. A sign-in
 * for a handle that does not exist costs the same as one that does, so timing tells nothing.
 */
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/bcrypt";
import pLimit from "p-limit";

const COST = 10;
const PREFIX = "v2$";
/** At most this many hashes at once (each takes one thread of libuv's pool for ~50 ms). */
const hashing = pLimit(2);

const digest = (password: string) =>
  crypto.createHash("sha256").update(password, "utf8").digest("base64");

export function hashPassword(password: string): Promise<string> {
  return hashing(async () => PREFIX + (await hash(digest(password), COST)));
}

export function checkPassword(password: string, stored: string): Promise<boolean> {
  return hashing(() =>
    stored.startsWith(PREFIX)
      ? verify(digest(password), stored.slice(PREFIX.length))
      : verify(password, stored),
  );
}

let decoy: Promise<string> | null = null;

/** Spends what a real check would, for a handle with no password (always false). */
export async function checkAgainstNothing(password: string): Promise<false> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  await checkPassword(password, await decoy);
  return false;
}
