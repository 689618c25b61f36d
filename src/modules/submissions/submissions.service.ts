// The submissions module's façade (online submission from the citizen portal): the e-form of a procedure
// (procedure-form.ts, pure builder form-schema.ts, validation form-validate.ts), drafts (drafts.ts), one
// upload per component (draft-files.ts), submission (submit-draft.ts), the citizen's dossiers and actions
// through the dossiers service (citizen-dossiers.ts), and the admins' form extensions (form-extension-admin.ts).
import './submissions.errors.js';

export { publicForm } from './procedure-form.js';
export { createDraft, getDraft, listDrafts, saveDraft } from './drafts.js';
export { uploadDraftFile } from './draft-files.js';
export { submitDraft } from './submit-draft.js';
export { saveFormExtension } from './form-extension-admin.js';
export { myDossiers, myDossier, myAction, myForm, uploadSupplementFile, myResultFile } from './citizen-dossiers.js';
export type { Citizen } from './citizen.js';
export { citizenSweepJob } from './submissions.jobs.js';
