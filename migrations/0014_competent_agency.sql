-- Every real procedure at the desk (issue 11): who is competent, and time limits the catalogue lacks.

-- Commune police (Công an xã/phường) perform the residence and ID procedures at commune level.
ALTER TABLE agencies DROP CONSTRAINT agencies_kind_check;
ALTER TABLE agencies ADD CONSTRAINT agencies_kind_check CHECK (kind IN ('province_committee', 'department',
  'service_centre', 'commune_committee', 'commune_centre', 'commune_police', 'vertical_agency', 'other'));

-- Field (lĩnh vực) → competent agency, per level, versioned: an edit closes the current row (valid_to) and
-- inserts the next version. Province level names one agency; commune level names the kind of agency of the
-- desk's own commune (its People's Committee or its police), since there are thousands of communes.
CREATE TABLE field_agencies (
  id            bigserial PRIMARY KEY,
  level         text NOT NULL CHECK (level IN ('province', 'commune')),
  field         text NOT NULL,
  agency_id     uuid REFERENCES agencies(id),
  commune_kind  text CHECK (commune_kind IN ('commune_committee', 'commune_police')),
  version       integer NOT NULL,
  valid_from    timestamptz NOT NULL DEFAULT now(),
  valid_to      timestamptz,
  set_by        uuid,
  note          text,
  CHECK ((level = 'province' AND agency_id IS NOT NULL AND commune_kind IS NULL)
      OR (level = 'commune' AND commune_kind IS NOT NULL AND agency_id IS NULL)),
  UNIQUE (level, field, version)
);
CREATE UNIQUE INDEX field_agencies_current ON field_agencies (level, field) WHERE valid_to IS NULL;

-- A time limit set by an administrator where the catalogue has none (or to correct it), with its legal basis.
CREATE TABLE procedure_time_limits (
  procedure_id  uuid PRIMARY KEY REFERENCES procedures(id),
  value         numeric NOT NULL CHECK (value >= 0),
  unit          text NOT NULL CHECK (unit IN ('working_days', 'working_hours', 'same_day')),
  basis         text NOT NULL,
  updated_by    uuid,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
