-- Foundation: search helpers, administrative units, organisations, users, roles, sessions, tokens, audit.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE; this wrapper is IMMUTABLE so that it can be used in expression indexes.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Refuse UPDATE and DELETE on append-only tables (audit log, dossier events).
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;

-- Đơn vị hành chính. `generation` separates the current 2-tier list (from 2025-07-01) from the
-- pre-reform 3-tier list: the new lists reuse old codes for other units.
CREATE TABLE admin_units (
  generation   text NOT NULL CHECK (generation IN ('current', 'pre2025')),
  code         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  name         text NOT NULL,
  full_name    text NOT NULL,
  name_en      text,
  unit_type    text,            -- Tỉnh, Thành phố, Xã, Phường, Đặc khu, Quận, Huyện…
  parent_code  text,
  province_code text NOT NULL,
  valid_from   date,
  valid_to     date,            -- last day in force; NULL = still in force
  name_key     text NOT NULL,   -- normalised (NFC, tone placement, no diacritics, lower) for matching
  PRIMARY KEY (generation, code)
);
CREATE INDEX admin_units_parent ON admin_units (generation, parent_code);
CREATE INDEX admin_units_name_key ON admin_units USING gin (name_key gin_trgm_ops);

-- Old commune → new commune (1/7/2025). `kind` = full | partial (approximate for partial).
CREATE TABLE admin_unit_mapping (
  old_code   text NOT NULL,
  new_code   text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('full', 'partial')),
  PRIMARY KEY (old_code, new_code)
);
CREATE INDEX admin_unit_mapping_new ON admin_unit_mapping (new_code);

-- Cơ quan: a tree. `path` is the materialised path of ids ('/<root>/<child>/…/') for subtree checks.
CREATE TABLE agencies (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL,             -- national agency code (QCVN 102), e.g. 000.00.01.H22
  name          text NOT NULL,
  name_en       text,
  kind          text NOT NULL CHECK (kind IN ('province_committee', 'department', 'service_centre',
                  'commune_committee', 'commune_centre', 'vertical_agency', 'other')),
  parent_id     uuid REFERENCES agencies(id),
  path          text NOT NULL,
  admin_unit_code text,                    -- current-generation administrative unit
  valid_from    date NOT NULL DEFAULT DATE '2025-07-01',
  valid_to      date,
  successor_id  uuid REFERENCES agencies(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- one agency in force per code; history keeps its code with a valid_to
CREATE UNIQUE INDEX agencies_code_current ON agencies (code) WHERE valid_to IS NULL;
CREATE INDEX agencies_parent ON agencies (parent_id);
CREATE INDEX agencies_path ON agencies (path text_pattern_ops);

-- Phòng / bộ phận inside an agency.
CREATE TABLE agency_units (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  code        text NOT NULL,
  name        text NOT NULL,
  valid_from  date NOT NULL DEFAULT DATE '2025-07-01',
  valid_to    date,
  UNIQUE (agency_id, code)
);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE,
  full_name       text NOT NULL,
  email           text,
  phone           text,
  kind            text NOT NULL DEFAULT 'official' CHECK (kind IN ('official', 'integration')),
  password_hash   text,
  oidc_subject    text UNIQUE,
  active          boolean NOT NULL DEFAULT true,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_assignments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('admin', 'reception', 'handler', 'unit_leader', 'agency_leader',
                'clerk', 'return_officer', 'cashier', 'procedure_control')),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  unit_id     uuid REFERENCES agency_units(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role, agency_id)
);
CREATE INDEX role_assignments_agency ON role_assignments (agency_id, role);

-- Server-side sessions; `id` is the SHA-256 of the cookie token (the token itself is never stored).
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text,
  auth_method   text NOT NULL DEFAULT 'password'
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens for integration clients, hashed at rest.
CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL,
  prefix        text NOT NULL,             -- first characters, to recognise a token in lists
  token_hash    text NOT NULL UNIQUE,
  scopes        text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz
);

-- Pending OIDC logins (state → PKCE verifier, nonce), short-lived.
CREATE TABLE oidc_logins (
  state          text PRIMARY KEY,
  code_verifier  text NOT NULL,
  nonce          text NOT NULL,
  return_to      text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Nhật ký: logins, failed logins, every admin change. Append-only.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid,
  actor_label text,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  ip          text,
  user_agent  text,
  request_id  text,
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Idempotency-Key: a retry returns the first answer.
CREATE TABLE idempotency_keys (
  principal     text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status        integer NOT NULL,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
