// The citizen portal's background job: the hourly sweep of expired sign-ins and stale staged uploads.
import type { JobDefinition } from '../../platform/jobs.js';
import { sweepCitizenLeftovers } from './sweep-leftovers.js';

export const citizenSweepJob: JobDefinition = { name: 'citizen-sweep', cron: '17 * * * *', run: (ctx) => sweepCitizenLeftovers(ctx) };
