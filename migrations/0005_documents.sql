-- Official documents: stored files (content-addressed blobs + metadata rows), digitisation flags per
-- dossier component, result documents, and versioned form templates (TT 03/2025 Appendix I).

-- One row per upload. The bytes live in the blob store under their SHA-256 (several rows may share a
-- blob). `name` is display metadata only (sanitised); it never becomes a path.
CREATE TABLE files (
  id                  uuid PRIMARY KEY,
  sha256              text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size                bigint NOT NULL CHECK (size >= 0),
  media_type          text NOT NULL,
  kind                text NOT NULL,            -- pdf | jpeg | png | docx | xlsx | doc | xls
  name                text NOT NULL,
  purpose             text NOT NULL CHECK (purpose IN ('component', 'supplement', 'result', 'other')),
  dossier_id          uuid REFERENCES dossiers(id),
  -- files staged before the dossier exists (uploaded at the desk before reception) belong to their uploader
  uploaded_by         text NOT NULL,
  uploaded_at         timestamptz NOT NULL,
  -- dossier component this file digitises (componentId from the procedure, or the component's name)
  component_id        text,
  component_name      text,
  -- digitisation flags (TT 01/2023/TT-VPCP; QĐ 766 group 4): digitised at reception, reused from an
  -- earlier result (DuocTaiSuDung), taken from the citizen's data store on the national portal (DuocLayTuKhoDMQG)
  digitised           boolean NOT NULL DEFAULT false,
  reused_from         text,
  from_citizen_store  boolean NOT NULL DEFAULT false,
  -- the dossier event that attached the file (its payload carries the same sha256)
  attached_version    integer,
  attached_action     text,
  attached_at         timestamptz,
  -- result copies the citizen may download online
  citizen_visible     boolean NOT NULL DEFAULT false,
  signed_from         uuid REFERENCES files(id)  -- the unsigned original this signed copy was made from
);
CREATE INDEX files_dossier ON files (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_staged ON files (uploaded_by) WHERE dossier_id IS NULL;

-- Result documents (văn bản kết quả): number, date, signer, issuing agency, the file, the result code.
CREATE TABLE result_documents (
  id                  uuid PRIMARY KEY,
  dossier_id          uuid NOT NULL REFERENCES dossiers(id),
  number              text NOT NULL,
  signed_on           date NOT NULL,
  signer              text NOT NULL,
  title               text,
  issuing_agency_id   uuid NOT NULL REFERENCES agencies(id),
  -- mã kết quả: code of the result (e.g. from the procedure's result list or the national e-result store)
  result_code         text NOT NULL,
  file_id             uuid REFERENCES files(id),
  digitally_signed    boolean NOT NULL DEFAULT false,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  UNIQUE (issuing_agency_id, number, signed_on)
);
CREATE INDEX result_documents_dossier ON result_documents (dossier_id);
CREATE UNIQUE INDEX result_documents_code ON result_documents (result_code);

-- Form texts as data, versioned like procedures: the highest version whose effective_from is on or before
-- the dossier's reception date is used, so old dossiers reprint with the template in force then.
CREATE TABLE form_templates (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  form            text NOT NULL CHECK (form IN ('01', '02', '03', '04', '05', '06', '07')),
  version         integer NOT NULL CHECK (version >= 1),
  legal_basis     text NOT NULL,
  effective_from  date NOT NULL,
  title           text NOT NULL,
  content         jsonb NOT NULL,
  created_by      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (form, version)
);
