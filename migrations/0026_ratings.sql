-- Satisfaction ratings of dossiers (src/modules/ratings; domain-vn §8, QĐ 766 indicator 5.4).
-- rating_criteria: the criteria asked (data, not code: an admin may add or retire one; `overall` is the one
-- QĐ 766 5.4 reads — "không hài lòng" on it is the dossier's "dislike"). Levels: 3 rất hài lòng, 2 hài lòng,
-- 1 không hài lòng.
-- dossier_ratings: one row per dossier (UNIQUE dossier_id); the rater may change it until editable_until
-- (first rating + the window). It keeps the dossier's competent agency, procedure and the officials who handled
-- it (who returned the result and who finished the processing steps), so reports group by them.
-- rating_kiosks: a counter tablet paired by an official (device token, hashed); the desk hands it the dossier
-- just returned (dossier_id); the kiosk can rate only that dossier, once.

CREATE TABLE rating_criteria (
  key        text PRIMARY KEY,
  position   integer NOT NULL,
  name_vi    text NOT NULL,
  name_en    text NOT NULL,
  required   boolean NOT NULL DEFAULT false,
  active     boolean NOT NULL DEFAULT true
);
INSERT INTO rating_criteria (key, position, name_vi, name_en, required) VALUES
  ('overall', 1, 'Mức độ hài lòng chung về việc giải quyết thủ tục hành chính', 'Overall satisfaction with the handling of the procedure', true),
  ('attitude', 2, 'Thái độ, tinh thần phục vụ của cán bộ, công chức', 'Attitude of the officials', false),
  ('timeliness', 3, 'Thời gian giải quyết và trả kết quả so với quy định', 'Time to process and return compared with the rules', false),
  ('convenience', 4, 'Sự thuận tiện khi thực hiện thủ tục (số lần đi lại, số cơ quan phải liên hệ)', 'Convenience (number of visits, number of agencies contacted)', false),
  ('transparency', 5, 'Công khai, minh bạch thủ tục hành chính', 'Transparency of the procedure', false);

CREATE TABLE rating_kiosks (
  id            uuid PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,          -- SHA-256 hex of the device token
  label         text NOT NULL,
  agency_id     uuid NOT NULL REFERENCES agencies (id),
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  dossier_id    uuid REFERENCES dossiers (id),  -- the dossier handed to the kiosk now (null: nothing to rate)
  handed_by     uuid REFERENCES users (id),
  handed_at     timestamptz
);
CREATE INDEX rating_kiosks_by_owner ON rating_kiosks (created_by) WHERE revoked_at IS NULL;

CREATE TABLE dossier_ratings (
  id                   uuid PRIMARY KEY,
  dossier_id           uuid NOT NULL UNIQUE REFERENCES dossiers (id),
  dossier_code         text NOT NULL,
  competent_agency_id  uuid NOT NULL REFERENCES agencies (id),
  procedure_id         uuid NOT NULL,
  procedure_code       text NOT NULL,
  procedure_name       text NOT NULL,
  official_ids         uuid[] NOT NULL DEFAULT '{}',
  overall              smallint NOT NULL CHECK (overall BETWEEN 1 AND 3),
  answers              jsonb NOT NULL,         -- {criterionKey: level}
  comment              text,
  channel              text NOT NULL CHECK (channel IN ('portal', 'link', 'kiosk')),
  rater                text NOT NULL,          -- 'citizen:<id>' | 'secret' | 'kiosk:<id>'
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  editable_until       timestamptz NOT NULL,
  revision             integer NOT NULL DEFAULT 1
);
CREATE INDEX dossier_ratings_by_agency ON dossier_ratings (competent_agency_id, created_at);
CREATE INDEX dossier_ratings_officials ON dossier_ratings USING gin (official_ids);
