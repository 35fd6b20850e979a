ALTER TABLE "imports" ADD COLUMN "known_fingerprint" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "unrepeated_digests" "bytea";--> statement-breakpoint
ALTER TABLE "import_rows" DROP COLUMN "unchanged";