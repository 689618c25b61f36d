-- National-portal (DVCQG) sync and the outbox's subscriber fan-out.
--
-- 1. Outbox subscribers: a topic may have several consumers (the dossiers.event topic: notifications and the
--    portal sync). The business transaction writes one row with subscriber ''; the delivery job fans it out
--    into one row per subscriber (same topic, key and payload), each with its own attempts, errors and
--    back-off, so one consumer's outage never delays or repeats another's deliveries.
ALTER TABLE outbox ADD COLUMN subscriber text NOT NULL DEFAULT '';
ALTER TABLE outbox DROP CONSTRAINT outbox_topic_dedupe_key_key;
ALTER TABLE outbox ADD CONSTRAINT outbox_topic_subscriber_key UNIQUE (topic, subscriber, dedupe_key);

-- 2. What the portal is told, one row per dossier event that changes what it shows. Delivered in order per
--    dossier (event_version), different dossiers independently. UNIQUE (dossier_id, event_version): a
--    redelivered outbox message writes nothing. `status`: pending (not yet accepted; retried with back-off),
--    accepted, rejected (the portal refused the payload: its code and reason are kept; resend after a fix).
CREATE TABLE portal_sync_items (
  id                   uuid PRIMARY KEY,
  dossier_id           uuid NOT NULL,
  dossier_code         text NOT NULL,
  event_version        integer NOT NULL CHECK (event_version >= 1),
  action               text NOT NULL,
  service              text NOT NULL CHECK (service IN ('DongBoHoSoMC', 'CapNhatTienDoHoSoMC')),
  national_status      integer NOT NULL CHECK (national_status BETWEEN 1 AND 10),
  channel              integer NOT NULL,
  receiving_agency_id  uuid NOT NULL,
  competent_agency_id  uuid NOT NULL,
  received_at          timestamptz,
  payload              jsonb NOT NULL,
  status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  attempts             integer NOT NULL DEFAULT 0,
  next_attempt_at      timestamptz NOT NULL,
  last_error           text,
  last_error_at        timestamptz,
  portal_error_code    text,
  portal_error_message text,
  portal_ref           text,
  accepted_at          timestamptz,
  created_at           timestamptz NOT NULL,
  UNIQUE (dossier_id, event_version)
);
CREATE INDEX portal_sync_items_pending ON portal_sync_items (dossier_id, event_version) WHERE status = 'pending';
CREATE INDEX portal_sync_items_received ON portal_sync_items (received_at) WHERE status = 'accepted';

-- 3. Questions citizens sent on the national portal (LayDanhSachHoiDapGuiTuDVCQG), kept until the Q&A module
--    exists; one row per portal question id.
CREATE TABLE portal_questions (
  portal_id      text PRIMARY KEY,
  field_code     text,
  agency_code    text,
  procedure_code text,
  asker_name     text NOT NULL,
  asker_email    text,
  asker_phone    text,
  content        text NOT NULL,
  answer         text,
  answered_at    timestamptz,
  answer_synced_at timestamptz,
  pulled_at      timestamptz NOT NULL
);

-- 4. Postal orders (bưu chính công ích, QĐ 45/2016): one per dossier and direction. OUTBOUND_RESULT is made
--    when a result to be sent by post is ready; the tracking job follows it (status, item code) and a
--    confirmed delivery completes the return step through the dossiers service.
CREATE TABLE postal_orders (
  id            uuid PRIMARY KEY,
  dossier_id    uuid NOT NULL,
  dossier_code  text NOT NULL,
  direction     text NOT NULL CHECK (direction IN ('INBOUND_DOSSIER', 'OUTBOUND_RESULT')),
  request       jsonb NOT NULL,
  item_code     text,
  status        text NOT NULL DEFAULT 'booking' CHECK (status IN ('booking', 'rejected', 'booked', 'collecting', 'collected', 'in_transit', 'delivering', 'delivered', 'failed', 'cancelled')),
  cod_amount    integer NOT NULL DEFAULT 0 CHECK (cod_amount >= 0),
  last_error    text,
  created_at    timestamptz NOT NULL,
  booked_at     timestamptz,
  tracked_at    timestamptz,
  delivered_at  timestamptz,
  return_recorded_at timestamptz,
  UNIQUE (dossier_id, direction)
);
CREATE INDEX postal_orders_open ON postal_orders (tracked_at) WHERE status NOT IN ('booking', 'rejected', 'delivered', 'cancelled');

-- every tracking change seen, once (the same VNPost status at the same time is the same change)
CREATE TABLE postal_tracking_events (
  order_id     uuid NOT NULL REFERENCES postal_orders (id),
  vnpost_status integer NOT NULL,
  status       text NOT NULL,
  at           timestamptz NOT NULL,
  place        text,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (order_id, vnpost_status, at)
);
