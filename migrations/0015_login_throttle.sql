-- Sign-in throttling by (account name, address) and by address, the same for names that exist and names
-- that do not (so the answers tell nothing about which accounts exist). `key` holds no typed text: the
-- name is hashed. users.failed_logins / users.locked_until are no longer used (a per-account lock let
-- anyone lock any official out).
CREATE TABLE login_throttle (
  key              text PRIMARY KEY,
  failures         integer NOT NULL,
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);
