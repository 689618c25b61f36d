// The national-portal sync's façade: what its routes, jobs, the composition root and other modules call.
export { portalSyncEventHandler, ingestDossierEvents } from './ingest-dossier-events.js';
export { pushToPortal, type PushReport } from './push-to-portal.js';
export { pullPortalQuestions, type QuestionPullResult } from './pull-questions.js';
export { portalAnswerHandler, sendPortalAnswer } from './send-portal-answers.js';
export { pullInboundDossiers, type InboundPullResult } from './pull-inbound-dossiers.js';
export { syncDashboard, resendItem, dossierSyncHistory, listPortalQuestions, listInboundDossiers } from './sync-views.js';
export { exchangePruneJob, portalInboundJob, portalPushJob, portalQuestionsJob } from './portal-sync.jobs.js';
export { listIntegrationExchanges } from './sync-views.js';
