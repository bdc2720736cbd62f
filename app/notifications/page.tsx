import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { FollowList } from "@/components/FollowList";
import { NotificationList } from "@/components/NotificationList";
import { NotificationPreferencesForm } from "@/components/NotificationPreferencesForm";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata = { title: "Notifications" };

async function load() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin?callbackUrl=/notifications");
  const api = await serverCaller();
  return {
    notifications: await api.people.notifications(),
    preferences: await api.follows.preferences(),
    follows: await api.follows.mine(),
  };
}

export default async function NotificationsPage() {
  const { notifications, preferences, follows } = await load();
  return (
    <div className="page narrow">
      <h1>Notifications</h1>
      <NotificationList initial={notifications.items} />
      <section aria-labelledby="following">
        <h2 id="following">What you follow</h2>
        <FollowList initial={follows} />
      </section>
      <section aria-labelledby="preferences">
        <h2 id="preferences">Notification preferences</h2>
        <NotificationPreferencesForm initial={preferences} />
      </section>
    </div>
  );
}
