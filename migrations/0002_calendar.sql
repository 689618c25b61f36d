-- Working calendar: days off / compensatory days / swapped working days, per-year status, office hours per
-- agency. Versioned: every change bumps `calendar_state.version` and closes/opens rows (from_version,
-- to_version) instead of updating them, so the calendar of any past version can be rebuilt and a deadline
-- stored with its calendar version can always be explained. Rows are never deleted.

-- The current calendar version (one row). Read cheaply by every process to notice changes made by another.
CREATE TABLE calendar_state (
  id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version     integer NOT NULL CHECK (version >= 0),
  changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO calendar_state (id, version) VALUES (1, 0);

-- One row per version: what changed and who changed it. Append-only.
CREATE TABLE calendar_versions (
  version     integer PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid,
  actor_label text,
  action      text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE TRIGGER calendar_versions_append_only BEFORE UPDATE OR DELETE ON calendar_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Ngày nghỉ lễ, nghỉ bù / nghỉ hoán đổi, làm bù. `id` is the entry's stable identity across versions;
-- a change closes the current row (to_version) and inserts the new state (from_version).
-- A row is in force at version v when from_version <= v AND (to_version IS NULL OR to_version > v).
CREATE TABLE calendar_days (
  row_id        bigserial PRIMARY KEY,
  id            uuid NOT NULL,
  date          date NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('holiday', 'compensatory_off', 'working_day_swap')),
  name_vi       text NOT NULL,
  name_en       text NOT NULL,
  source        jsonb,                   -- { references: [...], verify: bool, note?: text }
  provisional   boolean NOT NULL,
  origin        text NOT NULL CHECK (origin IN ('official', 'statutory', 'admin')),
  from_version  integer NOT NULL,
  to_version    integer,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid,
  CHECK (to_version IS NULL OR to_version > from_version)
);
-- one entry per date and one current row per entry
CREATE UNIQUE INDEX calendar_days_current_date ON calendar_days (date) WHERE to_version IS NULL;
CREATE UNIQUE INDEX calendar_days_current_id ON calendar_days (id) WHERE to_version IS NULL;
CREATE INDEX calendar_days_date ON calendar_days (date);
CREATE INDEX calendar_days_id ON calendar_days (id);

-- Status of a year's schedule: provisional (generated from the Labour Code) until an admin confirms it
-- against the announcement of the Ministry of Home Affairs. A year without a row is generated on the fly.
CREATE TABLE calendar_years (
  year               integer PRIMARY KEY CHECK (year BETWEEN 1901 AND 2100),
  status             text NOT NULL CHECK (status IN ('provisional', 'confirmed')),
  seeded_from        text NOT NULL CHECK (seeded_from IN ('official', 'statutory')),
  created_version    integer NOT NULL,
  confirmed_by       uuid,
  confirmed_by_label text,
  confirmed_at       timestamptz,
  note               text
);

-- Giờ làm việc per agency, effective-dated (valid_from, local date) for seasonal schedules. `weekly` is
-- {"0": [{"start": "HH:MM", "end": "HH:MM"}, …], …, "6": […]} (0 = Sunday); NULL = from this date the
-- agency follows its parent again. An agency without a row in force inherits from the nearest ancestor;
-- the root falls back to the national default (Mon–Fri 07:30–11:30, 13:00–17:00).
CREATE TABLE agency_office_hours (
  row_id        bigserial PRIMARY KEY,
  agency_id     uuid NOT NULL REFERENCES agencies(id),
  valid_from    date NOT NULL,
  weekly        jsonb,
  note          text,
  from_version  integer NOT NULL,
  to_version    integer,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid,
  CHECK (to_version IS NULL OR to_version > from_version)
);
CREATE UNIQUE INDEX agency_office_hours_current ON agency_office_hours (agency_id, valid_from) WHERE to_version IS NULL;
CREATE INDEX agency_office_hours_agency ON agency_office_hours (agency_id);
