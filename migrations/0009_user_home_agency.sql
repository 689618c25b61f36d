-- The agency a user belongs to (set by the admin who creates them). It decides which admins may manage
-- a user who holds no role yet; users with roles are managed by admins of every agency they work in.
ALTER TABLE users ADD COLUMN home_agency_id uuid REFERENCES agencies(id);
