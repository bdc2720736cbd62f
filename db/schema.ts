import { sql } from "drizzle-orm";
import {
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
  check,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const stanceEnum = pgEnum("stance", ["supports", "opposes", "clarifies"]);
export const voteAxisEnum = pgEnum("vote_axis", ["quality", "agreement"]);

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
  createdAt: createdAt(),
});

export const apiKeys = pgTable("api_keys", {
  id: serial("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  // sha256 of the key; the key itself is shown once and never stored.
  keyHash: text("key_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
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
    // Vote tallies cached in the same transaction as the vote rows.
    quality: integer("quality").notNull().default(0),
    agree: integer("agree").notNull().default(0),
    disagree: integer("disagree").notNull().default(0),
  },
  (t) => [
    index("claims_debate_idx").on(t.debateId, t.id),
    index("claims_parent_idx").on(t.parentId),
    check("claims_stance_needs_parent", sql`${t.stance} is null or ${t.parentId} is not null`),
  ],
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
    /** open | resolving | disputed | awaiting-condition | resolved | annulled ("closed" is derived from closesAt). */
    status: text("status").notNull().default("open"),
    outcome: text("outcome"),
  },
  (t) => [index("cruxes_debate_idx").on(t.debateId), index("cruxes_claim_idx").on(t.claimId)],
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
