import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { excerpt } from "@/server/domain/thread";
import { getDatabase } from "@/server/runtime";
import { getClaimInDebate } from "@/server/usecases/debates";
import { DebatePage, loadForViewer } from "../../DebatePage";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; id: string }> };

const claimId = (id: string) => {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, id } = await params;
  const n = claimId(id);
  const { db } = await getDatabase();
  const found = n === null ? null : await getClaimInDebate(db, slug, n).catch(() => null);
  if (!found) return { title: "Claim not found" };
  return {
    title: `@${found.claim.authorHandle}: ${excerpt(found.claim.body, 70)} · ${found.debateTitle}`,
    description: excerpt(found.claim.body, 200),
  };
}

/** A claim's permalink: the debate with that claim in place, its replies, scrolled to it. */
export default async function ClaimPermalink({ params }: Params) {
  const { slug, id } = await params;
  const n = claimId(id);
  if (n === null) notFound();
  return <DebatePage {...await loadForViewer(slug, { focusId: n })} />;
}
