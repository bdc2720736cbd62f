import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { MyForecasts } from "@/components/forecasts/MyForecasts";
import { MY_FORECASTS_KEY } from "@/lib/myForecasts";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your forecasts" };

/** Through the procedure API v1 serves as GET /me/forecasts; handed over in the query cache. */
export default async function ForecastsPage() {
  if (!(await getServerSession(authOptions()))) redirect("/signin?callbackUrl=/forecasts");
  const api = await serverCaller();
  const queryClient = new QueryClient();
  await queryClient.fetchQuery({
    queryKey: MY_FORECASTS_KEY,
    queryFn: () => api.cruxes.myForecasts(),
  });
  return (
    <div className="page narrow">
      <h1>Your forecasts</h1>
      <p className="muted">
        Every forecast you hold on a crux that is still open or being resolved, with its age and how
        the crowd moved since you made it (the community median on a numeric crux). Reaffirm one
        that still holds, or update it. You can be reminded when one gets old:{" "}
        <a href="/notifications#preferences">notification preferences</a>.
      </p>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <MyForecasts />
      </HydrationBoundary>
    </div>
  );
}
