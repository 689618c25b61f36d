-- The append-only tables also refuse TRUNCATE (row triggers do not fire on it).
CREATE OR REPLACE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
