// The national-portal sync's façade: what its routes, jobs, the composition root and other modules call.
export { portalSyncEventHandler, ingestDossierEvents } from './ingest-dossier-events.js';
export { pushToPortal, type PushReport } from './push-to-portal.js';
export { pullPortalQuestions } from './pull-questions.js';
export { syncDashboard, resendItem, dossierSyncHistory, listPortalQuestions } from './sync-views.js';
export { portalPushJob, portalQuestionsJob } from './portal-sync.jobs.js';
