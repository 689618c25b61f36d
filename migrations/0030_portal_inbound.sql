-- Dossiers citizens submitted on the national portal (DVCQG) and handed to this province for reception
-- (src/modules/portal-sync, pull-inbound-dossiers.ts). One row per portal reference: registered (the
-- dossier waits in the receiving desk's online queue, status 1) or refused (the record could not be filed:
-- unknown procedure or agency, a bad field), with the reason the portal is told. `acknowledged_at` is set once
-- the portal took the answer: a row without it is acknowledged again on the next pull, never filed twice.
CREATE TABLE portal_inbound_dossiers (
  portal_id        text PRIMARY KEY,
  status           text NOT NULL CHECK (status IN ('registered', 'refused')),
  dossier_id       uuid REFERENCES dossiers (id),
  procedure_code   text,
  agency_code      text,
  submitted_at     timestamptz,
  reason           text,
  errors           jsonb,
  pulled_at        timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  ack_error        text,
  CHECK (status <> 'registered' OR dossier_id IS NOT NULL)
);
CREATE INDEX portal_inbound_unacknowledged ON portal_inbound_dossiers (pulled_at) WHERE acknowledged_at IS NULL;
CREATE INDEX portal_inbound_pulled ON portal_inbound_dossiers (pulled_at DESC);
