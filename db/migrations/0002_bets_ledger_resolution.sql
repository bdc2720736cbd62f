CREATE TABLE "disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"resolution_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"crux_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"quote" text,
	"direction" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_direction" CHECK ("evidence"."direction" in ('yes', 'no', 'neutral'))
);
--> statement-breakpoint
CREATE TABLE "fills" (
	"id" serial PRIMARY KEY NOT NULL,
	"offer_id" integer NOT NULL,
	"crux_id" integer NOT NULL,
	"taker_id" integer NOT NULL,
	"taker_stake" integer NOT NULL,
	"maker_stake" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fills_stakes" CHECK ("fills"."taker_stake" >= 1 and "fills"."maker_stake" >= 1)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "journal_transactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"crux_id" integer,
	"offer_id" integer,
	"fill_id" integer,
	"user_id" integer,
	"reverses_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" integer,
	"crux_id" integer,
	"balance" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_accounts_ref_unique" UNIQUE("ref"),
	CONSTRAINT "ledger_accounts_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "ledger_accounts_crux_id_unique" UNIQUE("crux_id"),
	CONSTRAINT "ledger_accounts_kind" CHECK ("ledger_accounts"."kind" in ('mint', 'user', 'escrow')),
	CONSTRAINT "ledger_accounts_not_negative" CHECK ("ledger_accounts"."kind" = 'mint' or "ledger_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"link" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"crux_id" integer NOT NULL,
	"maker_id" integer NOT NULL,
	"side" text NOT NULL,
	"price" integer NOT NULL,
	"stake" integer NOT NULL,
	"remaining" integer NOT NULL,
	"counterparty_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"expires_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_side" CHECK ("offers"."side" in ('yes', 'no')),
	CONSTRAINT "offers_price" CHECK ("offers"."price" between 1 and 99),
	CONSTRAINT "offers_stake" CHECK ("offers"."stake" >= 1 and "offers"."remaining" >= 0 and "offers"."remaining" <= "offers"."stake")
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" serial PRIMARY KEY NOT NULL,
	"transaction_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "postings_not_zero" CHECK ("postings"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "resolutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"crux_id" integer NOT NULL,
	"proposed_by" integer NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"evidence_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispute_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"decided_by" integer,
	"final_outcome" text,
	"finalized_at" timestamp with time zone,
	CONSTRAINT "resolutions_outcome" CHECK ("resolutions"."outcome" in ('yes', 'no', 'annulled'))
);
--> statement-breakpoint
CREATE TABLE "scores" (
	"crux_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"final_probability" double precision NOT NULL,
	"brier" double precision NOT NULL,
	"log" double precision NOT NULL,
	"baseline" double precision NOT NULL,
	"peer" double precision NOT NULL,
	"coverage" double precision NOT NULL,
	"outcome" boolean NOT NULL,
	CONSTRAINT "scores_crux_id_user_id_pk" PRIMARY KEY("crux_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_taker_id_users_id_fk" FOREIGN KEY ("taker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD CONSTRAINT "journal_transactions_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD CONSTRAINT "journal_transactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD CONSTRAINT "journal_transactions_reverses_id_journal_transactions_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_maker_id_users_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_counterparty_id_users_id_fk" FOREIGN KEY ("counterparty_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_transaction_id_journal_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fills_crux_idx" ON "fills" USING btree ("crux_id");--> statement-breakpoint
CREATE INDEX "journal_crux_idx" ON "journal_transactions" USING btree ("crux_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "offers_crux_idx" ON "offers" USING btree ("crux_id","status");--> statement-breakpoint
CREATE INDEX "postings_account_idx" ON "postings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "postings_transaction_idx" ON "postings" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "resolutions_crux_idx" ON "resolutions" USING btree ("crux_id");--> statement-breakpoint
-- Wallets for accounts that existed before the ledger: the mint, then 1,000 credits to each user.
INSERT INTO "ledger_accounts" ("ref", "kind") VALUES ('mint', 'mint') ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "ledger_accounts" ("ref", "kind", "user_id", "balance") SELECT 'user:' || "id", 'user', "id", 1000 FROM "users";--> statement-breakpoint
INSERT INTO "journal_transactions" ("kind", "memo", "user_id") SELECT 'grant', 'Starting credits', "id" FROM "users";--> statement-breakpoint
INSERT INTO "postings" ("transaction_id", "account_id", "amount")
  SELECT t."id", a."id", 1000 FROM "journal_transactions" t JOIN "ledger_accounts" a ON a."user_id" = t."user_id" WHERE t."kind" = 'grant';--> statement-breakpoint
INSERT INTO "postings" ("transaction_id", "account_id", "amount")
  SELECT t."id", (SELECT "id" FROM "ledger_accounts" WHERE "ref" = 'mint'), -1000 FROM "journal_transactions" t WHERE t."kind" = 'grant';--> statement-breakpoint
UPDATE "ledger_accounts" SET "balance" = -1000 * (SELECT count(*) FROM "users") WHERE "ref" = 'mint';
