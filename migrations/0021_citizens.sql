-- Citizen accounts of the citizen portal (src/modules/citizens), separate from the officials' users.
-- A citizen signs in with a one-time code sent to a phone or an e-mail address, or through the national
-- identity provider (VNeID-like OIDC). Addresses and identities are unique: one account per phone, e-mail
-- and provider subject. Verified fields carry the time and the way they were proven.
CREATE TABLE citizens (
  id                    uuid PRIMARY KEY,
  phone                 text UNIQUE,            -- national form 0xxxxxxxxx
  phone_verified_at     timestamptz,
  email                 text UNIQUE,            -- lower case
  email_verified_at     timestamptz,
  full_name             text,
  id_number             text,                   -- CCCD / định danh cá nhân, 12 digits
  birth_date            date,
  address_line          text,                   -- house number, street, hamlet
  address_unit_code     text,                   -- commune of the two-tier system (admin_units, generation current)
  -- identity fields (name, ID number, birth date) proven by the identity provider: not editable by hand
  identity_verified_at  timestamptz,
  oidc_issuer           text,
  oidc_subject          text,
  created_at            timestamptz NOT NULL,
  last_sign_in_at       timestamptz,
  UNIQUE (oidc_issuer, oidc_subject)
);
CREATE INDEX citizens_id_number ON citizens (id_number) WHERE id_number IS NOT NULL;

-- Citizen sessions; `id` is the SHA-256 of the cookie token. `assurance` is how the citizen proved who
-- they are: 'otp' or the identity provider's acr.
CREATE TABLE citizen_sessions (
  id            text PRIMARY KEY,
  citizen_id    uuid NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  assurance     text NOT NULL,
  auth_method   text NOT NULL CHECK (auth_method IN ('otp', 'oidc')),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
CREATE INDEX citizen_sessions_citizen ON citizen_sessions (citizen_id);

-- One-time codes: only the hash is kept. `address` is the normalised phone or e-mail. The rows also
-- count the requests per address and per client address for the rate limits.
CREATE TABLE citizen_sign_in_challenges (
  id            uuid PRIMARY KEY,
  channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
  address       text NOT NULL,
  purpose       text NOT NULL CHECK (purpose IN ('sign_in', 'verify')),
  -- for purpose 'verify': the signed-in citizen who proves a new phone or e-mail
  citizen_id    uuid REFERENCES citizens(id) ON DELETE CASCADE,
  code_hash     text NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  consumed_at   timestamptz,
  ip            text
);
CREATE INDEX citizen_challenges_address ON citizen_sign_in_challenges (address, created_at);
CREATE INDEX citizen_challenges_ip ON citizen_sign_in_challenges (ip, created_at);

-- Pending sign-ins through the identity provider (state → PKCE verifier and nonce), taken once.
CREATE TABLE citizen_oidc_logins (
  state          text PRIMARY KEY,
  code_verifier  text NOT NULL,
  nonce          text NOT NULL,
  return_to      text,
  created_at     timestamptz NOT NULL
);

-- Acting for another person or an organisation (ủy quyền / đại diện theo pháp luật): the represented
-- party and the authorisation document (a file of the documents module). Revoked, never deleted: a dossier
-- filed under it keeps pointing at it.
CREATE TABLE citizen_representations (
  id                 uuid PRIMARY KEY,
  citizen_id         uuid NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
  party_kind         text NOT NULL CHECK (party_kind IN ('individual', 'organisation')),
  basis              text NOT NULL CHECK (basis IN ('authorisation', 'legal_representative')),
  party_name         text NOT NULL,
  party_id_number    text,                   -- CCCD of a person
  party_tax_code     text,                   -- mã số thuế / mã số doanh nghiệp of an organisation
  party_address_line text,
  party_unit_code    text,
  party_phone        text,
  party_email        text,
  document_file_id   uuid NOT NULL REFERENCES files(id),
  valid_until        date,
  created_at         timestamptz NOT NULL,
  revoked_at         timestamptz
);
CREATE INDEX citizen_representations_citizen ON citizen_representations (citizen_id, created_at);
