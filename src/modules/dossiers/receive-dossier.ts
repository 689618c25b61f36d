// POST /dossiers: receiving a dossier at a desk (accept → code and receipt; incomplete → guidance; refuse →
// refusal; register → an online submission waiting for acceptance). Everything that can be checked is
// checked before the transaction; inside it the state machine decides and the dossier row, its events and
// the attached files are stored together, under the Idempotency-Key.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { WriteBatch } from '../../platform/db/write-batch.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { can, inSubtree } from '../org/permissions.js';
import { agencyBriefs, type Agency } from '../org/org.read.js';
import { getProcedureForReception, type ReceptionProcedure } from '../catalog/catalog.service.js';
import type { Role } from '../workflow/actions.js';
import { decide, evolve, receive, type Actor, type DecideContext, type DossierEvent, type DossierState } from '../workflow/state-machine.js';
import { processForDossier, legalLimitOf, type ProcedureRef, type ProcessRow } from '../workflow/workflow.service.js';
import { validateApplicant } from './check-applicant.js';
import { agencyByCode, competentAgencyOf, receivingDesk } from './choose-agencies.js';
import { calendarFor, configBase, decideContext, decideError, type CalendarFns } from './decide-context.js';
import { dossierOut, receiptOf, type DossierOut } from './dossier-view.js';
import { resolveComponents } from './filed-components.js';
import { issueCode, newSecret } from './issue-code.js';
import { secretHash } from './lookup-secret.js';
import { guidance, refusal } from './presenters.js';
import { agencyIdsOf, projectionOf } from './projection.js';
import type { ReceiveInputBody } from './dossiers.schema.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import * as repo from './dossiers.repo.js';
import { dossierErrors } from './dossiers.errors.js';
import { rememberTarget } from './dossier-target.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** The catalogue's channel kinds that stand for the request's channel (1 in person, 2 online, 3 postal). */
const CHANNEL_KINDS: Record<number, string[]> = { 1: ['1', 'in_person', 'direct', 'truc_tiep'], 2: ['2', 'online', 'truc_tuyen'], 3: ['3', 'postal', 'post', 'buu_chinh'] };

type Outcome = NonNullable<ReceiveInputBody['outcome']>;

export interface Reception {
  dossier: DossierOut;
  receipt?: Awaited<ReturnType<typeof receiptOf>>;
  guidance?: ReturnType<typeof guidance>;
  refusal?: ReturnType<typeof refusal>;
}

/** What the checks before the transaction found: the agencies, the procedure, the filing and the applicant. */
export interface ReceptionPlan {
  receiving: Agency;
  competent: Agency;
  returnAgency: Agency;
  proc: ReceptionProcedure;
  outcome: Outcome;
  components: ReturnType<typeof resolveComponents>['components'];
  cal: CalendarFns;
  filing: Record<string, unknown>;
  applicant: Record<string, unknown>;
  phone: string | null;
}

/** POST /dossiers: receive a dossier (accept / incomplete / refuse / register). */
export async function receiveDossier(
  ctx: AppContext,
  p: Principal,
  body: ReceiveInputBody,
  opts: { idempotencyKey?: string; origin?: RequestOrigin } = {},
): Promise<{ status: number; body: Reception; replayed: boolean }> {
  const now = ctx.clock.now();
  const plan = await planReception(ctx, p, body, now);
  const r = await runIdempotent(
    ctx.db,
    { principal: p.userId, key: opts.idempotencyKey, method: 'POST', path: '/api/v1/dossiers', request: body },
    (trx, batch) => storeReception(ctx, trx, p, body, plan, now, batch),
  );
  const d = r.body.dossier;
  if (d) rememberTarget(ctx, { id: d.id, code: d.code ?? null, receiving_agency_id: plan.receiving.id });
  return r;
}

/** Every check that needs no lock, in the order their errors take precedence. */
async function planReception(ctx: AppContext, p: Principal, body: ReceiveInputBody, now: Date): Promise<ReceptionPlan> {
  const receiving = await receivingDesk(ctx, p, body.receivingAgencyCode);
  if (!can(p, 'dossier.receive', receiving)) throw platformErrors.FORBIDDEN();
  return planFiling(ctx, receiving, body, now);
}

/** The checks of what is filed at a desk, whoever files it (the desk itself, or a citizen online). */
export async function planFiling(ctx: AppContext, receiving: Agency, body: ReceiveInputBody, now: Date): Promise<ReceptionPlan> {
  const proc = await procedureToReceive(ctx, body.procedureCode, now, body.caseKey);
  const legalLimitHours = legalLimitOf(proc as ProcedureRef);
  const competent = await competentAgencyOf(ctx, proc, receiving, body.competentAgencyCode);
  const returnAgency = body.returnAgencyCode ? await agencyByCode(ctx, body.returnAgencyCode, 'body.returnAgencyCode') : receiving;

  const { errors, phone } = await validateApplicant(ctx, body, now);
  if (errors.length > 0) throw dossierErrors.APPLICANT_INVALID({}, { errors });

  const outcome: Outcome = body.outcome ?? (body.channel === 2 ? 'register' : 'accept');
  const filed = resolveComponents(proc, body, outcome);
  if (filed.errors.length > 0) throw invalid(filed.errors);
  const cal = await calendarFor(ctx, receiving.id, now);
  const channel = (proc.channels ?? []).find((c: { kind: unknown }) => CHANNEL_KINDS[body.channel]!.includes(String(c.kind))) ?? proc.channels?.[0];
  const filing = {
    caseKey: body.caseKey ?? null,
    components: filed.components,
    delivery: body.delivery,
    fees: channel?.fees ?? [],
    legalLimitHours,
    sameDay: !!proc.sameDay,
    note: body.note ?? null,
  };
  const applicant = { ...body.applicant, phone: phone ?? body.applicant.phone ?? null, representative: body.representative ?? null };
  return { receiving, competent, returnAgency, proc, outcome, components: filed.components, cal, filing, applicant, phone };
}

/** The procedure in force at `now` (time limit of the chosen case); an unknown code is a 422 on the field, not a 404. */
async function procedureToReceive(ctx: AppContext, code: string, now: Date, caseKey?: string | null): Promise<ReceptionProcedure> {
  const proc = await getProcedureForReception(ctx, code, now, caseKey).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  });
  if (!proc) {
    throw invalid([{ path: 'body.procedureCode', code: 'PROCEDURE_NOT_FOUND', messageVi: `Không có thủ tục ${code}`, messageEn: `No procedure ${code}` }]);
  }
  return proc;
}

/** Inside the transaction: decide, store the row, attach the files, store the events, answer with the forms. */
export async function storeReception(ctx: AppContext, trx: Db, p: Principal, body: ReceiveInputBody, plan: ReceptionPlan, now: Date, batch?: WriteBatch) {
  const { receiving, outcome, cal } = plan;
  const process = await processForDossier(trx, plan.proc as ProcedureRef, plan.competent.id);
  const dctx = decideContext(now, cal, process, configBase(ctx));
  const actor: Actor = {
    userId: p.userId,
    roles: [...new Set(p.assignments.filter((a) => inSubtree(a.agencyPath, receiving)).map((a) => a.role as Role))],
    agencyId: receiving.id,
  };
  const code = outcome === 'accept' ? await issueCode(ctx, trx, receiving, now) : null;
  const { events, state } = receptionEvents(body, plan, randomUUID(), code, actor, dctx, now);
  const secret = code ? newSecret() : null;
  const row = receptionRow(body, plan, process, state, dctx, secret);
  await repo.insertDossier(trx, row);
  // documents: link uploaded files to the reception event and record their hashes in it
  await ctx.eventFiles.attach(trx, {
    userId: p.userId,
    events,
    extra: plan.components.filter((c) => c.fileId).map((c) => ({ fileId: c.fileId!, componentName: c.name, reusedFrom: c.reusedFrom ?? null })),
  });
  // the events and their outbox messages go with the transaction's last writes (the row is stored: files link to it)
  const inserts = repo.insertEventsQuery(trx, events, cal.version);
  if (batch && inserts) batch.add(inserts);
  else await inserts?.execute();
  await enqueueDossierEvents(ctx, trx, row, events, state, secret, batch); // notifications, portal sync (outbox)
  const full = { ...row, created_at: now } as repo.DossierRow;
  const out: Reception = { dossier: await dossierOut(trx, full) };
  const desk = (await agencyBriefs(trx, [receiving.id])).get(receiving.id);
  if (secret) out.receipt = await receiptOf(trx, full, state, secret, p);
  if (outcome === 'incomplete') out.guidance = guidance(full, events[1]!, desk, p);
  if (outcome === 'refuse') out.refusal = refusal(full, events[1]!, desk, p);
  return { status: 201, body: out };
}

/** The reception event, followed for `incomplete` / `refuse` by the request for completion or the refusal. */
export function receptionEvents(
  body: ReceiveInputBody,
  plan: ReceptionPlan,
  dossierId: string,
  code: string | null,
  actor: Actor,
  dctx: DecideContext,
  now: Date,
): { events: DossierEvent[]; state: DossierState } {
  const { outcome } = plan;
  const r = receive(
    {
      dossierId,
      channel: body.channel,
      receivingAgencyId: plan.receiving.id,
      competentAgencyId: plan.competent.id,
      returnAgencyId: plan.returnAgency.id,
      code,
      submittedAt: body.submittedAt ? new Date(body.submittedAt) : now,
      outcome: outcome === 'accept' ? 'accepted' : 'registered',
    },
    actor,
    dctx,
  );
  if (!r.ok) throw decideError(r);
  const events = [...r.events];
  let state = evolve(null, events[0]!);
  if (outcome === 'incomplete' || outcome === 'refuse') {
    const d = decide(
      state,
      {
        action: outcome === 'incomplete' ? 'request_completion' : 'refuse',
        actor,
        expectedVersion: state.version,
        payload: { reason: body.reason, items: body.items },
        note: body.note,
      },
      dctx,
    );
    if (!d.ok) throw decideError(d);
    events.push(...d.events);
    state = d.events.reduce(evolve, state);
  }
  return { events, state };
}

/** The new dossier row: what was received, and the projection of its first state. */
export function receptionRow(
  body: ReceiveInputBody,
  plan: ReceptionPlan,
  process: ProcessRow,
  state: DossierState,
  dctx: DecideContext,
  secret: string | null,
): Omit<repo.DossierRow, 'created_at'> {
  const { proc } = plan;
  return {
    id: state.dossierId,
    channel: body.channel,
    receiving_agency_id: plan.receiving.id,
    competent_agency_id: plan.competent.id,
    return_agency_id: plan.returnAgency.id,
    agency_ids: agencyIdsOf(state),
    procedure_id: proc.id,
    procedure_version_id: proc.versionId ?? null,
    procedure_code: proc.code,
    procedure_name: proc.name,
    field: proc.field ?? null,
    process_id: process.id,
    applicant_name: body.applicant.kind === 'organisation' && body.applicant.organisation ? body.applicant.organisation.name : body.applicant.fullName,
    applicant_id_number: body.applicant.idNumber ?? null,
    applicant_phone: plan.phone,
    applicant_email: body.applicant.email ?? null,
    applicant: plan.applicant,
    filing: plan.filing,
    submitted_at: new Date(state.submittedAt),
    calendar_version: plan.cal.version,
    secret_hash: secret ? secretHash(secret) : null,
    citizen_id: null,
    submitted_assurance: null,
    ...projectionOf(state, process, dctx),
  };
}
