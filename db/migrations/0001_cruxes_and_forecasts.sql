CREATE TABLE "crux_link_judgements" (
	"crux_id" integer NOT NULL,
	"claim_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"p_claim_if_yes" double precision NOT NULL,
	"p_claim_if_no" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crux_link_judgements_crux_id_claim_id_user_id_pk" PRIMARY KEY("crux_id","claim_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "crux_links" (
	"crux_id" integer NOT NULL,
	"claim_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crux_links_crux_id_claim_id_pk" PRIMARY KEY("crux_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "cruxes" (
	"id" serial PRIMARY KEY NOT NULL,
	"debate_id" integer NOT NULL,
	"claim_id" integer,
	"title" text NOT NULL,
	"resolution_criteria" text NOT NULL,
	"fine_print" text DEFAULT '' NOT NULL,
	"created_by" integer NOT NULL,
	"arbiter_id" integer,
	"condition_crux_id" integer,
	"hide_crowd_until_forecast" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "forecasts" (
	"id" serial PRIMARY KEY NOT NULL,
	"crux_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"probability" double precision,
	"previous_probability" double precision,
	"moved_by_claim_id" integer,
	"reasoning_claim_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecasts_probability_range" CHECK ("forecasts"."probability" is null or ("forecasts"."probability" >= 0.001 and "forecasts"."probability" <= 0.999))
);
--> statement-breakpoint
ALTER TABLE "crux_link_judgements" ADD CONSTRAINT "crux_link_judgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_link_judgements" ADD CONSTRAINT "crux_link_judgements_crux_id_claim_id_crux_links_crux_id_claim_id_fk" FOREIGN KEY ("crux_id","claim_id") REFERENCES "public"."crux_links"("crux_id","claim_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_links" ADD CONSTRAINT "crux_links_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_links" ADD CONSTRAINT "crux_links_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crux_links" ADD CONSTRAINT "crux_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_debate_id_debates_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."debates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_arbiter_id_users_id_fk" FOREIGN KEY ("arbiter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_condition_crux_id_cruxes_id_fk" FOREIGN KEY ("condition_crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_moved_by_claim_id_claims_id_fk" FOREIGN KEY ("moved_by_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_reasoning_claim_id_claims_id_fk" FOREIGN KEY ("reasoning_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cruxes_debate_idx" ON "cruxes" USING btree ("debate_id");--> statement-breakpoint
CREATE INDEX "cruxes_claim_idx" ON "cruxes" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "forecasts_crux_user_idx" ON "forecasts" USING btree ("crux_id","user_id","id");--> statement-breakpoint
CREATE INDEX "forecasts_moved_by_idx" ON "forecasts" USING btree ("moved_by_claim_id");