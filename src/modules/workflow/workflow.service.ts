// Process definitions: persisted and versioned; per procedure and per agency override; a default process
// derived from the procedure's legal time limit on first use. Rows are immutable (a change is a new
// version), so they are cached by id. A dossier keeps the id of the version it started with.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { actsFromTop, can, scopePaths } from '../org/permissions.js';
import * as orgRead from '../org/org.read.js';
import { getProcedureForReception } from '../catalog/catalog.service.js';
import { defaultProcess, validateProcess, type ProcessDefinition, type ProcessStep } from './process.js';
import { DEFAULT_WORKFLOW_CONFIG, type WorkflowConfig } from './types.js';
import * as repo from './workflow.repo.js';

export type { ProcessRow } from './workflow.repo.js';
import type { ProcessSave } from './workflow.schema.js';
import type { z } from 'zod';
import { catalogErrors } from '../catalog/catalog.errors.js';
import { workflowErrors } from './workflow.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** What the workflow needs of a catalog procedure. */
export interface ProcedureRef {
  id: string;
  code: string;
  legalLimitHours: number | null;
  sameDay?: boolean;
}

export function legalLimitOf(p: ProcedureRef): number {
  if (typeof p.legalLimitHours === 'number' && Number.isFinite(p.legalLimitHours) && p.legalLimitHours >= 0) {
    return p.legalLimitHours;
  }
  if (p.sameDay) return 0;
  throw workflowErrors.PROCEDURE_NO_TIME_LIMIT({ code: p.code }, {
    adminAction: `PUT /api/v1/admin/procedures/${p.code}/time-limit`,
    errors: [{
      path: 'body.procedureCode',
      code: 'PROCEDURE_NO_TIME_LIMIT',
      messageVi: `Thủ tục ${p.code} chưa có thời hạn giải quyết; cần quản trị viên đặt thời hạn (Quản trị › Thủ tục › Thời hạn giải quyết).`,
      messageEn: `Procedure ${p.code} has no time limit; an administrator must set it (Administration › Procedures › Time limit).`,
    }],
  });
}

const cache = new Map<string, repo.ProcessRow>();

function normalise(row: repo.ProcessRow): repo.ProcessRow {
  return { ...row, legal_limit_hours: Number(row.legal_limit_hours) };
}

/** A process version by id (immutable, cached). */
export async function processById(db: Db, id: string): Promise<repo.ProcessRow> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await repo.findById(db, id);
  if (!row) throw new Error(`process definition ${id} not found`);
  const n = normalise(row);
  cache.set(id, n);
  return n;
}

export function workflowConfigOf(row: repo.ProcessRow, base: Partial<WorkflowConfig> = {}): WorkflowConfig {
  return { ...DEFAULT_WORKFLOW_CONFIG, ...base, ...row.config };
}

/**
 * The process version in force for a dossier of `procedure` handled by `competentAgencyId`: the agency's
 * override, else the procedure-wide process, else a default derived from the legal limit (created now, as
 * version 1; concurrent first uses agree on one row). Runs on the caller's transaction handle.
 */
export async function processForDossier(db: Db, procedure: ProcedureRef, competentAgencyId: string): Promise<repo.ProcessRow> {
  // the agency's own version and the procedure-wide one in one statement (a reception's round trip less)
  const current = await repo.findCurrentOf(db, procedure.id, [competentAgencyId, '']);
  const own = current.get(competentAgencyId);
  if (own) return normalise(own);
  const limit = legalLimitOf(procedure);
  // A derived (default) process follows the limit of this filing: the chosen case's, months counted from today,
  // an administrator's new one — a new version when it changed; an edited process keeps its own.
  for (let attempt = 0; ; attempt++) {
    const wide = attempt === 0 ? current.get('') : await repo.findCurrent(db, procedure.id, '');
    if (wide && (!wide.derived || Math.abs(Number(wide.legal_limit_hours) - limit) < 1e-9 || attempt >= 3)) return normalise(wide);
    const created = await repo.insertVersion(
      db,
      { procedureId: procedure.id, agencyId: null, version: (wide?.version ?? 0) + 1, definition: defaultProcess(limit), config: {}, derived: true, createdBy: null },
      true,
    );
    if (created) return normalise(created);
  }
}

export function processOut(row: repo.ProcessRow) {
  return {
    id: row.id,
    procedureId: row.procedure_id,
    agencyId: row.agency_id,
    version: row.version,
    derived: row.derived,
    legalLimitHours: Number(row.legal_limit_hours),
    steps: row.definition.steps,
    config: row.config as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function procedureByCode(ctx: AppContext, code: string): Promise<ProcedureRef> {
  const p = await getProcedureForReception(ctx, code).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  });
  if (!p) throw catalogErrors.PROCEDURE_NOT_FOUND({ code });
  return p as ProcedureRef;
}

async function agencyScope(ctx: AppContext, p: Principal, agencyCode: string | undefined): Promise<orgRead.Agency | null> {
  if (agencyCode) {
    const agency = await orgRead.agencyByCode(ctx.db, agencyCode);
    if (!agency) throw platformErrors.NOT_FOUND({ what: 'agency' });
    return agency;
  }
  return null;
}

function requireManage(p: Principal, agency: orgRead.Agency | null): void {
  // procedure-wide processes: a process manager at a root of the agency tree (path '/<id>/')
  const ok = agency
    ? can(p, 'process.manage', agency)
    : actsFromTop(p, 'process.manage');
  if (!ok) throw platformErrors.FORBIDDEN();
}

/** The process in force for a procedure (and optionally an agency), deriving the default if needed. */
export async function getProcess(ctx: AppContext, p: Principal, procedureCode: string, agencyCode?: string) {
  if (scopePaths(p, 'process.manage').length === 0 && scopePaths(p, 'dossier.read').length === 0) throw platformErrors.FORBIDDEN();
  const procedure = await procedureByCode(ctx, procedureCode);
  const agency = await agencyScope(ctx, p, agencyCode);
  const row = await ctx.db.transaction().execute((trx) =>
    agency ? processForDossier(trx, procedure, agency.id) : processForDossierWide(trx, procedure),
  );
  return processOut(row);
}

async function processForDossierWide(db: Db, procedure: ProcedureRef) {
  return processForDossier(db, procedure, '00000000-0000-0000-0000-000000000000');
}

export async function listProcessVersions(ctx: AppContext, p: Principal, procedureCode: string) {
  if (scopePaths(p, 'process.manage').length === 0) throw platformErrors.FORBIDDEN();
  const procedure = await procedureByCode(ctx, procedureCode);
  const rows = await repo.listVersions(ctx.db, procedure.id);
  return { items: rows.map((r) => processOut(normalise(r))), total: rows.length };
}

/** Extra checks the pure validator cannot do: fixed agencies must exist. */
async function agencyIssues(ctx: AppContext, steps: ProcessStep[]) {
  const out: Array<{ path: string; code: string; messageVi: string; messageEn: string }> = [];
  for (const [i, s] of steps.entries()) {
    if (typeof s.agency === 'object' && s.agency) {
      const id = s.agency.agencyId;
      const ok = /^[0-9a-f-]{36}$/i.test(id) && (await orgRead.agencyById(ctx.db, id));
      if (!ok) {
        out.push({ path: `steps[${i}].agency`, code: 'UNKNOWN_AGENCY', messageVi: `Cơ quan không tồn tại: ${id}`, messageEn: `Unknown agency: ${id}` });
      }
    }
  }
  return out;
}

/** Saves a new version (validated); 422 with per-field `errors` when invalid. */
export async function saveProcess(
  ctx: AppContext,
  p: Principal,
  procedureCode: string,
  body: z.infer<typeof ProcessSave>,
  origin: RequestOrigin,
) {
  const agency = await agencyScope(ctx, p, body.agencyCode);
  requireManage(p, agency);
  const procedure = await procedureByCode(ctx, procedureCode);
  const definition: ProcessDefinition = {
    legalLimitHours: legalLimitOf(procedure),
    steps: body.steps.map((s) => ({ ...s, unitId: s.unitId ?? null }) as ProcessStep),
  };
  const issues = [
    ...validateProcess(definition).map((x) => ({ path: x.path, code: x.code, messageVi: x.messageVi, messageEn: x.messageEn })),
    ...(await agencyIssues(ctx, definition.steps)),
  ];
  if (issues.length > 0) throw workflowErrors.PROCESS_INVALID({}, { errors: issues });
  const row = await ctx.db.transaction().execute(async (trx) => {
    // serialise concurrent edits of the same process
    const key = agency?.id ?? '';
    await repo.lockVersions(trx, procedure.id, key);
    const current = await repo.findCurrent(trx, procedure.id, key);
    const saved = await repo.insertVersion(trx, {
      procedureId: procedure.id,
      agencyId: agency?.id ?? null,
      version: (current?.version ?? 0) + 1,
      definition,
      config: body.config ?? {},
      derived: false,
      createdBy: p.userId,
    });
    await writeAudit(trx, {
      actorId: p.userId,
      actorLabel: p.username,
      action: 'process.save',
      targetType: 'process_definition',
      targetId: saved!.id,
      details: { procedureCode, agencyCode: body.agencyCode ?? null, version: saved!.version },
    }, origin);
    return saved!;
  }).catch((e: unknown) => {
    if (isUniqueViolation(e)) throw platformErrors.CONFLICT();
    throw e;
  });
  return processOut(normalise(row));
}
