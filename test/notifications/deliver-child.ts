// A motcua process that only delivers the outbox once (the same code as `motcua outbox deliver` and the
// server's job), on the database and SMTP server the parent test gives it, at the clock time it gives it.
// The crash test kills it with SIGKILL while the SMTP server holds the DATA reply.
import { composeContext, outboxHandlers } from '../../src/app.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const database = await openDatabase({ url: config.databaseUrl, poolMax: 1 });
const ctx = composeContext(config, database, new ManualClock(new Date(process.env.MOTCUA_TEST_NOW!)));
const report = await deliverDue(ctx, outboxHandlers);
process.stdout.write(`${JSON.stringify(report)}\n`);
await database.close();
process.exit(0);
