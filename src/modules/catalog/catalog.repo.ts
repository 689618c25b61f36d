// SQL for the procedure catalogue. Returns plain objects; no rules here (see catalog.service.ts).
import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { CatalogImports, DB } from '../../platform/db/schema.gen.js';
import type { Db } from '../../platform/db/database.js';
import { unaccent } from '../../platform/text.js';
import { likeEscape } from '../../platform/text.js';

export type Level = 'ministry' | 'province' | 'commune';
export type ChannelKind = 'in_person' | 'online' | 'postal';

export interface TimeLimitSummary {
  value: number;
  unit: string;
  text: string;
  channel: ChannelKind;
}

/** The current version's values repeated on the procedure row for search. */
export interface ProcedureHead {
  name: string;
  field: string | null;
  levels: string[];
  channel_kinds: string[];
  time_limit: TimeLimitSummary | null;
  issue_count: number;
  failed_issue_count: number;
}

export interface ProcedureInsert extends Omit<ProcedureHead, 'time_limit'> {
  id: string;
  code: string;
  source: string;
  current_version_id: string;
  version: number;
  time_limit: string | null; // JSON
}

export interface VersionInsert {
  id: string;
  procedure_id: string;
  version: number;
  content_hash: string;
  effective_from: Date | null;
  effective_to: Date | null;
  name: string;
  field: string | null;
  levels: string[];
  other_levels: string[];
  implementing_agency: string | null;
  competent_agency: string | null;
  applicants: string | null;
  steps: string | null;
  requirements: string | null;
  procedure_type: string | null;
  receiving_address: string | null;
  decision_number: string | null;
  source: string;
  source_id: string | null;
  source_url: string | null;
  results: string; // JSON
  legal_basis: string;
  issues: string;
  warnings: string;
  imported_at: Date;
}

export interface ChannelInsert {
  version_id: string;
  ordinal: number;
  kind: ChannelKind;
  time_value: number | null;
  time_unit: string | null;
  time_text: string | null;
  time_from: string | null;
  description: string;
  fees: string; // JSON
  /** [{caseKey, value, unit}] JSON: per-case limits matched to the component cases; null when none */
  case_limits: string | null;
}

export interface ComponentInsert {
  version_id: string;
  ordinal: number;
  name: string;
  template: string | null;
  templates: string[];
  originals: number;
  certified_copies: number;
  copies: number;
  required: boolean;
  group_name: string | null;
}

export interface ProcedureRow {
  id: string;
  code: string;
  source: string;
  public: boolean;
  current_version_id: string | null;
  version: number;
  name: string;
  field: string | null;
  levels: string[];
  channel_kinds: string[];
  time_limit: TimeLimitSummary | null;
  issue_count: number;
  failed_issue_count: number;
}

export interface VersionRow extends Omit<VersionInsert, 'results' | 'legal_basis' | 'issues' | 'warnings'> {
  results: Array<{ name: string; code: string | null }>;
  legal_basis: Array<{ number: string | null; title: string; issuedAt?: string | null; issuer?: string | null }>;
  issues: Array<{ field: string; status: 'missing' | 'failed'; detail: string }>;
  warnings: Array<{ field: string; detail: string }>;
}

export interface FeeJson {
  name: string;
  amountVnd: number | null;
  text: string;
  amount: number | null;
  currency: 'VND' | 'USD' | null;
  note: string | null;
}

export interface ChannelRow extends Omit<ChannelInsert, 'fees' | 'case_limits'> {
  fees: FeeJson[];
  case_limits: Array<{ caseKey: string; value: number; unit: string }> | null;
}

export interface ComponentRow extends ComponentInsert {
  id: string;
}

export interface FeeOverrideRow {
  procedure_id: string;
  channel: ChannelKind;
  fee_name: string;
  amount_vnd: number;
  note: string | null;
  updated_at: Date;
}

// ---------- import ----------

export async function currentHashes(db: Db, codes: string[]): Promise<Map<string, { id: string; version: number; version_id: string | null; content_hash: string | null }>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ id: string; code: string; version: number; version_id: string | null; content_hash: string | null }>`
    SELECT p.id, p.code, p.version, p.current_version_id AS version_id, v.content_hash
    FROM procedures p LEFT JOIN procedure_versions v ON v.id = p.current_version_id
    WHERE p.code = ANY(${codes}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.code, r]));
}

export async function insertRows<T extends keyof DB & string>(db: Db, table: T, rows: Insertable<DB[T]>[], size: number): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size)).execute();
}

export async function closeVersions(db: Db, ids: string[], at: Date): Promise<void> {
  await sql`UPDATE procedure_versions SET effective_to = ${at} WHERE id = ANY(${ids}::uuid[])`.execute(db);
}

/** Points procedures at their new current version and refreshes the search columns (one statement). */
export async function updateHeads(db: Db, heads: Array<ProcedureHead & { id: string; current_version_id: string; version: number }>): Promise<void> {
  for (let i = 0; i < heads.length; i += 1000) {
    await sql`
      UPDATE procedures p SET
        current_version_id = u.current_version_id, version = u.version, name = u.name, field = u.field,
        levels = u.levels, channel_kinds = u.channel_kinds, time_limit = u.time_limit,
        issue_count = u.issue_count, failed_issue_count = u.failed_issue_count, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(heads.slice(i, i + 1000))}::jsonb) AS u(
        id uuid, current_version_id uuid, version int, name text, field text, levels text[], channel_kinds text[],
        time_limit jsonb, issue_count int, failed_issue_count int)
      WHERE p.id = u.id`.execute(db);
  }
}

export async function insertImportRun(db: Db, row: Insertable<CatalogImports>): Promise<void> {
  await db.insertInto('catalog_imports').values(row).execute();
}

// ---------- search ----------

/** The JS twin of SQL catalog_search_key(): lower case, no diacritics, alphanumeric words. */
export function searchWords(q: string): string[] {
  return unaccent(q.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

const CODE_QUERY = /^\d+(\.[0-9A-Za-z]*)*$/;
export const isCodeQuery = (q: string): boolean => CODE_QUERY.test(q.trim());

export interface SearchParams {
  q?: string;
  level?: Level;
  fieldKey?: string; // catalog_search_key of the field
  channel?: ChannelKind;
  /** agency filter: the agency id and the level its kind performs by default (null: only explicit links) */
  agency?: { id: string; defaultLevel: Level | null };
  /** a reception desk's level: only local (province/commune) procedures, those of this level first */
  deskLevel?: 'province' | 'commune';
  includeHidden?: boolean;
  onlyWithIssues?: 'any' | 'failed';
  /** count (and rank) at most this many matches; undefined: all of them (see countLimit) */
  countCap?: number;
  limit: number;
  offset: number;
}

export interface SearchHit extends ProcedureRow {
  /** matches counted, at most countLimit + 1 (more than the limit: the count stopped there) */
  total: number;
}

const FUZZY_THRESHOLD = 0.4;

function filters(p: SearchParams): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (!p.includeHidden) where.push(sql`p.public`);
  // level and channel as `= ANY`, which no index answers: each value is held by a large share of the
  // catalogue, so their GIN indexes only add work — a BitmapAnd with the word index read 23,000 'commune'
  // entries to narrow a scan that stops after the cap anyway (bench/catalog-search.ts)
  if (p.level) where.push(sql`${p.level}::text = ANY (p.levels)`);
  if (p.channel) where.push(sql`${p.channel}::text = ANY (p.channel_kinds)`);
  if (p.fieldKey) where.push(sql`p.field_key = ${p.fieldKey}`);
  if (p.deskLevel) where.push(sql`('province' = ANY (p.levels) OR 'commune' = ANY (p.levels))`);
  if (p.onlyWithIssues === 'any') where.push(sql`p.issue_count > 0`);
  if (p.onlyWithIssues === 'failed') where.push(sql`p.failed_issue_count > 0`);
  if (p.agency) {
    // uncorrelated IN / NOT IN: one hashed set per query instead of a lookup per candidate row
    const linked = sql`p.id IN (SELECT pa.procedure_id FROM procedure_agencies pa WHERE pa.agency_id = ${p.agency.id} AND pa.performs)`;
    if (p.agency.defaultLevel) {
      const unlinked = sql`p.id NOT IN (SELECT pa.procedure_id FROM procedure_agencies pa WHERE pa.agency_id = ${p.agency.id} AND NOT pa.performs)`;
      where.push(sql`(${linked} OR (p.levels @> ARRAY[${p.agency.defaultLevel}]::text[] AND ${unlinked}))`);
    } else where.push(linked);
  }
  return where;
}

const COLUMNS = sql`p.id, p.code, p.source, p.public, p.current_version_id, p.version, p.name, p.field, p.levels, p.channel_kinds, p.time_limit, p.issue_count, p.failed_issue_count`;
const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql.join(parts, sql` AND `) : sql`true`);

/**
 * How many matches a search counts: past this the total is only "at least this many" (the API's totalCapped).
 * Counting stops there so that a broad query ("cấp giấy": a fifth of 100,000 procedures) costs no more than a
 * narrow one; a page deeper than the cap moves the cap with it. Undefined: count everything.
 */
export const countLimit = (p: SearchParams): number | undefined =>
  p.countCap === undefined ? undefined : Math.max(p.countCap, p.offset + p.limit);
const limitOf = (n: number | undefined) => (n === undefined ? sql`ALL` : sql`${n + 1}`);

/** The word-index condition (name_words, migration 0037): every word whole, the last one as a prefix. */
function wordMatch(words: string[]): RawBuilder<unknown> {
  const query = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
  return sql`p.name_words @@ to_tsquery('simple', ${query})`;
}

/**
 * Ranked search. Name queries: every word of the query must appear as a whole syllable of the name (the last
 * word as a prefix, for search-as-you-type), diacritics ignored (GIN index on name_words, the words of name_key).
 * Rank: 1) the name is the query (optionally after "Thủ tục"), 2) the query is a phrase of the name, 3) the
 * other matches; then names that also match with the query's diacritics; then shorter names first (for a name
 * that contains the query, trigram similarity falls with its length, so length ranks the same for far less
 * work), ignoring a leading "Thủ tục"; then code.
 * Only the first countLimit + 1 matches the index yields are ranked (and counted), plus the exact-name matches,
 * so a broad query costs what a narrow one does; below the cap the ranking is over every match.
 * Code queries ("1.001193", "1.0011"): code prefix, exact code first.
 * With `fuzzy`, name queries match by trigram word similarity instead (typos), ranked by it.
 */
export async function search(db: Db, p: SearchParams & { fuzzy?: boolean }): Promise<SearchHit[]> {
  const where = filters(p);
  // a desk sees the procedures of its own level first
  const r0 = p.deskLevel ? sql`CASE WHEN p.levels @> ARRAY[${p.deskLevel}]::text[] THEN 0 ELSE 1 END` : sql`0::int`; // a bare 0 would be a column position
  const q = p.q?.trim() ?? '';
  const words = q ? searchWords(q) : [];
  if (q && isCodeQuery(q)) {
    where.push(sql`p.code LIKE ${`${likeEscape(q)}%`}`);
    return pageAndCount(db, where, sql`${r0}, (p.code = ${q}) DESC, p.code`, p);
  }
  if (words.length === 0) return pageAndCount(db, where, sql`${r0}, p.code`, p);
  const key = ` ${words.join(' ')} `;
  if (p.fuzzy) return fuzzySearch(db, where, r0, key, p);
  const phrase = `% ${words.join(' ')}%`;
  const accented = q.normalize('NFC').toLowerCase();
  const hasMarks = unaccent(accented) !== accented;
  const accentRank = hasMarks ? sql`CASE WHEN lower(p.name) LIKE ${`%${likeEscape(accented)}%`} THEN 0 ELSE 1 END` : sql`0::int`;
  // the candidates carry their sort keys, read while the index scan is on their rows (at most the cap + 1);
  // the exact names join them so that they rank first even when the candidates stop at the cap; only the
  // page's rows are read again for their columns
  const keys = sql`p.id, p.code AS c, ${r0} AS r0,
    CASE WHEN p.name_key = ${key} OR p.name_key = ${` thu tuc${key}`} THEN 0 WHEN p.name_key LIKE ${phrase} THEN 1 ELSE 2 END AS r1,
    ${accentRank} AS r2,
    length(p.name_key) - CASE WHEN starts_with(p.name_key, ' thu tuc ') THEN 8 ELSE 0 END AS r3`;
  const { rows } = await sql<SearchHit>`
    WITH cand AS MATERIALIZED (
      SELECT ${keys} FROM procedures p WHERE ${and([...where, wordMatch(words)])} LIMIT ${limitOf(countLimit(p))}),
    ranked AS (
      SELECT * FROM cand
      UNION SELECT ${keys} FROM procedures p WHERE ${and([...where, sql`md5(p.name_key) IN (md5(${key}), md5(${` thu tuc${key}`}))`])}
      ORDER BY r0, r1, r2, r3, c LIMIT ${p.limit} OFFSET ${p.offset})
    SELECT ${COLUMNS}, (SELECT count(*) FROM cand)::int AS total FROM ranked JOIN procedures p ON p.id = ranked.id
    ORDER BY r0, r1, r2, r3, c`.execute(db);
  return rows;
}

/** Near matches by trigram word similarity (typos), counted up to the same cap. */
async function fuzzySearch(db: Db, where: RawBuilder<unknown>[], r0: RawBuilder<unknown>, key: string, p: SearchParams): Promise<SearchHit[]> {
  where.push(sql`${key} <% p.name_key`);
  // a lower threshold than pg_trgm's 0.6 lets two transposed letters through ("dnag ky khia sinh")
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`.execute(trx);
    const { rows } = await sql<SearchHit>`
      WITH cand AS MATERIALIZED (
        SELECT p.id, word_similarity(${key}, p.name_key) AS sim FROM procedures p WHERE ${and(where)} LIMIT ${limitOf(countLimit(p))})
      SELECT ${COLUMNS}, (SELECT count(*) FROM cand)::int AS total FROM cand JOIN procedures p ON p.id = cand.id
      ORDER BY ${r0}, cand.sim DESC, length(p.name_key), p.code
      LIMIT ${p.limit} OFFSET ${p.offset}`.execute(trx);
    return rows;
  });
}

/** A page in index order plus a separate count up to the cap (cheaper than a window count over the whole catalogue). */
async function pageAndCount(db: Db, where: RawBuilder<unknown>[], order: RawBuilder<unknown>, p: SearchParams): Promise<SearchHit[]> {
  const { rows } = await sql<ProcedureRow>`
    SELECT ${COLUMNS} FROM procedures p WHERE ${and(where)} ORDER BY ${order} LIMIT ${p.limit} OFFSET ${p.offset}`.execute(db);
  if (rows.length === 0 && p.offset === 0) return [];
  const total = rows.length < p.limit && p.offset === 0
    ? rows.length
    : Number((await sql<{ n: number }>`
        SELECT count(*) AS n FROM (SELECT 1 FROM procedures p WHERE ${and(where)} LIMIT ${limitOf(countLimit(p))}) c`.execute(db)).rows[0].n);
  return rows.map((r) => ({ ...r, total }));
}

/** Count only (used when a page past the end returns no rows to carry the count). */
export async function searchCount(db: Db, p: SearchParams): Promise<number> {
  const hits = await search(db, { ...p, countCap: countLimit(p), limit: 1, offset: 0 });
  return hits[0]?.total ?? 0;
}

export async function fieldCounts(db: Db, opts: { includeHidden?: boolean; level?: string } = {}): Promise<Array<{ name: string; count: number }>> {
  const { rows } = await sql<{ name: string; count: number }>`
    SELECT field AS name, count(*)::int AS count FROM procedures
    WHERE field IS NOT NULL ${opts.includeHidden ? sql`` : sql`AND public`} ${opts.level ? sql`AND ${opts.level} = ANY(levels)` : sql``}
    GROUP BY field ORDER BY count(*) DESC, field`.execute(db);
  return rows;
}

/** Public procedures per level (ministry / province / commune); a procedure of two levels counts in both. */
export async function levelCounts(db: Db): Promise<Array<{ level: string; count: number }>> {
  const { rows } = await sql<{ level: string; count: number }>`
    SELECT l AS level, count(*)::int AS count FROM procedures p, unnest(p.levels) AS l
    WHERE p.public GROUP BY l ORDER BY l`.execute(db);
  return rows;
}

/**
 * Public procedures per current agency, counted as the search's agency filter selects them: the procedures
 * linked to the agency, plus (for the kinds that perform a level by default) those of its level not unlinked
 * from it. Agencies with no procedure are left out.
 */
export async function agencyCounts(db: Db, kindsByLevel: Record<string, readonly string[]>): Promise<Array<{ code: string; name: string; kind: string; count: number }>> {
  const levelOf = sql.join(Object.entries(kindsByLevel).map(([level, kinds]) => sql`WHEN a.kind = ANY(${[...kinds]}::text[]) THEN ${level}`), sql` `);
  const { rows } = await sql<{ code: string; name: string; kind: string; count: number }>`
    WITH a AS (SELECT a.id, a.code, a.name, a.kind, CASE ${levelOf} ELSE NULL END AS level FROM agencies a WHERE a.valid_to IS NULL),
    n AS (
      SELECT a.id, count(p.id)::int AS count FROM a JOIN procedures p ON p.public AND (
        EXISTS (SELECT 1 FROM procedure_agencies pa WHERE pa.agency_id = a.id AND pa.procedure_id = p.id AND pa.performs)
        OR (a.level IS NOT NULL AND p.levels @> ARRAY[a.level]::text[]
            AND NOT EXISTS (SELECT 1 FROM procedure_agencies pa WHERE pa.agency_id = a.id AND pa.procedure_id = p.id AND NOT pa.performs)))
      GROUP BY a.id)
    SELECT a.code, a.name, a.kind, n.count FROM a JOIN n ON n.id = a.id WHERE n.count > 0 ORDER BY a.code`.execute(db);
  return rows;
}

// ---------- one procedure ----------

export async function findByCode(db: Db, code: string): Promise<ProcedureRow | undefined> {
  const { rows } = await sql<ProcedureRow>`SELECT ${COLUMNS} FROM procedures p WHERE p.code = ${code}`.execute(db);
  return rows[0];
}

export async function findById(db: Db, id: string): Promise<ProcedureRow | undefined> {
  const { rows } = await sql<ProcedureRow>`SELECT ${COLUMNS} FROM procedures p WHERE p.id = ${id}`.execute(db);
  return rows[0];
}

export async function versionById(db: Db, id: string): Promise<VersionRow | undefined> {
  return (await db.selectFrom('procedure_versions').selectAll().where('id', '=', id).$narrowType<Pick<VersionRow, 'results' | 'legal_basis' | 'issues' | 'warnings'>>().executeTakeFirst());
}

/** The version in force at `at`: effective_from ≤ at < effective_to (NULL bounds are open). */
export async function versionAt(db: Db, procedureId: string, at: Date): Promise<VersionRow | undefined> {
  const { rows } = await sql<VersionRow>`
    SELECT * FROM procedure_versions
    WHERE procedure_id = ${procedureId}
      AND (effective_from IS NULL OR effective_from <= ${at})
      AND (effective_to IS NULL OR effective_to > ${at})
    ORDER BY version DESC LIMIT 1`.execute(db);
  return rows[0];
}

export async function listVersions(db: Db, procedureId: string): Promise<Array<{ id: string; version: number; effective_from: Date | null; effective_to: Date | null; imported_at: Date }>> {
  return (await db
    .selectFrom('procedure_versions')
    .select(['id', 'version', 'effective_from', 'effective_to', 'imported_at'])
    .where('procedure_id', '=', procedureId)
    .orderBy('version')
    .execute()) as Array<{ id: string; version: number; effective_from: Date | null; effective_to: Date | null; imported_at: Date }>;
}

export async function channelsOf(db: Db, versionId: string): Promise<ChannelRow[]> {
  return (await db.selectFrom('procedure_channels').selectAll().where('version_id', '=', versionId).orderBy('ordinal').$narrowType<Pick<ChannelRow, 'kind' | 'fees' | 'case_limits'>>().execute());
}

export async function componentsOf(db: Db, versionId: string): Promise<ComponentRow[]> {
  return (await db.selectFrom('procedure_components').selectAll().where('version_id', '=', versionId).orderBy('ordinal').execute());
}

export async function feeOverridesOf(db: Db, procedureId: string): Promise<FeeOverrideRow[]> {
  return (await db
    .selectFrom('procedure_fee_overrides')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .orderBy('channel')
    .orderBy('fee_name')
    .$narrowType<Pick<FeeOverrideRow, 'channel'>>()
    .execute());
}

// ---------- agencies performing ----------

export interface PerformerRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  performs: boolean | null; // null: by default
}

/**
 * Agencies in force that perform the procedure: those whose kind performs one of `levels` by default, unless
 * unlinked, plus those linked explicitly.
 */
export async function performers(db: Db, procedureId: string, levels: string[], kindsByLevel: Record<string, readonly string[]>): Promise<PerformerRow[]> {
  const defaults = Object.entries(kindsByLevel)
    .filter(([level]) => levels.includes(level))
    .flatMap(([, kinds]) => kinds);
  const { rows } = await sql<PerformerRow>`
    SELECT a.id, a.code, a.name, a.kind, pa.performs
    FROM agencies a LEFT JOIN procedure_agencies pa ON pa.agency_id = a.id AND pa.procedure_id = ${procedureId}
    WHERE a.valid_to IS NULL
      AND (pa.performs IS TRUE OR (pa.performs IS NULL AND a.kind = ANY(${defaults}::text[])))
    ORDER BY a.code`.execute(db);
  return rows;
}

export async function setAgencyOverride(db: Db, procedureId: string, agencyId: string, performs: boolean, by: string | null): Promise<void> {
  await sql`
    INSERT INTO procedure_agencies (procedure_id, agency_id, performs, updated_by) VALUES (${procedureId}, ${agencyId}, ${performs}, ${by})
    ON CONFLICT (procedure_id, agency_id) DO UPDATE SET performs = EXCLUDED.performs, updated_by = EXCLUDED.updated_by, updated_at = now()`.execute(db);
}

export async function clearAgencyOverride(db: Db, procedureId: string, agencyId: string): Promise<void> {
  await db.deleteFrom('procedure_agencies').where('procedure_id', '=', procedureId).where('agency_id', '=', agencyId).execute();
}

// ---------- admin changes ----------

export async function setPublic(db: Db, procedureId: string, value: boolean): Promise<void> {
  await db.updateTable('procedures').set({ public: value, updated_at: sql`now()` }).where('id', '=', procedureId).execute();
}

export async function upsertFeeOverride(db: Db, o: { procedureId: string; channel: ChannelKind; feeName: string; amountVnd: number; note: string | null; by: string | null }): Promise<void> {
  await sql`
    INSERT INTO procedure_fee_overrides (procedure_id, channel, fee_name, amount_vnd, note, updated_by)
    VALUES (${o.procedureId}, ${o.channel}, ${o.feeName}, ${o.amountVnd}, ${o.note}, ${o.by})
    ON CONFLICT (procedure_id, channel, fee_name) DO UPDATE
      SET amount_vnd = EXCLUDED.amount_vnd, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`.execute(db);
}

export async function deleteFeeOverride(db: Db, procedureId: string, channel: ChannelKind, feeName: string): Promise<boolean> {
  const r = await db
    .deleteFrom('procedure_fee_overrides')
    .where('procedure_id', '=', procedureId)
    .where('channel', '=', channel)
    .where('fee_name', '=', feeName)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Current-version issues of the procedures listed (for the admin issue list). */
export async function issuesOf(db: Db, versionIds: string[]): Promise<Map<string, Pick<VersionRow, 'issues' | 'warnings'>>> {
  if (versionIds.length === 0) return new Map();
  const rows = (await db.selectFrom('procedure_versions').select(['id', 'issues', 'warnings']).where('id', 'in', versionIds).execute()) as Array<
    Pick<VersionRow, 'id' | 'issues' | 'warnings'>
  >;
  return new Map(rows.map((r) => [r.id, r]));
}

export async function hasImport(db: Db, source: string, file: string): Promise<boolean> {
  return !!(await db.selectFrom('catalog_imports').select('id').where('source', '=', source).where('file', '=', file).limit(1).executeTakeFirst());
}

export async function lastImport(db: Db): Promise<{ at: Date; source: string; total: number; created: number; new_versions: number; unchanged: number; skipped: number } | undefined> {
  return (await db
    .selectFrom('catalog_imports')
    .select(['at', 'source', 'total', 'created', 'new_versions', 'unchanged', 'skipped'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()) as { at: Date; source: string; total: number; created: number; new_versions: number; unchanged: number; skipped: number } | undefined;
}

// ---------- time limits set by an administrator ----------

export interface TimeLimitOverrideRow {
  procedure_id: string;
  value: string | number;
  unit: 'working_days' | 'working_hours' | 'same_day';
  basis: string;
  updated_at: Date;
}

export async function timeLimitOverride(db: Db, procedureId: string): Promise<TimeLimitOverrideRow | undefined> {
  return (await db.selectFrom('procedure_time_limits').selectAll().where('procedure_id', '=', procedureId).$narrowType<Pick<TimeLimitOverrideRow, 'unit'>>().executeTakeFirst());
}

export async function upsertTimeLimit(db: Db, r: { procedureId: string; value: number; unit: string; basis: string; by: string | null }): Promise<void> {
  await sql`
    INSERT INTO procedure_time_limits (procedure_id, value, unit, basis, updated_by, updated_at)
    VALUES (${r.procedureId}, ${r.value}, ${r.unit}, ${r.basis}, ${r.by}, now())
    ON CONFLICT (procedure_id) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit, basis = EXCLUDED.basis,
      updated_by = EXCLUDED.updated_by, updated_at = now()`.execute(db);
}

/** Procedures (current version) without any time limit in the catalogue and without an admin one. */
export async function proceduresWithoutLimit(db: Db): Promise<Array<{ id: string; code: string; name: string; field: string | null }>> {
  const { rows } = await sql<{ id: string; code: string; name: string; field: string | null }>`
    SELECT p.id, p.code, p.name, p.field FROM procedures p
    WHERE p.time_limit IS NULL AND NOT EXISTS (SELECT 1 FROM procedure_time_limits t WHERE t.procedure_id = p.id)
    ORDER BY p.code`.execute(db);
  return rows;
}

/**
 * Procedures whose current version has a limit to review, without an admin limit: read without a unit
 * ("đơn vị suy ra"), the longest of per-case limits, phases added up, or months.
 */
export async function proceduresWithInferredUnit(db: Db, limit: number, offset: number) {
  const { rows } = await sql<{ code: string; name: string; field: string | null; time_text: string | null; time_from: string; time_value: string; time_unit: string; total: string }>`
    SELECT p.code, p.name, p.field, min(c.time_text) AS time_text,
      min(CASE WHEN c.time_unit = 'months' THEN 'months' ELSE c.time_from END) AS time_from,
      max(c.time_value) AS time_value, min(c.time_unit) AS time_unit, count(*) OVER () AS total
    FROM procedures p JOIN procedure_channels c ON c.version_id = p.current_version_id
      AND (c.time_from IN ('unit_inferred', 'cases', 'phases') OR c.time_unit = 'months')
    WHERE NOT EXISTS (SELECT 1 FROM procedure_time_limits t WHERE t.procedure_id = p.id)
    GROUP BY p.code, p.name, p.field ORDER BY p.code LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows;
}

/** Channels (time column, description) and steps of the current version of procedures without any limit. */
export async function proceduresWithoutLimitDetail(db: Db) {
  const { rows } = await sql<{ code: string; name: string; field: string | null; levels: string[]; steps: string | null; channels: Array<{ timeText: string | null; description: string }> }>`
    SELECT p.code, v.name, p.field, p.levels, v.steps,
      coalesce((SELECT json_agg(json_build_object('timeText', c.time_text, 'description', c.description) ORDER BY c.ordinal)
        FROM procedure_channels c WHERE c.version_id = p.current_version_id), '[]') AS channels
    FROM procedures p JOIN procedure_versions v ON v.id = p.current_version_id
    WHERE p.time_limit IS NULL AND NOT EXISTS (SELECT 1 FROM procedure_time_limits t WHERE t.procedure_id = p.id)
    ORDER BY p.code`.execute(db);
  return rows;
}
