"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import { FormError } from "@/components/FormError";

const slugify = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

export function NewDebateForm() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Start a debate
      </button>
    );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const debate = await trpc.debates.create.mutate({
        slug: slugify(title),
        title,
        summary: summary || undefined,
      });
      router.push(`/debates/${debate.slug}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="composer new-debate" onSubmit={submit} aria-label="Start a debate">
      <label htmlFor="debate-title">Question or topic</label>
      <input
        id="debate-title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={200}
      />
      <p className="muted small">Address: /debates/{slugify(title) || "…"}</p>
      <label htmlFor="debate-summary">What is it about? (optional, Markdown)</label>
      <textarea
        id="debate-summary"
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        rows={3}
      />
      <FormError error={error} />
      <div className="composer-row">
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create debate"}
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
