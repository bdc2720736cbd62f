/**
 * A small in-memory model of cruxes, bets and the ledger for the model-based test: the rules of
 * docs/lifecycle.md and docs/ledger.md restated plainly and independently of server/ (only the fill
 * arithmetic, which has its own exhaustive unit tests, is shared). For each action it says whether
 * the app must accept it (and if not, with which kind of refusal), and what every wallet, debt and
 * escrow must then hold.
 */
import { matchFill, smallestFill, type Outcome, type Side } from "@/server/domain/bets";

export type Status =
  "open" | "closed" | "resolving" | "disputed" | "awaiting-condition" | "resolved" | "annulled";

export type Expected = { ok: true } | { ok: false; code: "FORBIDDEN" | "CONFLICT" | "BAD_REQUEST" };

export type ModelAction =
  | { type: "forecast"; user: number; crux: number }
  | { type: "offer"; user: number; crux: number; side: Side; price: number; stake: number }
  | { type: "take"; user: number; offer: number; stake: number }
  | { type: "cancel"; user: number; offer: number }
  | { type: "propose"; user: number; crux: number; outcome: Outcome }
  | { type: "dispute"; user: number; crux: number }
  | { type: "decide"; user: number; crux: number; outcome: Outcome }
  | { type: "undo"; user: number; crux: number }
  | { type: "set-condition"; user: number; crux: number; condition: number | null }
  | { type: "advance"; hours: number };

interface User {
  wallet: number;
  debt: number;
  admin: boolean;
}

interface Finalization {
  from: Status;
  byCondition: boolean;
  order: number;
  at: number;
  /** Credits paid out of escrow to each user. */
  paid: Map<number, number>;
  /** Offers whose unmatched stake was refunded, and how much. */
  refunded: { offer: number; amount: number }[];
}

export interface Crux {
  id: number;
  creator: number;
  resolver: number;
  condition: number | null;
  closesAt: number;
  status: Status;
  proposal: { outcome: Outcome; by: number; until: number } | null;
  decided: Outcome | null;
  outcome: Outcome | null;
  byCondition: boolean;
  committed: boolean;
  forecasters: Set<number>;
  finalization: Finalization | null;
}

interface Offer {
  id: number;
  crux: number;
  maker: number;
  side: Side;
  price: number;
  remaining: number;
  status: "open" | "filled" | "cancelled" | "closed";
}

interface Fill {
  crux: number;
  offer: number;
  taker: number;
  takerStake: number;
  makerStake: number;
}

const refuse = (code: "FORBIDDEN" | "CONFLICT" | "BAD_REQUEST"): Expected => ({ ok: false, code });
const OK: Expected = { ok: true };
const isFinal = (s: Status) => s === "resolved" || s === "annulled";

export class LifecycleModel {
  users = new Map<number, User>();
  cruxes = new Map<number, Crux>();
  offers = new Map<number, Offer>();
  fills: Fill[] = [];
  escrow = new Map<number, number>();
  private finalizations = 0;
  /** What the sequence went through, so a run can show it exercised the hard paths. */
  stats = { annulledByCondition: 0, settledByCondition: 0, undone: 0, restored: 0, debts: 0 };
  /** The latest finalization that paid someone: who won, on which crux (to aim spends and undos). */
  lastPayout: { user: number; crux: number } | null = null;
  /** The crux whose own resolution is being finalized (what an undo of these payouts targets). */
  private root = 0;

  constructor(
    public now: number,
    private readonly windowMs: number,
  ) {}

  addUser(id: number, admin: boolean, grant: number) {
    this.users.set(id, { wallet: grant, debt: 0, admin });
  }

  addCrux(c: Pick<Crux, "id" | "creator" | "resolver" | "condition" | "closesAt">) {
    this.cruxes.set(c.id, {
      ...c,
      status: "open",
      proposal: null,
      decided: null,
      outcome: null,
      byCondition: false,
      committed: false,
      forecasters: new Set(),
      finalization: null,
    });
    this.escrow.set(c.id, 0);
  }

  effective(c: Crux): Status {
    return c.status === "open" && this.now >= c.closesAt ? "closed" : c.status;
  }

  private user(id: number) {
    return this.users.get(id)!;
  }

  private credit(userId: number, amount: number) {
    const u = this.user(userId);
    u.wallet += amount;
    const repay = Math.min(u.wallet, u.debt);
    u.wallet -= repay;
    u.debt -= repay;
  }

  /** A reversal always goes through: what the wallet can't cover is owed. */
  private debit(userId: number, amount: number) {
    const u = this.user(userId);
    const take = Math.min(u.wallet, amount);
    u.wallet -= take;
    u.debt += amount - take;
    if (amount > take) this.stats.debts += 1;
  }

  private hasStake(userId: number, c: Crux) {
    return (
      c.forecasters.has(userId) ||
      [...this.offers.values()].some((o) => o.crux === c.id && o.maker === userId) ||
      this.fills.some((f) => f.crux === c.id && f.taker === userId)
    );
  }

  private resolverHasPosition(c: Crux) {
    return (
      [...this.offers.values()].some(
        (o) => o.crux === c.id && o.maker === c.resolver && o.status === "open",
      ) ||
      this.fills.some(
        (f) =>
          f.crux === c.id &&
          (f.taker === c.resolver || this.offers.get(f.offer)!.maker === c.resolver),
      )
    );
  }

  /** Whether the app must accept the action now, and if not, how it must refuse. */
  expect(a: ModelAction): Expected {
    if (a.type === "advance") return OK;
    const u = this.user(a.user);
    switch (a.type) {
      case "forecast": {
        return this.effective(this.cruxes.get(a.crux)!) === "open" ? OK : refuse("CONFLICT");
      }
      case "offer": {
        const c = this.cruxes.get(a.crux)!;
        if (this.effective(c) !== "open" || u.debt > 0) return refuse("CONFLICT");
        return a.stake > u.wallet ? refuse("BAD_REQUEST") : OK;
      }
      case "take": {
        const o = this.offers.get(a.offer)!;
        if (this.effective(this.cruxes.get(o.crux)!) !== "open" || u.debt > 0)
          return refuse("CONFLICT");
        if (o.maker === a.user) return refuse("FORBIDDEN");
        if (o.status !== "open" || o.remaining < 1) return refuse("CONFLICT");
        const fill = this.fillOf(o, a.stake);
        if (!fill || fill.takerStake > u.wallet) return refuse("BAD_REQUEST");
        return OK;
      }
      case "cancel": {
        const o = this.offers.get(a.offer)!;
        if (o.maker !== a.user) return refuse("FORBIDDEN");
        return o.status === "open" ? OK : refuse("CONFLICT");
      }
      case "propose": {
        const c = this.cruxes.get(a.crux)!;
        if (a.user !== c.resolver && !u.admin) return refuse("FORBIDDEN");
        const s = this.effective(c);
        return s === "open" || s === "closed" ? OK : refuse("CONFLICT");
      }
      case "dispute": {
        const c = this.cruxes.get(a.crux)!;
        if (this.effective(c) !== "resolving" || !c.proposal) return refuse("CONFLICT");
        if (this.now >= c.proposal.until) return refuse("CONFLICT");
        if (c.proposal.by === a.user || !this.hasStake(a.user, c)) return refuse("FORBIDDEN");
        return OK;
      }
      case "decide": {
        const c = this.cruxes.get(a.crux)!;
        if (this.effective(c) !== "disputed") return refuse("CONFLICT");
        if (this.resolverHasPosition(c))
          return u.admin && a.user !== c.resolver ? OK : refuse("FORBIDDEN");
        return a.user === c.resolver || u.admin ? OK : refuse("FORBIDDEN");
      }
      case "undo": {
        const c = this.cruxes.get(a.crux)!;
        if (!u.admin) return refuse("FORBIDDEN");
        if (!isFinal(c.status) || c.byCondition) return refuse("CONFLICT");
        return OK;
      }
      case "set-condition": {
        const c = this.cruxes.get(a.crux)!;
        if (a.user !== c.creator && !u.admin) return refuse("FORBIDDEN");
        if (this.effective(c) !== "open" || c.committed) return refuse("CONFLICT");
        if (a.condition === null) return OK;
        if (isFinal(this.cruxes.get(a.condition)!.status)) return refuse("CONFLICT");
        for (let at: number | null = a.condition; at !== null; at = this.cruxes.get(at)!.condition)
          if (at === c.id) return refuse("BAD_REQUEST");
        return OK;
      }
    }
  }

  fillOf(o: Offer, stake: number) {
    try {
      return matchFill({ side: o.side, price: o.price, remaining: o.remaining }, stake);
    } catch {
      return null;
    }
  }

  /** Applies an accepted action; `offerId` is the id the app gave a new offer. */
  apply(a: ModelAction, offerId?: number) {
    switch (a.type) {
      case "forecast": {
        const c = this.cruxes.get(a.crux)!;
        c.forecasters.add(a.user);
        c.committed = true;
        return;
      }
      case "offer": {
        this.user(a.user).wallet -= a.stake;
        this.escrow.set(a.crux, this.escrow.get(a.crux)! + a.stake);
        this.offers.set(offerId!, {
          id: offerId!,
          crux: a.crux,
          maker: a.user,
          side: a.side,
          price: a.price,
          remaining: a.stake,
          status: "open",
        });
        this.cruxes.get(a.crux)!.committed = true;
        return;
      }
      case "take": {
        const o = this.offers.get(a.offer)!;
        const fill = this.fillOf(o, a.stake)!;
        this.user(a.user).wallet -= fill.takerStake;
        this.escrow.set(o.crux, this.escrow.get(o.crux)! + fill.takerStake);
        o.remaining -= fill.makerStake;
        if (o.remaining === 0) o.status = "filled";
        this.fills.push({ crux: o.crux, offer: o.id, taker: a.user, ...fill });
        return;
      }
      case "cancel": {
        const o = this.offers.get(a.offer)!;
        this.escrow.set(o.crux, this.escrow.get(o.crux)! - o.remaining);
        this.credit(o.maker, o.remaining);
        o.remaining = 0;
        o.status = "cancelled";
        return;
      }
      case "propose": {
        const c = this.cruxes.get(a.crux)!;
        c.status = "resolving";
        c.proposal = { outcome: a.outcome, by: a.user, until: this.now + this.windowMs };
        this.refundOpenOffers(c);
        return;
      }
      case "dispute":
        this.cruxes.get(a.crux)!.status = "disputed";
        return;
      case "decide":
        this.conclude(this.cruxes.get(a.crux)!, a.outcome);
        return;
      case "undo": {
        const c = this.cruxes.get(a.crux)!;
        this.stats.undone += 1;
        this.reverse(c);
        c.status = "disputed";
        c.decided = null;
        return;
      }
      case "set-condition":
        this.cruxes.get(a.crux)!.condition = a.condition;
        return;
      case "advance": {
        this.now += a.hours * 3600_000;
        const ids = [...this.cruxes.keys()].sort((x, y) => x - y);
        for (const id of ids) {
          const c = this.cruxes.get(id)!;
          if (c.status === "open" && this.now >= c.closesAt) {
            c.status = "closed";
            this.refundOpenOffers(c);
          }
        }
        for (const id of ids) {
          const c = this.cruxes.get(id)!;
          if (c.status === "resolving" && c.proposal && this.now >= c.proposal.until)
            this.conclude(c, c.proposal.outcome);
        }
        return;
      }
    }
  }

  /** Returns each open offer's unmatched stake; the amounts per offer, for a finalization record. */
  private refundOpenOffers(c: Crux) {
    const refunded: { offer: number; amount: number }[] = [];
    for (const o of this.offers.values()) {
      if (o.crux !== c.id || o.status !== "open") continue;
      if (o.remaining > 0) {
        this.escrow.set(c.id, this.escrow.get(c.id)! - o.remaining);
        this.credit(o.maker, o.remaining);
        refunded.push({ offer: o.id, amount: o.remaining });
      }
      o.remaining = 0;
      o.status = "closed";
    }
    return refunded;
  }

  private conclude(c: Crux, outcome: Outcome) {
    c.decided = outcome;
    this.root = c.id;
    const cond = c.condition === null ? null : this.cruxes.get(c.condition)!;
    if (cond && !isFinal(cond.status)) c.status = "awaiting-condition";
    else if (cond && cond.outcome !== "yes") this.finalize(c, "annulled", true);
    else this.finalize(c, outcome, false);
  }

  private finalize(c: Crux, outcome: Outcome, byCondition: boolean) {
    const paid = new Map<number, number>();
    const pay = (user: number, amount: number) => {
      if (amount <= 0) return;
      this.lastPayout = { user, crux: this.root };
      paid.set(user, (paid.get(user) ?? 0) + amount);
      this.escrow.set(c.id, this.escrow.get(c.id)! - amount);
      this.credit(user, amount);
    };
    for (const f of this.fills.filter((x) => x.crux === c.id)) {
      const o = this.offers.get(f.offer)!;
      const yesSide = o.side === "yes" ? o.maker : f.taker;
      const noSide = o.side === "yes" ? f.taker : o.maker;
      const pot = f.takerStake + f.makerStake;
      if (outcome === "yes") pay(yesSide, pot);
      else if (outcome === "no") pay(noSide, pot);
      else {
        pay(o.maker, f.makerStake);
        pay(f.taker, f.takerStake);
      }
    }
    const refunded = this.refundOpenOffers(c);
    for (const r of refunded) {
      const maker = this.offers.get(r.offer)!.maker;
      paid.set(maker, (paid.get(maker) ?? 0) + r.amount);
    }
    c.finalization = {
      from: c.status,
      byCondition,
      order: ++this.finalizations,
      at: this.now,
      paid,
      refunded,
    };
    c.status = outcome === "annulled" ? "annulled" : "resolved";
    c.outcome = outcome;
    c.byCondition = byCondition;
    for (const d of this.dependents(c)) this.conditionFinal(d, outcome);
  }

  private conditionFinal(d: Crux, outcome: Outcome) {
    if (isFinal(d.status)) return;
    if (outcome !== "yes") {
      this.stats.annulledByCondition += 1;
      this.finalize(d, "annulled", true);
    } else if (d.status === "awaiting-condition") {
      this.stats.settledByCondition += 1;
      this.finalize(d, d.decided!, false);
    }
  }

  private dependents(c: Crux) {
    return [...this.cruxes.values()]
      .filter((d) => d.condition === c.id)
      .sort((x, y) => x.id - y.id);
  }

  /** Undoes c's finalization: final dependents first (newest first), then c's own payouts. */
  private reverse(c: Crux) {
    const finals = this.dependents(c)
      .filter((d) => isFinal(d.status))
      .sort((x, y) => y.finalization!.order - x.finalization!.order);
    for (const d of finals) {
      const record = d.finalization!;
      this.stats.restored += 1;
      this.reverse(d);
      d.status = record.byCondition ? record.from : "awaiting-condition";
      if (d.status === "resolving" && d.proposal)
        d.proposal.until = this.now + Math.max(0, d.proposal.until - record.at);
    }
    const record = c.finalization!;
    for (const [user, amount] of record.paid) {
      this.debit(user, amount);
      this.escrow.set(c.id, this.escrow.get(c.id)! + amount);
    }
    for (const r of record.refunded) {
      const o = this.offers.get(r.offer)!;
      o.remaining += r.amount;
      o.status = "open";
    }
    c.finalization = null;
    c.outcome = null;
    c.byCondition = false;
  }

  /** Credits that exist: every wallet and escrow, less what is owed (never more or less than granted). */
  total(): number {
    let sum = 0;
    for (const u of this.users.values()) sum += u.wallet - u.debt;
    for (const e of this.escrow.values()) sum += e;
    return sum;
  }

  /** Users with a forecast or a bet on the crux who did not propose its resolution. */
  disputers(cruxId: number): number[] {
    const c = this.cruxes.get(cruxId)!;
    return [...this.users.keys()].filter(
      (u) => u !== c.proposal?.by && !this.users.get(u)!.admin && this.hasStake(u, c),
    );
  }

  /** Who may decide a dispute on the crux (by the rules; the test also asks others). */
  decider(cruxId: number, admin: number): number {
    const c = this.cruxes.get(cruxId)!;
    return this.resolverHasPosition(c) ? admin : c.resolver;
  }

  /** Offers a taker could take now (open, with something left). */
  openOffers(): Offer[] {
    return [...this.offers.values()].filter((o) => o.status === "open" && o.remaining > 0);
  }

  smallestStake(side: Side, price: number): number {
    return smallestFill({ side, price }).makerStake;
  }
}
