"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import { FormError } from "@/components/FormError";

export function SignUpForm() {
  const router = useRouter();
  const [handle, setHandle] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await trpc.account.signUp.mutate({
        handle,
        password,
        displayName: displayName || undefined,
      });
      const result = await signIn("credentials", {
        handle: user.handle,
        password,
        redirect: false,
      });
      if (!result || result.error)
        throw new Error("Account created, but signing in failed; try signing in.");
      router.push("/");
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="auth-box" aria-label="Sign up">
      <label htmlFor="signup-handle">Handle</label>
      <input
        id="signup-handle"
        autoComplete="username"
        value={handle}
        onChange={(e) => setHandle(e.target.value)}
        aria-describedby="signup-handle-hint"
        required
      />
      <p id="signup-handle-hint" className="muted small">
        3–32 lowercase letters, digits and dashes.
      </p>
      <label htmlFor="signup-name">Display name (optional)</label>
      <input
        id="signup-name"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <label htmlFor="signup-password">Password</label>
      <input
        id="signup-password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-describedby="signup-password-hint"
        required
      />
      <p id="signup-password-hint" className="muted small">
        At least 8 characters.
      </p>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {busy ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
