ALTER TABLE "applications" ADD COLUMN "managed_groups" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- A source already running manages the groups its current accounts hold (seed 004).
UPDATE "applications" p SET "managed_groups" = coalesce(
  (SELECT array_agg(DISTINCT g ORDER BY g) FROM "accounts" a, unnest(a."groups") g WHERE a."application_id" = p."id"), '{}'::text[])
WHERE p."role" = 'source';
