-- Runs after every migration (SchemaMigration), as the schema owner: the rights of the runtime
-- role and of the operator tool's role, whose names come as the settings cqrsshop.runtime_user and
-- cqrsshop.admin_user. Each statement is idempotent, so running it again leaves the same rights.
-- A new table needs its line here; DatabaseRolesIT fails until it has one.
DO $$
DECLARE
  runtime_role text := current_setting('cqrsshop.runtime_user');
  admin_role   text := current_setting('cqrsshop.admin_user');
BEGIN
  -- One role for everything (the owner serves too): it owns every right already.
  IF runtime_role <> current_user THEN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = runtime_role) THEN
      RAISE EXCEPTION 'the runtime role % does not exist: create it first (see docs/operations.md, Database roles)', runtime_role;
    END IF;
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', runtime_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON products, users, user_email_history, orders,'
                   ' order_lines, order_status_history, command_requests TO %I', runtime_role);
    -- Forgetting old request ids (CommandLogRetention) is the only delete a command makes.
    EXECUTE format('GRANT DELETE ON command_requests TO %I', runtime_role);
    -- The event log is append-only for the service: it inserts events and marks them published or
    -- set aside (the outbox relay), and cannot change an event's content or delete one.
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON events FROM %I', runtime_role);
    EXECUTE format('GRANT SELECT, INSERT ON events TO %I', runtime_role);
    EXECUTE format('GRANT UPDATE (published_at, set_aside_at, set_aside_reason) ON events TO %I',
                   runtime_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE events_position_seq TO %I', runtime_role);
  END IF;
  IF admin_role <> current_user AND EXISTS (SELECT FROM pg_roles WHERE rolname = admin_role) THEN
    -- Reads for status and the drift check; putting set-aside events back is its one write.
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', admin_role);
    EXECUTE format('REVOKE UPDATE, INSERT, DELETE, TRUNCATE ON events FROM %I', admin_role);
    EXECUTE format('GRANT UPDATE (set_aside_at, set_aside_reason) ON events TO %I', admin_role);
  END IF;
END
$$;
