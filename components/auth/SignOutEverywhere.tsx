"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { FormError } from "@/components/FormError";
import { errorMessage, trpc } from "@/lib/trpc";

/** Ends every session of this account, on every device, then this one. */
export function SignOutEverywhere() {
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p>Signed in somewhere you shouldn&apos;t be? End every session of this account at once.</p>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void trpc.account.signOutEverywhere
            .mutate()
            .then(() => signOut({ callbackUrl: "/signin" }))
            .catch((err: unknown) => setError(errorMessage(err)))
        }
      >
        Sign out everywhere
      </button>
      <FormError error={error} />
    </section>
  );
}
