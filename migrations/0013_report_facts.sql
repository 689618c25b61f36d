-- Report facts: what the reports (QĐ 766 indicators, progress, officials) need from the dossier state, the
-- filing and the event log, stored in plain columns so that a report never reads the (TOASTed) jsonb.
--
-- On dossiers, kept by the engine at every event (projectionOf → reportFactsOf in src/modules/reports/facts.ts;
-- the backfill below is the same definition in SQL):
--   has_result       state.result is recorded (an object);
--   result_outcome   state.result.outcome ('approved' | 'rejected');
--   result_has_file  a document of state.result has a file (fileId);
--   pay_due          a payment was requested with an amount that is not a number or is > 0;
--   paid_online      a payment was paid online (method 'online', or a legacy free-text method that reads as
--                    online: ONLINE_PAYMENT_METHODS);
-- and, from the filing (written once at reception), generated columns:
--   filing_has_file  a filed component has a file (fileId);
--   filing_reused    a filed component was reused from an earlier dossier / the citizen store (reusedFrom).
ALTER TABLE dossiers
  ADD COLUMN has_result      boolean NOT NULL DEFAULT false,
  ADD COLUMN result_outcome  text,
  ADD COLUMN result_has_file boolean NOT NULL DEFAULT false,
  ADD COLUMN pay_due         boolean NOT NULL DEFAULT false,
  ADD COLUMN paid_online     boolean NOT NULL DEFAULT false,
  ADD COLUMN filing_has_file boolean GENERATED ALWAYS AS
    (COALESCE(jsonb_path_exists(filing, 'strict $.components[*] ? (@.fileId.type() == "string")', '{}', true), false)) STORED,
  ADD COLUMN filing_reused   boolean GENERATED ALWAYS AS
    (COALESCE(jsonb_path_exists(filing, 'strict $.components[*] ? (@.reusedFrom.type() == "string")', '{}', true), false)) STORED;

UPDATE dossiers d SET
  has_result = COALESCE(jsonb_typeof(d.state->'result') = 'object', false),
  result_outcome = d.state->'result'->>'outcome',
  result_has_file = EXISTS (
    SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d.state->'result'->'documents') = 'array' THEN d.state->'result'->'documents' ELSE '[]'::jsonb END) x
    WHERE jsonb_typeof(x->'fileId') = 'string'),
  pay_due = EXISTS (
    SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d.state->'payments') = 'array' THEN d.state->'payments' ELSE '[]'::jsonb END) x
    WHERE jsonb_typeof(x->'amount') <> 'number' OR (x->>'amount')::numeric > 0),
  paid_online = EXISTS (
    SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d.state->'payments') = 'array' THEN d.state->'payments' ELSE '[]'::jsonb END) x
    WHERE jsonb_typeof(x->'paidAt') = 'string'
      AND (x->>'method' = 'online'
        OR (NOT (COALESCE(x->>'method', '') = ANY(ARRAY['cash', 'bank_transfer', 'pos', 'online']))
          AND translate(lower(public.f_unaccent(COALESCE(x->>'method', ''))), '_-', '  ')
              = ANY(ARRAY['online', 'truc tuyen', 'dvcqg', 'gateway', 'payment gateway', 'cong thanh toan']))));

-- Officials report: the hand-over of a step (event.handover), generated from the append-only event log (a
-- table rewrite, no UPDATE: the append-only trigger does not fire; inserts need not name them).
ALTER TABLE dossier_events
  ADD COLUMN handover_user_id        text GENERATED ALWAYS AS (event->'handover'->'from'->>'userId') STORED,
  ADD COLUMN handover_agency_id      text GENERATED ALWAYS AS (event->'handover'->'from'->>'agencyId') STORED,
  ADD COLUMN handover_classification text GENERATED ALWAYS AS (event->'handover'->>'classification') STORED;

CREATE INDEX dossier_events_handovers ON dossier_events (at)
  INCLUDE (handover_user_id, handover_agency_id, handover_classification)
  WHERE handover_user_id IS NOT NULL;
