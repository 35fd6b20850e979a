-- A search reads its own application's matches only: the application id (btree_gin) beside the trigrams.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "accounts_search_trgm_idx";--> statement-breakpoint
CREATE INDEX "accounts_application_search_trgm_idx" ON "accounts" USING gin ("application_id",(coalesce("display_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("username", '') || ' ' || "key") gin_trgm_ops);