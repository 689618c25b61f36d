-- Collection at home (nhận hồ sơ tại nhà, channel 3): an INBOUND_DOSSIER order is booked before the dossier
-- exists; the dossier is registered (status 1, channel 3) when the post office reports the papers picked up,
-- and linked to the order then. `pickup` keeps the filing to register and the postal worker's checklist;
-- `dossier_code` holds the order's OrderNumber (the pickup reference until the dossier has a code).
ALTER TABLE postal_orders ALTER COLUMN dossier_id DROP NOT NULL;
ALTER TABLE postal_orders ADD COLUMN pickup jsonb;
ALTER TABLE postal_orders ADD COLUMN receiving_agency_id uuid;
ALTER TABLE postal_orders ADD COLUMN booked_by text;
ALTER TABLE postal_orders ADD CONSTRAINT postal_orders_dossier_or_pickup
  CHECK (dossier_id IS NOT NULL OR (direction = 'INBOUND_DOSSIER' AND pickup IS NOT NULL));
CREATE INDEX postal_orders_pickups ON postal_orders (receiving_agency_id, created_at) WHERE pickup IS NOT NULL;
