// Catalogue importer: reads the crawled procedure files, parses them (catalog.parse.ts, pure), fills missing
// implementing agencies from the portal's list export, and stores them with versioning:
// - a code never seen before → a new procedure, version 1 (effective_from NULL: in force since before import);
// - a record whose parsed content differs from the current version → a new version effective from the import
//   time (or `effectiveFrom`); the previous version is closed at that instant and stays for old dossiers;
// - an unchanged record → nothing.
// "Changed" is decided on the parsed, normalised record (sha256 of its JSON), so a parser fix that changes
// the stored structure also makes a new version, while a re-crawl that only reorders source text does not.
// Everything is written in one transaction with batched inserts.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { AppContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { parseDefenceRecord, parseNationalRecord, type ParsedProcedure } from './catalog.parse.js';
import { buildParseReport, formatParseReport, type ParseReport } from './catalog.import-report.js';
import * as repo from './catalog.repo.js';

export const REFERENCE_DIR = new URL('../../../reference-data/tthc/', import.meta.url);
export const REFERENCE_FILES = {
  national: 'tthc_bo_nganh_2026-07.jsonl.gz',
  defence: 'tthc_bqp_structured_207.jsonl',
  agencyList: 'tthc_danh_sach_xlsx_export.csv',
} as const;

export interface ImportSummary {
  total: number;
  created: number;
  newVersions: number;
  unchanged: number;
  skipped: Array<{ code: string; reason: string }>;
  /** implementing agencies taken from the portal's list export because the detail record had none */
  agenciesFilled: number;
  report: ParseReport;
  ms: number;
}

export interface ImportOptions {
  /** when new versions take effect (default: now) */
  effectiveFrom?: Date;
  /** code → implementing agency, used when a record has none */
  agencyList?: Map<string, string>;
  source?: string;
  file?: string;
  actorLabel?: string;
}

// ---------- reading files ----------

/** Records of a .jsonl, .jsonl.gz, .json (array) or .json.gz file. A line that is not JSON is an error. */
export function readRecords(path: string): unknown[] {
  let buf: Buffer = readFileSync(path);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const arr = JSON.parse(trimmed) as unknown;
    if (!Array.isArray(arr)) throw new Error(`${path}: expected a JSON array`);
    return arr;
  }
  const out: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      throw new Error(`${path}:${i + 1}: not a JSON line`);
    }
  }
  return out;
}

/** RFC 4180 CSV (quoted fields with commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** code → "Cơ quan thực hiện" from the portal's "Danh sách thủ tục hành chính" export (ma_so, co_quan_thuc_hien). */
export function readAgencyList(path: string): Map<string, string> {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const header = rows[0] ?? [];
  const codeCol = header.indexOf('ma_so');
  const agencyCol = header.indexOf('co_quan_thuc_hien');
  const out = new Map<string, string>();
  if (codeCol < 0 || agencyCol < 0) throw new Error(`${path}: expected columns ma_so and co_quan_thuc_hien`);
  for (const r of rows.slice(1)) {
    const code = (r[codeCol] ?? '').trim();
    const agency = (r[agencyCol] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    if (code && agency && !out.has(code)) out.set(code, agency);
  }
  return out;
}

export function parseRecords(records: unknown[], kind: 'national' | 'defence'): ParsedProcedure[] {
  return records.map((r) => (kind === 'defence' ? parseDefenceRecord(r) : parseNationalRecord(r)));
}

/** Fills a missing implementing agency from the list export; the issue becomes a warning. Returns how many. */
export function fillAgencies(parsed: ParsedProcedure[], list: Map<string, string>): number {
  let n = 0;
  for (const p of parsed) {
    if (p.implementingAgency !== null) continue;
    const agency = list.get(p.code);
    if (!agency) continue;
    p.implementingAgency = agency;
    p.issues = p.issues.filter((i) => i.field !== 'implementingAgency');
    p.warnings.push({ field: 'implementingAgency', detail: 'taken from the portal list export (Danh sách TTHC), not from the detail page' });
    n++;
  }
  return n;
}

// ---------- storing ----------

const hashOf = (p: ParsedProcedure) => createHash('sha256').update(JSON.stringify(p)).digest('hex');

/** The list summary: the in-person channel's limit, else the first channel that has one. */
export function timeLimitSummary(p: Pick<ParsedProcedure, 'channels'>): repo.TimeLimitSummary | null {
  const withLimit = p.channels.filter((c) => c.timeLimit !== null);
  const c = withLimit.find((x) => x.kind === 'in_person') ?? withLimit[0];
  if (!c || !c.timeLimit) return null;
  return { value: c.timeLimit.value, unit: c.timeLimit.unit, text: c.timeLimit.text, channel: c.kind };
}

function headOf(p: ParsedProcedure): repo.ProcedureHead {
  return {
    name: p.name,
    field: p.field,
    levels: p.levels,
    channel_kinds: [...new Set(p.channels.map((c) => c.kind))],
    time_limit: timeLimitSummary(p),
    issue_count: p.issues.length,
    failed_issue_count: p.issues.filter((i) => i.status === 'failed').length,
  };
}

function versionRow(p: ParsedProcedure, id: string, procedureId: string, version: number, hash: string, effectiveFrom: Date | null, importedAt: Date): repo.VersionInsert {
  return {
    id,
    procedure_id: procedureId,
    version,
    content_hash: hash,
    effective_from: effectiveFrom,
    effective_to: null,
    name: p.name,
    field: p.field,
    levels: p.levels,
    other_levels: p.otherLevels,
    implementing_agency: p.implementingAgency,
    competent_agency: p.competentAgency,
    applicants: p.applicants,
    steps: p.steps,
    requirements: p.requirements,
    procedure_type: p.procedureType,
    receiving_address: p.receivingAddress,
    decision_number: p.decisionNumber ?? null,
    source: p.source,
    source_id: p.sourceId ?? null,
    source_url: p.sourceUrl ?? null,
    results: JSON.stringify(p.resultDocs),
    legal_basis: JSON.stringify(p.legalBasis),
    issues: JSON.stringify(p.issues),
    warnings: JSON.stringify(p.warnings),
    imported_at: importedAt,
  };
}

/** Stores parsed procedures (see the file comment for the versioning rules). One transaction. */
export async function importParsed(ctx: AppContext, parsed: ParsedProcedure[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const at = opts.effectiveFrom ?? ctx.clock.now();
  const skipped: ImportSummary['skipped'] = [];
  const agenciesFilled = opts.agencyList ? fillAgencies(parsed, opts.agencyList) : 0;
  const byCode = new Map<string, ParsedProcedure>();
  for (const p of parsed) {
    if (p.code === '') skipped.push({ code: '', reason: 'no procedure code' });
    else if (byCode.has(p.code)) skipped.push({ code: p.code, reason: 'duplicate code in the same import; first record kept' });
    else byCode.set(p.code, p);
  }
  const report = buildParseReport(parsed);
  let created = 0;
  let newVersions = 0;
  let unchanged = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.currentHashes(trx, [...byCode.keys()]);
    const procedures: repo.ProcedureInsert[] = [];
    const heads: Array<repo.ProcedureHead & { id: string; current_version_id: string; version: number }> = [];
    const versions: repo.VersionInsert[] = [];
    const channels: repo.ChannelInsert[] = [];
    const components: repo.ComponentInsert[] = [];
    const closing: string[] = [];
    for (const [code, p] of byCode) {
      const hash = hashOf(p);
      const cur = existing.get(code);
      if (cur && cur.content_hash === hash) {
        unchanged++;
        continue;
      }
      const versionId = randomUUID();
      let procedureId: string;
      let version: number;
      if (!cur) {
        procedureId = randomUUID();
        version = 1;
        const head = headOf(p);
        procedures.push({ id: procedureId, code, source: p.source, current_version_id: versionId, version, ...head, time_limit: head.time_limit ? JSON.stringify(head.time_limit) : null });
        created++;
      } else {
        procedureId = cur.id;
        version = cur.version + 1;
        if (cur.version_id) closing.push(cur.version_id);
        heads.push({ id: procedureId, current_version_id: versionId, version, ...headOf(p) });
        newVersions++;
      }
      versions.push(versionRow(p, versionId, procedureId, version, hash, cur ? at : null, at));
      p.channels.forEach((c, i) =>
        channels.push({
          version_id: versionId,
          ordinal: i + 1,
          kind: c.kind,
          time_value: c.timeLimit?.value ?? null,
          time_unit: c.timeLimit?.unit ?? null,
          time_text: c.timeText,
          time_from: c.timeLimit?.from ?? null,
          description: c.description,
          fees: JSON.stringify(c.fees),
          case_limits: c.caseLimits ? JSON.stringify(c.caseLimits) : null,
        }),
      );
      p.components.forEach((c, i) =>
        components.push({
          version_id: versionId,
          ordinal: i + 1,
          name: c.name,
          template: c.template,
          templates: c.templates,
          originals: c.originals,
          certified_copies: c.certifiedCopies,
          copies: c.copies,
          required: c.required,
          group_name: c.group ?? null,
        }),
      );
    }
    await repo.insertRows(trx, 'procedures', procedures, 500);
    if (closing.length) await repo.closeVersions(trx, closing, at);
    await repo.insertRows(trx, 'procedure_versions', versions, 400);
    await repo.insertRows(trx, 'procedure_channels', channels, 2000);
    await repo.insertRows(trx, 'procedure_components', components, 2000);
    if (heads.length) await repo.updateHeads(trx, heads);
    await repo.insertImportRun(trx, {
      source: opts.source ?? [...new Set(parsed.map((p) => p.source))].join('+'),
      file: opts.file ?? null,
      total: parsed.length,
      created,
      new_versions: newVersions,
      unchanged,
      skipped: skipped.length,
      report: JSON.stringify(report),
    });
    await writeAudit(trx, {
      actorLabel: opts.actorLabel ?? 'system',
      action: 'catalog.import',
      targetType: 'catalog',
      details: { source: opts.source, file: opts.file, total: parsed.length, created, newVersions, unchanged, skipped: skipped.length },
    });
  });
  return { total: parsed.length, created, newVersions, unchanged, skipped, agenciesFilled, report, ms: Date.now() - started };
}

/** Imports one file (`motcua catalog import`). */
export async function importCatalogFile(
  ctx: AppContext,
  path: string,
  opts: { defence?: boolean; agencyListPath?: string; effectiveFrom?: Date; actorLabel?: string } = {},
): Promise<ImportSummary> {
  const kind = opts.defence ? 'defence' : 'national';
  const parsed = parseRecords(readRecords(path), kind);
  return importParsed(ctx, parsed, {
    source: kind,
    file: path,
    effectiveFrom: opts.effectiveFrom,
    agencyList: opts.agencyListPath ? readAgencyList(opts.agencyListPath) : undefined,
    actorLabel: opts.actorLabel,
  });
}

/** The bundled reference catalogue (national set + defence set), as parsed records. */
export function referenceCatalog(): { parsed: ParsedProcedure[]; agencyList: Map<string, string> } {
  const file = (name: string) => new URL(name, REFERENCE_DIR).pathname;
  const national = parseRecords(readRecords(file(REFERENCE_FILES.national)), 'national');
  const defence = parseRecords(readRecords(file(REFERENCE_FILES.defence)), 'defence');
  return { parsed: [...national, ...defence], agencyList: readAgencyList(file(REFERENCE_FILES.agencyList)) };
}

/** Demo seeding: the whole bundled catalogue. Idempotent (an unchanged catalogue writes nothing but a log row). */
export async function importReferenceCatalog(ctx: AppContext, opts: { actorLabel?: string } = {}): Promise<ImportSummary> {
  const { parsed, agencyList } = referenceCatalog();
  return importParsed(ctx, parsed, { source: 'reference', file: 'reference-data/tthc', agencyList, actorLabel: opts.actorLabel ?? 'seed' });
}

/**
 * What the bundled catalogue import depends on: the reference files and the parser's source. When neither
 * changed since the last reference import, `motcua serve` skips re-parsing 2,849 records at every start.
 */
export function referenceFingerprint(): string {
  const h = createHash('sha256');
  for (const name of Object.values(REFERENCE_FILES)) h.update(readFileSync(new URL(name, REFERENCE_DIR)));
  const here = new URL('./', import.meta.url);
  for (const f of readdirSync(here).filter((n) => /^catalog\.(parse|import)[\w-]*\.ts$/.test(n) && !n.endsWith('.test.ts')).sort()) {
    h.update(f).update(readFileSync(new URL(f, here)));
  }
  return h.digest('hex').slice(0, 16);
}

/** Demo seeding at start: imports the bundled catalogue unless this exact version was imported already. */
export async function importReferenceCatalogIfChanged(ctx: AppContext): Promise<boolean> {
  const file = `reference-data/tthc#${referenceFingerprint()}`;
  if (await repo.hasImport(ctx.db, 'reference', file)) return false;
  const { parsed, agencyList } = referenceCatalog();
  await importParsed(ctx, parsed, { source: 'reference', file, agencyList, actorLabel: 'seed' });
  return true;
}

export function formatImportSummary(s: ImportSummary): string {
  const lines = [
    formatParseReport(s.report, { title: 'Parse report' }),
    '',
    `Stored: ${s.created} new procedures, ${s.newVersions} new versions, ${s.unchanged} unchanged, ${s.skipped.length} skipped` +
      (s.agenciesFilled ? `; ${s.agenciesFilled} implementing agencies filled from the list export` : '') +
      ` (${s.ms} ms)`,
  ];
  for (const k of s.skipped.slice(0, 20)) lines.push(`  skipped ${k.code || '(no code)'}: ${k.reason}`);
  return lines.join('\n');
}

