-- Online submission from the citizen portal: drafts kept per citizen (resumable on another device, a version
-- on each save), the procedure's own e-form fields an administrator adds (versioned), and on the dossier the
-- citizen who submitted it and the assurance level of the session they submitted from.

ALTER TABLE dossiers ADD COLUMN citizen_id uuid REFERENCES citizens(id);
ALTER TABLE dossiers ADD COLUMN submitted_assurance text;
CREATE INDEX dossiers_citizen_idx ON dossiers (citizen_id, submitted_at DESC) WHERE citizen_id IS NOT NULL;

CREATE TABLE submission_drafts (
  id              uuid PRIMARY KEY,
  citizen_id      uuid NOT NULL REFERENCES citizens(id),
  procedure_code  text NOT NULL,
  form            jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- optimistic concurrency: every save names the version it saw and gets version + 1
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted')),
  dossier_id      uuid REFERENCES dossiers(id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  submitted_at    timestamptz,
  CHECK ((status = 'submitted') = (dossier_id IS NOT NULL))
);
CREATE INDEX submission_drafts_citizen_idx ON submission_drafts (citizen_id, updated_at DESC);
-- one dossier per draft, whatever the retries
CREATE UNIQUE INDEX submission_drafts_dossier_uq ON submission_drafts (dossier_id) WHERE dossier_id IS NOT NULL;

CREATE TABLE procedure_form_extensions (
  procedure_code  text NOT NULL,
  version         integer NOT NULL CHECK (version >= 1),
  properties      jsonb NOT NULL,
  required        jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (procedure_code, version)
);
