import Link from "next/link";
import type { ReactNode } from "react";

/** The sections of /scores that other pages link to. */
export type ScoreTopic =
  | "brier"
  | "log"
  | "baseline"
  | "peer"
  | "time-averaging"
  | "coverage"
  | "community"
  | "calibration"
  | "profit";

/** A link to the explanation of one score on /scores (or the whole page). */
export function ScoresLink({ topic, children }: { topic?: ScoreTopic; children?: ReactNode }) {
  return (
    <Link href={topic ? `/scores#${topic}` : "/scores"} className="scores-link">
      {children ?? "What do these mean?"}
    </Link>
  );
}

/**
 * Why a time-averaged score can be near 0: shown beside scores with their coverage, so a 0.0 after
 * an early resolution reads as "counted for little time" rather than as a bug.
 */
export function LowCoverageNote() {
  return (
    <details className="score-note">
      <summary>Why is a score near 0 when I was right?</summary>
      <p>
        Baseline and peer scores are averaged over the crux&apos;s whole window, from when it opened
        to when it was scheduled to close. A forecast counts only for the time it stood: one made an
        hour before a 3-day crux was resolved held for about 1% of the window, so it earns about 1%
        of what it would have earned standing all along. A score near 0 with a small{" "}
        <em>held for</em> share is not broken; it says the forecast counted for little time. Brier
        uses your final forecast and does not depend on time.{" "}
        <ScoresLink topic="coverage">More about coverage</ScoresLink>
      </p>
    </details>
  );
}

/**
 * A wide table that scrolls sideways inside a labelled, focusable region on a narrow screen, so
 * the page itself never scrolls sideways and keyboard users can scroll it too.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
