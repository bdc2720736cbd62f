"use client";

import { useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import { FormError } from "@/components/FormError";

type Imported = Awaited<ReturnType<typeof trpc.debates.import.mutate>>;

/** Reads a thread file in the browser and imports it (docs/export-import.md lists the fields). */
export function ImportForm() {
  const [slug, setSlug] = useState("");
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return setError("Choose a JSON file of comments to import.");
    setBusy(true);
    setError(null);
    try {
      let thread: unknown;
      try {
        thread = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not valid JSON.`);
      }
      setDone(await trpc.debates.import.mutate({ slug, title: title || undefined, thread }));
    } catch (err) {
      setError(err instanceof Error && !("data" in err) ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Import a thread">
      <label htmlFor="import-file">Thread file (JSON)</label>
      <input
        id="import-file"
        type="file"
        accept="application/json,.json"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <label htmlFor="import-slug">Address of the new debate</label>
      <input
        id="import-slug"
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        required
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        title="lowercase letters, digits and single dashes"
        aria-describedby="import-slug-hint"
      />
      <p className="muted small" id="import-slug-hint">
        /debates/{slug || "…"}; authors become accounts named {slug || "<address>"}-1, -2, …
      </p>
      <label htmlFor="import-title">Title (optional: the file&apos;s, if it has one)</label>
      <input
        id="import-title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={200}
      />
      <FormError error={error} />
      <div className="composer-row">
        <button type="submit" disabled={busy}>
          {busy ? "Importing…" : "Import thread"}
        </button>
      </div>
      {done && (
        <p role="status">
          Imported {done.claims} claims by {done.authors} authors:{" "}
          <a href={`/debates/${done.slug}`}>{done.title}</a>
        </p>
      )}
    </form>
  );
}
