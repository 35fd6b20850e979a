-- The outbox triggers' planner estimates for transition tables are coarse (a 100,000-row update joined
-- to a few assignments is costed as millions of rows), which made Postgres JIT-compile the statement:
-- 300 ms of compilation for a 2,000-event insert. They are small set-based joins; JIT never pays off.
ALTER FUNCTION concord_outbox_identities_updated() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION concord_outbox_assignments_inserted() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION concord_outbox_assignments_updated() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION concord_outbox_assignments_deleted() SET jit = off;
