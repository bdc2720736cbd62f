import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { NotificationList } from "@/components/NotificationList";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata = { title: "Notifications" };

async function load() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin?callbackUrl=/notifications");
  return (await serverCaller()).people.notifications();
}

export default async function NotificationsPage() {
  const { items } = await load();
  return (
    <div className="page narrow">
      <h1>Notifications</h1>
      <NotificationList initial={items} />
    </div>
  );
}
