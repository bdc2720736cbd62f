/**
 * Offers and fills. Every money operation locks its crux row first, so operations on one crux run
 * one at a time (no overfilled offer, no double spend) while different cruxes proceed in parallel.
 */
import crypto from "node:crypto";
import { ensureUnlocked } from "./moderation/locks";
import { and, asc, eq, gt, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor, Tx } from "@/db/client";
import { cruxes, fills, idempotencyKeys, offers, users } from "@/db/schema";
import {
  BetError,
  checkOffer,
  matchFill,
  MAX_STAKE,
  positionOutcomes,
  sideOf,
  smallestFill,
  type Outcome,
  type PositionOutcomes,
  type Side,
} from "@/server/domain/bets";
import { transfer } from "@/server/domain/ledger";
import { AppError, badInput, conflict, forbidden, notFound } from "@/server/errors";
import { lockCrux, lockCruxOfOffer } from "./cruxes";
import { debateEvent, type PendingEvent } from "./events";
import { ensureAllowed } from "./lifecycle/engine";
import { escrowAccount, post, userAccount } from "./ledger";
import { autoFollowCrux } from "./follows";
import { notify } from "./notifications";
import { commit, type Actor, type Services } from "./services";

/** Runs bet rules, turning a BetError into a 400 that names the field. */
async function betInput<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BetError) throw badInput(err.field, err.message);
    throw err;
  }
}

/** A stable digest of a request's fields (key order does not matter), the key itself left out. */
function requestDigest(operation: string, request: object): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k, x]) => k !== "idempotencyKey" && x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([operation, canonical(request)]))
    .digest("hex");
}

/**
 * Runs `work` once per (user, key). A retry of the same request with the same key returns the
 * stored result and moves nothing; a concurrent duplicate waits on the first one's key row, then
 * reads its result. The same key with a different request is refused (422): it is a client bug,
 * and answering with the first result would hide it.
 */
async function once<T>(
  tx: Tx,
  actor: Actor,
  key: string | undefined,
  operation: string,
  request: object,
  work: () => Promise<{ value: T; events: PendingEvent[] }>,
): Promise<{ value: T; events: PendingEvent[] }> {
  if (!key) return work();
  const requestHash = requestDigest(operation, request);
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId: actor.id, key, operation, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [stored] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, key)));
    if (stored?.operation !== operation || stored.requestHash !== requestHash)
      throw new AppError(
        "UNPROCESSABLE_CONTENT",
        `The idempotency key "${key}" was already used for a different request; use a new key for a new request.`,
        "idempotencyKey",
      );
    return { value: stored.response as T, events: [] };
  }
  const result = await work();
  await tx
    .update(idempotencyKeys)
    .set({ response: result.value as object })
    .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, key)));
  return result;
}

/** The offer row, locked (its crux is locked first: docs/locking.md). */
const lockOffer = (tx: Tx, offerId: number) =>
  tx
    .select()
    .from(offers)
    .where(eq(offers.id, offerId))
    .for("update")
    .prepare("lock_offer")
    .execute();

/** Inserts an offer and escrows the maker's whole stake, inside the caller's transaction. */
export async function recordOffer(
  tx: Tx,
  crux: { id: number; title: string },
  makerId: number,
  o: {
    side: Side;
    price: number;
    stake: number;
    counterpartyId?: number | null;
    note?: string | undefined;
    expiresAt?: Date | null;
  },
): Promise<number> {
  const [offer] = await tx
    .insert(offers)
    .values({
      cruxId: crux.id,
      makerId,
      side: o.side,
      price: o.price,
      stake: o.stake,
      remaining: o.stake,
      counterpartyId: o.counterpartyId ?? null,
      note: o.note ?? "",
      expiresAt: o.expiresAt ?? null,
    })
    .returning({ id: offers.id });
  await post(
    tx,
    {
      kind: "offer",
      memo: `Offer on “${crux.title}”: ${o.side.toUpperCase()} at ${o.price}%`,
      cruxId: crux.id,
      offerId: offer!.id,
      userId: makerId,
    },
    transfer(userAccount(makerId), escrowAccount(crux.id), o.stake),
  );
  return offer!.id;
}

/**
 * Matches a taker's stake against an offer (the fill rule, docs/ledger.md), escrows the taker's side and
 * lowers what is left of the offer, inside the caller's transaction. Throws BetError on a bad stake.
 */
export async function recordFill(
  tx: Tx,
  crux: { id: number; title: string },
  offer: { id: number; side: string; price: number; remaining: number },
  takerId: number,
  stake: number,
): Promise<FillResult> {
  const fill = matchFill(
    { side: offer.side as Side, price: offer.price, remaining: offer.remaining },
    stake,
  );
  const [row] = await tx
    .insert(fills)
    .values({
      offerId: offer.id,
      cruxId: crux.id,
      takerId,
      takerStake: fill.takerStake,
      makerStake: fill.makerStake,
    })
    .returning({ id: fills.id });
  await post(
    tx,
    {
      kind: "fill",
      memo: `Took ${offer.side === "yes" ? "NO" : "YES"} at ${offer.price}% on “${crux.title}”`,
      cruxId: crux.id,
      offerId: offer.id,
      fillId: row!.id,
      userId: takerId,
    },
    transfer(userAccount(takerId), escrowAccount(crux.id), fill.takerStake),
  );
  const remaining = offer.remaining - fill.makerStake;
  await tx
    .update(offers)
    .set({ remaining, status: remaining === 0 ? "filled" : "open" })
    .where(eq(offers.id, offer.id));
  return { fillId: row!.id, ...fill };
}

export interface OfferView {
  id: number;
  cruxId: number;
  makerHandle: string;
  side: Side;
  price: number;
  stake: number;
  remaining: number;
  status: string;
  counterpartyHandle: string | null;
  note: string;
  expiresAt: string | null;
  createdAt: string;
  /** What a taker would risk to take all that is left. */
  takerRiskForRemaining: number;
}

export interface CreateOfferInput {
  side: Side;
  price: number;
  stake: number;
  counterpartyHandle?: string | undefined;
  note?: string | undefined;
  expiresAt?: number | undefined;
  idempotencyKey?: string | undefined;
}

export function createOffer(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: CreateOfferInput,
  now: number,
): Promise<OfferView> {
  return commit(services, (tx) =>
    once(tx, actor, input.idempotencyKey, `offer:${cruxId}`, input, async () => {
      await betInput(() => checkOffer(input));
      const least = smallestFill(input);
      if (input.stake < least.makerStake)
        throw badInput(
          "stake",
          `at ${input.price}% nobody could take a stake of ${input.stake}: offer at least ${least.makerStake} credits`,
        );
      const { crux, debate } = await lockCrux(tx, cruxId);
      await ensureAllowed(tx, cruxId, { type: "offer" }, actor, now);
      await ensureUnlocked(tx, { debateId: debate.id, claimId: crux.claimId }, "offer");
      if (input.expiresAt !== undefined && input.expiresAt <= now)
        throw badInput("expiresAt", "must be in the future");
      let counterpartyId: number | null = null;
      if (input.counterpartyHandle) {
        const [other] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.handle, input.counterpartyHandle.toLowerCase()));
        if (!other)
          throw badInput("counterpartyHandle", `no user with handle "${input.counterpartyHandle}"`);
        if (other.id === actor.id)
          throw badInput("counterpartyHandle", "you can't address an offer to yourself");
        counterpartyId = other.id;
      }
      await autoFollowCrux(tx, actor.id, crux, now);
      const offerId = await recordOffer(tx, crux, actor.id, {
        ...input,
        counterpartyId,
        expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt),
      });
      if (counterpartyId !== null)
        await notify(
          tx,
          counterpartyId,
          "offer",
          `@${actor.handle} challenged you to a bet on “${crux.title}”`,
          `/cruxes/${cruxId}`,
        );
      const view = await loadOffer(tx, offerId);
      const event = debateEvent(debate, "offer.created", { cruxId, offerId }, actor.id);
      return { value: view, events: [event] };
    }),
  );
}

export function cancelOffer(
  services: Services,
  actor: Actor,
  offerId: number,
): Promise<{ status: string; refunded: number }> {
  return commit(services, async (tx) => {
    const { refunded, event } = await cancelOfferIn(tx, offerId, actor);
    return { value: { status: "cancelled", refunded }, events: [event] };
  });
}

/**
 * Cancels an open offer inside the caller's transaction and refunds its unmatched stake to the
 * maker. `by`: the maker themself, or "moderation" (a suspension or ban cancels the person's open
 * offers; docs/moderation.md). Locks the crux, then the offer, then the ledger (docs/locking.md).
 */
export async function cancelOfferIn(
  tx: Tx,
  offerId: number,
  by: Actor | "moderation",
): Promise<{ refunded: number; makerId: number; event: PendingEvent }> {
  const { debate } = await lockCruxOfOffer(tx, offerId);
  const [offer] = await lockOffer(tx, offerId);
  if (!offer) throw notFound(`No offer with id ${offerId}.`);
  if (by !== "moderation" && offer.makerId !== by.id)
    throw forbidden("Only the offer's maker can cancel it.");
  if (offer.status !== "open")
    throw conflict(`This offer is ${offer.status}; there is nothing to cancel.`);
  const refunded = offer.remaining;
  if (refunded > 0)
    await post(
      tx,
      {
        kind: "cancel",
        memo:
          by === "moderation"
            ? "Offer cancelled by moderation (account suspended or banned)"
            : "Cancelled the unmatched part of an offer",
        cruxId: offer.cruxId,
        offerId,
        userId: offer.makerId,
      },
      transfer(escrowAccount(offer.cruxId), userAccount(offer.makerId), refunded),
    );
  await tx.update(offers).set({ remaining: 0, status: "cancelled" }).where(eq(offers.id, offerId));
  const event = debateEvent(
    debate,
    "offer.updated",
    { cruxId: offer.cruxId, offerId },
    by === "moderation" ? null : by.id,
  );
  return { refunded, makerId: offer.makerId, event };
}

export interface FillResult {
  fillId: number;
  takerStake: number;
  makerStake: number;
  pot: number;
}

export function acceptOffer(
  services: Services,
  actor: Actor,
  offerId: number,
  input: { stake: number; idempotencyKey?: string | undefined },
  now: number,
): Promise<FillResult> {
  return commit(services, (tx) =>
    once(tx, actor, input.idempotencyKey, `accept:${offerId}`, input, async () => {
      const { crux, debate } = await lockCruxOfOffer(tx, offerId);
      await ensureAllowed(tx, crux.id, { type: "take" }, actor, now);
      await ensureUnlocked(tx, { debateId: debate.id, claimId: crux.claimId }, "take");
      const [offer] = await lockOffer(tx, offerId);
      if (!offer) throw notFound(`No offer with id ${offerId}.`);
      if (offer.makerId === actor.id) throw forbidden("You can't accept your own offer.");
      if (offer.counterpartyId !== null && offer.counterpartyId !== actor.id)
        throw forbidden("This offer is addressed to someone else.");
      if (offer.status !== "open" || offer.remaining < 1)
        throw conflict("Nothing is left of this offer.");
      if (offer.expiresAt && offer.expiresAt.getTime() <= now)
        throw conflict("This offer has expired.");
      const fill = await betInput(() => recordFill(tx, crux, offer, actor.id, input.stake));
      await autoFollowCrux(tx, actor.id, crux, now);
      await notify(
        tx,
        offer.makerId,
        "fill",
        `@${actor.handle} took ${fill.takerStake} credits against your offer on “${crux.title}” (pot ${fill.pot})`,
        `/cruxes/${offer.cruxId}`,
      );
      const event = debateEvent(
        debate,
        "offer.updated",
        { cruxId: offer.cruxId, offerId, fillId: fill.fillId },
        actor.id,
      );
      return { value: fill, events: [event] };
    }),
  );
}

/** What a taker must risk to take everything left of an offer (0 when too little is left to match). */
function takerStakeForAll(side: Side, price: number, remaining: number): number {
  if (remaining < 1) return 0;
  try {
    return matchFill({ side, price, remaining }, MAX_STAKE).takerStake;
  } catch {
    return 0;
  }
}

const offerColumns = {
  offer: offers,
  makerHandle: users.handle,
  counterpartyHandle: sql<
    string | null
  >`(select handle from users c where c.id = ${offers.counterpartyId})`,
};

function toOfferView(r: {
  offer: typeof offers.$inferSelect;
  makerHandle: string;
  counterpartyHandle: string | null;
}): OfferView {
  const o = r.offer;
  const side = o.side as Side;
  return {
    id: o.id,
    cruxId: o.cruxId,
    makerHandle: r.makerHandle,
    side,
    price: o.price,
    stake: o.stake,
    remaining: o.remaining,
    status: o.status,
    counterpartyHandle: r.counterpartyHandle,
    note: o.note,
    expiresAt: o.expiresAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    takerRiskForRemaining: takerStakeForAll(side, o.price, o.remaining),
  };
}

export async function loadOffer(db: DbExecutor, offerId: number): Promise<OfferView> {
  const [row] = await db
    .select(offerColumns)
    .from(offers)
    .innerJoin(users, eq(users.id, offers.makerId))
    .where(eq(offers.id, offerId));
  if (!row) throw notFound(`No offer with id ${offerId}.`);
  return toOfferView(row);
}

/** Open offers on a crux as an order book: YES offers and NO offers, best price for a taker first. */
export async function openOffers(
  db: DbExecutor,
  cruxId: number,
  now: number,
): Promise<OfferView[]> {
  const rows = await db
    .select(offerColumns)
    .from(offers)
    .innerJoin(users, eq(users.id, offers.makerId))
    .where(and(eq(offers.cruxId, cruxId), eq(offers.status, "open"), sql`${offers.remaining} > 0`))
    .orderBy(asc(offers.side), asc(offers.price), asc(offers.id));
  return rows
    .map(toOfferView)
    .filter((o) => o.expiresAt === null || Date.parse(o.expiresAt) > now)
    .sort((a, b) =>
      a.side === b.side
        ? a.side === "yes"
          ? b.price - a.price
          : a.price - b.price
        : a.side === "yes"
          ? -1
          : 1,
    );
}

/**
 * Expired offers give their unmatched stakes back. Run by the server's timer, each crux in its own
 * transaction. (Offers of a crux that closes are refunded by its close step, lifecycle/scheduler.)
 */
export async function expireDueOffers(services: Services, now: number): Promise<number> {
  const due = await services.db
    .selectDistinct({ cruxId: offers.cruxId })
    .from(offers)
    .where(and(eq(offers.status, "open"), lte(offers.expiresAt, new Date(now))));
  let expired = 0;
  for (const { cruxId } of due) {
    expired += await commit(services, async (tx) => {
      const { crux, debate } = await lockCrux(tx, cruxId);
      // Re-read under the lock: another process may have refunded them meanwhile.
      const list = await tx
        .select()
        .from(offers)
        .where(
          and(
            eq(offers.cruxId, cruxId),
            eq(offers.status, "open"),
            lte(offers.expiresAt, new Date(now)),
          ),
        )
        .orderBy(asc(offers.id))
        .for("update");
      const events: PendingEvent[] = [];
      for (const offer of list) {
        if (offer.remaining > 0)
          await post(
            tx,
            {
              kind: "refund",
              memo: `Refund of an expired offer: “${crux.title}”`,
              cruxId,
              offerId: offer.id,
              userId: offer.makerId,
            },
            transfer(escrowAccount(cruxId), userAccount(offer.makerId), offer.remaining),
          );
        await tx
          .update(offers)
          .set({ remaining: 0, status: "expired" })
          .where(eq(offers.id, offer.id));
        events.push(debateEvent(debate, "offer.updated", { cruxId, offerId: offer.id }, null));
      }
      return { value: list.length, events };
    });
  }
  return expired;
}

export interface PositionFill {
  fillId: number;
  offerId: number;
  role: "maker" | "taker";
  /** The side this person backs in the fill. */
  side: Side;
  price: number;
  myStake: number;
  theirStake: number;
  counterpartyHandle: string;
  at: string;
}

export interface Position extends PositionOutcomes {
  fills: PositionFill[];
  /** This person's open offers on the crux: the unmatched stakes, refunded if nobody takes them. */
  openOffers: { offerId: number; side: Side; price: number; remaining: number }[];
  /** Credits still locked in those open offers. */
  inOffers: number;
  /** The crux's final outcome, once it is resolved or annulled. */
  outcome: Outcome | null;
  /** What the fills came to at that outcome (net, credits), once final. */
  result: number | null;
}

const takerUser = alias(users, "taker_user");
const makerUser = alias(users, "maker_user");

/**
 * One person's position on a crux: their fills as maker or taker, their open offers, what they
 * risk and what they win on each outcome (positionOutcomes, the settlement rule), and once the crux
 * is final what they won or lost.
 */
export async function getPosition(
  db: DbExecutor,
  cruxId: number,
  userId: number,
  now: number,
): Promise<Position> {
  const [crux] = await db
    .select({ status: cruxes.status, outcome: cruxes.outcome })
    .from(cruxes)
    .where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  const rows = await db
    .select({
      fill: fills,
      makerId: offers.makerId,
      makerSide: offers.side,
      price: offers.price,
      makerHandle: makerUser.handle,
      takerHandle: takerUser.handle,
    })
    .from(fills)
    .innerJoin(offers, eq(offers.id, fills.offerId))
    .innerJoin(makerUser, eq(makerUser.id, offers.makerId))
    .innerJoin(takerUser, eq(takerUser.id, fills.takerId))
    .where(and(eq(fills.cruxId, cruxId), or(eq(offers.makerId, userId), eq(fills.takerId, userId))))
    .orderBy(asc(fills.id));
  const held = rows.map((r) => ({
    role: r.makerId === userId ? ("maker" as const) : ("taker" as const),
    makerSide: r.makerSide as Side,
    makerStake: r.fill.makerStake,
    takerStake: r.fill.takerStake,
  }));
  const open = await db
    .select({
      offerId: offers.id,
      side: offers.side,
      price: offers.price,
      remaining: offers.remaining,
      expiresAt: offers.expiresAt,
    })
    .from(offers)
    .where(
      and(
        eq(offers.cruxId, cruxId),
        eq(offers.makerId, userId),
        eq(offers.status, "open"),
        gt(offers.remaining, 0),
      ),
    )
    .orderBy(asc(offers.id));
  const openOffers = open
    .filter((o) => o.expiresAt === null || o.expiresAt.getTime() > now)
    .map((o) => ({
      offerId: o.offerId,
      side: o.side as Side,
      price: o.price,
      remaining: o.remaining,
    }));
  const outcomes = positionOutcomes(held);
  const outcome: Outcome | null =
    crux.status === "annulled"
      ? "annulled"
      : crux.status === "resolved" && crux.outcome !== "value"
        ? crux.outcome
        : null;
  return {
    ...outcomes,
    fills: rows.map((r, i) => {
      const h = held[i]!;
      return {
        fillId: r.fill.id,
        offerId: r.fill.offerId,
        role: h.role,
        side: sideOf(h),
        price: r.price,
        myStake: h.role === "maker" ? h.makerStake : h.takerStake,
        theirStake: h.role === "maker" ? h.takerStake : h.makerStake,
        counterpartyHandle: h.role === "maker" ? r.takerHandle : r.makerHandle,
        at: r.fill.createdAt.toISOString(),
      };
    }),
    openOffers,
    inOffers: openOffers.reduce((sum, o) => sum + o.remaining, 0),
    outcome,
    result: outcome === null ? null : outcomes.net[outcome],
  };
}
