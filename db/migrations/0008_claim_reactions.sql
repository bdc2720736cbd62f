CREATE TYPE "public"."reaction_kind" AS ENUM('crux', 'bet', 'agree', 'disagree', 'citation-needed', 'unclear', 'changed-my-mind');--> statement-breakpoint
CREATE TABLE "claim_reactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"kind" "reaction_kind" NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"anchor_start" integer,
	"anchor_end" integer,
	"orphaned" boolean DEFAULT false NOT NULL,
	"version_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_reactions_anchor" CHECK (("claim_reactions"."quote" = '') = ("claim_reactions"."anchor_start" is null) and ("claim_reactions"."anchor_start" is null) = ("claim_reactions"."anchor_end" is null) and ("claim_reactions"."quote" <> '' or not "claim_reactions"."orphaned"))
);
--> statement-breakpoint
ALTER TABLE "claim_reactions" ADD CONSTRAINT "claim_reactions_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_reactions" ADD CONSTRAINT "claim_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_reactions_once" ON "claim_reactions" USING btree ("claim_id","user_id","kind","quote");--> statement-breakpoint
CREATE INDEX "claim_reactions_claim_idx" ON "claim_reactions" USING btree ("claim_id");