import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { excerpt } from "@/server/domain/thread";
import { hiddenPlaceholder } from "@/server/domain/claimVisibility";
import { DebatePage, loadForViewer } from "../../DebatePage";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; id: string }> };

const claimId = (id: string) => {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

async function load({ params }: Params) {
  const { slug, id } = await params;
  const n = claimId(id);
  if (n === null) notFound();
  return loadForViewer(slug, 0, n);
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { page } = await load(props);
  const claim = page.focus;
  if (!claim) return { title: page.title };
  // A link preview is public: a hidden claim's text stays out even when this viewer may read it.
  const text = claim.hidden ? hiddenPlaceholder(claim.hidden.reason) : claim.body;
  return {
    title: `@${claim.authorHandle}: ${excerpt(text, 70)} · ${page.title}`,
    description: excerpt(text, 200),
  };
}

/** A claim's permalink: the debate with that claim in place, its replies, scrolled to it. */
export default async function ClaimPermalink(props: Params) {
  return <DebatePage {...await load(props)} />;
}
