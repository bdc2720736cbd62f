CREATE TABLE "follows" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"debate_id" integer,
	"crux_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone,
	"seen_value" double precision,
	CONSTRAINT "follows_one_target" CHECK (("follows"."debate_id" is null) <> ("follows"."crux_id" is null))
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"off" text[] DEFAULT '{}'::text[] NOT NULL,
	"move_points" integer NOT NULL,
	"closing_soon_hours" integer NOT NULL,
	"stale_after_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_move" CHECK ("notification_preferences"."move_points" between 1 and 50),
	CONSTRAINT "notification_preferences_closing" CHECK ("notification_preferences"."closing_soon_hours" between 1 and 720),
	CONSTRAINT "notification_preferences_stale" CHECK ("notification_preferences"."stale_after_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "reminder_log" (
	"user_id" integer NOT NULL,
	"crux_id" integer NOT NULL,
	"kind" text NOT NULL,
	"episode" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reminder_log_user_id_crux_id_kind_episode_pk" PRIMARY KEY("user_id","crux_id","kind","episode")
);
--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_debate_id_debates_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."debates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_log" ADD CONSTRAINT "reminder_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_log" ADD CONSTRAINT "reminder_log_crux_id_cruxes_id_fk" FOREIGN KEY ("crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_debate_idx" ON "follows" USING btree ("user_id","debate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_crux_idx" ON "follows" USING btree ("user_id","crux_id");--> statement-breakpoint
CREATE INDEX "follows_crux_idx" ON "follows" USING btree ("crux_id");--> statement-breakpoint
CREATE INDEX "follows_debate_idx" ON "follows" USING btree ("debate_id");