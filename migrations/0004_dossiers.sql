-- Dossier engine: internal process definitions (versioned), dossiers (projection), the append-only event
-- log, daily code counters, reception records (forms 02/03 without a code).
-- Catalog procedures (0003) are referenced by id without foreign keys (their shape may still change).

-- Quy trình nội bộ. One row per version; agency_key = '' for the procedure-wide process, else the
-- agency id (per-agency override). The highest version of a (procedure, agency_key) is in force;
-- dossiers keep the id of the row they started with.
CREATE TABLE process_definitions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id       uuid NOT NULL,
  agency_id          uuid REFERENCES agencies(id),
  agency_key         text NOT NULL DEFAULT '',
  version            integer NOT NULL CHECK (version >= 1),
  definition         jsonb NOT NULL,
  config             jsonb NOT NULL DEFAULT '{}',
  legal_limit_hours  numeric NOT NULL CHECK (legal_limit_hours >= 0),
  derived            boolean NOT NULL DEFAULT false,   -- generated from the legal limit, not edited
  created_by         uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_id, agency_key, version),
  CHECK ((agency_id IS NULL AND agency_key = '') OR agency_key = agency_id::text)
);

-- Gapless daily sequence per agency and local date (Asia/Ho_Chi_Minh); incremented inside the reception
-- transaction, so a rolled-back reception releases its number.
CREATE TABLE dossier_code_counters (
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  local_date  date NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (agency_id, local_date)
);

-- The dossier projection: columns the inbox filters and sorts on, and the full DossierState in `state`.
CREATE TABLE dossiers (
  id                    uuid PRIMARY KEY,
  code                  text UNIQUE,
  channel               smallint NOT NULL CHECK (channel IN (1, 2, 3)),
  version               integer NOT NULL,
  status                text NOT NULL,            -- internal state
  national_status       smallint NOT NULL CHECK (national_status BETWEEN 1 AND 10),
  step_key              text,
  step_role             text,                     -- role of the current step (pool); NULL when closed
  assignee_id           uuid,
  current_agency_id     uuid NOT NULL REFERENCES agencies(id),
  receiving_agency_id   uuid NOT NULL REFERENCES agencies(id),
  competent_agency_id   uuid NOT NULL REFERENCES agencies(id),
  return_agency_id      uuid NOT NULL REFERENCES agencies(id),
  agency_ids            uuid[] NOT NULL,          -- every agency involved (scope): holders, transfers, consultations
  procedure_id          uuid NOT NULL,
  procedure_version_id  uuid,
  procedure_code        text NOT NULL,
  procedure_name        text NOT NULL,
  process_id            uuid NOT NULL REFERENCES process_definitions(id),
  applicant_name        text NOT NULL,
  applicant_id_number   text,
  applicant_phone       text,
  applicant_email       text,
  applicant             jsonb NOT NULL,           -- applicant, representative, address
  filing                jsonb NOT NULL,           -- components, fees, delivery choice
  submitted_at          timestamptz NOT NULL,
  accepted_at           timestamptz,
  clock_start_at        timestamptz,
  due_at                timestamptz,
  original_due_at       timestamptz,
  step_due_at           timestamptz,
  due_soon              boolean NOT NULL DEFAULT false,
  overdue               boolean NOT NULL DEFAULT false,
  finished_at           timestamptz,
  returned_at           timestamptz,
  calendar_version      text,
  secret_hash           text,                     -- sha256 of the receipt secret (set when the code is issued)
  state                 jsonb NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL
);
CREATE INDEX dossiers_agency_ids ON dossiers USING gin (agency_ids);
CREATE INDEX dossiers_current ON dossiers (current_agency_id, national_status);
CREATE INDEX dossiers_assignee ON dossiers (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX dossiers_due ON dossiers (due_at) WHERE finished_at IS NULL;
CREATE INDEX dossiers_updated ON dossiers (updated_at DESC);
CREATE INDEX dossiers_procedure ON dossiers (procedure_code);
CREATE INDEX dossiers_id_number ON dossiers (applicant_id_number);
CREATE INDEX dossiers_phone ON dossiers (applicant_phone);
-- name search with or without diacritics
CREATE INDEX dossiers_name_trgm ON dossiers USING gin ((f_unaccent(lower(applicant_name))) gin_trgm_ops);
CREATE INDEX dossiers_code_trgm ON dossiers USING gin (code gin_trgm_ops);

-- The event log is the truth: one row per action, never updated or deleted.
CREATE TABLE dossier_events (
  id             bigserial PRIMARY KEY,
  dossier_id     uuid NOT NULL REFERENCES dossiers(id),
  version        integer NOT NULL,
  action         text NOT NULL,
  from_state     text,
  to_state       text NOT NULL,
  from_step      text,
  step_key       text,
  agency_id      uuid,                 -- holder after the event
  actor_id       text NOT NULL,        -- user id, 'system' or 'citizen:…'
  actor_roles    text[] NOT NULL DEFAULT '{}',
  actor_agency_id text,
  at             timestamptz NOT NULL,
  note           text,
  payload        jsonb NOT NULL,
  event          jsonb NOT NULL,       -- the whole DossierEvent (replayed with fold())
  UNIQUE (dossier_id, version)
);
CREATE INDEX dossier_events_at ON dossier_events (at);
CREATE TRIGGER dossier_events_append_only BEFORE UPDATE OR DELETE ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
