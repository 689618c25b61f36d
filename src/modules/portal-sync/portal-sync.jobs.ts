// The sync's background jobs: push the due items to the portal, pull the portal's questions and the dossiers
// citizens submitted on the portal for this province.
import type { JobDefinition } from '../../platform/jobs.js';
import { pushToPortal } from './push-to-portal.js';
import { pullPortalQuestions } from './pull-questions.js';
import { pullInboundDossiers } from './pull-inbound-dossiers.js';
import { pruneExchanges } from '../../platform/ports/exchange-log.js';

/** Every minute (pg-boss's cron resolution); the back-off of a failing dossier is counted inside. */
export const portalPushJob: JobDefinition = { name: 'portal-sync-push', cron: '* * * * *', run: (ctx) => pushToPortal(ctx) };

/** Questions citizens sent on the national portal, every 15 minutes. */
export const portalQuestionsJob: JobDefinition = { name: 'portal-sync-questions', cron: '*/15 * * * *', run: (ctx) => pullPortalQuestions(ctx) };

/** Dossiers filed on the national portal for this province, every 5 minutes (they then wait at the desk). */
export const portalInboundJob: JobDefinition = { name: 'portal-sync-inbound', cron: '*/5 * * * *', run: (ctx) => pullInboundDossiers(ctx) };

/** The adapters' exchange log is kept MOTCUA_EXCHANGE_KEEP_DAYS days; pruned nightly. */
export const exchangePruneJob: JobDefinition = {
  name: 'integration-exchanges-prune', cron: '40 2 * * *', run: async (ctx) => ({ deleted: await pruneExchanges(ctx.db, ctx.clock.now(), ctx.config.exchangeKeepDays) }),
};
