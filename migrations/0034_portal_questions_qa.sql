-- Questions citizens sent on the national portal (LayDanhSachHoiDapGuiTuDVCQG) join the officials' Q&A inbox,
-- and their answers go back to the portal (DongBoKetQuaHoiDapGuiTuDVCQG).
--
-- 1. A question has a source: 'local' (asked on this portal by a signed-in citizen) or 'dvcqg' (handed over by
--    the national portal, keyed by the portal's id: taken over once). A portal question may name no procedure
--    (only the agency); a local one always names one.
ALTER TABLE questions ADD COLUMN source text NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'dvcqg'));
ALTER TABLE questions ADD COLUMN external_id text;
ALTER TABLE questions ALTER COLUMN procedure_code DROP NOT NULL;
ALTER TABLE questions ALTER COLUMN procedure_name DROP NOT NULL;
ALTER TABLE questions ADD CONSTRAINT questions_source_external CHECK ((source = 'local') = (external_id IS NULL));
ALTER TABLE questions ADD CONSTRAINT questions_local_procedure CHECK (source <> 'local' OR procedure_code IS NOT NULL);
CREATE UNIQUE INDEX questions_external ON questions (source, external_id) WHERE external_id IS NOT NULL;

-- 2. The portal-sync side of each pulled question: the Q&A question it became (or why it could not be handed
--    over yet: retried on every pull), and the answer sent back (the question's version it carried, or the
--    portal's reason for refusing it).
ALTER TABLE portal_questions ADD COLUMN question_code text;
ALTER TABLE portal_questions ADD COLUMN handover_error text;
ALTER TABLE portal_questions ADD COLUMN answer_version integer;
ALTER TABLE portal_questions ADD COLUMN answer_error text;
