import Link from "next/link";
import { RelativeTime } from "@/components/RelativeTime";
import type { CruxHistory } from "@/lib/types";
import { outcomeWords } from "@/server/domain/cruxHeadline";

type Step = CruxHistory["transitions"][number];

const who = (s: Step) => (s.actor ? `@${s.actor}` : "Cruxible");

/** One step of the lifecycle in plain words (a numeric crux's number with its unit). */
function sentence(s: Step, unit: string | null) {
  const upper = (o: string | null) => outcomeWords(o, s.value, unit);
  const waits = s.to === "awaiting-condition";
  switch (s.action) {
    case "create":
      return <>{who(s)} made this crux.</>;
    case "close":
      return <>It closed at its close time; unmatched offers were refunded.</>;
    case "propose":
      return (
        <>
          {who(s)} proposed <strong>{upper(s.outcome)}</strong>; the dispute window opened and
          unmatched offers were refunded.
        </>
      );
    case "dispute":
      return <>{who(s)} disputed the proposal.</>;
    case "decide":
      return (
        <>
          {who(s)} decided <strong>{upper(s.outcome)}</strong>
          {waits ? "; the bets settle when its condition resolves." : "."}
        </>
      );
    case "window-end":
      return (
        <>
          Nobody disputed within the window, so <strong>{upper(s.outcome)}</strong> stands
          {waits ? "; the bets settle when its condition resolves." : "."}
        </>
      );
    case "condition-final":
      return s.to === "annulled" && s.outcome === "annulled" ? (
        <>
          Annulled because its{" "}
          {s.causedByCruxId ? (
            <Link href={`/cruxes/${s.causedByCruxId}`}>condition</Link>
          ) : (
            "condition"
          )}{" "}
          did not resolve YES: every stake was refunded.
        </>
      ) : (
        <>
          Its condition resolved YES, so <strong>{upper(s.outcome)}</strong> is final.
        </>
      );
    case "undo":
      return (
        <>
          {who(s)} (admin) undid the resolution: payouts reversed, scores removed. It awaits a new
          decision.
        </>
      );
    case "condition-undone":
      return (
        <>
          The resolution of its{" "}
          {s.causedByCruxId ? (
            <Link href={`/cruxes/${s.causedByCruxId}`}>condition</Link>
          ) : (
            "condition"
          )}{" "}
          was undone, so this crux is {s.to} again and anything it paid out was reversed.
        </>
      );
    default:
      return (
        <>
          {who(s)}: {s.from ?? "new"} → {s.to}
        </>
      );
  }
}

/** Every step of a crux's life, oldest first: proposal, disputes and their reasons, decisions, undos. */
export function LifecycleTimeline({
  steps,
  unit = null,
}: {
  steps: Step[];
  /** A numeric crux's unit (its steps carry numbers); null on a yes/no crux. */
  unit?: string | null;
}) {
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Resolution history</h2>
      <ol className="timeline">
        {steps.map((s, i) => (
          <li key={i} className={`timeline-step to-${s.to}`}>
            <p>{sentence(s, unit)}</p>
            {s.note && <blockquote className="quote small">{s.note}</blockquote>}
            <p className="muted small">
              <RelativeTime iso={s.at} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
