ALTER TABLE "claims" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "locked_by" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "lock_reason" text;--> statement-breakpoint
ALTER TABLE "debates" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "debates" ADD COLUMN "locked_by" integer;--> statement-breakpoint
ALTER TABLE "debates" ADD COLUMN "lock_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspended_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "banned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "ban_reason" text;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debates" ADD CONSTRAINT "debates_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_locked_idx" ON "claims" USING btree ("debate_id") WHERE "claims"."locked_at" is not null;