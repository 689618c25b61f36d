-- Reporting columns on the dossier projection (reports module, QĐ 766 indicator 2.1).
--
-- field: the procedure's field (lĩnh vực) at reception, so reports group without joining the catalogue
--   (a later catalogue edit does not move old dossiers to another field).
-- indicator_*: the indicator clock, precomputed by the engine with the agency's working calendar at each
--   event, so a report is one SQL aggregate (working-time arithmetic is not available in SQL):
--   indicator_end_at   end of processing for the indicator (finishedAt, or the start of a pending
--                      supplement wait); NULL while processing;
--   indicator_on_time  the outcome once indicator_end_at is known; NULL while processing;
--   indicator_late_from while processing: the first instant at which the dossier counts as late (the
--                      original appointment shifted by the completed suspensions); NULL when not running;
--   indicator_late     flagged late whatever the times (> 1 supplement request, apology).
ALTER TABLE dossiers
  ADD COLUMN field               text,
  ADD COLUMN indicator_end_at    timestamptz,
  ADD COLUMN indicator_on_time   boolean,
  ADD COLUMN indicator_late_from timestamptz,
  ADD COLUMN indicator_late      boolean NOT NULL DEFAULT false;

UPDATE dossiers d SET field = p.field FROM procedures p WHERE p.id = d.procedure_id;
-- Existing rows: a coarse backfill from the stored state (the engine recomputes the exact values at the
-- next event of each dossier). Finished dossiers: on time ⇔ finished by the original appointment.
UPDATE dossiers SET
  indicator_late = COALESCE((state->>'lateForIndicators')::boolean, false),
  indicator_end_at = finished_at,
  indicator_on_time = CASE WHEN finished_at IS NULL OR original_due_at IS NULL THEN NULL
                           ELSE NOT COALESCE((state->>'lateForIndicators')::boolean, false) AND finished_at <= original_due_at END,
  indicator_late_from = CASE WHEN finished_at IS NULL THEN original_due_at END;

CREATE INDEX dossiers_accepted ON dossiers (accepted_at);
CREATE INDEX dossiers_finished ON dossiers (finished_at);
CREATE INDEX dossiers_field ON dossiers (field);
CREATE INDEX dossiers_channel ON dossiers (channel);
