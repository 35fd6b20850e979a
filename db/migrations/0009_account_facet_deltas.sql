CREATE TABLE "account_facet_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"situation" "situation" NOT NULL,
	"link_status" "link_status" NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_facet_deltas" ADD CONSTRAINT "account_facet_deltas_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_facet_deltas_application_idx" ON "account_facet_deltas" USING btree ("application_id");--> statement-breakpoint
-- Keeps account_facet_deltas: per statement on accounts, one grouped insert of the changes to the
-- number of active accounts per (application, situation, link status). Rows of an application being
-- deleted (a cascade) are skipped: its deltas go with it.
CREATE OR REPLACE FUNCTION concord_account_facet_deltas() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO account_facet_deltas (application_id, situation, link_status, delta)
    SELECT n.application_id, n.situation, n.link_status, count(*)
    FROM new_table n WHERE n.status = 'active'
    GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO account_facet_deltas (application_id, situation, link_status, delta)
    SELECT x.application_id, x.situation, x.link_status, sum(x.d)
    FROM (SELECT n.application_id, n.situation, n.link_status, 1 AS d FROM new_table n WHERE n.status = 'active'
          UNION ALL
          SELECT o.application_id, o.situation, o.link_status, -1 FROM old_table o WHERE o.status = 'active') x
    WHERE EXISTS (SELECT 1 FROM applications p WHERE p.id = x.application_id)
    GROUP BY 1, 2, 3 HAVING sum(x.d) <> 0;
  ELSE
    INSERT INTO account_facet_deltas (application_id, situation, link_status, delta)
    SELECT o.application_id, o.situation, o.link_status, -count(*)
    FROM old_table o WHERE o.status = 'active' AND EXISTS (SELECT 1 FROM applications p WHERE p.id = o.application_id)
    GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_facet_deltas_insert AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION concord_account_facet_deltas();
--> statement-breakpoint
CREATE TRIGGER accounts_facet_deltas_update AFTER UPDATE ON accounts
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION concord_account_facet_deltas();
--> statement-breakpoint
CREATE TRIGGER accounts_facet_deltas_delete AFTER DELETE ON accounts
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION concord_account_facet_deltas();
--> statement-breakpoint
INSERT INTO account_facet_deltas (application_id, situation, link_status, delta)
SELECT application_id, situation, link_status, count(*) FROM accounts WHERE status = 'active' GROUP BY 1, 2, 3;
