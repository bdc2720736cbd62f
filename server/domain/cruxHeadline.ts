/**
 * What the top of a crux page says, by state: a final crux leads with its outcome (and who settled
 * it, when), any other state says where it stands in words. Pure, so the page and its tests agree.
 */
import type { Outcome } from "./bets";
import type { CruxStatus } from "./lifecycle";
import { formatNumericValue } from "./numeric";

/** One step of a crux's resolution history, as the history view gives it. */
export interface HistoryStep {
  action: string;
  to: string;
  actor: string | null;
  outcome: string | null;
  note: string;
  at: string;
}

export interface HeadlineInput {
  status: CruxStatus;
  outcome: string | null;
  decidedOutcome: string | null;
  annulledByCondition: boolean;
  resolverHandle: string;
  disputesDecidedByAdmin: boolean;
  closesAt: string;
  /** value: a numeric crux's proposed number (outcome "value"). */
  proposal: {
    outcome: string;
    value?: number | null;
    proposedBy: string;
    disputeUntil: string;
  } | null;
  /** A numeric crux's unit and decided number, to say "Proposed 7 weeks" (docs/numeric-cruxes.md). */
  unit?: string | null;
  decidedValue?: number | null;
  disputes: { handle: string }[];
  steps: HistoryStep[];
}

export type Headline =
  | {
      kind: "final";
      /** The outcome in capitals: "YES", "NO" or "ANNULLED"; "VALUE" for a numeric crux's number. */
      outcome: "YES" | "NO" | "ANNULLED" | "VALUE";
      /** Who settled it, in words ("decided by @ann", "proposed by @bob; nobody disputed it"). */
      by: string;
      /** When it became final (ISO), or null when the history does not say. */
      at: string | null;
      /** The note of the step that settled it, or of the proposal it upheld. */
      note: string;
    }
  | {
      kind: "pending";
      /** The state in words ("Closed · awaiting the resolver"). */
      state: string;
      /** A deadline to show relative to now, with the words before it. */
      deadline: { label: string; at: string } | null;
    };

const upper = (o: string | null | undefined) => (o ?? "").toUpperCase();

/** An outcome in words: "YES", "NO", "ANNULLED", or a numeric crux's number with its unit. */
export function outcomeWords(
  outcome: string | null | undefined,
  value: number | null | undefined,
  unit: string | null | undefined,
): string {
  if (outcome !== "value") return upper(outcome);
  return value === null || value === undefined ? "a number" : formatNumericValue(value, unit ?? "");
}

/** The last step that made the crux final (resolved or annulled), if any. */
export function finalStep(steps: readonly HistoryStep[]): HistoryStep | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.to === "resolved" || s.to === "annulled") return s;
  }
  return null;
}

/** The last proposal step (the one a window-end upholds). */
function lastProposal(steps: readonly HistoryStep[]): HistoryStep | null {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.action === "propose") return steps[i]!;
  return null;
}

function finalOutcome(input: HeadlineInput): "YES" | "NO" | "ANNULLED" | "VALUE" {
  if (input.status === "annulled") return "ANNULLED";
  if (input.outcome === "value") return "VALUE";
  const o = upper(input.outcome as Outcome | null);
  return o === "YES" || o === "NO" ? o : "ANNULLED";
}

/** Who settled a final crux, in words, from the step that made it final. */
function settledBy(input: HeadlineInput, step: HistoryStep | null): { by: string; note: string } {
  if (input.annulledByCondition)
    return { by: "its condition did not resolve YES, so every stake was refunded", note: "" };
  if (!step) return { by: "", note: "" };
  const proposal = lastProposal(input.steps);
  switch (step.action) {
    case "decide":
      return { by: `decided by @${step.actor ?? "an admin"} after a dispute`, note: step.note };
    case "window-end":
      return {
        by: `proposed by @${proposal?.actor ?? input.resolverHandle}; nobody disputed it`,
        note: proposal?.note ?? "",
      };
    case "condition-final":
      return {
        by: `decided earlier, final once its condition resolved YES`,
        note: proposal?.note ?? "",
      };
    default:
      return { by: step.actor ? `by @${step.actor}` : "", note: step.note };
  }
}

/** The headline for a crux in any state. */
export function cruxHeadline(input: HeadlineInput): Headline {
  const { status, proposal } = input;
  switch (status) {
    case "resolved":
    case "annulled": {
      const step = finalStep(input.steps);
      const { by, note } = settledBy(input, step);
      return { kind: "final", outcome: finalOutcome(input), by, at: step?.at ?? null, note };
    }
    case "open":
      return { kind: "pending", state: "Open", deadline: { label: "Closes", at: input.closesAt } };
    case "closed":
      return {
        kind: "pending",
        state: `Closed · awaiting the resolver (@${input.resolverHandle})`,
        deadline: null,
      };
    case "resolving":
      return {
        kind: "pending",
        state: proposal
          ? `Proposed ${outcomeWords(proposal.outcome, proposal.value, input.unit)} by @${proposal.proposedBy}`
          : "Resolution proposed",
        deadline: proposal ? { label: "Dispute window ends", at: proposal.disputeUntil } : null,
      };
    case "disputed": {
      const who = input.disputes.map((d) => `@${d.handle}`).join(", ");
      const decider = input.disputesDecidedByAdmin
        ? "an admin"
        : `the resolver (@${input.resolverHandle})`;
      return {
        kind: "pending",
        state:
          `${proposal ? `Proposed ${outcomeWords(proposal.outcome, proposal.value, input.unit)}` : "Resolution"} · ` +
          `disputed${who ? ` by ${who}` : ""} · awaiting a decision by ${decider}`,
        deadline: null,
      };
    }
    case "awaiting-condition":
      return {
        kind: "pending",
        state: `Decided ${outcomeWords(input.decidedOutcome, input.decidedValue, input.unit)} · awaiting its condition`,
        deadline: null,
      };
  }
}

/**
 * A crux's state in a few words for lists and the thread ("Resolved NO", "Resolved 7 weeks",
 * "Disputed"); null when open.
 */
export function shortState(
  status: CruxStatus,
  outcome: string | null,
  numeric: { value: number | null; unit: string } | null = null,
): string | null {
  switch (status) {
    case "open":
      return null;
    case "closed":
      return "Closed, awaiting resolution";
    case "resolving":
      return "Resolution proposed";
    case "disputed":
      return "Disputed";
    case "awaiting-condition":
      return "Decided, awaiting its condition";
    case "resolved":
      return `Resolved ${outcomeWords(outcome, numeric?.value, numeric?.unit)}`;
    case "annulled":
      return "Annulled";
  }
}
