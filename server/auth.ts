import { parse as parseCookie } from "cookie";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { getToken, type JWT } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { DbExecutor } from "@/db/client";
import { safeRedirectPath } from "@/lib/safeRedirect";
import { databaseUnavailable } from "./errors";
import type { AppConfig } from "./config";
import { CLIENT_ADDRESS_HEADER } from "./http/guards";
import { getConfig, getDatabase } from "./runtime";
import { ensureLeft, limitersFor, take, wait } from "./security/limits";
import { endSession, sessionIsCurrent } from "./usecases/sessions";
import {
  upsertGithubUser,
  userColumns,
  userForApiKey,
  verifyPassword,
  type UserRecord,
} from "./usecases/accounts";

export function authOptions(): NextAuthOptions {
  const config = getConfig();
  const github = config.github;
  return {
    secret: config.authSecret,
    // Credentials sign-in only works with JWT sessions in next-auth v4.
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Handle and password",
        credentials: {
          handle: { label: "Handle", type: "text" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          if (!credentials?.handle || !credentials.password) return null;
          const handle = credentials.handle.trim().toLowerCase();
          const client = String(req.headers?.[CLIENT_ADDRESS_HEADER] ?? "unknown");
          await throttleSignIn(config, handle, client);
          const { db } = await getDatabase();
          const user = await verifyPassword(
            db,
            handle,
            credentials.password,
            config.demoLoginAllowed,
          );
          await countSignIn(config, handle, user !== null);
          return user ? { id: String(user.id), name: user.displayName, handle: user.handle } : null;
        },
      }),
      ...(github ? [GithubProvider(github)] : []),
    ],
    callbacks: {
      // Only paths on this site (see lib/safeRedirect.ts), never another origin.
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return `${baseUrl}${safeRedirectPath(path)}`;
      },
      async jwt({ token, user, account, profile }) {
        if (!user && !account) {
          // A session carried by the browser: refuse it once signed out (here or everywhere).
          const { db } = await getDatabase();
          const current = await sessionStillCurrent(db, token).catch((err: unknown) => {
            // A database outage must not sign everyone out: keep the session until it answers.
            if (databaseUnavailable(err)) return true;
            throw err;
          });
          if (!current) throw new SessionEnded();
          return token;
        }
        token.sid = crypto.randomUUID();
        token.authAt = Date.now();
        if (account?.provider === "github" && profile) {
          const { db } = await getDatabase();
          const gh = profile as { id?: number | string; login?: string; name?: string | null };
          const record = await upsertGithubUser(
            db,
            String(gh.id ?? account.providerAccountId),
            gh.login ?? "user",
            gh.name ?? null,
          );
          token.uid = record.id;
          token.handle = record.handle;
        } else if (user?.handle) {
          token.uid = Number(user.id);
          token.handle = user.handle;
        }
        return token;
      },
      session({ session, token }) {
        if (token.uid !== undefined && token.handle) {
          session.user = {
            id: token.uid,
            handle: token.handle,
            name: session.user?.name ?? token.handle,
          };
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid === undefined || !token.sid) return;
        const { db } = await getDatabase();
        await endSession(
          db,
          { userId: token.uid, sessionId: token.sid, expiresAt: Number(token.exp ?? 0) * 1000 },
          Date.now(),
        );
      },
    },
    logger: {
      error(code, metadata) {
        // A signed-out session showing up again is expected, not an error worth a log line.
        if (metadata instanceof SessionEnded) return;
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}

class SessionEnded extends Error {
  constructor() {
    super("This session was signed out.");
  }
}

async function sessionStillCurrent(db: DbExecutor, token: JWT): Promise<boolean> {
  if (token.uid === undefined) return false;
  return sessionIsCurrent(db, {
    userId: token.uid,
    sessionId: token.sid,
    startedAt: token.authAt ?? Number(token.iat ?? 0) * 1000,
  });
}

/**
 * Guessing passwords is slowed two ways: per client address (every attempt counts) and per handle
 * (failures count, a success clears them), each for 15 minutes.
 */
async function throttleSignIn(config: AppConfig, handle: string, client: string): Promise<void> {
  const limits = limitersFor(config);
  await take(
    limits.signInsByClient,
    client,
    (s) => `Too many sign-in attempts from your address. Try again in ${wait(s)}.`,
  );
  await ensureLeft(
    limits.signInFailures,
    handle,
    (s) => `Too many failed sign-ins for @${handle}. Try again in ${wait(s)}.`,
  );
}

async function countSignIn(config: AppConfig, handle: string, succeeded: boolean): Promise<void> {
  const failures = limitersFor(config).signInFailures;
  if (!failures) return;
  if (succeeded) await failures.delete(handle);
  else await failures.consume(handle).catch(() => undefined);
}

async function userById(db: DbExecutor, id: number): Promise<UserRecord | null> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

/**
 * Who is calling: an API key (`Authorization: Bearer …`, for scripts) or the next-auth session
 * cookie (browsers). getToken reads `req.cookies`, so we hand it the parsed Cookie header.
 */
export async function resolveCaller(
  db: DbExecutor,
  headers: { authorization?: string | null | undefined; cookie?: string | null | undefined },
  apiKey?: string,
): Promise<UserRecord | null | "invalid-api-key"> {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? apiKey;
  if (bearer) return (await userForApiKey(db, bearer)) ?? "invalid-api-key";
  if (!headers.cookie) return null;
  const cookies = parseCookie(headers.cookie);
  const config = getConfig();
  const token = await getToken({
    req: { headers: { cookie: headers.cookie }, cookies } as never,
    secret: config.authSecret,
    secureCookie: config.publicUrl.startsWith("https://"),
  });
  if (!token?.uid || !(await sessionStillCurrent(db, token))) return null;
  return userById(db, token.uid);
}
