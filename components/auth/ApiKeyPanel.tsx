"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { FormError } from "@/components/FormError";
import { errorMessage, trpc } from "@/lib/trpc";
import type { ApiKeyItem } from "@/lib/types";

/** Make, list and revoke API keys (keys are made only here, by a person signed in). */
export function ApiKeyPanel() {
  const id = useId();
  const [keys, setKeys] = useState<ApiKeyItem[]>([]);
  const [name, setName] = useState("");
  const [fresh, setFresh] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      trpc.account.apiKeys
        .query()
        .then((r) => setKeys(r.keys))
        .catch((err: unknown) => setError(errorMessage(err))),
    [],
  );
  useEffect(() => void load(), [load]);
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    void work()
      .then(load)
      .catch((err: unknown) => setError(errorMessage(err)));
  };
  return (
    <section aria-labelledby="api-key-heading">
      <h2 id="api-key-heading">API keys</h2>
      <p>
        Scripts and bots use an API key: send it as <code>Authorization: Bearer &lt;key&gt;</code>.
        It is shown once; we store only its hash. Revoke a key you no longer use.
      </p>
      <form
        aria-label="Create an API key"
        onSubmit={(e) => {
          e.preventDefault();
          act(() =>
            trpc.account.createApiKey
              .mutate({ name: name.trim() || "API key" })
              .then((r) => (setFresh(r.apiKey), setName(""))),
          );
        }}
      >
        <label htmlFor={`${id}-name`}>What is it for?</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={60}
          placeholder="e.g. my forecasting bot"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Create API key</button>
      </form>
      {fresh && (
        <p role="status">
          Your new key (copy it now; it won&apos;t be shown again):{" "}
          <code className="secret">{fresh}</code>
        </p>
      )}
      <FormError error={error} />
      {keys.length > 0 && (
        <table className="forecast-table">
          <caption className="visually-hidden">Your API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  <RelativeTime iso={k.createdAt} />
                </td>
                <td>{k.lastUsedAt ? <RelativeTime iso={k.lastUsedAt} /> : "never"}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="muted small">revoked</span>
                  ) : (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Revoke the key “${k.name}”`}
                      onClick={() => act(() => trpc.account.revokeApiKey.mutate({ id: k.id }))}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
