ALTER TYPE "public"."import_status" ADD VALUE 'staged' BEFORE 'succeeded';--> statement-breakpoint
ALTER TYPE "public"."import_status" ADD VALUE 'held' BEFORE 'succeeded';--> statement-breakpoint
ALTER TYPE "public"."import_status" ADD VALUE 'discarded';--> statement-breakpoint
CREATE TABLE "sync_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"url" text NOT NULL,
	"format" "feed_format",
	"interval_minutes" integer DEFAULT 1440 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"allow_private_network" boolean DEFAULT false NOT NULL,
	"authorization" text,
	"next_run_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_import_id" uuid,
	"last_error" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "hold_reason" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "overridden_by" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_configs" ADD CONSTRAINT "sync_configs_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_configs" ADD CONSTRAINT "sync_configs_last_import_id_imports_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_configs_application_key" ON "sync_configs" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_idempotency_key" ON "imports" USING btree ("application_id","idempotency_key") WHERE "imports"."idempotency_key" is not null;