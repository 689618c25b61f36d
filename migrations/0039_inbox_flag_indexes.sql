-- Inbox filters overdue=true / dueSoon=true (the leader's "quá hạn" / "sắp đến hạn" lists) at province scale:
-- the flags are set by the deadline sweep on a small share of the dossiers, so a partial index in the
-- inbox's default order serves the page (first 20) and the capped count without reading the other
-- millions of rows (bench/province.ts: 248 ms at 300,000 dossiers without it).
CREATE INDEX dossiers_overdue_updated ON dossiers (updated_at DESC, id) WHERE overdue;
CREATE INDEX dossiers_due_soon_updated ON dossiers (updated_at DESC, id) WHERE due_soon;
