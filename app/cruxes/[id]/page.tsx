import type { Metadata } from "next";
import { excerpt } from "@/server/domain/thread";
import { notFound } from "next/navigation";
import { getServerSession } from "next-auth";
import { CruxPage } from "@/components/cruxes/CruxPage";
import { authOptions } from "@/server/auth";
import { AppError } from "@/server/errors";
import { getDatabase } from "@/server/runtime";
import {
  findDoubleCruxViews,
  getCruxForViewer,
  getCruxView,
  getForecastsView,
} from "@/server/usecases/cruxViews";
import { getDebateThread } from "@/server/usecases/debates";
import { findUserByHandle } from "@/server/usecases/accounts";
import { getPosition, openOffers } from "@/server/usecases/bets";
import { getCruxHistory, getResolutionState } from "@/server/usecases/lifecycle/history";
import { betSuggestions } from "@/server/usecases/suggestions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const label = (c: { id: number; authorHandle: string; body: string }) =>
  `@${c.authorHandle}: ${excerpt(c.body, 80)}`;

/** Reads the debate's seq before the crux, so live events resume from a point no later than the views. */
async function loadCrux(rawId: string) {
  const id = Number(rawId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const session = await getServerSession(authOptions());
  const viewer = session?.user.handle ?? null;
  const { db } = await getDatabase();
  const now = Date.now();
  const { debateSlug } = await getCruxView(db, id, viewer, now).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const thread = await getDebateThread(db, debateSlug, session?.user.id ?? null);
  const me = session ? await findUserByHandle(db, session.user.handle) : null;
  const crux = await getCruxForViewer(db, id, me, now);
  const forecasts = await getForecastsView(db, id, viewer, now);
  const doubles = (
    await Promise.all(
      forecasts.links.map((l) => findDoubleCruxViews(db, { claimId: l.claimId }, now)),
    )
  )
    .flat()
    .filter((d) => d.cruxId === id);
  const live = thread.claims.filter((c) => !c.deleted);
  const source = live.find((c) => c.id === crux.claimId) ?? null;
  const [offers, suggestions, resolution, history, position] = await Promise.all([
    openOffers(db, id, now),
    betSuggestions(db, id, me, now),
    getResolutionState(db, id),
    getCruxHistory(db, id),
    me ? getPosition(db, id, me.id, now) : null,
  ]);
  return {
    position,
    viewer,
    offers,
    suggestions,
    resolution,
    history: { transitions: history },
    seq: thread.lastSeq,
    crux,
    forecasts,
    doubles,
    source: source && { id: source.id, authorHandle: source.authorHandle, body: source.body },
    claims: live.map((c) => ({ id: c.id, label: label(c) })),
  };
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { db } = await getDatabase();
  const crux = await getCruxView(db, Number(id), null, 0).catch(() => null);
  return { title: crux?.title ?? "Crux not found" };
}

export default async function Page({ params }: Params) {
  const { id } = await params;
  const data = await loadCrux(id);
  return (
    <CruxPage
      viewer={data.viewer}
      initialSeq={data.seq}
      initialCrux={data.crux}
      initialForecasts={data.forecasts}
      initialDoubleCruxes={data.doubles}
      sourceClaim={data.source}
      claims={data.claims}
      initialOffers={data.offers}
      initialSuggestions={data.suggestions}
      initialResolution={data.resolution}
      initialHistory={data.history}
      initialPosition={data.position}
    />
  );
}
