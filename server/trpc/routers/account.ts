import { z } from "zod";
import {
  createApiKey,
  createUser,
  HANDLE_PATTERN,
  HANDLE_RULE,
  MIN_PASSWORD_LENGTH,
} from "@/server/usecases/accounts";
import { walletOf } from "@/server/usecases/ledger";
import { authedProcedure, publicProcedure, router } from "../init";

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
          .max(200),
        displayName: z.string().trim().max(60).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
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

  createApiKey: authedProcedure
    .input(z.void())
    .mutation(async ({ ctx }) => ({ apiKey: await createApiKey(ctx.db, ctx.user.id) })),
});
