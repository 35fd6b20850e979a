CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."account_status" AS ENUM('active', 'removed');--> statement-breakpoint
CREATE TYPE "public"."admin_role" AS ENUM('admin', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."application_role" AS ENUM('source', 'target');--> statement-breakpoint
CREATE TYPE "public"."change_kind" AS ENUM('add', 'update', 'remove', 'restore');--> statement-breakpoint
CREATE TYPE "public"."feed_format" AS ENUM('csv', 'tsv', 'json', 'jsonl', 'xml-children', 'xml-attributes');--> statement-breakpoint
CREATE TYPE "public"."identity_lifecycle" AS ENUM('current', 'past');--> statement-breakpoint
CREATE TYPE "public"."identity_status" AS ENUM('active', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('queued', 'running', 'succeeded', 'partial', 'failed');--> statement-breakpoint
CREATE TYPE "public"."import_trigger" AS ENUM('upload', 'api', 'schedule', 'manual');--> statement-breakpoint
CREATE TYPE "public"."link_status" AS ENUM('unlinked', 'needs_confirmation', 'linked', 'ignored');--> statement-breakpoint
CREATE TYPE "public"."log_level" AS ENUM('info', 'warning', 'error');--> statement-breakpoint
CREATE TYPE "public"."situation" AS ENUM('no_match', 'exact_match', 'multiple_matches', 'manually_linked');--> statement-breakpoint
CREATE TABLE "admins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" "admin_role" DEFAULT 'viewer' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"failures" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"role" "application_role" NOT NULL,
	"matching_rules" jsonb NOT NULL,
	"mapping" jsonb,
	"safeguard_threshold" real DEFAULT 0.2 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text,
	"email" text,
	"display_name" text,
	"given_name" text,
	"family_name" text,
	"employee_id" text,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"norm_username" text GENERATED ALWAYS AS (lower(btrim(coalesce("identities"."username", ''), E' \t\r\n'))) STORED,
	"norm_email" text GENERATED ALWAYS AS (lower(btrim(coalesce("identities"."email", ''), E' \t\r\n'))) STORED,
	"norm_employee_id" text GENERATED ALWAYS AS (lower(btrim(coalesce("identities"."employee_id", ''), E' \t\r\n'))) STORED,
	"norm_display_name" text GENERATED ALWAYS AS (lower(btrim(coalesce("identities"."display_name", ''), E' \t\r\n'))) STORED,
	"status" "identity_status" DEFAULT 'active' NOT NULL,
	"lifecycle" "identity_lifecycle" DEFAULT 'current' NOT NULL,
	"source_application_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"key" text NOT NULL,
	"username" text,
	"email" text,
	"display_name" text,
	"given_name" text,
	"family_name" text,
	"employee_id" text,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attr_hash" text NOT NULL,
	"norm_username" text GENERATED ALWAYS AS (lower(btrim(coalesce("accounts"."username", ''), E' \t\r\n'))) STORED,
	"norm_email" text GENERATED ALWAYS AS (lower(btrim(coalesce("accounts"."email", ''), E' \t\r\n'))) STORED,
	"norm_employee_id" text GENERATED ALWAYS AS (lower(btrim(coalesce("accounts"."employee_id", ''), E' \t\r\n'))) STORED,
	"norm_display_name" text GENERATED ALWAYS AS (lower(btrim(coalesce("accounts"."display_name", ''), E' \t\r\n'))) STORED,
	"label" text GENERATED ALWAYS AS (coalesce(nullif(btrim("accounts"."display_name"), ''), nullif(btrim("accounts"."email"), ''), "accounts"."key")) STORED,
	"status" "account_status" DEFAULT 'active' NOT NULL,
	"situation" "situation" DEFAULT 'no_match' NOT NULL,
	"link_status" "link_status" DEFAULT 'unlinked' NOT NULL,
	"linked_identity_id" uuid,
	"candidate_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"matched_rule" smallint,
	"settled" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"first_seen_import_id" uuid,
	"last_changed_import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"format" "feed_format" NOT NULL,
	"file_name" text,
	"byte_size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"account_id" uuid,
	"key" text NOT NULL,
	"kind" "change_kind" NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "import_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"row" integer,
	"field" text,
	"level" "log_level" NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"key" text,
	"username" text,
	"email" text,
	"display_name" text,
	"given_name" text,
	"family_name" text,
	"employee_id" text,
	"groups" text[],
	"attributes" jsonb,
	"attr_hash" text
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"feed_id" uuid,
	"status" "import_status" DEFAULT 'queued' NOT NULL,
	"trigger" "import_trigger" NOT NULL,
	"actor" text NOT NULL,
	"format" "feed_format" NOT NULL,
	"counts" jsonb,
	"error" text,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"application_id" uuid,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"summary" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_source_application_id_applications_id_fk" FOREIGN KEY ("source_application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_linked_identity_id_identities_id_fk" FOREIGN KEY ("linked_identity_id") REFERENCES "public"."identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admins_email_key" ON "admins" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "sign_in_attempts_key_idx" ON "sign_in_attempts" USING btree ("key","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_slug_key" ON "applications" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "identities_norm_username_key" ON "identities" USING btree ("norm_username") WHERE "identities"."norm_username" <> '';--> statement-breakpoint
CREATE INDEX "identities_norm_email_idx" ON "identities" USING btree ("norm_email");--> statement-breakpoint
CREATE INDEX "identities_norm_employee_id_idx" ON "identities" USING btree ("norm_employee_id");--> statement-breakpoint
CREATE INDEX "identities_norm_display_name_idx" ON "identities" USING btree ("norm_display_name");--> statement-breakpoint
CREATE INDEX "identities_search_trgm_idx" ON "identities" USING gin ((coalesce("display_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("username", '')) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_application_key_key" ON "accounts" USING btree ("application_id","key");--> statement-breakpoint
CREATE INDEX "accounts_application_situation_idx" ON "accounts" USING btree ("application_id","situation");--> statement-breakpoint
CREATE INDEX "accounts_application_link_status_idx" ON "accounts" USING btree ("application_id","link_status");--> statement-breakpoint
CREATE INDEX "accounts_application_label_idx" ON "accounts" USING btree ("application_id",lower("label") collate "C","id");--> statement-breakpoint
CREATE INDEX "accounts_linked_identity_idx" ON "accounts" USING btree ("linked_identity_id");--> statement-breakpoint
CREATE INDEX "accounts_norm_email_idx" ON "accounts" USING btree ("application_id","norm_email");--> statement-breakpoint
CREATE INDEX "accounts_norm_username_idx" ON "accounts" USING btree ("application_id","norm_username");--> statement-breakpoint
CREATE INDEX "accounts_search_trgm_idx" ON "accounts" USING gin ((coalesce("display_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("username", '') || ' ' || "key") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_application_sha256_key" ON "feeds" USING btree ("application_id","sha256","format");--> statement-breakpoint
CREATE INDEX "import_changes_import_idx" ON "import_changes" USING btree ("import_id","kind");--> statement-breakpoint
CREATE INDEX "import_changes_account_idx" ON "import_changes" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "import_logs_import_idx" ON "import_logs" USING btree ("import_id","row");--> statement-breakpoint
CREATE INDEX "import_rows_import_key_idx" ON "import_rows" USING btree ("import_id","key","row");--> statement-breakpoint
CREATE INDEX "imports_application_created_idx" ON "imports" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "imports_status_idx" ON "imports" USING btree ("status");--> statement-breakpoint
CREATE INDEX "audit_entries_at_idx" ON "audit_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_entries_actor_idx" ON "audit_entries" USING btree ("actor","at");--> statement-breakpoint
CREATE INDEX "audit_entries_action_idx" ON "audit_entries" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_entries_application_idx" ON "audit_entries" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "audit_entries_subject_idx" ON "audit_entries" USING btree ("subject_type","subject_id") WHERE "audit_entries"."subject_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_application_idx" ON "api_tokens" USING btree ("application_id");