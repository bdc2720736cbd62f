/** Shapes the pages receive from tRPC procedures (inferred, so they never drift from the server). */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/router";

type Outputs = inferRouterOutputs<AppRouter>;
export type DebateCruxState = Outputs["cruxes"]["forDebate"];
export type ThreadPage = Outputs["debates"]["window"];
export type More = NonNullable<ThreadPage["moreTop"]>;
export type DebateCruxSummary = DebateCruxState["cruxes"][number];
export type ForecastChange = DebateCruxState["recent"][number];
export type DoubleCruxItem = DebateCruxState["doubleCruxes"][number];
export type CruxDetails = Outputs["cruxes"]["get"];
export type CruxForecasts = Outputs["cruxes"]["forecasts"];
export type OfferItem = Outputs["bets"]["offers"]["offers"][number];
export type Suggestion = Outputs["bets"]["suggestions"]["suggestions"][number];
export type ResolutionState = Outputs["resolution"]["state"];
export type Wallet = Outputs["bets"]["wallet"];
export type TrackRecord = Outputs["people"]["user"];
export type CruxHistory = Outputs["resolution"]["history"];
export type ApiKeyItem = Outputs["account"]["apiKeys"]["keys"][number];
export type Position = Outputs["bets"]["position"];
