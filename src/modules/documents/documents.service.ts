// Documents use cases, one family per file; this façade is what routes and the composition root import:
// uploads (uploads.ts) and reading files (file-reading.ts) in the scope of the dossier, forms 01–06
// (dossier-forms.ts, pure builders in forms/) and the register, form 07 (register-form.ts), result
// documents signed with the agency's PKCS#12 (result-documents.ts), signature verification
// (signature-check.ts), versioned form templates (template-admin.ts), the blob store is the context's port (ctx.blobStore).
// Dossiers are read only through the dossiers service (getDossierWithEvents, getControlSlip, publicLookup,
// listForRegister), so the dossier scope rules apply unchanged: outside scope → 404.
import './documents.errors.js';

export { renderCitizenForm, renderDossierForm, type FormRequest } from './dossier-forms.js';
export { renderRegister } from './register-form.js';
export { fileOut } from './file-out.js';
export { uploadStaged, uploadStagedByCitizen, uploadStagedBySystem, uploadToDossier, type UploadFields, type UploadSource } from './uploads.js';
export { filesOwnedBy, openCitizenFile, uploadForCitizen, type StoredFile } from './citizen-uploads.js';
export { firstFile, uploadFaults } from './multipart.js';
export { contentDisposition } from './sniff.js';
export { citizenResults, listDossierFiles, openCitizenResult, openFile, openPublicResult } from './file-reading.js';
export { createResultDocument, type ResultDocumentInput } from './result-documents.js';
export { verifyUploadedSignature } from './signature-check.js';
export { createFormTemplateVersion, listFormTemplates, seedFormTemplates } from './template-admin.js';
export { verifyDocument } from './verify-document.js';
export { sweepStagedUploads } from './sweep-staged.js';
