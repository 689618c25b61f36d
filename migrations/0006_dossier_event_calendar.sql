-- The working-calendar version used for the deadlines each dossier event computed (the projection keeps the
-- latest in dossiers.calendar_version), so a deadline can always be explained with the calendar it used.
ALTER TABLE dossier_events ADD COLUMN calendar_version text;
