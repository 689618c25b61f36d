// motcua CLI: serve, migrate, seed, user add / reset-password, token create, catalog import, outbox,
// backup / backup verify / restore.
// `--help` everywhere.
import { loadConfig, ConfigError, type Config } from '../platform/config.js';
import { parseArgs, UsageError, type Parsed } from './args.js';
import { serve } from './serve.js';
import { PortInUseError } from './port.js';
import { openContext, outboxHandlers, prepareDatabase, seedDemo } from '../app.js';
import { deliverDue, formatOutboxStatus, outboxStatus } from '../platform/outbox/outbox.js';
import { migrate } from '../platform/db/migrations.js';
import { addUserAsOperator, OperatorInputError, resetPasswordAsOperator } from '../modules/org/operator-users.js';
import { userByUsername } from '../modules/org/org.read.js';
import { ROLES } from '../platform/auth/roles.js';
import { createToken } from '../modules/org/auth.service.js';
import type { AppContext } from '../platform/context.js';
import { existsSync } from 'node:fs';
import { formatImportSummary, importCatalogFile } from '../modules/catalog/catalog.import.js';
import { BACKUP_HELP, backupCommand, restoreCommand, verifyCommand } from './backup-commands.js';
import { ensureStartTemplate } from './start-template.js';
import { isNewDataDir } from '../platform/db/pglite-template.js';

const HELP: Record<string, string> = {
  '': `motcua — hệ thống một cửa điện tử / electronic one-stop system

Usage: motcua <command> [options]

Commands:
  serve                    start the HTTP server (migrates, loads reference and demo data)
  migrate                  apply pending database migrations
  seed                     load reference data and the demo organisation
  template                 build the embedded database's start-up template (npm start does, when needed)
  user add                 create an official or integration client
  user reset-password      set a user's password
  token create             create an API token for an integration client
  catalog import <file>    import procedures (TTHC) from a crawled .jsonl(.gz) file, print the parse report
  outbox [deliver]         show pending / failing outgoing messages; deliver: run one delivery now
  backup --dir DIR         back up the database and the file store (incremental, checksums, optional encryption)
  backup verify <backup>   restore into a scratch database and check the invariants
  restore <backup>         restore a backup into an empty database (PGlite or PostgreSQL, either way)

Run "motcua <command> --help" for a command's options.
Configuration comes from the environment (see README): DATABASE_URL, PORT, MOTCUA_DATA_DIR, …`,
  serve: `Usage: motcua serve\n\nStarts motcua on PORT (default 3000). Without DATABASE_URL it runs on an embedded\nPGlite database in MOTCUA_DATA_DIR (default ./data) and loads demo data unless MOTCUA_DEMO=0.`,
  template: `Usage: motcua template [--force]

Builds the prebuilt PGlite data directory a new MOTCUA_DATA_DIR is copied from (migrations, administrative
units, holidays and, with demo data, the demo organisation and the procedure catalogue), in MOTCUA_TEMPLATE_DIR
(default node_modules/.cache/motcua; "off" = never). Without --force only when MOTCUA_DATA_DIR is new, so an
existing installation pays nothing. Not used with DATABASE_URL.`,
  migrate: `Usage: motcua migrate\n\nApplies pending numbered SQL migrations (migrations/*.sql) and exits.`,
  seed: `Usage: motcua seed [--no-demo]\n\nLoads administrative units and (unless --no-demo) the demo organisation and officials.`,
  'user add': `Usage: motcua user add --username NAME --name "Full Name" [--password P] [--role ROLE --agency CODE] [--integration]\n\nRoles: ${ROLES.join(', ')}`,
  'user reset-password': `Usage: motcua user reset-password --username NAME --password P`,
  'catalog import': `Usage: motcua catalog import <file> [--defence] [--agency-list CSV] [--effective-from YYYY-MM-DD]

Parses the national portal records (.jsonl, .jsonl.gz or a .json array; --defence for the Ministry of Defence
structured set), prints the parse report and stores the procedures: new codes become procedures, changed records
a new version (effective from now or --effective-from), unchanged records nothing.
--agency-list fills missing implementing agencies from the portal's list export (ma_so, co_quan_thuc_hien).`,
  outbox: `Usage: motcua outbox [deliver]

Shows the outbox (SMS, e-mail, national portal, postal messages waiting to be sent): pending messages by topic,
how many are due and failing, and the last error of each failing one. "deliver" runs one delivery now with the
registered handlers (the server's job does the same every minute), then shows the outbox.`,
  ...BACKUP_HELP,
  'token create': `Usage: motcua token create --username NAME --scopes a,b [--name LABEL] [--days N]\n\nPrints the token once; only its hash is stored.`,
};

async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [cmd, sub] = args.positional;
  const key = cmd === 'user' || cmd === 'token' || cmd === 'catalog' || (cmd === 'backup' && sub === 'verify') ? `${cmd} ${sub ?? ''}`.trim() : cmd ?? '';
  if (cmd === 'outbox' && sub !== undefined && sub !== 'deliver') throw new UsageError(`unknown command: outbox ${sub}`);
  if (cmd === 'backup' && sub !== undefined && sub !== 'verify') throw new UsageError(`unknown command: backup ${sub}`);
  if (args.options.help || !cmd) {
    console.log(HELP[key] ?? HELP['']);
    return cmd && !HELP[key] ? 2 : 0;
  }
  if (!HELP[key]) throw new UsageError(`unknown command: ${key}`);
  const config = loadConfig();
  switch (key) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'template':
      return templateCommand(config, !!args.options.force);
    case 'migrate':
      return withContext(config, async (ctx) => {
        const applied = await migrate(ctx.database.pool);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        return 0;
      });
    case 'seed':
      return withContext(config, async (ctx) => {
        await prepareDatabase(ctx);
        if (!args.options['no-demo']) await seedDemo(ctx, { dossiers: true });
        console.log('seed done');
        return 0;
      });
    case 'user add':
      return withContext(config, (ctx) => userAdd(ctx, args));
    case 'user reset-password':
      return withContext(config, async (ctx) => {
        const r = await operator(() => resetPasswordAsOperator(ctx, req(args, 'username'), req(args, 'password')));
        console.log(`password reset for ${r.username}`);
        return 0;
      });
    case 'catalog import':
      return withContext(config, (ctx) => catalogImport(ctx, args));
    case 'outbox':
      return withContext(config, async (ctx) => {
        await migrate(ctx.database.pool);
        if (sub === 'deliver') {
          const r = await deliverDue(ctx, outboxHandlers);
          console.log(`delivered ${r.delivered}, failed ${r.failed}`);
        }
        console.log(formatOutboxStatus(await outboxStatus(ctx.db, ctx.clock.now())));
        return 0;
      });
    case 'backup':
      return backupCommand(config, args);
    case 'backup verify':
      return verifyCommand(config, args);
    case 'restore':
      return restoreCommand(config, args);
    case 'token create':
      return withContext(config, async (ctx) => {
        const user = await userByUsername(ctx.db, req(args, 'username'));
        if (!user) throw new UsageError('no such user');
        const days = args.options.days ? Number(args.options.days) : undefined;
        const scopes = req(args, 'scopes').split(',').map((s) => s.trim()).filter(Boolean);
        const t = await createToken(ctx, user.id, { name: typeof args.options.name === 'string' ? args.options.name : 'cli', scopes, expiresInDays: days }, { label: 'cli' });
        console.log(t.token);
        return 0;
      });
  }
  return 2;
}

async function catalogImport(ctx: AppContext, args: Parsed): Promise<number> {
  const file = args.positional[2];
  if (!file) throw new UsageError('missing <file>');
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  let effectiveFrom: Date | undefined;
  if (args.options['effective-from'] !== undefined) {
    const v = String(args.options['effective-from']);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00+07:00`))) throw new UsageError('--effective-from must be YYYY-MM-DD');
    effectiveFrom = new Date(`${v}T00:00:00+07:00`);
  }
  const agencyList = args.options['agency-list'];
  if (agencyList === true) throw new UsageError('--agency-list needs a file');
  await migrate(ctx.database.pool);
  const summary = await importCatalogFile(ctx, file, { defence: !!args.options.defence, agencyListPath: agencyList, effectiveFrom, actorLabel: 'cli' });
  console.log(formatImportSummary(summary));
  return 0;
}

async function templateCommand(config: Config, force: boolean): Promise<number> {
  if (config.databaseUrl || !config.templateDir) {
    console.log('start-up template: not used (PostgreSQL, or MOTCUA_TEMPLATE_DIR=off)');
    return 0;
  }
  if (!force && !isNewDataDir(config.dataDir)) {
    console.log(`start-up template: not needed (${config.dataDir} holds a database)`);
    return 0;
  }
  const started = Date.now();
  const t = (await ensureStartTemplate(config))!;
  console.log(`start-up template: ${t.built ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'up to date'} (${t.dataDir})`);
  return 0;
}

function req(args: Parsed, name: string): string {
  const v = args.options[name];
  if (typeof v !== 'string' || !v) throw new UsageError(`missing --${name}`);
  return v;
}

async function userAdd(ctx: AppContext, args: Parsed): Promise<number> {
  await migrate(ctx.database.pool);
  const user = await operator(() => addUserAsOperator(ctx, {
    username: req(args, 'username'),
    fullName: req(args, 'name'),
    integration: !!args.options.integration,
    password: typeof args.options.password === 'string' ? args.options.password : undefined,
    role: args.options.role ? { role: req(args, 'role'), agencyCode: req(args, 'agency') } : undefined,
  }));
  console.log(`created ${user.username} (${user.id})`);
  return 0;
}

/** The operator's mistakes (unknown user, role, agency) are usage errors. */
async function operator<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof OperatorInputError) throw new UsageError(err.message);
    throw err;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof UsageError) {
      console.error(`motcua: ${err.message}\nRun "motcua --help".`);
      process.exit(2);
    }
    if (err instanceof ConfigError || err instanceof PortInUseError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    console.error(err);
    process.exit(1);
  },
);
