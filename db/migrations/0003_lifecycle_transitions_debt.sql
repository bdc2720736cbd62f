CREATE TABLE "crux_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"crux_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"outcome" text,
	"cause_id" integer,
	"undone_by_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_user_id_unique";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_kind";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_not_negative";--> statement-breakpoint
ALTER TABLE "resolutions" DROP CONSTRAINT "resolutions_decided_by_users_id_fk";
--> statement-breakpoint
DROP INDEX "resolutions_crux_idx";--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "decided_outcome" text;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "annulled_by_condition" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD COLUMN "transition_id" integer;--> statement-breakpoint
ALTER TABLE "crux_transitions" ADD CONSTRAINT "crux_transitions_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_transitions" ADD CONSTRAINT "crux_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_transitions" ADD CONSTRAINT "crux_transitions_cause_id_crux_transitions_id_fk" FOREIGN KEY ("cause_id") REFERENCES "public"."crux_transitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_transitions" ADD CONSTRAINT "crux_transitions_undone_by_id_crux_transitions_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."crux_transitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crux_transitions_crux_idx" ON "crux_transitions" USING btree ("crux_id","id");--> statement-breakpoint
CREATE INDEX "crux_transitions_cause_idx" ON "crux_transitions" USING btree ("cause_id");--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD CONSTRAINT "journal_transactions_transition_id_crux_transitions_id_fk" FOREIGN KEY ("transition_id") REFERENCES "public"."crux_transitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cruxes_condition_idx" ON "cruxes" USING btree ("condition_crux_id");--> statement-breakpoint
CREATE INDEX "journal_transition_idx" ON "journal_transactions" USING btree ("transition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_reversed_once" ON "journal_transactions" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_user_kind" ON "ledger_accounts" USING btree ("user_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "resolutions_crux_idx" ON "resolutions" USING btree ("crux_id");--> statement-breakpoint
-- Existing data: keep the outcome each resolution reached, and give every final crux a finalization step that owns its payouts, so an admin can still undo it.
UPDATE "cruxes" c SET "decided_outcome" = coalesce(r."final_outcome", c."outcome") FROM "resolutions" r WHERE r."crux_id" = c."id" AND c."status" in ('awaiting-condition', 'resolved', 'annulled');--> statement-breakpoint
INSERT INTO "crux_transitions" ("crux_id", "from_status", "to_status", "action", "outcome", "at") SELECT "id", 'resolving', "status", 'window-end', "outcome", coalesce("closed_at", now()) FROM "cruxes" WHERE "status" in ('resolved', 'annulled');--> statement-breakpoint
UPDATE "journal_transactions" j SET "transition_id" = t."id" FROM "crux_transitions" t WHERE t."crux_id" = j."crux_id" AND j."kind" in ('settle', 'refund') AND NOT EXISTS (SELECT 1 FROM "journal_transactions" r WHERE r."reverses_id" = j."id");--> statement-breakpoint
ALTER TABLE "resolutions" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "resolutions" DROP COLUMN "decided_by";--> statement-breakpoint
ALTER TABLE "resolutions" DROP COLUMN "final_outcome";--> statement-breakpoint
ALTER TABLE "resolutions" DROP COLUMN "finalized_at";--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_status" CHECK ("cruxes"."status" in ('open', 'closed', 'resolving', 'disputed', 'awaiting-condition', 'resolved', 'annulled'));--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_outcome_when_final" CHECK (("cruxes"."status" in ('resolved', 'annulled')) = ("cruxes"."outcome" is not null));--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_kind" CHECK ("ledger_accounts"."kind" in ('mint', 'user', 'escrow', 'debt'));--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_not_negative" CHECK ("ledger_accounts"."kind" = 'mint' or ("ledger_accounts"."kind" = 'debt' and "ledger_accounts"."balance" <= 0) or ("ledger_accounts"."kind" <> 'debt' and "ledger_accounts"."balance" >= 0));