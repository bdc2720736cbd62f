CREATE TYPE "public"."crux_status" AS ENUM('open', 'closed', 'resolving', 'disputed', 'awaiting-condition', 'resolved', 'annulled');--> statement-breakpoint
CREATE TYPE "public"."evidence_direction" AS ENUM('yes', 'no', 'neutral');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('open', 'filled', 'cancelled', 'expired', 'closed');--> statement-breakpoint
CREATE TYPE "public"."outcome" AS ENUM('yes', 'no', 'annulled');--> statement-breakpoint
CREATE TYPE "public"."side" AS ENUM('yes', 'no');--> statement-breakpoint
ALTER TABLE "cruxes" DROP CONSTRAINT "cruxes_status";--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_direction";--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_side";--> statement-breakpoint
ALTER TABLE "resolutions" DROP CONSTRAINT "resolutions_outcome";--> statement-breakpoint
ALTER TABLE "cruxes" DROP CONSTRAINT "cruxes_outcome_when_final";--> statement-breakpoint
ALTER TABLE "cruxes" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "crux_transitions" ALTER COLUMN "from_status" SET DATA TYPE "public"."crux_status" USING "from_status"::"public"."crux_status";--> statement-breakpoint
ALTER TABLE "crux_transitions" ALTER COLUMN "to_status" SET DATA TYPE "public"."crux_status" USING "to_status"::"public"."crux_status";--> statement-breakpoint
ALTER TABLE "crux_transitions" ALTER COLUMN "outcome" SET DATA TYPE "public"."outcome" USING "outcome"::"public"."outcome";--> statement-breakpoint
ALTER TABLE "cruxes" ALTER COLUMN "status" SET DATA TYPE "public"."crux_status" USING "status"::"public"."crux_status";--> statement-breakpoint
ALTER TABLE "cruxes" ALTER COLUMN "outcome" SET DATA TYPE "public"."outcome" USING "outcome"::"public"."outcome";--> statement-breakpoint
ALTER TABLE "cruxes" ALTER COLUMN "decided_outcome" SET DATA TYPE "public"."outcome" USING "decided_outcome"::"public"."outcome";--> statement-breakpoint
ALTER TABLE "evidence" ALTER COLUMN "direction" SET DATA TYPE "public"."evidence_direction" USING "direction"::"public"."evidence_direction";--> statement-breakpoint
ALTER TABLE "fills" ALTER COLUMN "taker_stake" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "fills" ALTER COLUMN "maker_stake" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "side" SET DATA TYPE "public"."side" USING "side"::"public"."side";--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "stake" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "remaining" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "status" SET DATA TYPE "public"."offer_status" USING "status"::"public"."offer_status";--> statement-breakpoint
ALTER TABLE "resolutions" ALTER COLUMN "outcome" SET DATA TYPE "public"."outcome" USING "outcome"::"public"."outcome";--> statement-breakpoint
ALTER TABLE "cruxes" ALTER COLUMN "status" SET DEFAULT 'open'::"public"."crux_status";--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "status" SET DEFAULT 'open'::"public"."offer_status";--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_outcome_when_final" CHECK (("cruxes"."status" in ('resolved', 'annulled')) = ("cruxes"."outcome" is not null));--> statement-breakpoint
CREATE INDEX "evidence_crux_idx" ON "evidence" USING btree ("crux_id");--> statement-breakpoint
-- Forecast reasoning on a crux that hides its crowd no longer carries the number (anyone reads the thread): take it out of existing claims and their earlier versions.
UPDATE "claims" c SET "body" = regexp_replace(c."body", '^\*\*Forecast: [^*]*\*\*', '**Forecast**') FROM "forecasts" f JOIN "cruxes" x ON x."id" = f."crux_id" WHERE f."reasoning_claim_id" = c."id" AND x."hide_crowd_until_forecast" AND x."status" NOT IN ('resolved', 'annulled');--> statement-breakpoint
UPDATE "claim_revisions" r SET "body" = regexp_replace(r."body", '^\*\*Forecast: [^*]*\*\*', '**Forecast**') FROM "forecasts" f JOIN "cruxes" x ON x."id" = f."crux_id" WHERE f."reasoning_claim_id" = r."claim_id" AND x."hide_crowd_until_forecast" AND x."status" NOT IN ('resolved', 'annulled');