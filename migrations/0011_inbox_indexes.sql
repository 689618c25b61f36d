-- Inbox (GET /api/v1/dossiers) sorts and date filters: one index each serves the page (ordered scan that
-- stops after the page) and the range filter of the page and of the total count. The expressions are
-- written exactly as in dossiers.repo.ts (RECEIVED_AT, OPEN_DUE_AT) so the planner matches them.

-- received = accepted_at, or submitted_at for a dossier never accepted: receivedFrom/To and sort=received_desc
CREATE INDEX dossiers_received ON dossiers ((COALESCE(accepted_at, submitted_at)) DESC, id);

-- sort=due_asc: dossiers in process by their appointment, then finished ones, then those without one
CREATE INDEX dossiers_due_order ON dossiers ((CASE WHEN finished_at IS NULL THEN due_at END) ASC NULLS LAST, due_at ASC NULLS LAST, id);
