// The postal service's background job: follow the open orders' tracking every 15 minutes.
import type { JobDefinition } from '../../platform/jobs.js';
import { trackPostalOrders } from './track-orders.js';

export const postalTrackingJob: JobDefinition = { name: 'postal-tracking', cron: '*/15 * * * *', run: (ctx) => trackPostalOrders(ctx) };
