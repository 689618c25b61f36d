-- 1. Step and consultation deadline flags (set by the deadline sweep's system events, see state-machine.ts
--    mark_step_due_soon / mark_step_overdue / mark_consultation_due_soon / mark_consultation_overdue): the
--    projection columns the inbox filters on. The flags never move a deadline.
ALTER TABLE dossiers ADD COLUMN step_due_soon boolean NOT NULL DEFAULT false;
ALTER TABLE dossiers ADD COLUMN step_overdue boolean NOT NULL DEFAULT false;
ALTER TABLE dossiers ADD COLUMN consultation_due_soon boolean NOT NULL DEFAULT false;
ALTER TABLE dossiers ADD COLUMN consultation_overdue boolean NOT NULL DEFAULT false;
-- sweep candidates by step deadline
CREATE INDEX dossiers_step_due ON dossiers (step_due_at) WHERE finished_at IS NULL AND step_due_at IS NOT NULL;

-- 2. Server-side secrets (random, generated here once per database). `idempotency`: the HKDF salt of the
--    keys that encrypt stored Idempotency-Key answers (src/platform/http/idempotency.ts).
CREATE TABLE app_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,               -- hex
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO app_secrets (name, value)
VALUES ('idempotency', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')), 'hex'));

-- Answers stored before this migration hold the receipt secret in clear text: remove it (a retry of such an
-- old key replays the answer without the secret; the desk can no longer reprint that one receipt's secret).
UPDATE idempotency_keys SET response = response #- '{receipt,secret}'
WHERE response IS NOT NULL AND jsonb_typeof(response) = 'object' AND response ? 'receipt';
