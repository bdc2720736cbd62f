import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { ModerationQueue } from "@/components/moderation/ModerationQueue";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderation" };

/** The moderation queue, through the procedure API v1 serves as GET /moderation/reports. */
export default async function ModerationPage() {
  if (!(await getServerSession(authOptions()))) redirect("/signin?callbackUrl=/moderation");
  const api = await serverCaller();
  const scope = await api.moderation.myScope();
  const moderates = scope.moderator;
  return (
    <div className="page narrow">
      <h1>Moderation</h1>
      {moderates ? (
        <>
          <p className="muted">
            Open reports {scope.admin || scope.siteWide ? "across the site" : "in your debates"},
            one card per reported item. Resolve when you acted on it, dismiss when nothing is wrong;
            both close every open report about the item. Every action goes to the{" "}
            <Link href="/moderation/log">moderation log</Link>.
          </p>
          <ModerationQueue initial={await api.reports.queue({ order: "newest" })} />
        </>
      ) : (
        <p className="muted">Only moderators see the moderation queue.</p>
      )}
    </div>
  );
}
