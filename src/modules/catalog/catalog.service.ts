// Use cases of the procedure catalogue: public search and detail, the reception API for the dossier engine,
// and the admin changes (publish/hide, local fee overrides, which agencies perform a procedure), each
// permission-checked ('procedure.manage'), audited and done in one transaction.
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { actsFromTop, can, scopePaths } from '../org/permissions.js';
import { getAgency } from '../org/org.service.js';
import * as repo from './catalog.repo.js';
import type { FeeOverrideBody, IssueListQuery, SearchQuery } from './catalog.schema.js';
import { isoOrNull } from '../../platform/values.js';
import { casesOf, type ProcedureCase } from './component-cases.js';
import { adminTimeLimit } from './catalog.time-limits.js';
import { monthsAsWorkingHours } from './catalog.months.js';
import { catalogErrors } from './catalog.errors.js';
import { orgErrors } from '../org/org.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** Which agency kinds perform procedures of a level by default (overridable per agency and procedure). */
export const PERFORMER_KINDS: Record<'province' | 'commune', readonly string[]> = {
  province: ['department', 'service_centre'],
  commune: ['commune_committee'],
};

export function defaultLevelOfAgencyKind(kind: string): 'province' | 'commune' | null {
  if (PERFORMER_KINDS.province.includes(kind)) return 'province';
  if (PERFORMER_KINDS.commune.includes(kind)) return 'commune';
  return null;
}

/**
 * A time limit in working hours (1 working day = 8 working hours, domain-vn §0.5 / §9):
 * working_days × 8; working_hours and hours as they are; same_day → 0; months → null (not expressible).
 * `days` (calendar days in the source wording) are counted as working days × 8: the engine counts working time
 * only, and a calendar-day limit read as working days never ends earlier than the law allows — admins should
 * check these procedures (the unit is kept in the channel for the engine to decide otherwise).
 */
export function legalLimitHours(t: { value: number; unit: string } | null): number | null {
  if (!t) return null;
  switch (t.unit) {
    case 'working_days':
    case 'days':
      return t.value * 8;
    case 'working_hours':
    case 'hours':
      return t.value;
    case 'same_day':
      return 0;
    default:
      return null;
  }
}

const notFound = (code: string) => catalogErrors.PROCEDURE_NOT_FOUND({ code });
const iso = isoOrNull;

const isManager = (p: Principal | null | undefined) => !!p && scopePaths(p, 'procedure.manage').length > 0;

/** Catalogue-wide changes (visibility, fees) need procedure.manage on a top-level agency (the province). */
function requireProvinceManager(p: Principal): void {
  if (!actsFromTop(p, 'procedure.manage')) throw platformErrors.FORBIDDEN();
}

function requireManager(p: Principal): void {
  if (!isManager(p)) throw platformErrors.FORBIDDEN();
}

async function procedureByCode(db: Db, code: string): Promise<repo.ProcedureRow> {
  const row = await repo.findByCode(db, code);
  if (!row) throw notFound(code);
  return row;
}

// ---------- public search ----------

function listItem(r: repo.ProcedureRow, withVisibility: boolean) {
  return {
    code: r.code,
    name: r.name,
    field: r.field,
    levels: r.levels,
    channels: r.channel_kinds as repo.ChannelKind[],
    timeLimit: r.time_limit ? { value: Number(r.time_limit.value), unit: r.time_limit.unit, text: r.time_limit.text, channel: r.time_limit.channel } : null,
    ...(withVisibility ? { public: r.public } : {}),
  };
}

async function agencyFilter(ctx: AppContext, code: string | undefined): Promise<repo.SearchParams['agency'] | 'none' | undefined> {
  if (!code) return undefined;
  try {
    const a = await getAgency(ctx, code);
    return { id: a.id, defaultLevel: defaultLevelOfAgencyKind(a.kind) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return 'none';
    throw err;
  }
}

const fieldKey = (field: string) => ` ${repo.searchWords(field).join(' ')} `;

/**
 * GET /api/v1/procedures. Hidden procedures are left out; officials with procedure.manage also see them when
 * they ask for `includeHidden`. A name query that matches nothing falls back to near matches (typos).
 */
/**
 * How many matches a catalogue search counts (and ranks) before it answers "1.000+": past it a count costs
 * more than the page it goes with (bench/catalog-search.ts). Nobody pages through a thousand procedures;
 * they type another word.
 */
export const SEARCH_COUNT_CAP = 1000;

export async function searchProcedures(
  ctx: AppContext, p: Principal | null, query: SearchQuery,
  opts: { includeHidden?: boolean; /** tests lower it */ countCap?: number } = {},
) {
  const includeHidden = !!opts.includeHidden && isManager(p);
  const agency = await agencyFilter(ctx, query.agency);
  if (agency === 'none') return { items: [], total: 0 };
  const desk = query.desk ? await getAgency(ctx, query.desk).catch(() => null) : null;
  if (query.desk && !desk) return { items: [], total: 0 };
  const params: repo.SearchParams = {
    deskLevel: desk ? (/^commune_/.test(desk.kind) ? 'commune' : 'province') : undefined,
    q: query.q,
    level: query.level,
    channel: query.channel,
    fieldKey: query.field ? fieldKey(query.field) : undefined,
    agency,
    includeHidden,
    countCap: opts.countCap ?? SEARCH_COUNT_CAP,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
  let hits = await repo.search(ctx.db, params);
  let total = hits[0]?.total ?? (params.offset > 0 ? await repo.searchCount(ctx.db, params) : 0);
  let fuzzy = false;
  const nameQuery = !!query.q && !repo.isCodeQuery(query.q) && repo.searchWords(query.q).length > 0;
  if (total === 0 && nameQuery) {
    hits = await repo.search(ctx.db, { ...params, fuzzy: true });
    total = hits[0]?.total ?? 0;
    fuzzy = total > 0;
  }
  // the repository counts one past the limit: that one says "more than the limit"
  const limit = repo.countLimit(params)!;
  const capped = total > limit;
  return {
    items: hits.map((h) => listItem(h, includeHidden)),
    total: capped ? limit : total,
    ...(capped ? { totalCapped: true } : {}),
    ...(fuzzy ? { fuzzy } : {}),
  };
}

export async function listFields(ctx: AppContext, level?: 'province' | 'commune') {
  const items = await repo.fieldCounts(ctx.db, { level });
  return { items, total: items.length };
}

/** GET /procedures/levels: public procedures per level. */
export async function listLevels(ctx: AppContext) {
  const items = await repo.levelCounts(ctx.db);
  return { items, total: items.length };
}

/** GET /procedures/agencies: the province's agencies that perform public procedures, with how many. */
export async function listAgencies(ctx: AppContext) {
  const items = await repo.agencyCounts(ctx.db, PERFORMER_KINDS);
  return { items, total: items.length };
}

/**
 * The online level of NĐ 42/2022 Art. 11 as far as the catalogue record tells it: `none` without an online
 * channel; `full` (toàn trình) when the record says the online service is "toàn trình" and does not say it
 * is partial ("một phần"); `partial` otherwise. The national records carry no field for the level, so
 * it is read from the online channel's description and the steps.
 */
export function onlineLevelOf(channels: Array<{ kind: string; description: string }>, steps: string | null): 'full' | 'partial' | 'none' {
  const online = channels.find((c) => c.kind === 'online');
  if (!online) return 'none';
  const text = `${online.description} ${steps ?? ''}`.toLowerCase();
  if (/trực tuyến một phần|dịch vụ công trực tuyến một phần/.test(text)) return 'partial';
  if (/toàn trình/.test(text) && !/(không|chưa)[^.;]{0,40}toàn trình/.test(text)) return 'full';
  return 'partial';
}

// ---------- one procedure ----------

function mergeFees(kind: repo.ChannelKind, fees: repo.FeeJson[], overrides: repo.FeeOverrideRow[]) {
  const out = fees.map((f) => ({ ...f, local: false }));
  for (const o of overrides.filter((x) => x.channel === kind)) {
    const amount = Number(o.amount_vnd);
    const hit = out.find((f) => f.name === o.fee_name);
    if (hit) Object.assign(hit, { amountVnd: amount, amount, currency: 'VND' as const, note: o.note ?? hit.note, local: true });
    else out.push({ name: o.fee_name, amountVnd: amount, text: `${amount} đồng`, amount, currency: 'VND', note: o.note, local: true });
  }
  return out;
}

function summaryLimit(channels: repo.ChannelRow[]): { value: number; unit: string } | null {
  const withLimit = channels.filter((c) => c.time_unit !== null && c.time_value !== null);
  const c = withLimit.find((x) => x.kind === 'in_person') ?? withLimit[0];
  return c ? { value: Number(c.time_value), unit: c.time_unit! } : null;
}

async function loadVersion(ctx: AppContext, procedure: repo.ProcedureRow, version: repo.VersionRow) {
  const db = ctx.db;
  // a version's channels and components are only ever inserted with it: cached by version id (shared rows,
  // never mutated by the callers); the fee overrides and the admin limit are the procedure's and change
  const [channels, components, overrides, adminLimit] = await Promise.all([
    ctx.immutable.get('catalog.channels', version.id, () => repo.channelsOf(db, version.id)),
    ctx.immutable.get('catalog.components', version.id, () => repo.componentsOf(db, version.id)),
    repo.feeOverridesOf(db, procedure.id),
    adminTimeLimit(db, procedure.id),
  ]);
  return { channels, components, overrides, adminLimit };
}

/** The limit in force: an administrator's (with its legal basis) wins over the catalogue's. */
function effectiveLimit(channels: repo.ChannelRow[], adminLimit: { value: number; unit: string; basis: string } | null) {
  if (adminLimit) return { value: adminLimit.value, unit: adminLimit.unit, source: 'admin' as const, basis: adminLimit.basis };
  const c = summaryLimit(channels);
  if (!c) return null;
  const inferred = channels.some((x) => x.time_from === 'unit_inferred' && x.time_unit === c.unit && Number(x.time_value) === c.value);
  return { ...c, source: inferred ? ('unit_inferred' as const) : ('catalog' as const), basis: null };
}

/** The limit of one case (catalog.time-fallbacks matched it to the component case); an admin limit wins. */
function caseLimitOf(channels: repo.ChannelRow[], adminLimit: { value: number; unit: string; basis: string } | null, caseKey: string | null | undefined) {
  if (adminLimit || !caseKey) return null;
  for (const c of [...channels.filter((x) => x.kind === 'in_person'), ...channels]) {
    const hit = c.case_limits?.find((x) => x.caseKey === caseKey);
    if (hit) return { value: Number(hit.value), unit: hit.unit, source: 'catalog' as const, basis: null };
  }
  return null;
}

function casesOut(components: repo.ComponentRow[]) {
  return casesOf(components.map((c) => ({ id: c.id, name: c.name, required: c.required, group: c.group_name, originals: c.originals, copies: c.copies })));
}

/** GET /api/v1/procedures/{code}: the full structured record of the current version. */
export async function getProcedure(ctx: AppContext, p: Principal | null, code: string) {
  const proc = await procedureByCode(ctx.db, code);
  const manager = isManager(p);
  if (!proc.public && !manager) throw notFound(code);
  if (!proc.current_version_id) throw notFound(code);
  const v = await repo.versionById(ctx.db, proc.current_version_id);
  if (!v) throw notFound(code);
  const { channels, components, overrides, adminLimit } = await loadVersion(ctx, proc, v);
  const performers = await repo.performers(ctx.db, proc.id, proc.levels, PERFORMER_KINDS);
  const limit = effectiveLimit(channels, adminLimit);
  const { cases, noteIds } = casesOut(components);
  return {
    id: proc.id,
    code: proc.code,
    name: v.name,
    version: v.version,
    versionId: v.id,
    effectiveFrom: iso(v.effective_from),
    public: proc.public,
    source: v.source,
    sourceUrl: v.source_url,
    field: v.field,
    levels: v.levels,
    otherLevels: v.other_levels,
    implementingAgency: v.implementing_agency,
    competentAgency: v.competent_agency,
    applicants: v.applicants,
    steps: v.steps,
    requirements: v.requirements,
    procedureType: v.procedure_type,
    receivingAddress: v.receiving_address,
    decisionNumber: v.decision_number,
    channels: channels.map((c) => ({
      kind: c.kind,
      timeLimit: c.time_unit !== null && c.time_value !== null ? { value: Number(c.time_value), unit: c.time_unit, text: c.time_text ?? '', from: c.time_from } : null,
      timeText: c.time_text,
      description: c.description,
      fees: mergeFees(c.kind, c.fees, overrides),
    })),
    components: components.map((c) => ({
      id: c.id,
      name: c.name,
      template: c.template,
      templates: c.templates,
      originals: c.originals,
      certifiedCopies: c.certified_copies,
      copies: c.copies,
      required: c.required,
      group: c.group_name,
      note: noteIds.includes(c.id),
    })),
    cases,
    timeLimit: limit,
    results: v.results.map((r) => ({ name: r.name, code: r.code ?? null })),
    legalBasis: v.legal_basis.map((l) => ({ number: l.number ?? null, title: l.title, issuedAt: l.issuedAt ?? null, issuer: l.issuer ?? null })),
    agencies: performers.map((a) => ({ code: a.code, name: a.name })),
    legalLimitHours: legalLimitHours(limit),
    sameDay: limit?.unit === 'same_day',
    onlineLevel: onlineLevelOf(channels, v.steps),
    ...(manager
      ? {
          issues: v.issues,
          warnings: v.warnings,
          versions: (await repo.listVersions(ctx.db, proc.id)).map((x) => ({ version: x.version, effectiveFrom: iso(x.effective_from), effectiveTo: iso(x.effective_to) })),
        }
      : {}),
  };
}

export interface ReceptionProcedure {
  id: string;
  versionId: string;
  code: string;
  name: string;
  field: string | null;
  levels: string[];
  /** "Cơ quan thực hiện" as the catalogue words it (may name the competent department). */
  implementingAgency: string | null;
  channels: Array<{ kind: 'in_person' | 'online' | 'postal'; timeLimit: { value: number; unit: string } | null; fees: Array<{ name: string; amountVnd: number | null }> }>;
  components: Array<{ id: string; name: string; template: string | null; originals: number; certifiedCopies: number; copies: number; required: boolean }>;
  /** The catalogue's cases (trường hợp) and their checklists (component ids). */
  cases: ProcedureCase[];
  /** The limit in force and where it comes from (catalogue, bare number read as working days, administrator). */
  timeLimit: { value: number; unit: string; source: 'catalog' | 'unit_inferred' | 'admin'; basis: string | null } | null;
  /**
   * The in-person channel's time limit (else the first channel that has one) in working hours; see
   * `legalLimitHours()` for the conversion (days are treated as working days; months → null).
   */
  legalLimitHours: number | null;
  sameDay: boolean;
  /** false when an admin hid the procedure from the public catalogue (officials may still receive it) */
  public: boolean;
}

/**
 * For the dossier engine: the version of the procedure in force at `at` (default: now) with local fees applied.
 * 404 PROCEDURE_NOT_FOUND for an unknown code, 409 PROCEDURE_NOT_IN_FORCE when no version covers `at`.
 */
export async function getProcedureForReception(ctx: AppContext, code: string, at?: Date, caseKey?: string | null): Promise<ReceptionProcedure> {
  const when = at ?? ctx.clock.now();
  const proc = await procedureByCode(ctx.db, code);
  const v = await repo.versionAt(ctx.db, proc.id, when);
  if (!v) throw catalogErrors.PROCEDURE_NOT_IN_FORCE({ code, at: when.toISOString() });
  const { channels, components, overrides, adminLimit } = await loadVersion(ctx, proc, v);
  // the chosen case's own limit (per-case limits matched to the component cases) beats the longest one
  const limit = caseLimitOf(channels, adminLimit, caseKey) ?? effectiveLimit(channels, adminLimit);
  return {
    id: proc.id,
    versionId: v.id,
    code: proc.code,
    name: v.name,
    field: v.field,
    levels: v.levels,
    implementingAgency: v.implementing_agency,
    channels: channels.map((c) => ({
      kind: c.kind,
      timeLimit: c.time_unit !== null && c.time_value !== null ? { value: Number(c.time_value), unit: c.time_unit } : null,
      fees: mergeFees(c.kind, c.fees, overrides).map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
    })),
    components: components.map((c) => ({
      id: c.id,
      name: c.name,
      template: c.template,
      originals: c.originals,
      certifiedCopies: c.certified_copies,
      copies: c.copies,
      required: c.required,
    })),
    cases: casesOut(components).cases,
    timeLimit: limit,
    legalLimitHours: limit?.unit === 'months' ? await monthsAsWorkingHours(ctx, null, when, limit.value) : legalLimitHours(limit),
    sameDay: limit?.unit === 'same_day',
    public: proc.public,
  };
}

/** Ids of the agencies (in force) that perform the procedure: by level by default, plus links, minus unlinks. */
export async function agenciesPerforming(ctx: AppContext, procedureId: string): Promise<string[]> {
  const proc = await repo.findById(ctx.db, procedureId);
  if (!proc) return [];
  return (await repo.performers(ctx.db, proc.id, proc.levels, PERFORMER_KINDS)).map((a) => a.id);
}

// ---------- admin ----------

async function adminChange<T>(
  ctx: AppContext,
  p: Principal,
  origin: RequestOrigin & { idempotencyKey?: string; method?: string; path?: string },
  audit: { action: string; targetId: string; details: Record<string, unknown>; /** what identifies the request (default: details) */ request?: unknown },
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  const request = { action: audit.action, request: audit.request ?? audit.details };
  const r = await runIdempotent<T>(
    ctx.db,
    { principal: p.userId, key: origin.idempotencyKey, method: origin.method ?? '', path: origin.path ?? '', request },
    async (trx) => {
      const body = await work(trx);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: audit.action, targetType: 'procedure', targetId: audit.targetId, details: audit.details }, origin);
      return { status: 200, body };
    },
  );
  return r.body;
}

export type AdminOrigin = RequestOrigin & { idempotencyKey?: string; method?: string; path?: string };

export async function setVisibility(ctx: AppContext, p: Principal, code: string, visible: boolean, origin: AdminOrigin) {
  requireProvinceManager(p);
  const proc = await procedureByCode(ctx.db, code);
  return adminChange(ctx, p, origin, { action: visible ? 'procedure.publish' : 'procedure.hide', targetId: proc.id, details: { code, before: proc.public, after: visible }, request: { code, visible } }, async (trx) => {
    await repo.setPublic(trx, proc.id, visible);
    return { code, public: visible };
  });
}

async function feeOverridesOut(db: Db, proc: repo.ProcedureRow) {
  const rows = await repo.feeOverridesOf(db, proc.id);
  return { code: proc.code, items: rows.map((r) => ({ channel: r.channel, feeName: r.fee_name, amountVnd: Number(r.amount_vnd), note: r.note })) };
}

export async function listFeeOverrides(ctx: AppContext, p: Principal, code: string) {
  requireManager(p);
  return feeOverridesOut(ctx.db, await procedureByCode(ctx.db, code));
}

export async function setFeeOverride(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof FeeOverrideBody>, origin: AdminOrigin) {
  requireProvinceManager(p);
  const proc = await procedureByCode(ctx.db, code);
  return adminChange(ctx, p, origin, { action: 'procedure.fee_override.set', targetId: proc.id, details: { code, ...body } }, async (trx) => {
    await repo.upsertFeeOverride(trx, { procedureId: proc.id, channel: body.channel, feeName: body.feeName, amountVnd: body.amountVnd, note: body.note ?? null, by: p.userId });
    return feeOverridesOut(trx, proc);
  });
}

export async function removeFeeOverride(ctx: AppContext, p: Principal, code: string, q: { channel: repo.ChannelKind; feeName: string }, origin: AdminOrigin) {
  requireProvinceManager(p);
  const proc = await procedureByCode(ctx.db, code);
  return adminChange(ctx, p, origin, { action: 'procedure.fee_override.remove', targetId: proc.id, details: { code, ...q } }, async (trx) => {
    if (!(await repo.deleteFeeOverride(trx, proc.id, q.channel, q.feeName))) throw catalogErrors.FEE_OVERRIDE_NOT_FOUND(q);
    return feeOverridesOut(trx, proc);
  });
}

async function performersOut(db: Db, proc: repo.ProcedureRow) {
  const rows = await repo.performers(db, proc.id, proc.levels, PERFORMER_KINDS);
  return { code: proc.code, items: rows.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, origin: a.performs ? ('linked' as const) : ('default' as const) })) };
}

export async function listPerformers(ctx: AppContext, p: Principal, code: string) {
  requireManager(p);
  return performersOut(ctx.db, await procedureByCode(ctx.db, code));
}

/** The agency named in a body (422 AGENCY_NOT_FOUND: a bad reference) or in the path (404 NOT_FOUND). */
async function agencyOrFail(ctx: AppContext, code: string, where: 'body' | 'path') {
  try {
    return await getAgency(ctx, code);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw where === 'body' ? orgErrors.AGENCY_NOT_FOUND({ code }) : platformErrors.NOT_FOUND({ what: 'agency' });
    throw err;
  }
}

/** The agency performs the procedure (whatever the default says). */
export async function linkAgency(ctx: AppContext, p: Principal, code: string, agencyCode: string, origin: AdminOrigin) {
  const proc = await procedureByCode(ctx.db, code);
  const agency = await agencyOrFail(ctx, agencyCode, 'body');
  if (!can(p, 'procedure.manage', agency)) throw platformErrors.FORBIDDEN();
  const byDefault = isDefaultPerformer(agency.kind, proc.levels);
  return adminChange(ctx, p, origin, { action: 'procedure.agency.link', targetId: proc.id, details: { code, agency: agencyCode } }, async (trx) => {
    // a default performer needs no row; a link row is kept only where it changes the default
    if (byDefault) await repo.clearAgencyOverride(trx, proc.id, agency.id);
    else await repo.setAgencyOverride(trx, proc.id, agency.id, true, p.userId);
    return performersOut(trx, proc);
  });
}

/** The agency does not perform the procedure (whatever the default says). */
export async function unlinkAgency(ctx: AppContext, p: Principal, code: string, agencyCode: string, origin: AdminOrigin) {
  const proc = await procedureByCode(ctx.db, code);
  const agency = await agencyOrFail(ctx, agencyCode, 'path');
  if (!can(p, 'procedure.manage', agency)) throw platformErrors.FORBIDDEN();
  const byDefault = isDefaultPerformer(agency.kind, proc.levels);
  return adminChange(ctx, p, origin, { action: 'procedure.agency.unlink', targetId: proc.id, details: { code, agency: agencyCode } }, async (trx) => {
    if (byDefault) await repo.setAgencyOverride(trx, proc.id, agency.id, false, p.userId);
    else await repo.clearAgencyOverride(trx, proc.id, agency.id);
    return performersOut(trx, proc);
  });
}

function isDefaultPerformer(kind: string, levels: string[]): boolean {
  const level = defaultLevelOfAgencyKind(kind);
  return level !== null && levels.includes(level);
}

/** Procedures whose current version has parse issues (admins fix them by hand). */
export async function listProceduresWithIssues(ctx: AppContext, p: Principal, query: z.infer<typeof IssueListQuery>) {
  requireManager(p);
  const hits = await repo.search(ctx.db, {
    q: query.q,
    fieldKey: query.field ? fieldKey(query.field) : undefined,
    includeHidden: true,
    onlyWithIssues: query.status,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const issues = await repo.issuesOf(ctx.db, hits.map((h) => h.current_version_id).filter((x): x is string => !!x));
  const last = await repo.lastImport(ctx.db);
  return {
    items: hits.map((h) => ({
      code: h.code,
      name: h.name,
      version: h.version,
      public: h.public,
      issues: issues.get(h.current_version_id ?? '')?.issues ?? [],
      warnings: issues.get(h.current_version_id ?? '')?.warnings ?? [],
    })),
    total: hits[0]?.total ?? 0,
    lastImport: last
      ? { at: iso(last.at)!, source: last.source, total: last.total, created: last.created, newVersions: last.new_versions, unchanged: last.unchanged, skipped: last.skipped }
      : null,
  };
}

/**
 * The fees of one channel of a procedure version with the province's overrides and the catalogue's notes (what
 * the payments module reads to work out what is owed; the dossier keeps only names and amounts).
 */
export async function feesOfChannel(ctx: AppContext, procedureId: string, versionId: string | null, kind: repo.ChannelKind) {
  const [channels, overrides] = await Promise.all([versionId ? repo.channelsOf(ctx.db, versionId) : Promise.resolve([]), repo.feeOverridesOf(ctx.db, procedureId)]);
  const own = channels.filter((c) => c.kind === kind);
  const fees = own.length > 0 ? own.flatMap((c) => c.fees) : [];
  return mergeFees(kind, fees, overrides).map((f) => ({ name: f.name, amountVnd: f.amountVnd, note: f.note ?? null, local: f.local }));
}
