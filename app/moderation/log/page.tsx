import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { ModerationLog } from "@/components/moderation/ModerationLog";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderation log" };

/** The audit log, through the procedure API v1 serves as GET /moderation/log. */
export default async function ModerationLogPage() {
  if (!(await getServerSession(authOptions()))) redirect("/signin?callbackUrl=/moderation/log");
  const api = await serverCaller();
  const scope = await api.moderation.myScope();
  return (
    <div className="page">
      <h1>Moderation log</h1>
      {scope.moderator ? (
        <>
          <p className="muted">
            Every moderation action{" "}
            {scope.admin || scope.siteWide ? "on the site" : "in your debates"}, newest first: who
            did it, to what, and why. Back to <Link href="/moderation">the queue</Link>.
          </p>
          <ModerationLog initial={await api.moderation.log({ limit: 50 })} admin={scope.admin} />
        </>
      ) : (
        <p className="muted">Only moderators and admins read the moderation log.</p>
      )}
    </div>
  );
}
