"use client";

import { useId } from "react";
import type { NumericScale } from "@/server/domain/numeric";

/** The numeric part of the crux form, as typed (parsed on submit). */
export interface RangeDraft {
  unit: string;
  min: string;
  max: string;
  openLower: boolean;
  openUpper: boolean;
  scale: NumericScale;
}

export const EMPTY_RANGE: RangeDraft = {
  unit: "",
  min: "",
  max: "",
  openLower: false,
  openUpper: false,
  scale: "linear",
};

export type RangeField = "unit" | "min" | "max" | "scale";

interface Props {
  value: RangeDraft;
  onChange: (value: RangeDraft) => void;
  /** A problem to show beside one field (from the range rules or the server). */
  problem: { field: RangeField; message: string } | null;
}

/** Unit, lower and upper bound (each open or closed) and linear or log scale of a numeric crux. */
export function NumericRangeFields({ value, onChange, problem }: Props) {
  const id = useId();
  const set = (patch: Partial<RangeDraft>) => onChange({ ...value, ...patch });
  const errorFor = (field: RangeField) =>
    problem?.field === field ? (
      <span id={`${id}-${field}-error`} className="error small" role="alert">
        {problem.message}
      </span>
    ) : null;
  const describedBy = (field: RangeField) =>
    problem?.field === field ? `${id}-${field}-error` : undefined;
  return (
    <fieldset className="numeric-range-fields">
      <legend>The range of answers</legend>
      <div className="form-grid">
        <div>
          <label htmlFor={`${id}-unit`}>Unit</label>
          <input
            id={`${id}-unit`}
            value={value.unit}
            onChange={(e) => set({ unit: e.target.value })}
            placeholder="weeks, billion USD, %"
            maxLength={40}
            aria-invalid={problem?.field === "unit" ? true : undefined}
            aria-describedby={describedBy("unit")}
          />
          {errorFor("unit")}
        </div>
        <div>
          <label htmlFor={`${id}-min`}>Lowest value</label>
          <input
            id={`${id}-min`}
            inputMode="decimal"
            value={value.min}
            onChange={(e) => set({ min: e.target.value })}
            aria-invalid={problem?.field === "min" ? true : undefined}
            aria-describedby={describedBy("min")}
          />
          <label className="checkbox small">
            <input
              type="checkbox"
              checked={value.openLower}
              onChange={(e) => set({ openLower: e.target.checked })}
            />{" "}
            Open: the answer could be lower
          </label>
          {errorFor("min")}
        </div>
        <div>
          <label htmlFor={`${id}-max`}>Highest value</label>
          <input
            id={`${id}-max`}
            inputMode="decimal"
            value={value.max}
            onChange={(e) => set({ max: e.target.value })}
            aria-invalid={problem?.field === "max" ? true : undefined}
            aria-describedby={describedBy("max")}
          />
          <label className="checkbox small">
            <input
              type="checkbox"
              checked={value.openUpper}
              onChange={(e) => set({ openUpper: e.target.checked })}
            />{" "}
            Open: the answer could be higher
          </label>
          {errorFor("max")}
        </div>
        <div>
          <label htmlFor={`${id}-scale`}>Scale</label>
          <select
            id={`${id}-scale`}
            value={value.scale}
            onChange={(e) => set({ scale: e.target.value as NumericScale })}
            aria-invalid={problem?.field === "scale" ? true : undefined}
            aria-describedby={describedBy("scale")}
          >
            <option value="linear">Linear</option>
            <option value="log">Logarithmic</option>
          </select>
          <span className="muted small">
            Logarithmic suits answers spanning orders of magnitude (0.1 to 100 weeks).
          </span>
          {errorFor("scale")}
        </div>
      </div>
    </fieldset>
  );
}
