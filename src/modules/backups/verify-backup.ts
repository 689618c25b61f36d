// Use case: the restore drill. Checks every checksum, restores the database into a scratch PGlite in memory
// (whatever the source kind) and checks the invariants:
//   - every dossier's event log folds (the state machine's evolve) to the stored state, and the projection
//     columns derived from the state (code, version, status, national status) agree with it;
//   - each agency's daily code sequence has no gap: every number up to the counter is a dossier's code;
//   - every file row's blob is in the backup.
// Returns counts and every problem found (ok = no problem); a backup refused by the checks is one problem.
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/i18n/messages.js';
import { fold, NATIONAL_STATUS, type DossierState } from '../workflow/state-machine.js';
import { formatDossierCode } from '../dossiers/dossier-code.js';
import type { BackupDeps } from './backup-deps.js';
import { codeCounters, dossierCodes, dossiersForCheck, eventsByDossier, fileRows } from './backups.repo.js';
import { checkBackup } from './check-backup.js';
import { backupErrors } from './backups.errors.js';
import { openScratch } from './scratch-database.js';
import { isDeepStrictEqual } from 'node:util';

export interface VerifyProblem {
  code: 'BACKUP_REFUSED' | 'DOSSIER_FOLD_MISMATCH' | 'DOSSIER_COLUMNS_MISMATCH' | 'DOSSIER_WITHOUT_EVENTS' | 'CODE_GAP' | 'BLOB_MISSING';
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  backupId?: string;
  source?: 'pglite' | 'postgresql';
  counts: { dossiers: number; events: number; codeSequences: number; codes: number; fileRows: number; blobs: number };
  problems: VerifyProblem[];
}

const MAX_PER_KIND = 50;

export async function verifyBackup(ctx: BackupDeps, opts: { backupDir: string; key?: Buffer }): Promise<VerifyReport> {
  const counts = { dossiers: 0, events: 0, codeSequences: 0, codes: 0, fileRows: 0, blobs: 0 };
  const problems: VerifyProblem[] = [];
  let checked;
  try {
    checked = await checkBackup(opts.backupDir, opts.key ?? ctx.config.backupKey);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problems.push({ code: 'BACKUP_REFUSED', detail: `${e.code}: ${message(e.code, 'en', e.params)}` });
    return { ok: false, counts, problems };
  }
  const add = (p: VerifyProblem) => {
    if (problems.filter((x) => x.code === p.code).length < MAX_PER_KIND) problems.push(p);
  };
  counts.blobs = checked.blobPaths.size;
  if (checked.manifest.database.format === 'pg_basebackup-tar') {
    // a cluster image cannot be opened in a scratch PGlite: its drill is a restore (--pgdata) and a start
    throw backupErrors.BACKUP_UNSUPPORTED({ detail: 'a physical backup is checked by its checksums (done: all good); drill it with motcua restore --pgdata and start PostgreSQL on it' });
  }
  const scratch = await openScratch(checked);
  try {
    const pool = scratch.pool;
    const events = await eventsByDossier(pool);
    for (const d of await dossiersForCheck(pool)) {
      counts.dossiers++;
      const log = events.get(d.id);
      if (!log?.length) {
        add({ code: 'DOSSIER_WITHOUT_EVENTS', detail: `${d.code ?? d.id}` });
        continue;
      }
      counts.events += log.length;
      const state = fold(log as never) as DossierState;
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(state)), d.state)) {
        add({ code: 'DOSSIER_FOLD_MISMATCH', detail: `${d.code ?? d.id}: the event log does not fold to the stored state` });
        continue;
      }
      if (d.code !== state.code || d.version !== state.version || d.status !== state.state || d.national_status !== NATIONAL_STATUS[state.state]) {
        add({ code: 'DOSSIER_COLUMNS_MISMATCH', detail: `${d.code ?? d.id}: stored columns differ from the folded state` });
      }
    }
    const codes = await dossierCodes(pool);
    counts.codes = codes.size;
    for (const c of await codeCounters(pool)) {
      counts.codeSequences++;
      const missing: number[] = [];
      for (let i = 1; i <= c.n; i++) {
        const code = formatDossierCode(ctx.config.dossierCodePattern, { agencyCode: c.agencyCode, date: c.localDate, sequence: i });
        if (!codes.has(code)) missing.push(i);
      }
      if (missing.length) add({ code: 'CODE_GAP', detail: `${c.agencyCode} ${c.localDate}: ${missing.length} of ${c.n} numbers have no dossier (${missing.slice(0, 10).join(', ')})` });
    }
    for (const f of await fileRows(pool)) {
      counts.fileRows++;
      if (!checked.blobPaths.has(f.sha256)) add({ code: 'BLOB_MISSING', detail: `file ${f.id}: blob ${f.sha256}` });
    }
  } finally {
    await scratch.close();
  }
  return { ok: problems.length === 0, backupId: checked.manifest.id, source: checked.manifest.source.kind, counts, problems };
}

export function formatVerifyReport(r: VerifyReport): string {
  const lines = [
    `backup ${r.backupId ?? '?'} (${r.source ?? '?'}): ${r.ok ? 'OK' : `${r.problems.length} problem(s)`}`,
    `  dossiers ${r.counts.dossiers}, events ${r.counts.events}, code sequences ${r.counts.codeSequences} (${r.counts.codes} codes), file rows ${r.counts.fileRows}, blobs ${r.counts.blobs}`,
    ...r.problems.map((p) => `  ${p.code}: ${p.detail}`),
  ];
  return lines.join('\n');
}
