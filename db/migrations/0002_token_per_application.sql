DROP INDEX "api_tokens_hash_key";--> statement-breakpoint
DROP INDEX "api_tokens_application_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_application_hash_key" ON "api_tokens" USING btree ("application_id","token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("token_hash");