-- Catalogue of administrative procedures (TTHC): procedures with versions (an amended procedure gets a new
-- version; dossiers keep the version they were received under), channels with time limits and fees,
-- components, legal basis, results, parse issues, which agencies of the province perform each procedure,
-- local fee overrides and the public/hidden flag.

-- Search key: lower case, no diacritics, every run of non-alphanumerics as one space, one space at both ends
-- (so that whole syllables can be matched with LIKE '% word %'). The JS side builds query keys the same way
-- (catalog.repo.ts `searchWords`); names are schema-qualified because PG 17+ builds indexes with a
-- restricted search_path. lower() runs again after unaccent in case the database's ctype is "C".
CREATE OR REPLACE FUNCTION catalog_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT ' ' || btrim(regexp_replace(lower(public.f_unaccent(lower($1))), '[^a-z0-9]+', ' ', 'g')) || ' ' $$;

-- One row per procedure code. The search columns repeat the current version's values (rewritten by the
-- importer with every new version) so that search reads one table.
CREATE TABLE procedures (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE,
  source              text NOT NULL CHECK (source IN ('national', 'defence', 'local')),
  public              boolean NOT NULL DEFAULT true,
  current_version_id  uuid,
  version             integer NOT NULL DEFAULT 1,
  name                text NOT NULL,
  field               text,
  levels              text[] NOT NULL DEFAULT '{}',
  channel_kinds       text[] NOT NULL DEFAULT '{}',
  time_limit          jsonb,                          -- summary for lists: {value, unit, text, channel}
  -- Search keys, stored: a trigram LIKE is lossy, so every candidate row is rechecked against the key, and the
  -- ranking reads it again. Recomputing unaccent + regexp per candidate (expression index) made broad
  -- queries on 100,000 procedures several times slower (bench/catalog-search.ts); a stored key costs one
  -- computation per write.
  name_key            text GENERATED ALWAYS AS (catalog_search_key(name)) STORED,
  field_key           text GENERATED ALWAYS AS (catalog_search_key(field)) STORED,
  issue_count         integer NOT NULL DEFAULT 0,
  failed_issue_count  integer NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_name_search ON procedures USING gin (name_key gin_trgm_ops);
CREATE INDEX procedures_code_prefix ON procedures (code text_pattern_ops);
CREATE INDEX procedures_field_key ON procedures (field_key);
CREATE INDEX procedures_levels ON procedures USING gin (levels);
CREATE INDEX procedures_channel_kinds ON procedures USING gin (channel_kinds);
CREATE INDEX procedures_issues ON procedures (code) WHERE issue_count > 0;

CREATE TABLE procedure_versions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id        uuid NOT NULL REFERENCES procedures(id),
  version             integer NOT NULL,
  content_hash        text NOT NULL,                  -- sha256 of the parsed record: same hash = same version
  -- [effective_from, effective_to). NULL effective_from: the first version the catalogue knows, in force
  -- since before it was imported. effective_to is set when a newer version replaces it.
  effective_from      timestamptz,
  effective_to        timestamptz,
  name                text NOT NULL,
  field               text,
  levels              text[] NOT NULL DEFAULT '{}',
  other_levels        text[] NOT NULL DEFAULT '{}',
  implementing_agency text,
  competent_agency    text,
  applicants          text,
  steps               text,
  requirements        text,
  procedure_type      text,
  receiving_address   text,
  decision_number     text,
  source              text NOT NULL,
  source_id           text,
  source_url          text,
  results             jsonb NOT NULL DEFAULT '[]',    -- [{name, code}]
  legal_basis         jsonb NOT NULL DEFAULT '[]',    -- [{number, title, issuedAt, issuer}]
  issues              jsonb NOT NULL DEFAULT '[]',    -- parse issues [{field, status, detail}], for admins
  warnings            jsonb NOT NULL DEFAULT '[]',
  imported_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_id, version)
);
ALTER TABLE procedures ADD CONSTRAINT procedures_current_version_fk
  FOREIGN KEY (current_version_id) REFERENCES procedure_versions(id) DEFERRABLE INITIALLY DEFERRED;

-- Cách thức thực hiện: one row per channel row of the source (a kind may appear twice).
CREATE TABLE procedure_channels (
  version_id   uuid NOT NULL REFERENCES procedure_versions(id),
  ordinal      smallint NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('in_person', 'online', 'postal')),
  time_value   numeric,
  time_unit    text CHECK (time_unit IN ('working_days', 'days', 'hours', 'working_hours', 'months', 'same_day')),
  time_text    text,                                  -- verbatim time column
  time_from    text,                                  -- time_column | description
  description  text NOT NULL DEFAULT '',
  fees         jsonb NOT NULL DEFAULT '[]',           -- [{name, amountVnd, text, amount, currency, note}]
  PRIMARY KEY (version_id, ordinal)
);

-- Thành phần hồ sơ.
CREATE TABLE procedure_components (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id        uuid NOT NULL REFERENCES procedure_versions(id),
  ordinal           smallint NOT NULL,
  name              text NOT NULL,
  template          text,
  templates         text[] NOT NULL DEFAULT '{}',
  originals         integer NOT NULL DEFAULT 0,
  certified_copies  integer NOT NULL DEFAULT 0,
  copies            integer NOT NULL DEFAULT 0,
  required          boolean NOT NULL DEFAULT true,
  group_name        text,
  UNIQUE (version_id, ordinal)
);

-- Which agencies perform a procedure: by default by level (province-level → departments and the provincial
-- centre; commune-level → commune People's Committees); a row overrides the default for one agency:
-- performs = true adds it, performs = false removes it.
CREATE TABLE procedure_agencies (
  procedure_id  uuid NOT NULL REFERENCES procedures(id),
  agency_id     uuid NOT NULL REFERENCES agencies(id),
  performs      boolean NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    uuid,
  PRIMARY KEY (procedure_id, agency_id)
);
CREATE INDEX procedure_agencies_agency ON procedure_agencies (agency_id, performs);

-- Local fee decided by the province (HĐND resolution) replacing or adding a fee of a channel.
CREATE TABLE procedure_fee_overrides (
  procedure_id  uuid NOT NULL REFERENCES procedures(id),
  channel       text NOT NULL CHECK (channel IN ('in_person', 'online', 'postal')),
  fee_name      text NOT NULL,
  amount_vnd    bigint NOT NULL CHECK (amount_vnd >= 0),
  note          text,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    uuid,
  PRIMARY KEY (procedure_id, channel, fee_name)
);

-- One row per import run, with its parse report.
CREATE TABLE catalog_imports (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  source        text NOT NULL,
  file          text,
  total         integer NOT NULL,
  created       integer NOT NULL,
  new_versions  integer NOT NULL,
  unchanged     integer NOT NULL,
  skipped       integer NOT NULL,
  report        jsonb NOT NULL
);
