"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { trpc } from "@/lib/trpc";
import { acquireUserSocket } from "@/components/live/userSocket";

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
    const { socket, release } = acquireUserSocket();
    const onChange = () => void load();
    socket.on("notifications:changed", onChange);
    return () => {
      socket.off("notifications:changed", onChange);
      release();
    };
  }, []);
  return (
    <Link
      href="/notifications"
      className="bell"
      // No parentheses: name checks (axe) drop parenthesised text, and the visible count must be in the name.
      aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
    >
      <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          fill="currentColor"
        />
      </svg>
      {unread ? <span className="unread">{unread}</span> : null}
    </Link>
  );
}
