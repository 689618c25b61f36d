// GET /public/procedures/{code}/form: the e-form of a procedure (schema + screen hints), built from the
// catalogue version in force and the latest admin extension, and the desks that receive it online. The same
// builder serves the server's validation (validateFiling), so the browser and the server never disagree.
import type { AppContext } from '../../platform/context.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { agenciesOfKind, agencyByCode } from '../org/org.read.js';
import { buildFormSchema, formHints, selfContained, type FormExtension, type FormProcedure, type JsonSchema } from './form-schema.js';
import * as repo from './submissions.repo.js';

type Detail = Awaited<ReturnType<typeof getProcedure>>;

export interface ProcedureForm {
  procedure: FormProcedure & { onlineLevel: 'full' | 'partial' | 'none'; receivingAddress: string | null };
  extension: FormExtension | null;
  /** The schema the server validates with (shared parts by reference). */
  schema: JsonSchema;
}

function formProcedureOf(d: Detail): ProcedureForm['procedure'] {
  return {
    code: d.code,
    name: d.name,
    components: d.components.filter((c) => !c.note).map((c) => ({ id: c.id, name: c.name, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies })),
    cases: d.cases,
    onlineLevel: d.onlineLevel,
    receivingAddress: d.receivingAddress ?? null,
  };
}

export async function extensionOf(ctx: AppContext, code: string): Promise<FormExtension | null> {
  const row = await repo.latestExtension(ctx.db, code);
  return row ? { version: row.version, properties: row.properties, required: row.required } : null;
}

export async function loadProcedureForm(ctx: AppContext, code: string): Promise<ProcedureForm> {
  const detail = await getProcedure(ctx, null, code);
  const procedure = formProcedureOf(detail);
  const extension = await extensionOf(ctx, detail.code);
  return { procedure, extension, schema: buildFormSchema(procedure, extension) };
}

/**
 * The desks a citizen can send it to: for commune-level procedures the centres of the communes that perform
 * it, for provincial ones the provincial centre(s). Performed by nobody known → every desk of its level.
 */
async function desksFor(ctx: AppContext, detail: Detail): Promise<Array<{ code: string; name: string }>> {
  const performers = new Set<string>();
  for (const a of detail.agencies) {
    const row = await agencyByCode(ctx.db, a.code);
    if (row) performers.add(row.id);
  }
  const out: Array<{ code: string; name: string }> = [];
  if (detail.levels.includes('commune')) {
    const centres = await agenciesOfKind(ctx.db, 'commune_centre');
    out.push(...centres.filter((c) => performers.size === 0 || (c.parent_id && performers.has(c.parent_id))).map((c) => ({ code: c.code, name: c.name })));
  }
  if (detail.levels.includes('province') || out.length === 0) {
    out.push(...(await agenciesOfKind(ctx.db, 'service_centre')).map((c) => ({ code: c.code, name: c.name })));
  }
  return out;
}

/** The public answer: a self-contained schema (local refs, what @rjsf resolves), the hints, the desks. */
export async function publicForm(ctx: AppContext, code: string) {
  const detail = await getProcedure(ctx, null, code);
  const procedure = formProcedureOf(detail);
  const extension = await extensionOf(ctx, detail.code);
  const online = procedure.onlineLevel !== 'none';
  return {
    procedure: { code: procedure.code, name: procedure.name, onlineLevel: procedure.onlineLevel, receivingAddress: procedure.receivingAddress },
    online,
    extensionVersion: extension?.version ?? 0,
    schema: selfContained(buildFormSchema(procedure, extension)),
    hints: formHints(procedure),
    desks: online ? await desksFor(ctx, detail) : [],
  };
}
