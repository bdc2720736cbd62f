import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { claimsRouter } from "./routers/claims";
import { betsRouter } from "./routers/bets";
import { cruxesRouter } from "./routers/cruxes";
import { peopleRouter } from "./routers/people";
import { resolutionRouter } from "./routers/resolution";
import { debatesRouter } from "./routers/debates";
import { reactionsRouter } from "./routers/reactions";
import { reportsRouter } from "./routers/reports";
import { webhooksRouter } from "./routers/webhooks";
import { moderationRouter } from "./routers/moderation";
import { followsRouter } from "./routers/follows";
import { restrictionsRouter } from "./routers/restrictions";

export const appRouter = router({
  account: accountRouter,
  debates: debatesRouter,
  claims: claimsRouter,
  cruxes: cruxesRouter,
  bets: betsRouter,
  resolution: resolutionRouter,
  people: peopleRouter,
  reactions: reactionsRouter,
  webhooks: webhooksRouter,
  moderation: moderationRouter,
  follows: followsRouter,
  reports: reportsRouter,
  // Locks, suspensions and bans (docs/moderation.md), served under /moderation in API v1.
  restrictions: restrictionsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
