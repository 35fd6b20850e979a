DROP INDEX "accounts_application_situation_idx";--> statement-breakpoint
DROP INDEX "accounts_application_link_status_idx";--> statement-breakpoint
DROP INDEX "accounts_norm_email_idx";--> statement-breakpoint
DROP INDEX "accounts_norm_username_idx";--> statement-breakpoint
CREATE INDEX "accounts_active_facets_idx" ON "accounts" USING btree ("application_id","situation","link_status") WHERE "accounts"."status" = 'active';