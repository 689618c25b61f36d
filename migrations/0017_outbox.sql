-- The transactional outbox (src/platform/outbox): a message to the outside world (SMS, e-mail, national
-- portal, postal service) is a row written in the business transaction that causes it, so it exists if and
-- only if that transaction commits; a job delivers due rows afterwards, with retries.
-- (topic, dedupe_key) is unique: enqueueing the same logical message twice keeps one row.
-- claimed_until / claim_token: a delivery leases a row for a while instead of holding a transaction (and on
-- PGlite the only connection) during the provider call; a worker that dies leaves the lease to expire and
-- the row is delivered again. All times come from the application's clock.
CREATE TABLE outbox (
  id            uuid PRIMARY KEY,
  topic         text NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  dedupe_key    text NOT NULL,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  available_at  timestamptz NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  last_error_at timestamptz,
  claimed_until timestamptz,
  claim_token   uuid,
  delivered_at  timestamptz,
  UNIQUE (topic, dedupe_key)
);
-- what the delivery job scans: undelivered rows by due time
CREATE INDEX outbox_due ON outbox (available_at) WHERE delivered_at IS NULL;
