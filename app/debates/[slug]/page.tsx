import type { Metadata } from "next";
import { DebatePage, loadForViewer } from "./DebatePage";

export const dynamic = "force-dynamic";

type Params = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
};

/** `?from=N`: the top-level claims from the N-th on (the "show more claims" link without JavaScript). */
const fromParam = (v: string | string[] | undefined) => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

async function load({ params, searchParams }: Params) {
  const { slug } = await params;
  return loadForViewer(slug, fromParam((await searchParams).from), null);
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  return { title: (await load(props)).page.title };
}

export default async function Page(props: Params) {
  return <DebatePage {...await load(props)} />;
}
