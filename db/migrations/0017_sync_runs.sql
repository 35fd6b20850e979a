CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"trigger" "import_trigger" NOT NULL,
	"actor" text NOT NULL,
	"url" text NOT NULL,
	"status" "import_status" DEFAULT 'running' NOT NULL,
	"import_id" uuid,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_runs_application_started_idx" ON "sync_runs" USING btree ("application_id","started_at");--> statement-breakpoint
-- The last run each configuration recorded before runs were kept: the start of its history.
INSERT INTO "sync_runs" ("application_id", "trigger", "actor", "url", "status", "import_id", "error", "started_at", "finished_at")
SELECT c."application_id", coalesce(i."trigger", 'schedule'), coalesce(i."actor", 'system:schedule'), c."url", coalesce(i."status", 'failed'),
       c."last_import_id", c."last_error", c."last_run_at", c."last_run_at"
FROM "sync_configs" c LEFT JOIN "imports" i ON i."id" = c."last_import_id"
WHERE c."last_run_at" IS NOT NULL;
