/**
 * Parse report: for each field, how many records were parsed, had nothing in the source (missing), or had text
 * that could not be parsed (failed). Pure functions; printing is up to the caller.
 *
 * A record counts once per field, by its worst state: failed > missing > parsed. A field with no issue but no
 * value either (e.g. time limits of a record without any channel) counts as missing.
 */

import { PARSE_FIELDS, type ParseField, type ParsedProcedure } from './catalog.parse-types.js';

export interface FieldCounts {
  parsed: number;
  missing: number;
  failed: number;
  /** Records where the field has at least one value (may include failed records where part was read). */
  withValue: number;
  /** Records with at least one warning on this field. */
  warnings: number;
}

export interface ParseReport {
  total: number;
  bySource: Record<ParsedProcedure['source'], number>;
  fields: Record<ParseField, FieldCounts>;
  /** Most frequent issue details per field (digits folded to '#', so similar details group), failed first. */
  topIssues: Record<ParseField, Array<{ status: 'missing' | 'failed'; detail: string; count: number }>>;
  /** Records with at least one failed issue. */
  recordsWithFailures: number;
}

function hasValue(p: ParsedProcedure, field: ParseField): boolean {
  switch (field) {
    case 'code':
      return p.code !== '';
    case 'name':
      return p.name !== '';
    case 'field':
      return p.field !== null;
    case 'levels':
      return p.levels.length + p.otherLevels.length > 0;
    case 'implementingAgency':
      return p.implementingAgency !== null;
    case 'applicants':
      return p.applicants !== null;
    case 'steps':
      return p.steps !== null;
    case 'decisionNumber':
      return p.decisionNumber != null;
    case 'channels':
      return p.channels.length > 0;
    case 'channels.timeLimit':
      return p.channels.some((c) => c.timeLimit !== null);
    case 'channels.fees':
      return p.channels.some((c) => c.fees.length > 0);
    case 'components':
      return p.components.length > 0;
    case 'components.template':
      // Templates are optional per document; the field "has a value" when there are components to look at.
      return p.components.length > 0;
    case 'results':
      return p.results.length > 0;
    case 'legalBasis':
      return p.legalBasis.length > 0;
    case 'requirements':
      // null also means the source said explicitly "Không" (no conditions), which is a parsed answer.
      return true;
  }
}

const fold = (s: string) => s.replace(/\d+/g, '#').replace(/"[^"]{40,}"/g, '"…"');

export function buildParseReport(parsed: ParsedProcedure[]): ParseReport {
  const fields = {} as Record<ParseField, FieldCounts>;
  const tally = {} as Record<ParseField, Map<string, { status: 'missing' | 'failed'; detail: string; count: number }>>;
  for (const f of PARSE_FIELDS) {
    fields[f] = { parsed: 0, missing: 0, failed: 0, withValue: 0, warnings: 0 };
    tally[f] = new Map();
  }
  const bySource: ParseReport['bySource'] = { national: 0, defence: 0 };
  let recordsWithFailures = 0;
  for (const p of parsed) {
    bySource[p.source]++;
    if (p.issues.some((i) => i.status === 'failed')) recordsWithFailures++;
    for (const f of PARSE_FIELDS) {
      const issues = p.issues.filter((i) => i.field === f);
      const c = fields[f];
      const value = hasValue(p, f);
      if (issues.some((i) => i.status === 'failed')) c.failed++;
      else if (issues.length > 0 || !value) c.missing++;
      else c.parsed++;
      if (value) c.withValue++;
      if (p.warnings.some((w) => w.field === f)) c.warnings++;
      const seen = new Set<string>();
      for (const i of issues) {
        // Details name the channel first ("Trực tuyến: …"); group across channels.
        const key = `${i.status}|${fold(i.detail.replace(/^(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)( #\d+)?: /, ''))}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const t = tally[f].get(key);
        if (t) t.count++;
        else tally[f].set(key, { status: i.status, detail: key.slice(key.indexOf('|') + 1), count: 1 });
      }
    }
  }
  const topIssues = {} as ParseReport['topIssues'];
  for (const f of PARSE_FIELDS) {
    topIssues[f] = [...tally[f].values()]
      .sort((a, b) => (a.status === b.status ? b.count - a.count : a.status === 'failed' ? -1 : 1))
      .slice(0, 5);
  }
  return { total: parsed.length, bySource, fields, topIssues, recordsWithFailures };
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** A plain-text table, one line per field, then the most frequent failures. */
export function formatParseReport(report: ParseReport, opts: { title?: string; details?: boolean } = {}): string {
  const lines: string[] = [];
  const title = opts.title ?? 'Parse report';
  lines.push(
    `${title}: ${report.total} records (national ${report.bySource.national}, defence ${report.bySource.defence}); ` +
      `${report.recordsWithFailures} with at least one failure`,
  );
  const w = Math.max(...PARSE_FIELDS.map((f) => f.length), 5);
  const cols = ['parsed', 'missing', 'failed', 'with value', 'warnings'];
  lines.push(`${pad('field', w)} | ${cols.map((c) => pad(c, 10, true)).join(' | ')}`);
  lines.push(`${'-'.repeat(w)}-+-${cols.map(() => '-'.repeat(10)).join('-+-')}`);
  for (const f of PARSE_FIELDS) {
    const c = report.fields[f];
    const cells = [c.parsed, c.missing, c.failed, c.withValue, c.warnings].map((n) => pad(String(n), 10, true));
    lines.push(`${pad(f, w)} | ${cells.join(' | ')}`);
  }
  if (opts.details !== false) {
    const withIssues = PARSE_FIELDS.filter((f) => report.topIssues[f].length > 0);
    if (withIssues.length > 0) {
      lines.push('');
      lines.push('Most frequent issues (records; digits shown as #):');
      for (const f of withIssues) {
        lines.push(`  ${f}:`);
        for (const i of report.topIssues[f]) lines.push(`    ${pad(String(i.count), 5, true)}  ${i.status.padEnd(7)}  ${i.detail}`);
      }
    }
  }
  return lines.join('\n');
}
