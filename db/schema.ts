import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  check,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { DistributionInput } from "../server/domain/numeric";

export const stanceEnum = pgEnum("stance", ["supports", "opposes", "clarifies"]);
export const voteAxisEnum = pgEnum("vote_axis", ["quality", "agreement"]);
/** The database holds only what the rules name (server/domain/lifecycle.ts, bets.ts). */
export const cruxStatusEnum = pgEnum("crux_status", [
  "open",
  "closed",
  "resolving",
  "disputed",
  "awaiting-condition",
  "resolved",
  "annulled",
]);
/** "value": a numeric crux resolved to the number stored beside it (docs/numeric-cruxes.md). */
export const outcomeEnum = pgEnum("outcome", ["yes", "no", "annulled", "value"]);
/** A yes/no question, or a numeric one resolving to a number in a range (docs/numeric-cruxes.md). */
export const cruxKindEnum = pgEnum("crux_kind", ["binary", "numeric"]);
export const numericScaleEnum = pgEnum("numeric_scale", ["linear", "log"]);
export const sideEnum = pgEnum("side", ["yes", "no"]);
export const offerStatusEnum = pgEnum("offer_status", [
  "open",
  "filled",
  "cancelled",
  "expired",
  "closed",
]);
export const directionEnum = pgEnum("evidence_direction", ["yes", "no", "neutral"]);

/** Credits: whole numbers up to the largest stake the bet rules allow (about 9e13), so bigint. */
const credits = (name: string) => bigint(name, { mode: "number" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  handle: text("handle").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash"),
  githubId: text("github_id").unique(),
  isAdmin: boolean("is_admin").notNull().default(false),
  // Seeded demo accounts share a published password; production refuses them unless allowed.
  isDemo: boolean("is_demo").notNull().default(false),
  /** "Sign out everywhere": sessions that began before this are refused. */
  sessionsValidAfter: timestamp("sessions_valid_after", { withTimezone: true }),
  createdAt: createdAt(),
  // Standing (docs/moderation.md): a suspended or banned user reads but does not write.
  suspendedUntil: timestamp("suspended_until", { withTimezone: true }),
  suspensionReason: text("suspension_reason"),
  bannedAt: timestamp("banned_at", { withTimezone: true }),
  banReason: text("ban_reason"),
});

/** Sessions ended by signing out, refused until they would have expired anyway. */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("revoked_sessions_expiry_idx").on(t.expiresAt)],
);

export const apiKeys = pgTable("api_keys", {
  id: serial("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  // sha256 of the key; the key itself is shown once and never stored.
  keyHash: text("key_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  /** What the key is for, as its owner named it. */
  name: text("name").notNull().default("API key"),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  /** A revoked key is refused from then on (kept so the list shows it). */
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export const debates = pgTable("debates", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: createdAt(),
  // Per-debate event counter, bumped in the same transaction as each change (gap-free seq).
  lastSeq: integer("last_seq").notNull().default(0),
  // A moderator's lock (docs/moderation.md): the debate is read-only while locked_at is set.
  lockedAt: timestamp("locked_at", { withTimezone: true }),
  lockedBy: integer("locked_by").references(() => users.id),
  lockReason: text("lock_reason"),
});

export const claims = pgTable(
  "claims",
  {
    id: serial("id").primaryKey(),
    debateId: integer("debate_id")
      .notNull()
      .references(() => debates.id),
    parentId: integer("parent_id").references((): AnyPgColumn => claims.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    stance: stanceEnum("stance"),
    body: text("body").notNull(),
    quote: text("quote"),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** Hidden by a moderator (docs/moderation.md): who sees the body is server/domain/claimVisibility.ts. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: integer("hidden_by").references((): AnyPgColumn => users.id),
    // Vote tallies cached in the same transaction as the vote rows.
    quality: integer("quality").notNull().default(0),
    agree: integer("agree").notNull().default(0),
    disagree: integer("disagree").notNull().default(0),
    // A moderator's lock on this claim and everything below it (docs/moderation.md).
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: integer("locked_by").references((): AnyPgColumn => users.id),
    lockReason: text("lock_reason"),
  },
  (t) => [
    index("claims_debate_idx").on(t.debateId, t.id),
    index("claims_parent_idx").on(t.parentId),
    index("claims_locked_idx")
      .on(t.debateId)
      .where(sql`${t.lockedAt} is not null`),
    check("claims_stance_needs_parent", sql`${t.stance} is null or ${t.parentId} is not null`),
  ],
);

/**
 * When a signed-in reader last opened a debate: claims posted since then are "new" for them
 * (server/domain/threadNav.ts). Updated on every visit; anonymous readers keep theirs in the browser.
 */
export const debateVisits = pgTable(
  "debate_visits",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    debateId: integer("debate_id")
      .notNull()
      .references(() => debates.id),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.debateId] })],
);

export const claimRevisions = pgTable(
  "claim_revisions",
  {
    id: serial("id").primaryKey(),
    claimId: integer("claim_id")
      .notNull()
      .references(() => claims.id),
    body: text("body").notNull(),
    // When this (now superseded) version was written.
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("claim_revisions_claim_idx").on(t.claimId)],
);

export const claimVotes = pgTable(
  "claim_votes",
  {
    claimId: integer("claim_id")
      .notNull()
      .references(() => claims.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    axis: voteAxisEnum("axis").notNull(),
    value: smallint("value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.userId, t.axis] }),
    check("claim_votes_value", sql`${t.value} in (-1, 1)`),
  ],
);

/** server/domain/reactions.ts REACTION_KINDS (a unit test keeps the two lists equal). */
export const reactionKindEnum = pgEnum("reaction_kind", [
  "crux",
  "bet",
  "agree",
  "disagree",
  "citation-needed",
  "unclear",
  "changed-my-mind",
]);

/**
 * A reaction to a claim or to a quoted span of it (docs/reactions.md). One per user per kind per
 * quote ("" = the whole claim). The anchor is where the quote is in the current text; after an
 * edit it is found again by text, or the reaction is orphaned (made on an earlier version) and
 * keeps its last position.
 */
export const claimReactions = pgTable(
  "claim_reactions",
  {
    id: serial("id").primaryKey(),
    claimId: integer("claim_id")
      .notNull()
      .references(() => claims.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: reactionKindEnum("kind").notNull(),
    quote: text("quote").notNull().default(""),
    anchorStart: integer("anchor_start"),
    anchorEnd: integer("anchor_end"),
    orphaned: boolean("orphaned").notNull().default(false),
    /** The version of the claim it was made on (that version's editedAt, or createdAt). */
    versionAt: timestamp("version_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("claim_reactions_once").on(t.claimId, t.userId, t.kind, t.quote),
    index("claim_reactions_claim_idx").on(t.claimId),
    check(
      "claim_reactions_anchor",
      sql`(${t.quote} = '') = (${t.anchorStart} is null) and (${t.anchorStart} is null) = (${t.anchorEnd} is null) and (${t.quote} <> '' or not ${t.orphaned})`,
    ),
  ],
);

export const debateEvents = pgTable(
  "debate_events",
  {
    debateId: integer("debate_id")
      .notNull()
      .references(() => debates.id),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.debateId, t.seq] })],
);

/** A yes/no question with resolution criteria, usually made from a claim. */
export const cruxes = pgTable(
  "cruxes",
  {
    id: serial("id").primaryKey(),
    debateId: integer("debate_id")
      .notNull()
      .references(() => debates.id),
    claimId: integer("claim_id").references(() => claims.id),
    title: text("title").notNull(),
    resolutionCriteria: text("resolution_criteria").notNull(),
    finePrint: text("fine_print").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    /** The resolver when set; otherwise the creator resolves. */
    arbiterId: integer("arbiter_id").references(() => users.id),
    /** "Given <condition> resolves YES, will <this>?" */
    conditionCruxId: integer("condition_crux_id").references((): AnyPgColumn => cruxes.id),
    hideCrowdUntilForecast: boolean("hide_crowd_until_forecast").notNull().default(false),
    createdAt: createdAt(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    /**
     * open | closed | resolving | disputed | awaiting-condition | resolved | annulled; only
     * server/domain/lifecycle.ts decides changes (docs/lifecycle.md). An open crux past its close
     * time counts as closed until the timer stores it.
     */
    status: cruxStatusEnum("status").notNull().default("open"),
    /** The final outcome, set only in a final state. */
    outcome: outcomeEnum("outcome"),
    /** The outcome its own resolution reached; kept while it waits for its condition. */
    decidedOutcome: outcomeEnum("decided_outcome"),
    /** Annulled because its condition did not resolve YES (undo that condition, not this crux). */
    annulledByCondition: boolean("annulled_by_condition").notNull().default(false),
    /** Set when resolved before its close time: the crux closes at that moment (for scoring). */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    kind: cruxKindEnum("kind").notNull().default("binary"),
    /** A numeric crux's range (server/domain/numeric.ts NumericRange); null on yes/no cruxes. */
    unit: text("unit"),
    rangeMin: doublePrecision("range_min"),
    rangeMax: doublePrecision("range_max"),
    openLower: boolean("open_lower"),
    openUpper: boolean("open_upper"),
    scale: numericScaleEnum("scale"),
    /** The number its own resolution reached (decided_outcome 'value'), kept while it waits. */
    decidedValue: doublePrecision("decided_value"),
    /** The final number of a resolved numeric crux (outcome 'value'). */
    resolvedValue: doublePrecision("resolved_value"),
    /** A threshold crux "more than x?" derived from a numeric crux: resolves when the parent does. */
    derivedFromCruxId: integer("derived_from_crux_id").references((): AnyPgColumn => cruxes.id),
    threshold: doublePrecision("threshold"),
  },
  (t) => [
    index("cruxes_debate_idx").on(t.debateId),
    index("cruxes_claim_idx").on(t.claimId),
    index("cruxes_condition_idx").on(t.conditionCruxId),
    uniqueIndex("cruxes_derived_threshold_idx").on(t.derivedFromCruxId, t.threshold),
    check(
      "cruxes_outcome_when_final",
      sql`(${t.status} in ('resolved', 'annulled')) = (${t.outcome} is not null)`,
    ),
    check(
      "cruxes_numeric_range",
      sql`(${t.kind} = 'numeric') = (${t.rangeMin} is not null and ${t.rangeMax} is not null
        and ${t.openLower} is not null and ${t.openUpper} is not null and ${t.scale} is not null
        and ${t.unit} is not null)`,
    ),
    check(
      "cruxes_numeric_range_order",
      sql`${t.rangeMin} is null or ${t.rangeMin} < ${t.rangeMax}`,
    ),
    check(
      "cruxes_derived_threshold",
      sql`(${t.derivedFromCruxId} is null) = (${t.threshold} is null)
        and (${t.derivedFromCruxId} is null or ${t.kind} = 'binary')`,
    ),
    check(
      "cruxes_resolved_value_numeric",
      sql`${t.resolvedValue} is null or ${t.kind} = 'numeric'`,
    ),
  ],
);

/**
 * Every step of a crux's lifecycle (docs/lifecycle.md): from, to, the action, who, a note, when.
 * A step caused by another crux's step (the condition cascade, or undoing it) names its cause.
 */
export const cruxTransitions = pgTable(
  "crux_transitions",
  {
    id: serial("id").primaryKey(),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    fromStatus: cruxStatusEnum("from_status"),
    toStatus: cruxStatusEnum("to_status").notNull(),
    action: text("action").notNull(),
    /** Null for the system (a window ending, a close time passing, a condition cascading). */
    actorId: integer("actor_id").references(() => users.id),
    note: text("note").notNull().default(""),
    /** The outcome proposed, decided or settled by this step, when it has one. */
    outcome: outcomeEnum("outcome"),
    /** With outcome 'value': the number (numeric cruxes). */
    value: doublePrecision("value"),
    causeId: integer("cause_id").references((): AnyPgColumn => cruxTransitions.id),
    /** Set on a finalization once an undo has reversed it. */
    undoneById: integer("undone_by_id").references((): AnyPgColumn => cruxTransitions.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("crux_transitions_crux_idx").on(t.cruxId, t.id),
    index("crux_transitions_cause_idx").on(t.causeId),
  ],
);

/**
 * Append-only forecast history: a user's current forecast is their latest row; a withdrawal is a
 * row with a null probability.
 */
export const forecasts = pgTable(
  "forecasts",
  {
    id: serial("id").primaryKey(),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    probability: doublePrecision("probability"),
    previousProbability: doublePrecision("previous_probability"),
    /**
     * A numeric crux's forecast: P(X <= x_i) on the 201-point grid (server/domain/numeric.ts), and
     * the input it was made from (so it can be edited again). Both null on yes/no forecasts and
     * on withdrawals.
     */
    cdf: doublePrecision("cdf").array(),
    distribution: jsonb("distribution").$type<DistributionInput>(),
    /** The claim the forecaster credited for changing their mind. */
    movedByClaimId: integer("moved_by_claim_id").references(() => claims.id),
    /** The reply that carries this forecast's reasoning. */
    reasoningClaimId: integer("reasoning_claim_id").references(() => claims.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("forecasts_crux_user_idx").on(t.cruxId, t.userId, t.id),
    index("forecasts_moved_by_idx").on(t.movedByClaimId),
    check(
      "forecasts_probability_range",
      sql`${t.probability} is null or (${t.probability} >= 0.001 and ${t.probability} <= 0.999)`,
    ),
    check("forecasts_probability_or_cdf", sql`${t.probability} is null or ${t.cdf} is null`),
    check(
      "forecasts_cdf_with_input",
      sql`(${t.cdf} is null) = (${t.distribution} is null)
        and (${t.cdf} is null or cardinality(${t.cdf}) = 201)`,
    ),
  ],
);

/** A crux bears on a claim ("crux for"). */
export const cruxLinks = pgTable(
  "crux_links",
  {
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    claimId: integer("claim_id")
      .notNull()
      .references(() => claims.id),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cruxId, t.claimId] })],
);

/** One user's P(claim | crux YES) and P(claim | crux NO): how strongly the crux bears on the claim for them. */
export const cruxLinkJudgements = pgTable(
  "crux_link_judgements",
  {
    cruxId: integer("crux_id").notNull(),
    claimId: integer("claim_id").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    pClaimIfYes: doublePrecision("p_claim_if_yes").notNull(),
    pClaimIfNo: doublePrecision("p_claim_if_no").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cruxId, t.claimId, t.userId] }),
    foreignKey({
      columns: [t.cruxId, t.claimId],
      foreignColumns: [cruxLinks.cruxId, cruxLinks.claimId],
    }),
  ],
);

/* ---------- Bets, the ledger and resolution ---------- */

/**
 * Double-entry accounts: the mint, one wallet per user, one escrow per crux (per-crux escrow keeps
 * bets on different cruxes from contending for one row), and a debt account for a user whose
 * spent winnings an undo took back. See docs/ledger.md.
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: serial("id").primaryKey(),
    ref: text("ref").notNull().unique(),
    kind: text("kind").notNull(),
    userId: integer("user_id").references(() => users.id),
    cruxId: integer("crux_id")
      .unique()
      .references(() => cruxes.id),
    /** Cached sum of this account's postings, updated in the same transaction as each posting. */
    balance: bigint("balance", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    uniqueIndex("ledger_accounts_user_kind").on(t.userId, t.kind),
    check("ledger_accounts_kind", sql`${t.kind} in ('mint', 'user', 'escrow', 'debt')`),
    // The mint may go negative; a debt account only ever holds what its user owes (<= 0, and
    // only reversal postings push it down); every other account, wallets included, never does.
    check(
      "ledger_accounts_not_negative",
      sql`${t.kind} = 'mint' or (${t.kind} = 'debt' and ${t.balance} <= 0) or (${t.kind} <> 'debt' and ${t.balance} >= 0)`,
    ),
  ],
);

export const journalTransactions = pgTable(
  "journal_transactions",
  {
    id: serial("id").primaryKey(),
    /** grant | offer | fill | cancel | settle | refund | reverse | repay */
    kind: text("kind").notNull(),
    memo: text("memo").notNull().default(""),
    cruxId: integer("crux_id").references(() => cruxes.id),
    offerId: integer("offer_id"),
    fillId: integer("fill_id"),
    userId: integer("user_id").references(() => users.id),
    reversesId: integer("reverses_id").references((): AnyPgColumn => journalTransactions.id),
    /** The lifecycle step that moved these credits (a close, a finalization, an undo). */
    transitionId: integer("transition_id").references(() => cruxTransitions.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("journal_crux_idx").on(t.cruxId),
    index("journal_transition_idx").on(t.transitionId),
    uniqueIndex("journal_reversed_once").on(t.reversesId),
  ],
);

export const postings = pgTable(
  "postings",
  {
    id: serial("id").primaryKey(),
    transactionId: integer("transaction_id")
      .notNull()
      .references(() => journalTransactions.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [
    index("postings_account_idx").on(t.accountId),
    index("postings_transaction_idx").on(t.transactionId),
    check("postings_not_zero", sql`${t.amount} <> 0`),
  ],
);

export const offers = pgTable(
  "offers",
  {
    id: serial("id").primaryKey(),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    makerId: integer("maker_id")
      .notNull()
      .references(() => users.id),
    side: sideEnum("side").notNull(),
    price: integer("price").notNull(),
    stake: credits("stake").notNull(),
    remaining: credits("remaining").notNull(),
    counterpartyId: integer("counterparty_id").references(() => users.id),
    note: text("note").notNull().default(""),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    status: offerStatusEnum("status").notNull().default("open"),
    createdAt: createdAt(),
  },
  (t) => [
    index("offers_crux_idx").on(t.cruxId, t.status),
    check("offers_price", sql`${t.price} between 1 and 99`),
    check(
      "offers_stake",
      sql`${t.stake} >= 1 and ${t.remaining} >= 0 and ${t.remaining} <= ${t.stake}`,
    ),
  ],
);

export const fills = pgTable(
  "fills",
  {
    id: serial("id").primaryKey(),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    takerId: integer("taker_id")
      .notNull()
      .references(() => users.id),
    takerStake: credits("taker_stake").notNull(),
    makerStake: credits("maker_stake").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("fills_crux_idx").on(t.cruxId),
    check("fills_stakes", sql`${t.takerStake} >= 1 and ${t.makerStake} >= 1`),
  ],
);

/** A retried money operation with the same key returns the first result and moves nothing again. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    /** A digest of the request, so reusing a key for a different request is refused (422). */
    requestHash: text("request_hash"),
    response: jsonb("response"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export const evidence = pgTable(
  "evidence",
  {
    id: serial("id").primaryKey(),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    url: text("url"),
    quote: text("quote"),
    direction: directionEnum("direction").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_crux_idx").on(t.cruxId)],
);

/**
 * The proposed resolution of a crux (at most one per crux). Where it stands is the crux's status;
 * decisions and undos are steps in crux_transitions.
 */
export const resolutions = pgTable(
  "resolutions",
  {
    id: serial("id").primaryKey(),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    proposedBy: integer("proposed_by")
      .notNull()
      .references(() => users.id),
    outcome: outcomeEnum("outcome").notNull(),
    /** With outcome 'value': the number proposed (numeric cruxes). */
    value: doublePrecision("value"),
    note: text("note").notNull().default(""),
    evidenceIds: jsonb("evidence_ids").$type<number[]>().notNull().default([]),
    proposedAt: createdAt(),
    disputeUntil: timestamp("dispute_until", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("resolutions_crux_idx").on(t.cruxId)],
);

export const disputes = pgTable("disputes", {
  id: serial("id").primaryKey(),
  resolutionId: integer("resolution_id")
    .notNull()
    .references(() => resolutions.id),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id),
  reason: text("reason").notNull(),
  createdAt: createdAt(),
});

/**
 * Scores of every forecaster on a finalized YES/NO or numeric crux (removed again if the
 * finalization is undone). A numeric crux's row has no probability, Brier or YES/NO outcome: its
 * log, baseline and peer scores are the continuous ones (docs/numeric-cruxes.md), and it keeps the
 * number it resolved to and the forecaster's final median.
 */
export const scores = pgTable(
  "scores",
  {
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    finalProbability: doublePrecision("final_probability"),
    brier: doublePrecision("brier"),
    log: doublePrecision("log").notNull(),
    baseline: doublePrecision("baseline").notNull(),
    peer: doublePrecision("peer").notNull(),
    coverage: doublePrecision("coverage").notNull(),
    outcome: boolean("outcome"),
    resolvedValue: doublePrecision("resolved_value"),
    finalMedian: doublePrecision("final_median"),
  },
  (t) => [
    primaryKey({ columns: [t.cruxId, t.userId] }),
    check(
      "scores_binary_or_numeric",
      sql`(${t.finalProbability} is not null and ${t.brier} is not null and ${t.outcome} is not null
          and ${t.resolvedValue} is null and ${t.finalMedian} is null)
        or (${t.finalProbability} is null and ${t.brier} is null and ${t.outcome} is null
          and ${t.resolvedValue} is not null and ${t.finalMedian} is not null)`,
    ),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    link: text("link").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.id)],
);

/**
 * A user's webhook: every debate event of the chosen types (all when empty), in one debate or all,
 * POSTed to `url` signed with `secret` (docs/webhooks.md). Deleting one keeps its deliveries' log.
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    eventTypes: text("event_types")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Null: every debate. */
    debateId: integer("debate_id").references(() => debates.id),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_user_idx").on(t.userId)],
);

/** How far each webhook has been given each debate's events (a missing row: from the start). */
export const webhookCursors = pgTable(
  "webhook_cursors",
  {
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    debateId: integer("debate_id")
      .notNull()
      .references(() => debates.id),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.webhookId, t.debateId] })],
);

/** One event for one webhook: delivered at least once, retried with backoff by the job queue. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    debateId: integer("debate_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** pending | delivered | failed (gave up after the last attempt) */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_idx").on(t.webhookId, t.debateId, t.seq),
    index("webhook_deliveries_recent_idx").on(t.webhookId, t.createdAt),
  ],
);

/**
 * Moderators: site-wide (no debate) or of one debate, granted by admins (docs/moderation.md).
 * Admins are `users.is_admin` and may moderate everywhere.
 */
export const moderatorRoles = pgTable(
  "moderator_roles",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    debateId: integer("debate_id").references(() => debates.id, { onDelete: "cascade" }),
    grantedBy: integer("granted_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique("moderator_roles_scope_key").on(t.userId, t.debateId).nullsNotDistinct()],
);

/** The audit log: every moderation action, who did it, why and when (written in its transaction). */
export const moderationLog = pgTable(
  "moderation_log",
  {
    id: serial("id").primaryKey(),
    /** Null for the system (a command-line grant, an expiry). */
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    targetKind: text("target_kind").notNull(),
    targetId: integer("target_id").notNull(),
    debateId: integer("debate_id").references(() => debates.id),
    reason: text("reason").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("moderation_log_recent_idx").on(t.createdAt),
    index("moderation_log_debate_idx").on(t.debateId, t.createdAt),
  ],
);

/**
 * Who follows what (docs/notifications.md): a debate or a crux (exactly one). Forecasting or
 * betting follows the crux unless the person unfollowed it before (active false: their choice is
 * kept). On a crux, seen_at/seen_value are the community value (P(YES), or a numeric crux's
 * median) when they last looked or were told of a move: crowd-move reminders compare against it.
 */
export const follows = pgTable(
  "follows",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    debateId: integer("debate_id").references(() => debates.id),
    cruxId: integer("crux_id").references(() => cruxes.id),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    seenAt: timestamp("seen_at", { withTimezone: true }),
    seenValue: doublePrecision("seen_value"),
  },
  (t) => [
    uniqueIndex("follows_user_debate_idx").on(t.userId, t.debateId),
    uniqueIndex("follows_user_crux_idx").on(t.userId, t.cruxId),
    index("follows_crux_idx").on(t.cruxId),
    index("follows_debate_idx").on(t.debateId),
    check("follows_one_target", sql`(${t.debateId} is null) <> (${t.cruxId} is null)`),
  ],
);

/**
 * A user's notification choices (a missing row: the defaults in server/domain/notifications.ts).
 * `off` lists the kinds turned off, so a kind added later starts on.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id),
    off: text("off")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    movePoints: integer("move_points").notNull(),
    closingSoonHours: integer("closing_soon_hours").notNull(),
    staleAfterDays: integer("stale_after_days").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("notification_preferences_move", sql`${t.movePoints} between 1 and 50`),
    check("notification_preferences_closing", sql`${t.closingSoonHours} between 1 and 720`),
    check("notification_preferences_stale", sql`${t.staleAfterDays} between 1 and 365`),
  ],
);

/**
 * Reminders already sent, one per (user, crux, kind, episode): the reminder run is idempotent, and
 * two processes running it at once send each reminder once (the insert decides).
 */
export const reminderLog = pgTable(
  "reminder_log",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    cruxId: integer("crux_id")
      .notNull()
      .references(() => cruxes.id),
    kind: text("kind").notNull(),
    episode: text("episode").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.cruxId, t.kind, t.episode] })],
);

/**
 * A report of a claim, crux, evidence or user to the moderators (docs/moderation.md): one per
 * reporter per item. `debate_id` is the item's debate (null for a user), so a per-debate
 * moderator's queue is a plain filter.
 */
export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    reporterId: integer("reporter_id")
      .notNull()
      .references(() => users.id),
    targetKind: text("target_kind").$type<"claim" | "crux" | "evidence" | "user">().notNull(),
    targetId: integer("target_id").notNull(),
    debateId: integer("debate_id").references(() => debates.id),
    reason: text("reason").notNull(),
    details: text("details").notNull().default(""),
    status: text("status").$type<"open" | "resolved" | "dismissed">().notNull().default("open"),
    createdAt: createdAt(),
    closedBy: integer("closed_by").references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closingNote: text("closing_note"),
  },
  (t) => [
    uniqueIndex("reports_one_per_reporter_idx").on(t.reporterId, t.targetKind, t.targetId),
    index("reports_open_idx").on(t.status, t.debateId),
    check("reports_target_kind", sql`${t.targetKind} in ('claim', 'crux', 'evidence', 'user')`),
    check("reports_status", sql`${t.status} in ('open', 'resolved', 'dismissed')`),
  ],
);
