"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import { trpc } from "@/lib/trpc";

/** Unread count in the header, updated live when something happens to you. */
export function NotificationBell() {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    const load = () =>
      trpc.people.notifications
        .query()
        .then((n) => setUnread(n.unread))
        .catch(() => undefined);
    void load();
    const socket = io({ path: "/realtime", transports: ["websocket"] });
    socket.on("notifications:changed", () => void load());
    return () => {
      socket.disconnect();
    };
  }, []);
  return (
    <Link
      href="/notifications"
      className="bell"
      aria-label={unread ? `Notifications (${unread} unread)` : "Notifications"}
    >
      🔔{unread ? <span className="unread">{unread}</span> : null}
    </Link>
  );
}
