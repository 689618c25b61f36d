-- Notifications (src/modules/notifications): SMS and e-mail to applicants, representatives and officials.
-- A message row is written by the outbox handler of the business event (one transaction with the outbox
-- row of its delivery). UNIQUE (event_key, recipient, channel): at most one message per event, recipient and
-- channel, whatever the number of redeliveries.
-- Status: queued → attempted (committed before the provider is called) → sent → delivered, or deferred
-- (quiet hours), suppressed (opt-out), failed (permanent: bad number, bounce), dead (retries exhausted),
-- unknown (a crash between attempted and sent: never resent blindly, shown to admins with a resend action).

-- Templates per (event, channel), versioned: a new version on every save, the latest one is used.
CREATE TABLE notification_templates (
  id         uuid PRIMARY KEY,
  event      text NOT NULL,
  channel    text NOT NULL CHECK (channel IN ('sms', 'email')),
  version    integer NOT NULL CHECK (version >= 1),
  subject    text,
  body       text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  UNIQUE (event, channel, version)
);

CREATE TABLE notification_messages (
  id                  uuid PRIMARY KEY,
  event_key           text NOT NULL,
  event               text NOT NULL,
  dossier_id          uuid,
  dossier_code        text,
  agency_id           uuid,
  recipient           text NOT NULL,
  recipient_role      text NOT NULL,
  recipient_name      text,
  channel             text NOT NULL CHECK (channel IN ('sms', 'email')),
  address             text NOT NULL,
  template_event      text NOT NULL,
  template_version    integer NOT NULL,
  subject             text,
  body                text NOT NULL,
  html                text,
  attachments         jsonb NOT NULL DEFAULT '[]'::jsonb,
  status              text NOT NULL CHECK (status IN ('queued', 'deferred', 'suppressed', 'attempted', 'sent', 'delivered', 'failed', 'dead', 'unknown')),
  provider            text,
  provider_message_id text,
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  not_before          timestamptz,
  created_at          timestamptz NOT NULL,
  attempted_at        timestamptz,
  sent_at             timestamptz,
  delivered_at        timestamptz,
  failed_at           timestamptz,
  resend_of           uuid REFERENCES notification_messages (id),
  UNIQUE (event_key, recipient, channel)
);
CREATE INDEX notification_messages_created ON notification_messages (created_at DESC);
CREATE INDEX notification_messages_status ON notification_messages (status, created_at DESC);
CREATE INDEX notification_messages_dossier ON notification_messages (dossier_id);
CREATE UNIQUE INDEX notification_messages_provider_id ON notification_messages (provider, provider_message_id) WHERE provider_message_id IS NOT NULL;

-- Opt-out per (address, channel), from the signed link in e-mails or an admin. Sign-in codes ignore it.
CREATE TABLE notification_optouts (
  channel    text NOT NULL CHECK (channel IN ('sms', 'email')),
  address    text NOT NULL,
  created_at timestamptz NOT NULL,
  source     text NOT NULL,
  PRIMARY KEY (channel, address)
);

-- Officials who asked for the daily digest of their due-soon and overdue dossiers.
CREATE TABLE notification_digest_subscriptions (
  user_id    uuid PRIMARY KEY REFERENCES users (id),
  created_at timestamptz NOT NULL
);

-- Secrets of the module (the key that signs unsubscribe links), made once per database.
CREATE TABLE notification_settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO notification_settings (key, value) VALUES ('unsubscribe_key', md5(random()::text) || md5(gen_random_uuid()::text));
