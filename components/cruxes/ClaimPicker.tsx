"use client";

import { useId, useState } from "react";
import type { ClaimOption } from "./ForecastForm";

const MAX_SHOWN = 50;

/**
 * "Changed your mind? Credit the claim": a debate has dozens of claims, so a text filter narrows
 * the list (by author or words) and the list shows each claim's whole label, wrapped.
 */
export function ClaimPicker({
  claims,
  value,
  onChange,
}: {
  claims: ClaimOption[];
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = claims.filter((c) => {
    const label = c.label.toLowerCase();
    return words.every((w) => label.includes(w));
  });
  const shown = matching.slice(0, MAX_SHOWN);
  const chosen = claims.find((c) => String(c.id) === value);
  return (
    <fieldset className="claim-picker">
      <legend>Credit the claim that changed your mind (optional)</legend>
      <label htmlFor={`${id}-filter`}>Find the claim</label>
      <input
        id={`${id}-filter`}
        type="search"
        value={filter}
        placeholder="author or words"
        onChange={(e) => setFilter(e.target.value)}
        aria-describedby={`${id}-count`}
      />
      <p id={`${id}-count`} className="muted small" aria-live="polite">
        {words.length === 0
          ? `${claims.length} claims`
          : `${matching.length} matching${matching.length > MAX_SHOWN ? `, first ${MAX_SHOWN} shown` : ""}`}
      </p>
      <label htmlFor={`${id}-claim`}>Claim that changed your mind</label>
      <select
        id={`${id}-claim`}
        size={Math.min(6, shown.length + 1)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">No claim</option>
        {chosen && !shown.includes(chosen) && <option value={chosen.id}>{chosen.label}</option>}
        {shown.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {chosen && <p className="small">Crediting: {chosen.label}</p>}
    </fieldset>
  );
}
