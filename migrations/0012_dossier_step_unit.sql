-- Unit-aware pools: the unit (phòng) of the current step, so the inbox pool of an official whose role is
-- held in one unit shows the steps of that unit (and steps without a unit), not every step of the agency.
ALTER TABLE dossiers ADD COLUMN step_unit_id uuid;

UPDATE dossiers d SET step_unit_id = (
  SELECT (s->>'unitId')::uuid
  FROM process_definitions p, jsonb_array_elements(p.definition->'steps') s
  WHERE p.id = d.process_id AND s->>'key' = d.step_key AND COALESCE(s->>'unitId', '') <> ''
  LIMIT 1
) WHERE d.step_key IS NOT NULL AND d.status <> 'transferred';

CREATE INDEX dossiers_pool ON dossiers (step_role, current_agency_id) WHERE assignee_id IS NULL;
