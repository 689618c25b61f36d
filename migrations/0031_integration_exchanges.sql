-- Every HTTP exchange of the integration adapters (the national portal / LGSP, the postal service), with
-- personal data and secrets masked by the adapter before it is written: what an operator reads to see what
-- went over the wire and what the peer answered, kept MOTCUA_EXCHANGE_KEEP_DAYS days (default 90).
CREATE TABLE integration_exchanges (
  id           bigserial PRIMARY KEY,
  port         text NOT NULL,
  at           timestamptz NOT NULL,
  method       text NOT NULL,
  path         text NOT NULL,
  request      jsonb,
  status       integer,
  response     jsonb,
  error        text,
  duration_ms  integer
);
CREATE INDEX integration_exchanges_port_at ON integration_exchanges (port, at DESC);
CREATE INDEX integration_exchanges_at ON integration_exchanges (at);
