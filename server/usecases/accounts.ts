import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { passwordProblem } from "@/server/domain/passwords";
import type { Standing } from "@/server/domain/restrictions";
import { AppError, badInput, conflict, notFound } from "@/server/errors";
import { checkAgainstNothing, checkPassword, hashPassword } from "@/server/security/passwords";
import { grantStartingCredits } from "./ledger";
import type { Actor } from "./services";

export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9-]{2,31}$/;
export const HANDLE_RULE =
  "3-32 characters: lowercase letters, digits and dashes, not starting with a dash";

/** The caller as loaded per request, with what the write gate needs (standing, account age). */
export interface UserRecord extends Actor, Standing {
  displayName: string;
  isDemo: boolean;
  createdAt: Date;
}

export const userColumns = {
  id: users.id,
  handle: users.handle,
  displayName: users.displayName,
  isAdmin: users.isAdmin,
  isDemo: users.isDemo,
  createdAt: users.createdAt,
  suspendedUntil: users.suspendedUntil,
  suspensionReason: users.suspensionReason,
  bannedAt: users.bannedAt,
  banReason: users.banReason,
};

export interface CreateUserInput {
  handle: string;
  password: string;
  displayName?: string | undefined;
  isAdmin?: boolean;
  isDemo?: boolean;
}

export async function createUser(db: DbExecutor, input: CreateUserInput): Promise<UserRecord> {
  const handle = input.handle.trim().toLowerCase();
  if (!HANDLE_PATTERN.test(handle)) throw badInput("handle", HANDLE_RULE);
  const problem = passwordProblem(input.password, [handle, input.displayName ?? ""]);
  if (problem) throw badInput("password", problem);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(users)
      .values({
        handle,
        displayName: input.displayName?.trim() || handle,
        passwordHash,
        isAdmin: input.isAdmin ?? false,
        isDemo: input.isDemo ?? false,
      })
      .onConflictDoNothing({ target: users.handle })
      .returning(userColumns);
    const user = rows[0];
    if (!user) throw conflict(`The handle "${handle}" is taken; pick another.`);
    await grantStartingCredits(tx, user.id);
    return user;
  });
}

export async function findUserByHandle(db: DbExecutor, handle: string): Promise<UserRecord | null> {
  const [user] = await db
    .select(userColumns)
    .from(users)
    .where(eq(users.handle, handle.toLowerCase()));
  return user ?? null;
}

export async function requireUserByHandle(db: DbExecutor, handle: string): Promise<UserRecord> {
  const user = await findUserByHandle(db, handle);
  if (!user) throw notFound(`No user with handle "${handle}".`);
  return user;
}

/** Returns the user when the password matches; demo accounts only when `allowDemo`. */
export async function verifyPassword(
  db: DbExecutor,
  handle: string,
  password: string,
  allowDemo: boolean,
): Promise<UserRecord | null> {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.handle, handle.trim().toLowerCase()));
  // Every path costs one password check, so the time taken says nothing about the handle.
  if (!row?.passwordHash) return checkAgainstNothing(password).then(() => null);
  if (!(await checkPassword(password, row.passwordHash))) return null;
  if (row.isDemo && !allowDemo) return null;
  const { passwordHash: _omit, ...user } = row;
  return user;
}

/** Finds or creates the account for a GitHub identity (handle derived from the login, made unique). */
export async function upsertGithubUser(
  db: DbExecutor,
  githubId: string,
  login: string,
  name: string | null,
): Promise<UserRecord> {
  const [existing] = await db.select(userColumns).from(users).where(eq(users.githubId, githubId));
  if (existing) return existing;
  const base =
    login
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-")
      .replace(/^-+/, "")
      .slice(0, 28) || "user";
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = attempt === 0 ? base.padEnd(3, "0") : `${base}-${attempt + 1}`;
    const created = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(users)
        .values({ handle, displayName: name ?? login, githubId })
        .onConflictDoNothing()
        .returning(userColumns);
      if (rows[0]) await grantStartingCredits(tx, rows[0].id);
      return rows[0];
    });
    if (created) return created;
  }
  throw new AppError("CONFLICT", "Could not find a free handle for this GitHub account.");
}

const hashKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

/** Creates an API key; the plain key is returned once and only its hash is stored. */
export async function createApiKey(
  db: DbExecutor,
  userId: number,
  name = "API key",
): Promise<string> {
  const key = `crx_${crypto.randomBytes(24).toString("base64url")}`;
  await db.insert(apiKeys).values({ userId, keyHash: hashKey(key), prefix: key.slice(0, 8), name });
  return key;
}

/** "Last used" is kept to the minute: a busy key does not write on every request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** The key's owner, unless the key is unknown or revoked; notes when it was last used. */
export async function userForApiKey(db: DbExecutor, key: string): Promise<UserRecord | null> {
  const [row] = await db
    .select({ user: userColumns, keyId: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    // Named: PostgreSQL plans it once per connection (docs/benchmarks.md).
    .prepare("api_key_owner")
    .execute();
  if (!row) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS)
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKeys.id, row.keyId));
  return row.user;
}

export interface ApiKeyView {
  id: number;
  name: string;
  /** The key's first characters, to tell keys apart (the key itself is never stored). */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiKeys(db: DbExecutor, userId: number): Promise<ApiKeyView[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.id));
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes one of the user's keys; it is refused from then on. */
export async function revokeApiKey(
  db: DbExecutor,
  userId: number,
  keyId: number,
): Promise<ApiKeyView> {
  const [key] = await db
    .select({ userId: apiKeys.userId, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.id, keyId));
  if (!key || key.userId !== userId) throw notFound(`You have no API key with id ${keyId}.`);
  if (key.revokedAt) throw conflict("That key is already revoked.");
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, keyId));
  return (await listApiKeys(db, userId)).find((k) => k.id === keyId)!;
}
