import type { Metadata } from "next";
import { getDatabase } from "@/server/runtime";
import { requireDebate } from "@/server/usecases/debates";
import { DebatePage, loadForViewer } from "./DebatePage";

export const dynamic = "force-dynamic";

type Params = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
};

export async function generateMetadata({ params }: Pick<Params, "params">): Promise<Metadata> {
  const { slug } = await params;
  const { db } = await getDatabase();
  const debate = await requireDebate(db, slug).catch(() => null);
  return { title: debate?.title ?? "Debate not found" };
}

/** `?from=N`: the top-level claims from the N-th on (the "show more claims" link without JavaScript). */
const fromParam = (v: string | string[] | undefined) => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

export default async function Page({ params, searchParams }: Params) {
  const { slug } = await params;
  const from = fromParam((await searchParams).from);
  return <DebatePage {...await loadForViewer(slug, { from })} />;
}
