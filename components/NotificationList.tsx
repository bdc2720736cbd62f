"use client";

import Link from "next/link";
import { useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { trpc } from "@/lib/trpc";

interface Item {
  id: number;
  text: string;
  link: string;
  read: boolean;
  at: string;
}

export function NotificationList({ initial }: { initial: Item[] }) {
  const [items, setItems] = useState(initial);
  const unread = items.filter((i) => !i.read).length;
  return (
    <>
      {unread > 0 && (
        <button
          type="button"
          className="secondary small"
          onClick={() =>
            void trpc.people.markNotificationsRead
              .mutate()
              .then(() => setItems((list) => list.map((i) => ({ ...i, read: true }))))
          }
        >
          {unread === 1 ? "Mark as read" : `Mark all ${unread} as read`}
        </button>
      )}
      {items.length === 0 ? (
        <p className="muted">
          Nothing yet. You hear here when someone replies to you, takes or addresses a bet to you,
          when a crux you follow moves, nears its close or is proposed to resolve, and when a
          forecast of yours gets old.
        </p>
      ) : (
        <ul className="claim-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "read" : "unread-item"}>
              <Link href={n.link}>{n.text}</Link>{" "}
              <span className="muted small">
                <RelativeTime iso={n.at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
