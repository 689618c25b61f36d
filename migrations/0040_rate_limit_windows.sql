-- Rate-limit windows shared by every server process on one PostgreSQL database (issue 19, item 2): with
-- counters in each process's memory, N processes gave a guesser N times the allowance of the public look-up.
-- One row per (client address, bucket): the fixed window's start and its hits. UNLOGGED: a crash only resets
-- the counters, and the hot upsert writes no WAL. The hourly prune deletes windows that ended.
CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_windows (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  window_ms integer NOT NULL,
  hits integer NOT NULL
);
