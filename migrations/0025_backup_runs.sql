-- Backup runs (src/modules/backups): every scheduled or admin-requested backup and restore drill (verify),
-- with its outcome, so the admins' page shows the last good backup and the last verified restore, and an
-- alert goes out when a backup fails or the last good one is more than a day old.
CREATE TABLE backup_runs (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('backup', 'verify')),
  trigger       text NOT NULL CHECK (trigger IN ('schedule', 'admin')),
  status        text NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  -- the backup folder's name (its id) under MOTCUA_BACKUP_DIR
  backup_id     text,
  bytes         bigint,
  -- what the run found: blob counts of a backup, the verify report's counts and problems
  details       jsonb,
  error         text,
  requested_by  uuid REFERENCES users (id),
  CHECK (status = 'running' OR finished_at IS NOT NULL)
);
CREATE INDEX backup_runs_started ON backup_runs (started_at DESC);
CREATE INDEX backup_runs_last_ok ON backup_runs (kind, finished_at DESC) WHERE status = 'ok';
-- one run at a time: a second start while one is running is refused by the database itself
CREATE UNIQUE INDEX backup_runs_one_running ON backup_runs ((true)) WHERE status = 'running';
