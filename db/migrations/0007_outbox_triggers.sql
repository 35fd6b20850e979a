-- Outbox producers (issue 5). Statement-level AFTER triggers with transition tables on identities and
-- assignments write one event per assigned application in the same transaction as the change, whatever
-- code path made it (imports, manual edits, actions), set-based. With no assignment at all they return
-- at once, so a large import into an organisation that assigns nobody costs next to nothing.
CREATE OR REPLACE FUNCTION concord_identity_json(i identities) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', i.id, 'username', i.username, 'email', i.email, 'displayName', i.display_name,
    'givenName', i.given_name, 'familyName', i.family_name, 'employeeId', i.employee_id,
    'groups', to_jsonb(i.groups), 'attributes', i.attributes, 'status', i.status, 'lifecycle', i.lifecycle)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_assignment_json(a assignments) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('status', a.status, 'role', a.role, 'licenceState', a.licence_state)
$$;
--> statement-breakpoint
-- { field: { before, after } } for every top-level key whose value differs; null when none does.
CREATE OR REPLACE FUNCTION concord_json_changes(before jsonb, after jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_object_agg(k, jsonb_build_object('before', before -> k, 'after', after -> k))
  FROM jsonb_object_keys(after) k
  WHERE before -> k IS DISTINCT FROM after -> k
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_outbox_identities_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM assignments) THEN
    RETURN NULL;
  END IF;
  INSERT INTO outbox_events (application_id, identity_id, type, payload)
  SELECT a.application_id, n.id,
         CASE WHEN o.status = 'active' AND n.status = 'blocked' THEN 'identity.blocked'
              WHEN o.status = 'blocked' AND n.status = 'active' THEN 'identity.unblocked'
              ELSE 'identity.updated' END,
         jsonb_build_object('identity', j.after, 'assignment', concord_assignment_json(a), 'changes', j.changes)
  FROM new_table n
  JOIN assignments a ON a.identity_id = n.id
  JOIN old_table o ON o.id = n.id
  CROSS JOIN LATERAL (
    SELECT x.after, concord_json_changes(concord_identity_json(o::identities), x.after) AS changes
    FROM (SELECT concord_identity_json(n::identities) AS after) x
  ) j
  WHERE j.changes IS NOT NULL
  ORDER BY n.id, a.application_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_outbox_assignments_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_events (application_id, identity_id, type, payload)
  SELECT n.application_id, n.identity_id, 'identity.assigned',
         jsonb_build_object('identity', concord_identity_json(i), 'assignment', concord_assignment_json(n::assignments), 'changes', NULL)
  FROM new_table n
  JOIN identities i ON i.id = n.identity_id
  ORDER BY n.identity_id, n.application_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_outbox_assignments_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_events (application_id, identity_id, type, payload)
  SELECT n.application_id, n.identity_id,
         CASE WHEN o.status = 'active' AND n.status = 'suspended' THEN 'identity.suspended'
              WHEN o.status = 'suspended' AND n.status = 'active' THEN 'identity.assigned'
              WHEN o.role IS DISTINCT FROM n.role THEN 'identity.entitlements_changed'
              ELSE 'identity.licence_changed' END,
         jsonb_build_object('identity', concord_identity_json(i), 'assignment', j.after, 'changes', j.changes)
  FROM new_table n
  JOIN old_table o ON o.id = n.id
  JOIN identities i ON i.id = n.identity_id
  CROSS JOIN LATERAL (
    SELECT x.after, concord_json_changes(concord_assignment_json(o::assignments), x.after) AS changes
    FROM (SELECT concord_assignment_json(n::assignments) AS after) x
  ) j
  WHERE j.changes IS NOT NULL
  ORDER BY n.identity_id, n.application_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An identity or application deleted with its assignments: no event for a deleted application; a
-- deleted identity's event carries only its id (the outbox's identity_id would point at nothing).
CREATE OR REPLACE FUNCTION concord_outbox_assignments_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_events (application_id, identity_id, type, payload)
  SELECT o.application_id, i.id, 'identity.unassigned',
         jsonb_build_object('identity', coalesce(concord_identity_json(i), jsonb_build_object('id', o.identity_id)),
                            'assignment', NULL, 'changes', NULL)
  FROM old_table o
  JOIN applications ap ON ap.id = o.application_id
  LEFT JOIN identities i ON i.id = o.identity_id
  ORDER BY o.identity_id, o.application_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER identities_outbox_update AFTER UPDATE ON identities
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE FUNCTION concord_outbox_identities_updated();
--> statement-breakpoint
CREATE TRIGGER assignments_outbox_insert AFTER INSERT ON assignments
  REFERENCING NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE FUNCTION concord_outbox_assignments_inserted();
--> statement-breakpoint
CREATE TRIGGER assignments_outbox_update AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE FUNCTION concord_outbox_assignments_updated();
--> statement-breakpoint
CREATE TRIGGER assignments_outbox_delete AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS old_table
  FOR EACH STATEMENT EXECUTE FUNCTION concord_outbox_assignments_deleted();
