"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/FormError";
import { safeRedirectPath } from "@/lib/safeRedirect";

export function SignInForm({
  githubEnabled,
  demoHint,
}: {
  githubEnabled: boolean;
  demoHint: boolean;
}) {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeRedirectPath(params.get("callbackUrl"));
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(
    params.get("error") ? "Sign-in failed; try again." : null,
  );
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { handle, password, redirect: false });
    setBusy(false);
    if (!result || result.error) {
      // A refusal we explain (too many attempts) comes through as its message.
      setError(
        !result || result.error === "CredentialsSignin"
          ? "That handle and password don't match an account."
          : result.error,
      );
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  };

  return (
    <div className="auth-box">
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="signin-handle">Handle</label>
        <input
          id="signin-handle"
          autoComplete="username"
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          required
        />
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {githubEnabled && (
        <button
          type="button"
          className="secondary"
          onClick={() => void signIn("github", { callbackUrl })}
        >
          Sign in with GitHub
        </button>
      )}
      {demoHint && (
        <p className="muted small">
          Demo accounts: <code>post-author</code>, <code>commenter-1</code> …{" "}
          <code>commenter-20</code>, password <code>cruxible-demo</code>.
        </p>
      )}
    </div>
  );
}
