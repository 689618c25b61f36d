-- Roll-ups of the progress report (issue 19 item 5; docs/architecture.md §5): per local day (and per month) of
-- acceptance and per (competent agency, procedure code, procedure id, procedure name, field, channel), the
-- dossiers accepted, and of those the ones finished by outcome class (early / on time / late, and
-- refused-or-stopped). Kept by a trigger on dossiers in the write's own transaction (no extra round trip for
-- the engine): it subtracts the old row's contribution and adds the new one, and fires only when something
-- the contribution depends on changes. A dossier contributes to ONE bucket (its acceptance day), whatever
-- happens later; the report reads the buckets of the period plus the dossiers open at its start and at its
-- end (direct, small: the GiST index below), see src/modules/reports/progress-rollup.repo.ts.
--
-- The outcome class must be the report's definition (reports.repo.ts measurePredicates): late =
-- indicator_late OR indicator_on_time IS FALSE; early = not late and finished on an earlier local day than the
-- original appointment; refused/stopped = status refused|stopped or result outcome 'rejected'. The test
-- test/reports/progress-rollups.test.ts compares the roll-up report with the direct one.

-- 0: not finished; 1 early, 2 on time, 3 late; + 4 when refused / stopped / rejected.
CREATE FUNCTION dossier_rollup_class(finished_at timestamptz, original_due_at timestamptz, indicator_late boolean,
                                     indicator_on_time boolean, status text, result_outcome text)
RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN finished_at IS NULL THEN 0
    ELSE (CASE WHEN indicator_late OR indicator_on_time IS FALSE THEN 3
               WHEN COALESCE((finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (original_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, false) THEN 1
               ELSE 2 END)
       + (CASE WHEN status IN ('refused', 'stopped') OR COALESCE(result_outcome = 'rejected', false) THEN 4 ELSE 0 END)
  END)::smallint
$$;

CREATE TABLE dossier_rollup_days (
  day             date NOT NULL,       -- local day of acceptance
  agency_id       uuid NOT NULL,       -- competent agency
  procedure_code  text NOT NULL,
  procedure_id    uuid NOT NULL,
  procedure_name  text NOT NULL,       -- the label when the procedure row is gone
  field           text,
  channel         smallint NOT NULL,
  accepted        integer NOT NULL DEFAULT 0,
  early           integer NOT NULL DEFAULT 0,
  on_time         integer NOT NULL DEFAULT 0,
  late            integer NOT NULL DEFAULT 0,
  refused_stopped integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX dossier_rollup_days_key ON dossier_rollup_days
  (day, agency_id, procedure_code, procedure_id, procedure_name, field, channel) NULLS NOT DISTINCT;

-- The same by month (month = its first day): a year reads ~12 of these per key instead of ~365 day rows.
CREATE TABLE dossier_rollup_months (LIKE dossier_rollup_days INCLUDING DEFAULTS);
ALTER TABLE dossier_rollup_months RENAME COLUMN day TO month;
CREATE UNIQUE INDEX dossier_rollup_months_key ON dossier_rollup_months
  (month, agency_id, procedure_code, procedure_id, procedure_name, field, channel) NULLS NOT DISTINCT;

-- The same without the procedure, by (agency, field, channel): the groupings by agency, field, channel and
-- month and the totals read these. With the procedure in the key the buckets are nearly as many as the
-- dossiers at province scale (bench/README.md "Progress roll-ups"); without it they are bounded by agencies ×
-- fields × channels per month, whatever the number of dossiers.
CREATE TABLE dossier_rollup_field_days (
  day             date NOT NULL,
  agency_id       uuid NOT NULL,
  field           text,
  channel         smallint NOT NULL,
  accepted        integer NOT NULL DEFAULT 0,
  early           integer NOT NULL DEFAULT 0,
  on_time         integer NOT NULL DEFAULT 0,
  late            integer NOT NULL DEFAULT 0,
  refused_stopped integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX dossier_rollup_field_days_key ON dossier_rollup_field_days (day, agency_id, field, channel) NULLS NOT DISTINCT;
CREATE TABLE dossier_rollup_field_months (LIKE dossier_rollup_field_days INCLUDING DEFAULTS);
ALTER TABLE dossier_rollup_field_months RENAME COLUMN day TO month;
CREATE UNIQUE INDEX dossier_rollup_field_months_key ON dossier_rollup_field_months (month, agency_id, field, channel) NULLS NOT DISTINCT;

-- Adds `sign` × the contribution of dossier row `d` to its day and month buckets.
CREATE FUNCTION dossier_rollup_apply(sign integer, d dossiers) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cls smallint;
  dd date;
BEGIN
  IF d.accepted_at IS NULL THEN RETURN; END IF;
  cls := dossier_rollup_class(d.finished_at, d.original_due_at, d.indicator_late, d.indicator_on_time, d.status, d.result_outcome);
  dd := (d.accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  INSERT INTO dossier_rollup_days AS b (day, agency_id, procedure_code, procedure_id, procedure_name, field, channel,
                                        accepted, early, on_time, late, refused_stopped)
  VALUES (dd, d.competent_agency_id, d.procedure_code, d.procedure_id, d.procedure_name, d.field, d.channel,
          sign, sign * (cls % 4 = 1)::int, sign * (cls % 4 = 2)::int, sign * (cls % 4 = 3)::int, sign * (cls >= 4)::int)
  ON CONFLICT (day, agency_id, procedure_code, procedure_id, procedure_name, field, channel) DO UPDATE SET
    accepted = b.accepted + EXCLUDED.accepted, early = b.early + EXCLUDED.early, on_time = b.on_time + EXCLUDED.on_time,
    late = b.late + EXCLUDED.late, refused_stopped = b.refused_stopped + EXCLUDED.refused_stopped;
  INSERT INTO dossier_rollup_months AS b (month, agency_id, procedure_code, procedure_id, procedure_name, field, channel,
                                          accepted, early, on_time, late, refused_stopped)
  VALUES (date_trunc('month', dd)::date, d.competent_agency_id, d.procedure_code, d.procedure_id, d.procedure_name, d.field, d.channel,
          sign, sign * (cls % 4 = 1)::int, sign * (cls % 4 = 2)::int, sign * (cls % 4 = 3)::int, sign * (cls >= 4)::int)
  ON CONFLICT (month, agency_id, procedure_code, procedure_id, procedure_name, field, channel) DO UPDATE SET
    accepted = b.accepted + EXCLUDED.accepted, early = b.early + EXCLUDED.early, on_time = b.on_time + EXCLUDED.on_time,
    late = b.late + EXCLUDED.late, refused_stopped = b.refused_stopped + EXCLUDED.refused_stopped;
  INSERT INTO dossier_rollup_field_days AS b (day, agency_id, field, channel, accepted, early, on_time, late, refused_stopped)
  VALUES (dd, d.competent_agency_id, d.field, d.channel,
          sign, sign * (cls % 4 = 1)::int, sign * (cls % 4 = 2)::int, sign * (cls % 4 = 3)::int, sign * (cls >= 4)::int)
  ON CONFLICT (day, agency_id, field, channel) DO UPDATE SET
    accepted = b.accepted + EXCLUDED.accepted, early = b.early + EXCLUDED.early, on_time = b.on_time + EXCLUDED.on_time,
    late = b.late + EXCLUDED.late, refused_stopped = b.refused_stopped + EXCLUDED.refused_stopped;
  INSERT INTO dossier_rollup_field_months AS b (month, agency_id, field, channel, accepted, early, on_time, late, refused_stopped)
  VALUES (date_trunc('month', dd)::date, d.competent_agency_id, d.field, d.channel,
          sign, sign * (cls % 4 = 1)::int, sign * (cls % 4 = 2)::int, sign * (cls % 4 = 3)::int, sign * (cls >= 4)::int)
  ON CONFLICT (month, agency_id, field, channel) DO UPDATE SET
    accepted = b.accepted + EXCLUDED.accepted, early = b.early + EXCLUDED.early, on_time = b.on_time + EXCLUDED.on_time,
    late = b.late + EXCLUDED.late, refused_stopped = b.refused_stopped + EXCLUDED.refused_stopped;
END $$;

CREATE FUNCTION dossier_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM dossier_rollup_apply(-1, OLD); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM dossier_rollup_apply(1, NEW); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER dossiers_rollup_insert AFTER INSERT ON dossiers
  FOR EACH ROW WHEN (NEW.accepted_at IS NOT NULL) EXECUTE FUNCTION dossier_rollup_trigger();
CREATE TRIGGER dossiers_rollup_delete AFTER DELETE ON dossiers
  FOR EACH ROW WHEN (OLD.accepted_at IS NOT NULL) EXECUTE FUNCTION dossier_rollup_trigger();
-- an ordinary action (status, assignee, state) changes none of these: the WHEN clause stops it here
CREATE TRIGGER dossiers_rollup_update AFTER UPDATE ON dossiers
  FOR EACH ROW WHEN (
    (OLD.accepted_at, OLD.competent_agency_id, OLD.procedure_code, OLD.procedure_id, OLD.procedure_name, OLD.field, OLD.channel,
     dossier_rollup_class(OLD.finished_at, OLD.original_due_at, OLD.indicator_late, OLD.indicator_on_time, OLD.status, OLD.result_outcome))
    IS DISTINCT FROM
    (NEW.accepted_at, NEW.competent_agency_id, NEW.procedure_code, NEW.procedure_id, NEW.procedure_name, NEW.field, NEW.channel,
     dossier_rollup_class(NEW.finished_at, NEW.original_due_at, NEW.indicator_late, NEW.indicator_on_time, NEW.status, NEW.result_outcome)))
  EXECUTE FUNCTION dossier_rollup_trigger();

-- Rebuilds every bucket from the dossiers with one GROUP BY (this migration's backfill, and bench/province.ts
-- after a bulk load with triggers off). Run it where nothing else writes dossiers.
CREATE FUNCTION dossier_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_rollup_days;
  DELETE FROM dossier_rollup_months;
  DELETE FROM dossier_rollup_field_days;
  DELETE FROM dossier_rollup_field_months;
  INSERT INTO dossier_rollup_days (day, agency_id, procedure_code, procedure_id, procedure_name, field, channel,
                                   accepted, early, on_time, late, refused_stopped)
  SELECT day, competent_agency_id, procedure_code, procedure_id, procedure_name, field, channel,
         count(*), count(*) FILTER (WHERE cls % 4 = 1), count(*) FILTER (WHERE cls % 4 = 2),
         count(*) FILTER (WHERE cls % 4 = 3), count(*) FILTER (WHERE cls >= 4)
  FROM (SELECT (d.accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, d.competent_agency_id, d.procedure_code, d.procedure_id,
               d.procedure_name, d.field, d.channel,
               dossier_rollup_class(d.finished_at, d.original_due_at, d.indicator_late, d.indicator_on_time, d.status, d.result_outcome) AS cls
        FROM dossiers d WHERE d.accepted_at IS NOT NULL) x
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1;
  INSERT INTO dossier_rollup_months (month, agency_id, procedure_code, procedure_id, procedure_name, field, channel,
                                     accepted, early, on_time, late, refused_stopped)
  SELECT date_trunc('month', day)::date, agency_id, procedure_code, procedure_id, procedure_name, field, channel,
         sum(accepted), sum(early), sum(on_time), sum(late), sum(refused_stopped)
  FROM dossier_rollup_days GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1;
  INSERT INTO dossier_rollup_field_days (day, agency_id, field, channel, accepted, early, on_time, late, refused_stopped)
  SELECT day, agency_id, field, channel, sum(accepted), sum(early), sum(on_time), sum(late), sum(refused_stopped)
  FROM dossier_rollup_days GROUP BY 1, 2, 3, 4 ORDER BY 1;
  INSERT INTO dossier_rollup_field_months (month, agency_id, field, channel, accepted, early, on_time, late, refused_stopped)
  SELECT month, agency_id, field, channel, sum(accepted), sum(early), sum(on_time), sum(late), sum(refused_stopped)
  FROM dossier_rollup_months GROUP BY 1, 2, 3, 4 ORDER BY 1;
END $$;

SELECT dossier_rollups_rebuild();

-- The dossiers open at an instant t (accepted < t, not finished before t), which the report reads directly
-- at the period's start and end: `tstzrange(...) @> t` on this expression (GREATEST: a range never inverted).
CREATE INDEX dossiers_open_span ON dossiers USING gist (
  tstzrange(accepted_at, CASE WHEN finished_at IS NULL THEN NULL ELSE GREATEST(accepted_at, finished_at) END, '(]'))
  WHERE accepted_at IS NOT NULL;
