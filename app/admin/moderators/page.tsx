import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { RolesAdmin } from "@/components/moderation/RolesAdmin";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderators and admins" };

/** Roles, through the procedures API v1 serves as /moderation/roles. */
export default async function ModeratorsPage() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin?callbackUrl=/admin/moderators");
  const api = await serverCaller();
  const scope = await api.moderation.myScope();
  return (
    <div className="page narrow">
      <h1>Moderators and admins</h1>
      {scope.admin ? (
        <>
          <p className="muted">
            A moderator works site-wide or in one debate: hides claims, handles reports, and more
            (see the moderation log). Admins can do everything, including granting roles. Every
            grant and revocation is logged. At the command line:{" "}
            <code>npm run cli -- role:grant &lt;handle&gt; moderator [--debate &lt;slug&gt;]</code>.
          </p>
          <RolesAdmin
            initial={(await api.moderation.roles()).roles}
            debates={(await api.debates.list()).debates.map((d) => ({
              slug: d.slug,
              title: d.title,
            }))}
            me={session.user.handle}
          />
        </>
      ) : (
        <p className="muted">Only admins grant and revoke roles. Sign in with an admin account.</p>
      )}
    </div>
  );
}
