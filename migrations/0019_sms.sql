-- Inbound SMS (src/modules/notifications/sms-lookup.ts): every mobile-originated message received over SMPP is
-- logged with what it was taken for and what was answered (audit), and the per-number rate limit counts these
-- rows, so it holds across restarts and instances. Numbers are stored as the SMSC gives them (84…) plus the
-- national form when the sender is a Vietnamese mobile. The lookup secret, when one was typed, is not stored.
-- All times come from the application's clock.
CREATE TABLE sms_inbound (
  id            uuid PRIMARY KEY,
  received_at   timestamptz NOT NULL,
  from_number   text NOT NULL,
  sender_key    text NOT NULL,
  to_number     text NOT NULL,
  -- the text as received, with a typed secret masked
  text          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('lookup', 'unparsed')),
  dossier_code  text,
  outcome       text NOT NULL CHECK (outcome IN ('answered', 'not_found', 'unparsed', 'rate_limited', 'rate_limited_silent')),
  reply         text
);
-- what the rate limit scans: one sender's messages in the last window
CREATE INDEX sms_inbound_sender ON sms_inbound (sender_key, received_at);
