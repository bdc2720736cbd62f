import { z } from "zod";
import {
  acceptOffer,
  cancelOffer,
  createOffer,
  getPosition,
  openOffers,
} from "@/server/usecases/bets";
import { walletOf } from "@/server/usecases/ledger";
import { betSuggestions } from "@/server/usecases/suggestions";
import { authedProcedure, publicProcedure, router } from "../init";
import { idOf, instantSchema } from "../schemas";

const id = idOf;
const idempotencyKeySchema = z.string().min(1).max(100).optional();

const offerSchema = z.object({
  id: z.number().int(),
  cruxId: z.number().int(),
  makerHandle: z.string(),
  side: z.enum(["yes", "no"]),
  price: z.number().int(),
  stake: z.number().int(),
  remaining: z.number().int(),
  status: z.string(),
  counterpartyHandle: z.string().nullable(),
  note: z.string(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  takerRiskForRemaining: z.number().int(),
});

const outcomeCredits = z.object({
  yes: z.number().int(),
  no: z.number().int(),
  annulled: z.number().int(),
});

export const betsRouter = router({
  offer: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/cruxes/{id}/offers",
        tags: ["bets"],
        summary: "Offer a bet: side, price in whole percent, stake",
      },
    })
    .input(
      z.object({
        id: id("a crux"),
        side: z.enum(["yes", "no"], { error: "side must be yes or no" }),
        price: z.number({ error: "price must be a whole percent from 1 to 99" }),
        stake: z.number({ error: "stake must be a whole number of credits" }),
        counterpartyHandle: z.string().max(40).optional(),
        note: z.string().max(1000).optional(),
        expiresAt: instantSchema.optional(),
        idempotencyKey: idempotencyKeySchema,
      }),
    )
    .output(offerSchema)
    .mutation(({ ctx, input }) => createOffer(ctx, ctx.user, input.id, input, Date.now())),

  offers: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        protect: false,
        path: "/cruxes/{id}/offers",
        tags: ["bets"],
        summary: "Open offers on a crux (the order book)",
      },
    })
    .input(z.object({ id: id("a crux") }))
    .output(z.object({ offers: z.array(offerSchema) }))
    .query(async ({ ctx, input }) => ({ offers: await openOffers(ctx.db, input.id, Date.now()) })),

  accept: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/offers/{id}/accept",
        tags: ["bets"],
        summary: "Take (part of) an offer; the fill may be smaller when less is left",
      },
    })
    .input(
      z.object({
        id: id("an offer"),
        stake: z.number({ error: "stake must be a whole number of credits" }),
        idempotencyKey: idempotencyKeySchema,
      }),
    )
    .output(
      z.object({
        fillId: z.number().int(),
        takerStake: z.number().int(),
        makerStake: z.number().int(),
        pot: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => acceptOffer(ctx, ctx.user, input.id, input, Date.now())),

  cancel: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/offers/{id}/cancel",
        tags: ["bets"],
        summary: "Cancel the unmatched part of your offer",
      },
    })
    .input(z.object({ id: id("an offer") }))
    .output(z.object({ status: z.string(), refunded: z.number().int() }))
    .mutation(({ ctx, input }) => cancelOffer(ctx, ctx.user, input.id)),

  suggestions: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/cruxes/{id}/suggestions",
        tags: ["bets"],
        summary: "Bets you and each person you disagree with would both expect to win",
      },
    })
    .input(z.object({ id: id("a crux") }))
    .output(
      z.object({
        suggestions: z.array(
          z.object({
            counterpartyHandle: z.string(),
            theirProbability: z.number(),
            myProbability: z.number(),
            side: z.enum(["yes", "no"]),
            price: z.number().int(),
            myExpectedGainPerCredit: z.number(),
            theirExpectedGainPerCredit: z.number(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => ({
      suggestions: await betSuggestions(ctx.db, input.id, ctx.user, Date.now()),
    })),

  position: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/cruxes/{id}/position",
        tags: ["bets"],
        summary:
          "Your position on a crux: your fills and open offers, what you risk, what you get back and win or lose on YES, NO and ANNULLED, and once final what you won or lost",
      },
    })
    .input(z.object({ id: id("a crux") }))
    .output(
      z.object({
        fills: z.array(
          z.object({
            fillId: z.number().int(),
            offerId: z.number().int(),
            role: z.enum(["maker", "taker"]),
            side: z.enum(["yes", "no"]),
            price: z.number().int(),
            myStake: z.number().int(),
            theirStake: z.number().int(),
            counterpartyHandle: z.string(),
            at: z.string(),
          }),
        ),
        openOffers: z.array(
          z.object({
            offerId: z.number().int(),
            side: z.enum(["yes", "no"]),
            price: z.number().int(),
            remaining: z.number().int(),
          }),
        ),
        inOffers: z.number().int(),
        risk: z.number().int(),
        payout: outcomeCredits,
        net: outcomeCredits,
        outcome: z.enum(["yes", "no", "annulled"]).nullable(),
        result: z.number().int().nullable(),
      }),
    )
    .query(({ ctx, input }) => getPosition(ctx.db, input.id, ctx.user.id, Date.now())),

  wallet: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/wallet",
        tags: ["bets"],
        summary:
          "Your balance, locked credits, what you owe (after an undone payout) and every journal entry that touched your wallet or debt",
      },
    })
    .input(z.void())
    .output(
      z.object({
        balance: z.number().int(),
        locked: z.number().int(),
        debt: z.number().int(),
        entries: z.array(
          z.object({
            transactionId: z.number().int(),
            kind: z.string(),
            memo: z.string(),
            amount: z.number().int(),
            account: z.enum(["wallet", "debt"]),
            at: z.string(),
            cruxId: z.number().int().nullable(),
            offerId: z.number().int().nullable(),
            fillId: z.number().int().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => walletOf(ctx.db, ctx.user.id)),
});
