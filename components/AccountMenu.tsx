"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { NotificationBell } from "./NotificationBell";

export function AccountMenu({
  handle,
  moderates = false,
}: {
  handle: string | null;
  moderates?: boolean;
}) {
  if (!handle) {
    return (
      <div className="account">
        <Link href="/signin">Sign in</Link>
        <Link href="/signup" className="button small">
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className="account">
      <NotificationBell />
      {moderates && <Link href="/moderation">Moderation</Link>}
      <Link href="/forecasts">Forecasts</Link>
      <Link href="/wallet">Wallet</Link>
      <Link href="/account" aria-label={`@${handle}, your account`}>
        @{handle}
      </Link>
      <button
        type="button"
        className="link-button"
        onClick={() => void signOut({ callbackUrl: "/" })}
      >
        Sign out
      </button>
    </div>
  );
}
