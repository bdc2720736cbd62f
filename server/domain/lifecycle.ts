/**
 * The crux lifecycle: one pure transition function decides every step of a crux's life and what
 * each role may do in each state (docs/lifecycle.md). Use-cases gather the facts, ask `transition`,
 * and carry out the effects it names; views ask `allowedActions`. Nothing else decides.
 *
 *   open ──close──▶ closed
 *   open|closed ──propose──▶ resolving ──dispute──▶ disputed
 *   resolving ──window-end──▶ ┐
 *   disputed ──decide──────▶ ├─▶ awaiting-condition (condition not final yet)
 *                            └─▶ resolved | annulled
 *   awaiting-condition ──condition-final YES──▶ resolved | annulled (its recorded outcome)
 *   any unfinished ──condition-final NO/ANNULLED──▶ annulled ("condition not met")
 *   resolved|annulled ──undo──▶ disputed (dependents return to where the cascade found them)
 *
 * Numeric cruxes (docs/numeric-cruxes.md) follow the same steps, resolving to a number ("value")
 * or ANNULLED; nobody bets on them directly. Their threshold cruxes ("more than x?") are yes/no
 * cruxes that nobody resolves: they follow their numeric crux (parent-final, parent-undone).
 */
import type { Outcome } from "./bets";
import { formatNumericValue, type NumericRange } from "./numeric";
import { resolutionValueProblem } from "./thresholdCruxes";

export type { Outcome };

/** What a resolution reaches: YES, NO or ANNULLED, or on a numeric crux a number ("value"). */
export type Verdict = Outcome | "value";

export const CRUX_STATUSES = [
  "open",
  "closed",
  "resolving",
  "disputed",
  "awaiting-condition",
  "resolved",
  "annulled",
] as const;
export type CruxStatus = (typeof CRUX_STATUSES)[number];

export const isFinal = (status: CruxStatus): status is "resolved" | "annulled" =>
  status === "resolved" || status === "annulled";

export function parseStatus(stored: string): CruxStatus {
  if ((CRUX_STATUSES as readonly string[]).includes(stored)) return stored as CruxStatus;
  throw new Error(`unknown crux status "${stored}"`);
}

/** The stored status as it stands at `now`: an open crux is closed once its close time passes. */
export function effectiveStatus(stored: CruxStatus, closesAt: number, now: number): CruxStatus {
  return stored === "open" && now >= closesAt ? "closed" : stored;
}

/** Everything about a crux the rules look at. Times are epoch ms. */
export interface CruxFacts {
  /** As stored; `transition` applies the close time itself. */
  status: CruxStatus;
  closesAt: number;
  creatorId: number;
  /** The arbiter named at creation, or else the creator. */
  resolverId: number;
  /** The proposed resolution, if any (value: the number, when the outcome is "value"). */
  proposal: {
    outcome: Verdict;
    value: number | null;
    proposedBy: number;
    disputeUntil: number;
  } | null;
  /** The outcome the crux's own resolution reached (kept while it waits for its condition). */
  decidedOutcome: Verdict | null;
  /** With decidedOutcome "value": the number. */
  decidedValue: number | null;
  /** The crux this one is conditional on, or null. */
  condition: { title: string; status: CruxStatus; outcome: Verdict | null } | null;
  /** A numeric crux's range; null for a yes/no crux. */
  numeric: { range: NumericRange; unit: string } | null;
  /** A threshold crux derived from a numeric crux: it resolves when that crux does. */
  derived: { parentTitle: string; threshold: number } | null;
  /** Someone has forecast, offered or bet on it: its condition is fixed from then on. */
  hasCommitments: boolean;
  /** The resolver has a bet or an open offer on it, so an admin decides its disputes. */
  resolverHasPosition: boolean;
  /** It is annulled because its condition was not met (not by its own resolution). */
  annulledByCondition: boolean;
}

export type Actor =
  | { kind: "system" }
  | {
      kind: "user";
      id: number;
      isAdmin: boolean;
      /** Has a forecast, an offer or a bet on this crux (may dispute its resolution). */
      hasStake: boolean;
      /** Credits owed after an undo reversed a payout already spent; no betting until repaid. */
      debt: number;
    };

export type Action =
  | { type: "forecast" }
  | { type: "offer" }
  | { type: "take" }
  | { type: "set-condition" }
  /** Make (or find) a threshold crux "more than x?" derived from this numeric crux. */
  | { type: "derive" }
  | { type: "add-evidence" }
  | { type: "close" }
  /** value: the number, with outcome "value" (numeric cruxes only). */
  | { type: "propose"; outcome: Verdict; value?: number | null }
  | { type: "dispute" }
  | { type: "decide"; outcome: Verdict; value?: number | null }
  | { type: "window-end" }
  | { type: "condition-final"; outcome: Verdict }
  | { type: "undo" }
  /** The condition's finalization was undone: return to where its cascade found this crux. */
  | { type: "condition-undone"; before: CruxStatus; byCondition: boolean }
  /** A threshold crux's numeric crux became final with this number (null: annulled). */
  | { type: "parent-final"; value: number | null }
  /** Its numeric crux's finalization was undone: back to where parent-final found it. */
  | { type: "parent-undone"; before: CruxStatus };

export type ActionType = Action["type"];

/** What carrying out a step involves, beyond changing the stored status. */
export type Effect =
  /** The crux closes at this moment: time after it does not count for scores. */
  | { kind: "close-now" }
  /** Every open offer's unmatched stake goes back to its maker. */
  | { kind: "refund-unmatched" }
  /** The resolution's own outcome, kept (also while the crux waits for its condition). */
  | { kind: "record-outcome"; outcome: Verdict; value: number | null }
  /**
   * Settle every fill by the outcome, refund unmatched stakes, score forecasts (YES/NO, or the
   * number a numeric crux resolved to; nothing when annulled).
   */
  | { kind: "settle"; outcome: Verdict; value: number | null; conditionNotMet: boolean }
  /** Re-evaluate every crux conditional on this one with its final outcome. */
  | { kind: "cascade"; outcome: Verdict }
  /** A numeric crux became final: each threshold crux derived from it resolves (parent-final). */
  | { kind: "resolve-derived"; value: number | null }
  /** Reverse the finalization's payouts and scores, and those of every dependent finalized since. */
  | { kind: "reverse-finalization" }
  /** Forget the recorded outcome (the next decision records a new one). */
  | { kind: "clear-outcome" }
  /** Back to open (or closed at its close time): the early close is forgotten. */
  | { kind: "reopen" }
  /** Back in its dispute window: it gets the time it had left when it was interrupted. */
  | { kind: "resume-window" };

/** "invalid": the request itself is wrong (a 400 naming `field`), whatever the state. */
export type Refusal = {
  ok: false;
  code: "forbidden" | "conflict" | "invalid";
  reason: string;
  field?: string;
};
export type Step = {
  ok: true;
  from: CruxStatus;
  to: CruxStatus;
  /** False for actions that leave the status alone (a forecast, evidence, a no-op cascade). */
  moves: boolean;
  effects: Effect[];
};
export type Decision = Step | Refusal;

const forbidden = (reason: string): Refusal => ({ ok: false, code: "forbidden", reason });
const invalid = (field: string, reason: string): Refusal => ({
  ok: false,
  code: "invalid",
  reason,
  field,
});
const conflict = (reason: string): Refusal => ({ ok: false, code: "conflict", reason });
const stay = (status: CruxStatus): Step => ({
  ok: true,
  from: status,
  to: status,
  moves: false,
  effects: [],
});
const move = (from: CruxStatus, to: CruxStatus, effects: Effect[]): Step => ({
  ok: true,
  from,
  to,
  moves: true,
  effects,
});

const upper = (o: Outcome) => o.toUpperCase();

/** A verdict in words: "YES", "NO", "ANNULLED", or the number with its unit. */
export function describeVerdict(
  outcome: Verdict,
  value: number | null,
  unit: string | null = null,
): string {
  if (outcome !== "value") return upper(outcome);
  return value === null ? "a number" : formatNumericValue(value, unit ?? "");
}

/** What a resolution of this crux may reach: YES/NO/ANNULLED, or a number in range/ANNULLED. */
function verdictProblem(facts: CruxFacts, outcome: Verdict, value: number | null): Refusal | null {
  if (!facts.numeric) {
    if (outcome === "value" || value !== null)
      return invalid("value", "a yes/no crux resolves YES, NO or ANNULLED, not to a number");
    return null;
  }
  if (outcome === "annulled")
    return value === null ? null : invalid("value", "an annulled resolution has no number");
  if (outcome !== "value" || value === null)
    return invalid(
      "value",
      "a numeric crux resolves to a number (give value) or ANNULLED, not YES or NO",
    );
  const problem = resolutionValueProblem(facts.numeric.range, value);
  return problem ? invalid("value", problem) : null;
}

/** A threshold crux's outcome from its numeric crux's number: YES above the threshold. */
export function thresholdOutcome(threshold: number, value: number | null): Outcome {
  if (value === null) return "annulled";
  return value > threshold ? "yes" : "no";
}

/** A plain sentence for "this crux is <status>", used in refusals. */
export function describeStatus(status: CruxStatus): string {
  switch (status) {
    case "open":
      return "open";
    case "closed":
      return "closed (its close time has passed)";
    case "resolving":
      return "being resolved (a proposal is in its dispute window)";
    case "disputed":
      return "disputed (waiting for a decision)";
    case "awaiting-condition":
      return "decided and waiting for its condition to resolve";
    case "resolved":
      return "resolved";
    case "annulled":
      return "annulled";
  }
}

/**
 * Where a crux goes once its own resolution has reached `outcome` (a window ended or a dispute was
 * decided): it waits while its condition is unfinished, is annulled if the condition failed, and
 * is otherwise final with that outcome.
 */
function conclude(
  facts: CruxFacts,
  from: CruxStatus,
  outcome: Verdict,
  value: number | null,
  before: Effect[] = [],
): Step {
  const record: Effect = { kind: "record-outcome", outcome, value };
  const condition = facts.condition;
  if (condition && !isFinal(condition.status))
    return move(from, "awaiting-condition", [...before, record]);
  if (condition && condition.outcome !== "yes")
    return move(from, "annulled", [
      ...before,
      record,
      ...finalEffects(facts, "annulled", null, true),
    ]);
  return move(from, outcome === "annulled" ? "annulled" : "resolved", [
    ...before,
    record,
    ...finalEffects(facts, outcome, value, false),
  ]);
}

/** Settling a final outcome: the money and scores, the condition cascade, threshold cruxes. */
function finalEffects(
  facts: CruxFacts,
  outcome: Verdict,
  value: number | null,
  conditionNotMet: boolean,
): Effect[] {
  const effects: Effect[] = [
    { kind: "settle", outcome, value, conditionNotMet },
    { kind: "cascade", outcome },
  ];
  if (facts.numeric)
    effects.push({ kind: "resolve-derived", value: outcome === "value" ? value : null });
  return effects;
}

function requireUser(actor: Actor): Refusal | null {
  return actor.kind === "user" ? null : forbidden("Only a signed-in person can do that.");
}

function requireSystem(actor: Actor, what: string): Refusal | null {
  return actor.kind === "system" ? null : forbidden(`${what} happens by itself; nobody can do it.`);
}

function isResolver(facts: CruxFacts, actor: Actor): boolean {
  return actor.kind === "user" && (actor.id === facts.resolverId || actor.isAdmin);
}

/** Forecasts, offers and takes need an open crux (and, for money, no debt). */
function trading(facts: CruxFacts, actor: Actor, status: CruxStatus, what: string): Decision {
  const notUser = requireUser(actor);
  if (notUser) return notUser;
  if (status !== "open")
    return conflict(`This crux is ${describeStatus(status)}; it no longer takes ${what}.`);
  if (what !== "forecasts" && actor.kind === "user" && actor.debt > 0)
    return conflict(
      `You owe ${actor.debt} credits after an undone resolution took back a payout you had spent; ` +
        `you can bet again once refunds or winnings have repaid it.`,
    );
  return stay(status);
}

function decider(facts: CruxFacts, actor: Actor): Refusal | null {
  if (actor.kind !== "user") return forbidden("Only a person can decide a dispute.");
  if (facts.resolverHasPosition) {
    if (!actor.isAdmin)
      return forbidden(
        "The resolver holds a position on this crux, so an admin decides its disputes.",
      );
    if (actor.id === facts.resolverId)
      return forbidden("You hold a position on this crux; another admin must decide its dispute.");
    return null;
  }
  return isResolver(facts, actor)
    ? null
    : forbidden(
        "Only this crux's resolver (its arbiter, or else its creator) or an admin decides.",
      );
}

/** Decides one action on one crux at `now`: the next state and its effects, or why not. */
export function transition(facts: CruxFacts, action: Action, actor: Actor, now: number): Decision {
  const status = effectiveStatus(facts.status, facts.closesAt, now);
  switch (action.type) {
    case "forecast":
      return trading(facts, actor, status, "forecasts");
    case "offer":
    case "take":
      if (facts.numeric)
        return conflict(
          "Nobody bets on a numeric crux directly: bets are made on its threshold cruxes (“more than x?”), which resolve from its number.",
        );
      return trading(facts, actor, status, action.type === "offer" ? "offers" : "bets");

    case "derive": {
      const notUser = requireUser(actor);
      if (notUser) return notUser;
      if (!facts.numeric)
        return invalid("id", "only a numeric crux has threshold cruxes; this one is yes/no");
      if (status !== "open")
        return conflict(
          `This crux is ${describeStatus(status)}; threshold cruxes are made while it is open.`,
        );
      return stay(status);
    }

    case "set-condition": {
      const notUser = requireUser(actor);
      if (notUser) return notUser;
      if (actor.kind === "user" && actor.id !== facts.creatorId && !actor.isAdmin)
        return forbidden("Only the crux's creator (or an admin) can change its condition.");
      if (status !== "open")
        return conflict(`This crux is ${describeStatus(status)}; its condition is fixed.`);
      if (facts.hasCommitments)
        return conflict(
          "People have already forecast or bet on this crux, so its condition is fixed: changing it would change what they committed to.",
        );
      return stay(status);
    }

    case "add-evidence": {
      const notUser = requireUser(actor);
      if (notUser) return notUser;
      if (isFinal(status))
        return conflict(
          `This crux is ${status}; evidence is closed (an admin's undo would reopen it).`,
        );
      return stay(status);
    }

    case "close": {
      const notSystem = requireSystem(actor, "Closing at the close time");
      if (notSystem) return notSystem;
      if (facts.status !== "open" || now < facts.closesAt)
        return conflict(`This crux is ${describeStatus(status)}; it has nothing to close.`);
      return move("open", "closed", [{ kind: "refund-unmatched" }]);
    }

    case "propose": {
      const notUser = requireUser(actor);
      if (notUser) return notUser;
      if (facts.derived)
        return conflict(
          `This threshold crux resolves by itself when its numeric crux “${facts.derived.parentTitle}” resolves; nobody proposes its resolution.`,
        );
      const bad = verdictProblem(facts, action.outcome, action.value ?? null);
      if (bad) return bad;
      if (!isResolver(facts, actor))
        return forbidden(
          "Only this crux's resolver (its arbiter, or else its creator) or an admin can propose its resolution.",
        );
      if (status !== "open" && status !== "closed")
        return conflict(
          `This crux is ${describeStatus(status)}; a resolution can be proposed only once.`,
        );
      return move(facts.status, "resolving", [{ kind: "close-now" }, { kind: "refund-unmatched" }]);
    }

    case "dispute": {
      if (actor.kind !== "user") return forbidden("Only a signed-in person can dispute.");
      if (status !== "resolving" || !facts.proposal)
        return conflict(
          status === "disputed"
            ? "This resolution is already disputed; the decision comes next."
            : `This crux is ${describeStatus(status)}; there is no proposal to dispute.`,
        );
      if (now >= facts.proposal.disputeUntil)
        return conflict("The dispute window has closed; the proposal is being finalized.");
      if (actor.id === facts.proposal.proposedBy)
        return forbidden("You proposed this resolution; only others can dispute it.");
      if (!actor.hasStake)
        return forbidden(
          "Only people with a forecast or a bet on this crux can dispute its resolution.",
        );
      return move(status, "disputed", []);
    }

    case "decide": {
      if (status !== "disputed")
        return conflict(
          status === "resolving" && facts.proposal
            ? `Only a disputed resolution is decided; this proposal (${describeVerdict(facts.proposal.outcome, facts.proposal.value, facts.numeric?.unit)}) finalizes when its dispute window ends.`
            : `This crux is ${describeStatus(status)}; there is no dispute to decide.`,
        );
      const notDecider = decider(facts, actor);
      if (notDecider) return notDecider;
      const bad = verdictProblem(facts, action.outcome, action.value ?? null);
      if (bad) return bad;
      return conclude(facts, status, action.outcome, action.value ?? null);
    }

    case "window-end": {
      const notSystem = requireSystem(actor, "The end of a dispute window");
      if (notSystem) return notSystem;
      if (status !== "resolving" || !facts.proposal)
        return conflict(`This crux is ${describeStatus(status)}; no dispute window is running.`);
      if (now < facts.proposal.disputeUntil) return conflict("The dispute window is still open.");
      return conclude(facts, status, facts.proposal.outcome, facts.proposal.value);
    }

    case "condition-final": {
      const notSystem = requireSystem(actor, "Following a condition");
      if (notSystem) return notSystem;
      if (isFinal(status)) return stay(status);
      if (action.outcome !== "yes") {
        const effects: Effect[] = [];
        if (status === "open") effects.push({ kind: "close-now" });
        effects.push(...finalEffects(facts, "annulled", null, true));
        return move(facts.status, "annulled", effects);
      }
      if (status !== "awaiting-condition" || !facts.decidedOutcome) return stay(status);
      const outcome = facts.decidedOutcome;
      return move(
        status,
        outcome === "annulled" ? "annulled" : "resolved",
        finalEffects(facts, outcome, facts.decidedValue, false),
      );
    }

    case "parent-final": {
      const notSystem = requireSystem(actor, "Following a numeric crux");
      if (notSystem) return notSystem;
      if (!facts.derived || isFinal(status)) return stay(status);
      const outcome = thresholdOutcome(facts.derived.threshold, action.value);
      const before: Effect[] = status === "open" ? [{ kind: "close-now" }] : [];
      return conclude(facts, facts.status, outcome, null, before);
    }

    case "parent-undone": {
      const notSystem = requireSystem(actor, "Following a numeric crux's undo");
      if (notSystem) return notSystem;
      if (!facts.derived || !isFinal(status) || facts.annulledByCondition) return stay(status);
      const effects: Effect[] = [{ kind: "reverse-finalization" }, { kind: "clear-outcome" }];
      if (action.before === "open" || action.before === "closed") effects.push({ kind: "reopen" });
      return move(status, action.before, effects);
    }

    case "undo": {
      if (actor.kind !== "user" || !actor.isAdmin)
        return forbidden("Only an admin can undo a finalization.");
      if (facts.derived)
        return conflict(
          `This threshold crux follows its numeric crux “${facts.derived.parentTitle}”; undo that crux's resolution instead.`,
        );
      if (!isFinal(status))
        return conflict(
          `This crux is ${describeStatus(status)}; there is no finalization to undo.`,
        );
      if (facts.annulledByCondition)
        return conflict(
          `This crux was annulled because its condition${facts.condition ? ` “${facts.condition.title}”` : ""} did not resolve YES; undo the condition's resolution instead.`,
        );
      // Back to a dispute with its whole history: only an explicit decision finalizes it again.
      return move(status, "disputed", [
        { kind: "reverse-finalization" },
        { kind: "clear-outcome" },
      ]);
    }

    case "condition-undone": {
      const notSystem = requireSystem(actor, "Following a condition's undo");
      if (notSystem) return notSystem;
      if (!isFinal(status)) return stay(status);
      // Annulled by the cascade: back where the cascade found it. Finalized with its own outcome
      // (which needed the condition final): that outcome stands, waiting for the condition again.
      const to = action.byCondition ? action.before : "awaiting-condition";
      const effects: Effect[] = [{ kind: "reverse-finalization" }];
      if (to === "open" || to === "closed") effects.push({ kind: "reopen" });
      if (to === "resolving") effects.push({ kind: "resume-window" });
      return move(status, to, effects);
    }
  }
}

/** The actions a person may take on a crux right now, for views (the UI renders from this). */
export const VIEWER_ACTIONS = [
  "forecast",
  "offer",
  "take",
  "propose",
  "dispute",
  "decide",
  "undo",
  "add-evidence",
  "set-condition",
] as const;
export type ViewerAction = (typeof VIEWER_ACTIONS)[number];
export type Can = Record<ViewerAction, boolean>;

/** A resolution every crux may reach (a numeric crux's number is checked when it is given). */
const sampleAction = (type: ViewerAction): Action =>
  type === "propose" || type === "decide" ? { type, outcome: "annulled" } : { type };

export function allowedActions(facts: CruxFacts, viewer: Actor | null, now: number): Can {
  const can = {} as Can;
  for (const type of VIEWER_ACTIONS)
    can[type] = viewer !== null && transition(facts, sampleAction(type), viewer, now).ok;
  return can;
}

/**
 * After an undo, a dependent that was waiting out its dispute window gets back the time it had
 * left when the cascade interrupted it, so nobody loses the chance to dispute.
 */
export function restoredDisputeUntil(
  disputeUntil: number,
  interruptedAt: number,
  now: number,
): number {
  return now + Math.max(0, disputeUntil - interruptedAt);
}

/** In plain words, for the crux page and the README. */
export const LIFECYCLE_STEPS: { status: CruxStatus; meaning: string }[] = [
  { status: "open", meaning: "People forecast, offer bets and take them." },
  {
    status: "closed",
    meaning: "The close time passed: no new forecasts or bets; unmatched offers are refunded.",
  },
  {
    status: "resolving",
    meaning:
      "The resolver proposed YES, NO or ANNULLED. Anyone with a forecast or bet may dispute it during the dispute window; if nobody does, it becomes final when the window ends.",
  },
  {
    status: "disputed",
    meaning:
      "Someone disputed the proposal. Only an explicit decision ends it: by the resolver, or by an admin when the resolver holds a bet on the crux.",
  },
  {
    status: "awaiting-condition",
    meaning:
      "Decided, but this crux is conditional on another that has not resolved yet; the money stays in escrow until it does.",
  },
  {
    status: "resolved",
    meaning: "Final: every bet paid its pot to the winning side, every forecast scored.",
  },
  {
    status: "annulled",
    meaning:
      "Final without an answer (or its condition did not resolve YES): every stake refunded, no scores.",
  },
];
