-- Petitions (phản ánh, kiến nghị — PAKN, ND 20/2008) and questions & answers (hỏi đáp) about procedures
-- (QĐ 766 indicators 5.1 and 5.3).
--
-- 1. The legal deadlines and limits as data (one row): handle within 15 working days, refuse (không thụ lý)
--    within 2, ask for more information within 5, publish within 2; a question is answered within 5; a
--    citizen files at most 5 petitions a day online, one network address at most 20.
CREATE TABLE petition_settings (
  id         integer PRIMARY KEY CHECK (id = 1),
  config     jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
INSERT INTO petition_settings (id, config, updated_at) VALUES (1, '{"handleDays": 15, "refuseDays": 2, "moreInfoDays": 5, "publishDays": 2, "questionDays": 5, "perCitizenPerDay": 5, "perIpPerDay": 20}', now());

-- 2. A petition: who sent it (an online citizen account, or a desk/phone petitioner an official recorded),
--    what it is about, where it is (status, assigned agency) and its deadlines. The petitioner's personal data
--    is shown only to the officials of the assigned agency and above (the service masks it for anyone else).
CREATE TABLE petitions (
  id                 uuid PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  kind               text NOT NULL CHECK (kind IN ('regulation', 'behaviour')),
  channel            text NOT NULL CHECK (channel IN ('online', 'desk', 'phone')),
  status             text NOT NULL CHECK (status IN ('received', 'info_requested', 'refused', 'assigned', 'answered', 'published', 'rated')),
  citizen_id         uuid,
  petitioner_name    text NOT NULL,
  petitioner_phone   text,
  petitioner_email   text,
  petitioner_address text,
  title              text NOT NULL,
  content            text NOT NULL,
  procedure_code     text,
  dossier_code       text,
  agency_id          uuid REFERENCES agencies (id),
  recorded_by        uuid,
  client_ip          text,
  received_at        timestamptz NOT NULL,
  refuse_due_at      timestamptz NOT NULL,
  handle_due_at      timestamptz NOT NULL,
  info_due_at        timestamptz,
  info_request       text,
  refused_at         timestamptz,
  refuse_reason      text,
  answered_at        timestamptz,
  answer             text,
  answered_by        uuid,
  publish_due_at     timestamptz,
  published_at       timestamptz,
  public             boolean NOT NULL DEFAULT false,
  rating             text CHECK (rating IN ('satisfied', 'unsatisfied')),
  rating_comment     text,
  rated_at           timestamptz,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK (channel <> 'online' OR citizen_id IS NOT NULL)
);
CREATE INDEX petitions_agency_status ON petitions (agency_id, status);
CREATE INDEX petitions_citizen ON petitions (citizen_id, created_at) WHERE citizen_id IS NOT NULL;
CREATE INDEX petitions_ip ON petitions (client_ip, created_at) WHERE client_ip IS NOT NULL;
CREATE INDEX petitions_answered ON petitions (answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX petitions_dossier ON petitions (dossier_code) WHERE dossier_code IS NOT NULL;

-- 3. Every change of a petition, append-only: what, who (citizen / official / system) and when.
CREATE TABLE petition_events (
  id          uuid PRIMARY KEY,
  petition_id uuid NOT NULL REFERENCES petitions (id),
  seq         integer NOT NULL,
  kind        text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('citizen', 'official', 'system')),
  actor_id    uuid,
  actor_label text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL,
  UNIQUE (petition_id, seq)
);

-- 4. Questions about a procedure, routed to the agency that performs it; answered within the deadline and
--    optionally published on the procedure's page (search_key: the diacritics-free text for search).
CREATE TABLE questions (
  id             uuid PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  citizen_id     uuid,
  asker_name     text NOT NULL,
  asker_phone    text,
  asker_email    text,
  procedure_code text NOT NULL,
  procedure_name text NOT NULL,
  agency_id      uuid NOT NULL REFERENCES agencies (id),
  content        text NOT NULL,
  status         text NOT NULL CHECK (status IN ('asked', 'answered', 'published')),
  answer         text,
  answered_by    uuid,
  answered_at    timestamptz,
  published_at   timestamptz,
  due_at         timestamptz NOT NULL,
  search_key     text NOT NULL,
  asked_at       timestamptz NOT NULL,
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX questions_agency_status ON questions (agency_id, status);
CREATE INDEX questions_procedure_published ON questions (procedure_code) WHERE status = 'published';
CREATE INDEX questions_citizen ON questions (citizen_id, asked_at) WHERE citizen_id IS NOT NULL;
