"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The message beside a form when an action failed (announced to screen readers). It steps aside
 * once the person edits the form, so a fixed field no longer sits under a stale complaint, and
 * comes back if the next submit fails the same way.
 */
export function FormError({ error, id }: { error: string | null; id?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  /** The error the person has since edited the form against (hidden until the next submit). */
  const [editedAfter, setEditedAfter] = useState<string | null>(null);

  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!error || !form) return;
    const onInput = () => setEditedAfter(error);
    const onSubmit = () => setEditedAfter(null);
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    return () => {
      form.removeEventListener("input", onInput);
      form.removeEventListener("submit", onSubmit);
    };
  }, [error]);

  if (!error) return null;
  return (
    <p className="error" role="alert" id={id} ref={ref} hidden={editedAfter === error}>
      {error}
    </p>
  );
}
