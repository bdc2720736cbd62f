"use client";

import { useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import { FormError } from "@/components/FormError";

export function ApiKeyPanel() {
  const [key, setKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="api-key-heading">
      <h2 id="api-key-heading">API keys</h2>
      <p>
        Scripts and bots use an API key: send it as <code>Authorization: Bearer &lt;key&gt;</code>.
        It is shown once; we store only its hash.
      </p>
      <button
        type="button"
        onClick={() =>
          trpc.account.createApiKey
            .mutate()
            .then((r) => setKey(r.apiKey))
            .catch((err: unknown) => setError(errorMessage(err)))
        }
      >
        Create API key
      </button>
      {key && (
        <p>
          Your new key (copy it now): <code className="secret">{key}</code>
        </p>
      )}
      <FormError error={error} />
    </section>
  );
}
