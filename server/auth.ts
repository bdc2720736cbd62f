import { parse as parseCookie } from "cookie";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { getToken } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { DbExecutor } from "@/db/client";
import { getConfig, getDatabase } from "./runtime";
import {
  upsertGithubUser,
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
        async authorize(credentials) {
          if (!credentials?.handle || !credentials.password) return null;
          const { db } = await getDatabase();
          const user = await verifyPassword(
            db,
            credentials.handle,
            credentials.password,
            config.demoLoginAllowed,
          );
          return user ? { id: String(user.id), name: user.displayName, handle: user.handle } : null;
        },
      }),
      ...(github ? [GithubProvider(github)] : []),
    ],
    callbacks: {
      async jwt({ token, user, account, profile }) {
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
  };
}

async function userById(db: DbExecutor, id: number): Promise<UserRecord | null> {
  const [row] = await db
    .select({
      id: users.id,
      handle: users.handle,
      displayName: users.displayName,
      isAdmin: users.isAdmin,
      isDemo: users.isDemo,
    })
    .from(users)
    .where(eq(users.id, id));
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
  return token?.uid ? userById(db, token.uid) : null;
}
