/**
 * Carries out lifecycle steps inside a transaction: asks server/domain/lifecycle.ts, records the
 * step (from, to, action, actor, note, time), does the effects it names (refunds, settlement,
 * scores, reversal), updates the crux, and follows the condition cascade to dependents. The caller
 * holds the family lock (locks.ts).
 */
import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cruxes, cruxTransitions, fills, forecasts, offers, resolutions, users } from "@/db/schema";
import {
  describeVerdict,
  isFinal,
  restoredDisputeUntil,
  transition,
  type Action,
  type CruxFacts,
  type CruxStatus,
  type Decision,
  type Refusal,
  type Step,
  type Verdict,
} from "@/server/domain/lifecycle";
import { badInput, conflict, forbidden, notFound, type AppError } from "@/server/errors";
import { audience } from "@/server/domain/notifications";
import { debateEvent, type DebateRef, type PendingEvent } from "../events";
import type { Entry } from "../ledger";
import { followersOf } from "../followers";
import { notifyAll } from "../notifications";
import type { Actor } from "../services";
import { loadFacts } from "./facts";
import { currentFinalization, reverseFinalization } from "./reversal";
import { refundUnmatched, scoreNumericCrux, settleCrux } from "./settlement";

/** One transaction's lifecycle work: where events and journal entries collect, and the clock. */
export interface Run {
  tx: Tx;
  debate: DebateRef;
  now: number;
  events: PendingEvent[];
  /** Written together (postAll) as the transaction's last money work: wallets locked briefly. */
  ledger: Entry[];
}

export const refusalError = (r: Refusal): AppError =>
  r.code === "forbidden"
    ? forbidden(r.reason)
    : r.code === "invalid"
      ? badInput(r.field ?? "input", r.reason)
      : conflict(r.reason);

/** Asks the rules whether `actor` (null: the system) may do `action` on a crux now. */
export async function decide(
  tx: Tx,
  cruxId: number,
  action: Action,
  actor: Actor | null,
  now: number,
): Promise<{ decision: Decision; facts: CruxFacts }> {
  const { facts, actor: who } = await loadFacts(tx, cruxId, actor);
  return { decision: transition(facts, action, who ?? { kind: "system" }, now), facts };
}

/** Throws the rules' refusal (403 or 409, with the reason) unless the action is allowed. */
export async function ensureAllowed(
  tx: Tx,
  cruxId: number,
  action: Action,
  actor: Actor | null,
  now: number,
): Promise<CruxFacts> {
  const { decision, facts } = await decide(tx, cruxId, action, actor, now);
  if (!decision.ok) throw refusalError(decision);
  return facts;
}

export interface StepOptions {
  note?: string;
  /** The step of another crux that caused this one (the cascade, or undoing it). */
  causeId?: number | null;
  /** Runs once the step is allowed, before its effects (e.g. storing the proposal or dispute). */
  beforeEffects?: () => Promise<void>;
}

export interface StepDone {
  to: CruxStatus;
  transitionId: number;
}

/**
 * Runs one step on a crux the caller has locked (with its family). Refusals throw; with
 * `orSkip`, they return null instead (the timer, which re-checks under the lock).
 */
export async function runStep(
  run: Run,
  cruxId: number,
  action: Action,
  actor: Actor | null,
  options: StepOptions & { orSkip: true },
): Promise<StepDone | null>;
export async function runStep(
  run: Run,
  cruxId: number,
  action: Action,
  actor: Actor | null,
  options?: StepOptions & { orSkip?: false },
): Promise<StepDone>;
export async function runStep(
  run: Run,
  cruxId: number,
  action: Action,
  actor: Actor | null,
  options: StepOptions & { orSkip?: boolean } = {},
): Promise<StepDone | null> {
  const { tx, now } = run;
  const { decision, facts } = await decide(tx, cruxId, action, actor, now);
  if (!decision.ok) {
    if (options.orSkip) return null;
    throw refusalError(decision);
  }
  const [crux] = await tx.select().from(cruxes).where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  if (!decision.moves) return { to: decision.to, transitionId: 0 };
  await options.beforeEffects?.();

  const [recorded] = await tx
    .insert(cruxTransitions)
    .values({
      cruxId,
      fromStatus: decision.from,
      toStatus: decision.to,
      action: action.type,
      actorId: actor?.id ?? null,
      note: options.note ?? "",
      ...stepOutcome(action, decision),
      causeId: options.causeId ?? null,
      at: new Date(now),
    })
    .returning({ id: cruxTransitions.id });
  const id = recorded!.id;

  // Undoing reverses the current finalization; remember when it happened first.
  const undone = isFinal(decision.from) ? await currentFinalization(tx, cruxId) : null;
  const patch: Partial<typeof cruxes.$inferInsert> = { status: decision.to };
  let closedAt = crux.closedAt;
  let cascade: Verdict | null = null;
  let derived: { value: number | null } | null = null;
  for (const effect of decision.effects) {
    switch (effect.kind) {
      case "close-now":
        closedAt ??= new Date(Math.min(now, crux.closesAt.getTime()));
        patch.closedAt = closedAt;
        break;
      case "refund-unmatched":
        await refundUnmatched(
          tx,
          run.ledger,
          crux,
          id,
          action.type === "close" ? "closed" : "resolving",
        );
        break;
      case "record-outcome":
        patch.decidedOutcome = effect.outcome;
        patch.decidedValue = effect.value;
        break;
      case "settle": {
        closedAt ??= new Date(Math.min(now, crux.closesAt.getTime()));
        patch.closedAt = closedAt;
        if (effect.outcome === "value")
          await scoreNumericCrux(tx, crux, effect.value!, closedAt.getTime());
        else
          await settleCrux(
            tx,
            run.ledger,
            crux,
            effect.outcome,
            id,
            closedAt.getTime(),
            effect.conditionNotMet,
          );
        patch.outcome = effect.outcome;
        patch.resolvedValue = effect.outcome === "value" ? effect.value : null;
        patch.annulledByCondition = effect.conditionNotMet;
        break;
      }
      case "cascade":
        cascade = effect.outcome;
        break;
      case "resolve-derived":
        derived = { value: effect.value };
        break;
      case "reverse-finalization":
        await reverseFinalization(tx, run.ledger, crux, id, async (dependentId, restore) => {
          await runStep(run, dependentId, restore, null, { causeId: id });
        });
        patch.outcome = null;
        patch.resolvedValue = null;
        patch.annulledByCondition = false;
        break;
      case "clear-outcome":
        patch.decidedOutcome = null;
        patch.decidedValue = null;
        break;
      case "reopen":
        patch.closedAt = null;
        break;
      case "resume-window":
        if (facts.proposal && undone)
          await tx
            .update(resolutions)
            .set({
              disputeUntil: new Date(
                restoredDisputeUntil(facts.proposal.disputeUntil, undone.at.getTime(), now),
              ),
            })
            .where(eq(resolutions.cruxId, cruxId));
        break;
    }
  }
  if (!isFinal(decision.to)) {
    patch.outcome = null;
    patch.resolvedValue = null;
  }
  await tx.update(cruxes).set(patch).where(eq(cruxes.id, cruxId));
  run.events.push(
    debateEvent(
      run.debate,
      "crux.resolution",
      {
        cruxId,
        status: decision.to,
        outcome: patch.outcome ?? null,
        ...(crux.kind === "numeric" ? { value: patch.resolvedValue ?? null } : {}),
      },
      actor?.id ?? null,
    ),
  );
  await announce(tx, { ...crux, ...patch } as typeof crux, action, decision, facts, actor);

  // A numeric crux's threshold cruxes follow its number, in ascending id order (docs/numeric-cruxes.md).
  if (derived !== null) {
    const value = (derived as { value: number | null }).value;
    const children = await tx
      .select({ id: cruxes.id })
      .from(cruxes)
      .where(eq(cruxes.derivedFromCruxId, cruxId))
      .orderBy(asc(cruxes.id));
    for (const child of children)
      await runStep(run, child.id, { type: "parent-final", value }, null, {
        causeId: id,
        orSkip: true,
      });
  }
  // The condition cascade: dependents follow this crux's final outcome, in ascending id order.
  if (cascade !== null) {
    const dependents = await tx
      .select({ id: cruxes.id })
      .from(cruxes)
      .where(eq(cruxes.conditionCruxId, cruxId))
      .orderBy(asc(cruxes.id));
    for (const d of dependents)
      await runStep(run, d.id, { type: "condition-final", outcome: cascade }, null, {
        causeId: id,
        orSkip: true,
      });
  }
  return { to: decision.to, transitionId: id };
}

function stepOutcome(
  action: Action,
  decision: Step,
): { outcome: Verdict | null; value: number | null } {
  const settled = decision.effects.find((e) => e.kind === "settle");
  if (settled?.kind === "settle") return { outcome: settled.outcome, value: settled.value };
  const recorded = decision.effects.find((e) => e.kind === "record-outcome");
  if (recorded?.kind === "record-outcome")
    return { outcome: recorded.outcome, value: recorded.value };
  if ("outcome" in action)
    return { outcome: action.outcome, value: "value" in action ? (action.value ?? null) : null };
  return { outcome: null, value: null };
}

/** Everyone with a forecast or a bet on the crux (they may dispute and are notified). */
async function participants(tx: Tx, cruxId: number): Promise<Set<number>> {
  const ids = new Set<number>();
  // One query at a time: a transaction is one connection.
  const lists = [
    await tx
      .selectDistinct({ id: forecasts.userId })
      .from(forecasts)
      .where(eq(forecasts.cruxId, cruxId)),
    await tx.selectDistinct({ id: offers.makerId }).from(offers).where(eq(offers.cruxId, cruxId)),
    await tx.selectDistinct({ id: fills.takerId }).from(fills).where(eq(fills.cruxId, cruxId)),
  ];
  for (const list of lists) for (const row of list) ids.add(row.id);
  return ids;
}

/** In-app notifications for the step, to everyone it concerns but the one who took it. */
async function announce(
  tx: Tx,
  crux: typeof cruxes.$inferSelect,
  action: Action,
  decision: Step,
  facts: CruxFacts,
  actor: Actor | null,
): Promise<void> {
  const title = `“${crux.title}”`;
  const link = `/cruxes/${crux.id}`;
  // Participants, the crux's and its debate's followers, and any deciders: each once.
  const others = async (extra: number[] = []) => {
    const followers = await followersOf(tx, crux);
    return audience(
      [await participants(tx, crux.id), followers.ofCrux, followers.ofDebate, extra],
      actor?.id ?? null,
    );
  };
  const verdict = crux.outcome ?? crux.decidedOutcome;
  const outcome = verdict
    ? describeVerdict(verdict, crux.resolvedValue ?? crux.decidedValue, crux.unit)
    : "";
  switch (action.type) {
    case "propose":
      return notifyAll(
        tx,
        await others(),
        "resolution",
        `${title} was proposed to resolve ${describeVerdict(action.outcome, action.value ?? null, crux.unit)}; you can dispute it during the dispute window`,
        link,
      );
    case "dispute": {
      const admins = await tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true));
      const deciders = facts.resolverHasPosition
        ? admins.map((a) => a.id)
        : [facts.resolverId, ...admins.map((a) => a.id)];
      return notifyAll(
        tx,
        await others(deciders),
        "dispute",
        `@${actor?.handle ?? "someone"} disputed the resolution of ${title}${facts.resolverHasPosition ? " (an admin decides: the resolver holds a bet on it)" : ""}`,
        link,
      );
    }
    case "undo":
      return notifyAll(
        tx,
        await others(),
        "resolution",
        `An admin undid the resolution of ${title}: payouts reversed, scores removed; it awaits a new decision`,
        link,
      );
    case "parent-undone":
      return notifyAll(
        tx,
        await others(),
        "resolution",
        `The resolution of the numeric crux behind ${title} was undone; it is ${decision.to} again`,
        link,
      );
    case "condition-undone":
      return notifyAll(
        tx,
        await others(),
        "resolution",
        `The resolution of the condition of ${title} was undone; it is ${decision.to} again`,
        link,
      );
    default:
      break;
  }
  if (decision.to === "awaiting-condition")
    return notifyAll(
      tx,
      await others(),
      "resolution",
      `${title} was decided ${outcome}; its bets settle when its condition resolves`,
      link,
    );
  if (isFinal(decision.to))
    return notifyAll(
      tx,
      await others(),
      "finalized",
      crux.annulledByCondition
        ? `${title} was annulled because its condition did not resolve YES: bets refunded`
        : decision.to === "annulled"
          ? `${title} was annulled: bets refunded`
          : `${title} resolved ${outcome}: bets settled and forecasts scored`,
      link,
    );
}
