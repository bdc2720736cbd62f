CREATE TABLE "debate_visits" (
	"user_id" integer NOT NULL,
	"debate_id" integer NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "debate_visits_user_id_debate_id_pk" PRIMARY KEY("user_id","debate_id")
);
--> statement-breakpoint
ALTER TABLE "debate_visits" ADD CONSTRAINT "debate_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debate_visits" ADD CONSTRAINT "debate_visits_debate_id_debates_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."debates"("id") ON DELETE no action ON UPDATE no action;