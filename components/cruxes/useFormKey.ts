"use client";

import { useCallback, useState } from "react";

/**
 * One idempotency key per form instance: a double click or a retry after a lost response sends the
 * same key, so the server does the work once. A new key is made only after a success, for the next
 * bet. (A request the server refused rolled back with its key, so reusing it after an error is safe.)
 */
export function useFormKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  return { key, renew };
}
