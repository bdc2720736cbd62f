import { z } from "zod";
import { standingView } from "@/server/domain/restrictions";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/server/domain/passwords";
import { limitersFor, take, wait } from "@/server/security/limits";
import {
  createApiKey,
  createUser,
  HANDLE_PATTERN,
  HANDLE_RULE,
  listApiKeys,
  revokeApiKey,
} from "@/server/usecases/accounts";
import { endAllSessions } from "@/server/usecases/sessions";
import { walletOf } from "@/server/usecases/ledger";
import { TRPCError } from "@trpc/server";
import { authedProcedure, publicProcedure, router } from "../init";
import { idOf } from "../schemas";

const apiKeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const standingSchema = z.object({
  restriction: z
    .object({
      kind: z.enum(["suspended", "banned"]),
      until: z.string().nullable(),
      reason: z.string(),
      message: z.string(),
    })
    .nullable(),
  probationUntil: z.string().nullable(),
});

export const accountRouter = router({
  signUp: publicProcedure
    .input(
      z.object({
        handle: z
          .string()
          .trim()
          .toLowerCase()
          .regex(HANDLE_PATTERN, `handle must be ${HANDLE_RULE}`),
        password: z
          .string()
          .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
          .max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters`),
        displayName: z.string().trim().max(60).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Every account is minted credits: one client address may make only a few an hour.
      await take(
        limitersFor(ctx.config).signUpsByClient,
        ctx.clientAddress,
        (s) => `Too many new accounts from your address. Try again in ${wait(s)}.`,
      );
      const user = await createUser(ctx.db, input);
      return { handle: user.handle };
    }),

  me: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me",
        tags: ["account"],
        summary:
          "Who you are, your balance, the credits locked in offers and bets, and any credits you owe",
      },
    })
    .input(z.void())
    .output(
      z.object({
        handle: z.string(),
        displayName: z.string(),
        isAdmin: z.boolean(),
        balance: z.number().int(),
        locked: z.number().int(),
        debt: z.number().int(),
      }),
    )
    .query(async ({ ctx }) => {
      const { balance, locked, debt } = await walletOf(ctx.db, ctx.user.id, 0);
      const { handle, displayName, isAdmin } = ctx.user;
      return { handle, displayName, isAdmin, balance, locked, debt };
    }),

  // Only a person signed in on the site makes keys: a leaked key can't mint more.
  createApiKey: authedProcedure
    .input(z.object({ name: z.string().trim().min(1, "name the key").max(60).default("API key") }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.authenticatedBy !== "session")
        throw new TRPCError({
          code: "FORBIDDEN",
          message: "API keys can only be made while signed in on the site, not with another key.",
        });
      return { apiKey: await createApiKey(ctx.db, ctx.user.id, input.name) };
    }),

  apiKeys: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/api-keys",
        tags: ["account"],
        summary: "Your API keys: name, first characters, created, last used, revoked",
      },
    })
    .input(z.void())
    .output(z.object({ keys: z.array(apiKeySchema) }))
    .query(async ({ ctx }) => ({ keys: await listApiKeys(ctx.db, ctx.user.id) })),

  revokeApiKey: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/me/api-keys/{id}/revoke",
        tags: ["account"],
        summary: "Revoke one of your API keys (refused from then on)",
      },
    })
    .input(z.object({ id: idOf("an API key") }))
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.user.id, input.id)),

  standing: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/standing",
        tags: ["account"],
        summary:
          "Whether you may write: suspended (until when) or banned, with the reason; and the end of a new account's probation",
      },
    })
    .input(z.void())
    .output(standingSchema)
    .query(({ ctx }) => standingView(ctx.user, ctx.config.probation, Date.now())),

  // Every session this person began until now is refused (the browser then signs out too).
  signOutEverywhere: authedProcedure.input(z.void()).mutation(async ({ ctx }) => {
    await endAllSessions(ctx.db, ctx.user.id, Date.now());
    return { signedOut: true as const };
  }),
});
