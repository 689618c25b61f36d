// Drafts of online submissions, kept on the server per citizen so a form begun on a phone can be finished on
// a computer. Every save names the version it was based on: a save from a second device on a stale version
// gets 409 with the server's copy (nothing is overwritten, nothing lost), the client merges and saves again.
// A draft holds what the citizen typed as it is (partial forms are fine); validation is at submission.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import type { Citizen } from './citizen.js';
import { loadProcedureForm } from './procedure-form.js';
import * as repo from './submissions.repo.js';
import { submissionErrors } from './submissions.errors.js';

/** Largest draft accepted (serialised JSON): far above any catalogue form, far below a denial of service. */
export const DRAFT_MAX_BYTES = 200_000;

export function draftOut(d: repo.DraftRow) {
  return {
    id: d.id,
    procedureCode: d.procedure_code,
    form: d.form,
    version: d.version,
    status: d.status,
    dossierId: d.dossier_id,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}
export type DraftOut = ReturnType<typeof draftOut>;

function checkSize(form: Record<string, unknown>): void {
  if (Buffer.byteLength(JSON.stringify(form)) > DRAFT_MAX_BYTES) {
    throw invalid([{ path: 'body.form', code: 'DRAFT_TOO_LARGE', messageVi: `Bản nháp vượt quá ${DRAFT_MAX_BYTES} byte`, messageEn: `The draft exceeds ${DRAFT_MAX_BYTES} bytes` }]);
  }
}

/** The principal a citizen's Idempotency-Keys are kept under (the citizen's workflow actor id). */
export const citizenPrincipal = (c: Citizen) => `citizen:${c.citizenId}`;

/**
 * A new draft for an online procedure, pre-filled with what the session knows of the citizen. Under an
 * Idempotency-Key a retry answers the same draft (one row), the key with another procedure is refused.
 */
export async function createDraft(ctx: AppContext, c: Citizen, procedureCode: string, idempotencyKey?: string) {
  const pf = await loadProcedureForm(ctx, procedureCode);
  if (pf.procedure.onlineLevel === 'none') {
    throw submissionErrors.PROCEDURE_NOT_ONLINE({ code: pf.procedure.code, where: pf.procedure.receivingAddress ?? 'Bộ phận Một cửa' });
  }
  const applicant: Record<string, unknown> = { kind: 'individual' };
  if (c.name) applicant.fullName = c.name;
  if (c.phone) applicant.phone = c.phone;
  if (c.email) applicant.email = c.email;
  const form: Record<string, unknown> = { applicant, components: {}, delivery: { method: 'online' } };
  if (pf.procedure.cases.length === 1) form.caseKey = pf.procedure.cases[0]!.key;
  const r = await runIdempotent(
    ctx.db,
    { principal: citizenPrincipal(c), key: idempotencyKey, method: 'POST', path: '/api/v1/citizen/drafts', request: { procedureCode: pf.procedure.code } },
    async (trx) => {
      const row = await repo.insertDraft(trx, { id: randomUUID(), citizen_id: c.citizenId, procedure_code: pf.procedure.code, form, created_at: ctx.clock.now() });
      return { status: 201, body: draftOut(row) };
    },
  );
  return { draft: r.body, replayed: r.replayed };
}

export async function getDraft(ctx: AppContext, c: Citizen, id: string) {
  const d = await repo.findDraft(ctx.db, id, c.citizenId);
  if (!d) throw platformErrors.NOT_FOUND({ what: 'draft' });
  return draftOut(d);
}

export async function listDrafts(ctx: AppContext, c: Citizen) {
  return { items: (await repo.listDrafts(ctx.db, c.citizenId)).map(draftOut) };
}

/** PUT /citizen/drafts/{id}: compare-and-set on `version`; 409 carries the server's copy. */
export async function saveDraft(ctx: AppContext, c: Citizen, id: string, version: number | undefined, form: Record<string, unknown>) {
  if (version === undefined) throw submissionErrors.DRAFT_VERSION_REQUIRED();
  checkSize(form);
  const saved = await repo.saveDraft(ctx.db, id, c.citizenId, version, form, ctx.clock.now());
  if (saved) return draftOut(saved);
  const current = await repo.findDraft(ctx.db, id, c.citizenId);
  if (!current) throw platformErrors.NOT_FOUND({ what: 'draft' });
  if (current.status === 'submitted') throw submissionErrors.DRAFT_ALREADY_SUBMITTED({}, { draft: draftOut(current) });
  throw submissionErrors.DRAFT_VERSION_CONFLICT({ current: current.version }, { draft: draftOut(current) });
}
