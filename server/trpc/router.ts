import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { claimsRouter } from "./routers/claims";
import { cruxesRouter } from "./routers/cruxes";
import { debatesRouter } from "./routers/debates";

export const appRouter = router({
  account: accountRouter,
  debates: debatesRouter,
  claims: claimsRouter,
  cruxes: cruxesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
