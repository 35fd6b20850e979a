ALTER TABLE "accounts" DROP CONSTRAINT "accounts_application_id_applications_id_fk";
--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_linked_identity_id_identities_id_fk";
--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "unchanged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- attr_hash is now computed in JavaScript as a feed is read (lib/data/import-pipeline/attr-hash.ts) and
-- covers the key; the stored rows are rehashed by the same definition, so an unchanged feed stays unchanged.
UPDATE "accounts" a SET "attr_hash" = md5('[' || coalesce(to_json(a.key)::text, 'null') || ',' || coalesce(to_json(a.username)::text, 'null') || ',' || coalesce(to_json(a.email)::text, 'null') || ',' || coalesce(to_json(a.display_name)::text, 'null') || ',' || coalesce(to_json(a.given_name)::text, 'null') || ',' || coalesce(to_json(a.family_name)::text, 'null') || ',' || coalesce(to_json(a.employee_id)::text, 'null') || ',' || '[' || coalesce((select string_agg(coalesce(to_json(g)::text, 'null'), ',' order by g collate "C") from unnest(a.groups) g), '') || ']' || ',' || '[' || coalesce((select string_agg(coalesce(to_json(e.key)::text, 'null') || ',' || coalesce(to_json(e.value)::text, 'null'), ',' order by e.key collate "C")
      from jsonb_each_text(coalesce(a.attributes, '{}'::jsonb)) e), '') || ']' || ']');
--> statement-breakpoint
UPDATE "import_rows" r SET "attr_hash" = md5('[' || coalesce(to_json(r.key)::text, 'null') || ',' || coalesce(to_json(r.username)::text, 'null') || ',' || coalesce(to_json(r.email)::text, 'null') || ',' || coalesce(to_json(r.display_name)::text, 'null') || ',' || coalesce(to_json(r.given_name)::text, 'null') || ',' || coalesce(to_json(r.family_name)::text, 'null') || ',' || coalesce(to_json(r.employee_id)::text, 'null') || ',' || '[' || coalesce((select string_agg(coalesce(to_json(g)::text, 'null'), ',' order by g collate "C") from unnest(r.groups) g), '') || ']' || ',' || '[' || coalesce((select string_agg(coalesce(to_json(e.key)::text, 'null') || ',' || coalesce(to_json(e.value)::text, 'null'), ',' order by e.key collate "C")
      from jsonb_each_text(coalesce(r.attributes, '{}'::jsonb)) e), '') || ']' || ']') WHERE r."attr_hash" IS NOT NULL;
