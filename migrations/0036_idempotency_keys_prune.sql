-- Idempotency keys are kept a week (MOTCUA_IDEMPOTENCY_KEEP_DAYS): the nightly prune deletes by age.
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
