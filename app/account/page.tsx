import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { ApiKeyPanel } from "@/components/auth/ApiKeyPanel";
import { SignOutEverywhere } from "@/components/auth/SignOutEverywhere";
import { WebhooksPanel } from "@/components/account/WebhooksPanel";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin?callbackUrl=/account");
  const api = await serverCaller();
  const me = await api.account.me();
  const { moderator: moderates } = await api.moderation.myScope();
  return (
    <div className="page narrow">
      <h1>@{session.user.handle}</h1>
      <p>
        <Link href={`/users/${session.user.handle}`}>Your public page</Link>
      </p>
      {moderates && (
        <section aria-labelledby="moderation-tools">
          <h2 id="moderation-tools">Moderation</h2>
          <p>
            <Link href="/moderation">The moderation queue</Link> (open reports) and{" "}
            <Link href="/moderation/log">the moderation log</Link>.
          </p>
        </section>
      )}
      {me.isAdmin && (
        <section aria-labelledby="admin-tools">
          <h2 id="admin-tools">Admin</h2>
          <p>
            <Link href="/admin/import">Import a thread</Link> from a forum or a Cruxible export.
          </p>
          <p>
            <Link href="/admin/moderators">Moderators and admins</Link>: grant and revoke roles.
          </p>
        </section>
      )}
      <ApiKeyPanel />
      <WebhooksPanel />
      <SignOutEverywhere />
    </div>
  );
}
