"use client";

import { useId, useState } from "react";
import {
  cdfFromInput,
  distributionProblem,
  percentiles,
  type Cdf,
  type DistributionComponent,
  type DistributionInput,
  type NumericRange,
} from "@/server/domain/numeric";
import { FormError } from "@/components/FormError";
import { errorMessage } from "@/lib/trpc";
import { Confirmation } from "../Confirmation";
import { DensityChart, type DensitySeries } from "./DensityChart";
import { bare, intervalWords, parseNumber, percentileWords } from "./words";

interface Props {
  range: NumericRange;
  unit: string;
  /** The viewer's last input, to start from; null before their first forecast. */
  lastInput: DistributionInput | null;
  /** The community distribution, drawn behind the draft when the viewer may see it. */
  community: Cdf | null;
  /** Sends the forecast; throws with a message a person can act on. */
  save: (input: DistributionInput) => Promise<void>;
  /** Withdraws the viewer's forecast (shown once they have one). */
  withdraw?: () => Promise<void>;
  onSaved: () => void;
  /**
   * The last "saved" or "withdrawn" line, kept by the page: saving changes `lastInput`, which
   * remounts this form, and the confirmation must outlive that.
   */
  confirmation: string | null;
  onConfirmation: (message: string | null) => void;
}

type Mode = "interval" | "components";
interface ComponentDraft {
  center: string;
  /** Width as a share of the range (1–100), turned into a spread in scale units. */
  width: number;
  weight: number;
}

const MAX_COMPONENTS = 3;
/** Scale-space width of the whole range (ln units on a log scale). */
const span = (r: NumericRange) =>
  r.scale === "log" ? Math.log(r.max) - Math.log(r.min) : r.max - r.min;
/** A component's spread is width/100 of the range's scale-space width, over 4 (a logistic's
 *  80% interval is about 4.4 spreads wide, so width ≈ the share of the range its 80% covers). */
const spreadOf = (r: NumericRange, width: number) => (span(r) * width) / 100 / 4.4;
const widthOf = (r: NumericRange, spread: number) =>
  Math.min(100, Math.max(1, Math.round((spread * 4.4 * 100) / span(r))));
const middle = (r: NumericRange) =>
  r.scale === "log" ? Math.sqrt(r.min * r.max) : (r.min + r.max) / 2;

function interpret(
  range: NumericRange,
  mode: Mode,
  interval: { low: string; median: string; high: string },
  parts: ComponentDraft[],
): { input: DistributionInput | null; problem: string | null } {
  if (mode === "interval") {
    const low = parseNumber(interval.low);
    const median = parseNumber(interval.median);
    const high = parseNumber(interval.high);
    if (low === null || median === null || high === null)
      return {
        input: null,
        problem:
          [interval.low, interval.median, interval.high].every((t) => t.trim() === "") ||
          [interval.low, interval.median, interval.high].some((t) => t.trim() === "")
            ? null
            : "Enter plain numbers, like 1.5 or 1,200.",
      };
    const input = { low, median, high };
    return { input, problem: distributionProblem(range, input) };
  }
  const components: DistributionComponent[] = [];
  for (const [i, p] of parts.entries()) {
    const center = parseNumber(p.center);
    if (center === null)
      return { input: null, problem: `Component ${i + 1}: enter its center as a number.` };
    components.push({ center, spread: spreadOf(range, p.width), weight: p.weight });
  }
  const input = { components };
  return { input, problem: distributionProblem(range, input) };
}

/** Whether two inputs say the same (key order aside). */
function sameInput(a: DistributionInput | null, b: DistributionInput | null): boolean {
  if (!a || !b) return a === b;
  if ("components" in a || "components" in b)
    return (
      "components" in a &&
      "components" in b &&
      a.components.length === b.components.length &&
      a.components.every(
        (c, i) =>
          c.center === b.components[i]!.center &&
          Math.abs(c.spread - b.components[i]!.spread) < 1e-9 &&
          c.weight === b.components[i]!.weight,
      )
    );
  return a.low === b.low && a.median === b.median && a.high === b.high;
}

/**
 * A numeric forecast the way people say it: "low to high, most likely median" (an 80% interval),
 * or up to three weighted components. The chart and the 10/50/90 percentiles follow every edit,
 * computed here with the same pure functions the server uses; a problem shows beside the fields
 * and keeps the draft.
 */
export function NumericForecastForm({
  range,
  unit,
  lastInput,
  community,
  save,
  withdraw,
  onSaved,
  confirmation: saved,
  onConfirmation: setSaved,
}: Props) {
  const id = useId();
  const [mode, setMode] = useState<Mode>(
    lastInput && "components" in lastInput ? "components" : "interval",
  );
  const [interval, setInterval] = useState(() =>
    lastInput && !("components" in lastInput)
      ? { low: bare(lastInput.low), median: bare(lastInput.median), high: bare(lastInput.high) }
      : { low: "", median: "", high: "" },
  );
  const [parts, setParts] = useState<ComponentDraft[]>(() =>
    lastInput && "components" in lastInput
      ? lastInput.components.map((c) => ({
          center: bare(c.center),
          width: widthOf(range, c.spread),
          weight: c.weight,
        }))
      : [{ center: bare(middle(range)), width: 30, weight: 1 }],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { input, problem } = interpret(range, mode, interval, parts);
  // 201 points: cheap enough to recompute on every keystroke.
  let cdf: Cdf | null = null;
  if (input && !problem)
    try {
      cdf = cdfFromInput(range, input);
    } catch {
      cdf = null;
    }
  const implied = cdf ? percentiles(range, cdf) : null;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    if (!input || problem) {
      setError(problem ?? "Enter the low end, the most likely value and the high end.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await save(input);
      setSaved(`Forecast saved: ${implied ? intervalWords(implied, unit) : "your distribution"}.`);
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const doWithdraw = async () => {
    if (busy || !withdraw) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await withdraw();
      setSaved("Forecast withdrawn.");
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const series: DensitySeries[] = [];
  if (community) series.push({ name: "Community", cdf: community, role: "community" });
  // Unchanged from what they saved, the draft is simply their forecast.
  const edited = !sameInput(input, lastInput);
  if (cdf) series.push({ name: edited ? "Your draft" : "You", cdf, role: "draft" });
  const problemId = `${id}-problem`;
  const unitSuffix = unit ? ` (${unit})` : "";
  const setPart = (i: number, patch: Partial<ComponentDraft>) =>
    setParts((list) => list.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <form className="forecast-form numeric-form" onSubmit={submit} aria-label="Your forecast">
      <fieldset className="numeric-mode">
        <legend>Your forecast</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === "interval"}
            onChange={() => setMode("interval")}
          />{" "}
          Range and most likely value
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === "components"}
            onChange={() => setMode("components")}
          />{" "}
          Advanced: weighted components
        </label>
      </fieldset>

      {mode === "interval" ? (
        <div
          className="interval-inputs"
          role="group"
          aria-label="80% interval and most likely value"
        >
          <label htmlFor={`${id}-low`} className="interval-field">
            <span>Low end{unitSuffix}</span>
            <input
              id={`${id}-low`}
              inputMode="decimal"
              value={interval.low}
              placeholder="e.g. 1"
              onChange={(e) => setInterval({ ...interval, low: e.target.value })}
              aria-describedby={`${id}-low-hint ${problemId}`}
              aria-invalid={problem ? true : undefined}
            />
            <span id={`${id}-low-hint`} className="muted small">
              10% chance below
            </span>
          </label>
          <span className="interval-word" aria-hidden="true">
            to
          </span>
          <label htmlFor={`${id}-high`} className="interval-field">
            <span>High end{unitSuffix}</span>
            <input
              id={`${id}-high`}
              inputMode="decimal"
              value={interval.high}
              placeholder="e.g. 4"
              onChange={(e) => setInterval({ ...interval, high: e.target.value })}
              aria-describedby={`${id}-high-hint ${problemId}`}
              aria-invalid={problem ? true : undefined}
            />
            <span id={`${id}-high-hint`} className="muted small">
              10% chance above
            </span>
          </label>
          <label htmlFor={`${id}-median`} className="interval-field">
            <span>Most likely{unitSuffix}</span>
            <input
              id={`${id}-median`}
              inputMode="decimal"
              value={interval.median}
              placeholder="e.g. 2"
              onChange={(e) => setInterval({ ...interval, median: e.target.value })}
              aria-describedby={`${id}-median-hint ${problemId}`}
              aria-invalid={problem ? true : undefined}
            />
            <span id={`${id}-median-hint`} className="muted small">
              the median: even odds above or below
            </span>
          </label>
        </div>
      ) : (
        <div className="components-inputs">
          {parts.map((p, i) => (
            <fieldset key={i} className="component-fieldset">
              <legend>Component {i + 1}</legend>
              <label htmlFor={`${id}-c${i}-center`}>
                Center{unitSuffix}
                <input
                  id={`${id}-c${i}-center`}
                  inputMode="decimal"
                  value={p.center}
                  onChange={(e) => setPart(i, { center: e.target.value })}
                  aria-describedby={problemId}
                />
              </label>
              <label htmlFor={`${id}-c${i}-width`}>
                Spread: {p.width}% of the range
                <input
                  id={`${id}-c${i}-width`}
                  type="range"
                  min={1}
                  max={100}
                  value={p.width}
                  aria-valuetext={`${p.width}% of the range`}
                  onChange={(e) => setPart(i, { width: Number(e.target.value) })}
                />
              </label>
              <label htmlFor={`${id}-c${i}-weight`}>
                Weight: {p.weight}
                <input
                  id={`${id}-c${i}-weight`}
                  type="range"
                  min={1}
                  max={10}
                  value={p.weight}
                  onChange={(e) => setPart(i, { weight: Number(e.target.value) })}
                />
              </label>
              {parts.length > 1 && (
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => setParts((list) => list.filter((_, j) => j !== i))}
                >
                  Remove component {i + 1}
                </button>
              )}
            </fieldset>
          ))}
          {parts.length < MAX_COMPONENTS && (
            <button
              type="button"
              className="secondary small"
              onClick={() =>
                setParts((list) => [...list, { center: bare(middle(range)), width: 30, weight: 1 }])
              }
            >
              Add a component
            </button>
          )}
        </div>
      )}

      <p id={problemId} className={problem ? "error small" : "muted small"} aria-live="polite">
        {problem ??
          (implied
            ? percentileWords(implied, unit)
            : "Say “1 to 4, most likely 2”: you think there is a 10% chance it is below the low end and a 10% chance it is above the high end.")}
      </p>
      {series.length > 0 && (
        <DensityChart
          range={range}
          unit={unit}
          series={series}
          height={180}
          caption={
            implied
              ? `${edited ? "Your draft" : "Your forecast"}: ${intervalWords(implied, unit)}${community ? ", over the community's distribution" : ""}.`
              : "The community's distribution."
          }
        />
      )}
      <FormError error={error} />
      <div className="composer-row">
        <button type="submit" disabled={busy}>
          {lastInput === null ? "Save forecast" : "Update forecast"}
        </button>
        {lastInput !== null && withdraw && (
          <button
            type="button"
            className="secondary"
            onClick={() => void doWithdraw()}
            disabled={busy}
          >
            Withdraw forecast
          </button>
        )}
      </div>
      <Confirmation message={saved} />
    </form>
  );
}
