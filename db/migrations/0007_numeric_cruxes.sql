CREATE TYPE "public"."crux_kind" AS ENUM('binary', 'numeric');--> statement-breakpoint
CREATE TYPE "public"."numeric_scale" AS ENUM('linear', 'log');--> statement-breakpoint
ALTER TYPE "public"."outcome" ADD VALUE 'value';--> statement-breakpoint
ALTER TABLE "scores" ALTER COLUMN "final_probability" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "scores" ALTER COLUMN "brier" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "scores" ALTER COLUMN "outcome" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "crux_transitions" ADD COLUMN "value" double precision;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "kind" "crux_kind" DEFAULT 'binary' NOT NULL;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "unit" text;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "range_min" double precision;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "range_max" double precision;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "open_lower" boolean;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "open_upper" boolean;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "scale" numeric_scale;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "decided_value" double precision;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "resolved_value" double precision;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "derived_from_crux_id" integer;--> statement-breakpoint
ALTER TABLE "cruxes" ADD COLUMN "threshold" double precision;--> statement-breakpoint
ALTER TABLE "forecasts" ADD COLUMN "cdf" double precision[];--> statement-breakpoint
ALTER TABLE "forecasts" ADD COLUMN "distribution" jsonb;--> statement-breakpoint
ALTER TABLE "resolutions" ADD COLUMN "value" double precision;--> statement-breakpoint
ALTER TABLE "scores" ADD COLUMN "resolved_value" double precision;--> statement-breakpoint
ALTER TABLE "scores" ADD COLUMN "final_median" double precision;--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_derived_from_crux_id_cruxes_id_fk" FOREIGN KEY ("derived_from_crux_id") REFERENCES "public"."cruxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cruxes_derived_threshold_idx" ON "cruxes" USING btree ("derived_from_crux_id","threshold");--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_numeric_range" CHECK (("cruxes"."kind" = 'numeric') = ("cruxes"."range_min" is not null and "cruxes"."range_max" is not null
        and "cruxes"."open_lower" is not null and "cruxes"."open_upper" is not null and "cruxes"."scale" is not null
        and "cruxes"."unit" is not null));--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_numeric_range_order" CHECK ("cruxes"."range_min" is null or "cruxes"."range_min" < "cruxes"."range_max");--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_derived_threshold" CHECK (("cruxes"."derived_from_crux_id" is null) = ("cruxes"."threshold" is null)
        and ("cruxes"."derived_from_crux_id" is null or "cruxes"."kind" = 'binary'));--> statement-breakpoint
ALTER TABLE "cruxes" ADD CONSTRAINT "cruxes_resolved_value_numeric" CHECK ("cruxes"."resolved_value" is null or "cruxes"."kind" = 'numeric');--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_probability_or_cdf" CHECK ("forecasts"."probability" is null or "forecasts"."cdf" is null);--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_cdf_with_input" CHECK (("forecasts"."cdf" is null) = ("forecasts"."distribution" is null)
        and ("forecasts"."cdf" is null or cardinality("forecasts"."cdf") = 201));--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_binary_or_numeric" CHECK (("scores"."final_probability" is not null and "scores"."brier" is not null and "scores"."outcome" is not null
          and "scores"."resolved_value" is null and "scores"."final_median" is null)
        or ("scores"."final_probability" is null and "scores"."brier" is null and "scores"."outcome" is null
          and "scores"."resolved_value" is not null and "scores"."final_median" is not null));