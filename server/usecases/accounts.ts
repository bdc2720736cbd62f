import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { AppError, badInput, conflict, notFound } from "@/server/errors";
import { grantStartingCredits } from "./ledger";
import type { Actor } from "./services";

export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9-]{2,31}$/;
export const HANDLE_RULE =
  "3-32 characters: lowercase letters, digits and dashes, not starting with a dash";
export const MIN_PASSWORD_LENGTH = 8;

export interface UserRecord extends Actor {
  displayName: string;
  isDemo: boolean;
}

const userColumns = {
  id: users.id,
  handle: users.handle,
  displayName: users.displayName,
  isAdmin: users.isAdmin,
  isDemo: users.isDemo,
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
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw badInput("password", `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await bcrypt.hash(input.password, 10);
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
  if (!row?.passwordHash) return null;
  if (row.isDemo && !allowDemo) return null;
  if (!(await bcrypt.compare(password, row.passwordHash))) return null;
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
export async function createApiKey(db: DbExecutor, userId: number): Promise<string> {
  const key = `crx_${crypto.randomBytes(24).toString("base64url")}`;
  await db.insert(apiKeys).values({ userId, keyHash: hashKey(key), prefix: key.slice(0, 8) });
  return key;
}

export async function userForApiKey(db: DbExecutor, key: string): Promise<UserRecord | null> {
  const [row] = await db
    .select(userColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.keyHash, hashKey(key)));
  return row ?? null;
}
