// The signed-in citizen's own dossiers: the list ("Hồ sơ của tôi"), one dossier with what is expected of
// them now (the papers a supplement or completion request lists, a refusal's reason), and the few actions a
// citizen takes (send a supplement, resubmit after completion, ask to withdraw or take it back). A citizen
// sees a dossier they submitted, or one filed for them when their identity number is proven; anything else
// is 404, as for officials outside their scope. Actions lock the row and go through the state machine with
// the citizen as the actor, under an idempotency key, exactly like an official's (perform-action.ts).
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { agencyBriefs } from '../org/org.read.js';
import { citizenActor } from '../workflow/actors.js';
import { NATIONAL_STATUS_LABELS, allowedActions, decide, evolve, type DossierEvent } from '../workflow/state-machine.js';
import { processById } from '../workflow/workflow.service.js';
import { calendarFor, configBase, decideContext, decideError } from './decide-context.js';
import { parseIfMatch } from './perform-action.js';
import { STATUS_WORDS, timelineOf } from './public-lookup.js';
import { agencyIdsOf, projectionOf } from './projection.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import { iso } from './presenters.js';
import * as repo from './dossiers.repo.js';
import { dossierErrors } from './dossiers.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export interface CitizenRef {
  citizenId: string;
  /** The citizen's identity number when proven (identity provider); null after a phone or e-mail code. */
  provenIdNumber: string | null;
}

/** What a citizen may do on their own dossier. */
export const CITIZEN_ACTIONS = ['receive_supplement', 'resubmit', 'request_withdrawal', 'cancel_withdrawal'] as const;
export type CitizenAction = (typeof CITIZEN_ACTIONS)[number];

type Words = { vi: string; en: string };

/** What the citizen does now, by national status, for a dossier they follow online. */
function expected(status: number, internal: string): { action: 'wait' | 'supplement' | 'complete' | 'pay' | 'collect' | 'none'; vi: string; en: string } {
  if (internal === 'needs_completion') {
    return { action: 'complete', vi: 'Hoàn thiện hồ sơ theo hướng dẫn (mẫu 02) rồi gửi lại.', en: 'Complete the dossier as the guidance (form 02) says, then send it again.' };
  }
  switch (status) {
    case 5:
      return { action: 'supplement', vi: 'Tải lên các giấy tờ cơ quan yêu cầu bổ sung rồi bấm "Gửi bổ sung". Thời hạn giải quyết được tính lại khi hồ sơ đủ.', en: 'Upload the papers the agency asked for, then press "Send the supplement". The time limit starts again once the dossier is complete.' };
    case 6:
      return { action: 'pay', vi: 'Nộp phí, lệ phí theo thông báo của cơ quan giải quyết.', en: 'Pay the fees as the agency asked.' };
    case 9:
      return { action: 'collect', vi: 'Đã có kết quả: tải kết quả điện tử hoặc theo dõi bưu gửi, hoặc nhận tại nơi trả kết quả.', en: 'The result is ready: download the electronic result, follow the parcel, or collect it where results are returned.' };
    case 1:
    case 2:
    case 4:
    case 7:
      return { action: 'wait', vi: 'Không cần làm gì thêm: chờ cơ quan xử lý. Nếu cần thêm giấy tờ, trang này và tin nhắn sẽ báo.', en: 'Nothing to do now: the agency is working on it. If more papers are needed, this page and a message will tell you.' };
    default:
      return { action: 'none', vi: 'Hồ sơ đã kết thúc, không cần làm gì thêm.', en: 'The dossier is closed; nothing more to do.' };
  }
}

/** The last request the citizen has to answer (completion, supplement) or the refusal, from the event log. */
function lastRequest(events: DossierEvent[]): { kind: 'completion' | 'supplement' | 'refusal'; at: string; reason: string | null; items: string[] } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const kind = e.action === 'request_completion' ? 'completion' : e.action === 'request_supplement' ? 'supplement' : e.action === 'refuse' || e.action === 'reject' ? 'refusal' : null;
    if (!kind) continue;
    const p = (e.payload ?? {}) as Record<string, unknown>;
    const items = Array.isArray(p.items) ? p.items.filter((x): x is string => typeof x === 'string') : [];
    return { kind, at: new Date(e.at).toISOString(), reason: typeof p.reason === 'string' ? p.reason : null, items };
  }
  return null;
}

const OPEN_WHILE: Record<string, string[]> = { supplement: ['awaiting_supplement'], completion: ['needs_completion'], refusal: ['refused'] };

function openRequest(r: ReturnType<typeof lastRequest>, status: string): ReturnType<typeof lastRequest> {
  return r && OPEN_WHILE[r.kind]!.includes(status) ? r : null;
}

function summary(row: repo.DossierRow) {
  const words: Words = STATUS_WORDS[row.national_status] ?? { vi: '', en: '' };
  return {
    id: row.id,
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    submittedAt: iso(row.submitted_at)!,
    nationalStatus: row.national_status,
    statusLabel: NATIONAL_STATUS_LABELS[row.national_status]!,
    statusText: words,
    appointmentAt: iso(row.due_at),
    version: row.version,
    expected: expected(row.national_status, row.status),
  };
}

const mine = (row: repo.DossierRow | undefined, who: CitizenRef): row is repo.DossierRow =>
  !!row && (row.citizen_id === who.citizenId || (!!who.provenIdNumber && row.applicant_id_number === who.provenIdNumber));

export async function listCitizenDossiers(ctx: AppContext, who: CitizenRef) {
  const rows = await repo.citizenDossiers(ctx.db, who.citizenId, who.provenIdNumber);
  return { items: rows.map(summary) };
}

export async function ownDossier(db: Db, who: CitizenRef, ref: string): Promise<repo.DossierRow> {
  const row = await repo.findByRef(db, ref);
  if (!mine(row, who)) throw platformErrors.NOT_FOUND({ what: 'dossier' });
  return row;
}

/** One dossier of the citizen: status, timeline, what is asked of them, the actions open to them. */
export async function citizenDossier(ctx: AppContext, who: CitizenRef, ref: string) {
  const row = await ownDossier(ctx.db, who, ref);
  const [events, process, ag] = await Promise.all([
    repo.listEvents(ctx.db, row.id),
    processById(ctx.db, row.process_id),
    agencyBriefs(ctx.db, [row.receiving_agency_id, row.return_agency_id, row.competent_agency_id]),
  ]);
  const cal = await calendarFor(ctx, row.receiving_agency_id, ctx.clock.now());
  const dctx = decideContext(ctx.clock.now(), cal, process, configBase(ctx));
  const allowed = allowedActions(row.state, citizenActor(who.citizenId), dctx).filter((a): a is CitizenAction => (CITIZEN_ACTIONS as readonly string[]).includes(a));
  const delivery = (row.filing.delivery ?? { method: 'counter' }) as { method: string };
  return {
    ...summary(row),
    receivingAgency: ag.get(row.receiving_agency_id)?.name ?? null,
    competentAgency: ag.get(row.competent_agency_id)?.name ?? null,
    returnAgency: ag.get(row.return_agency_id)?.name ?? null,
    receivedAt: iso(row.accepted_at),
    channel: row.channel,
    deliveryMethod: delivery.method,
    components: ((row.filing.components ?? []) as Array<{ name: string; componentId?: string; fileId?: string }>).map((c) => ({ name: c.name, componentId: c.componentId ?? null, fileId: c.fileId ?? null })),
    // only a request still waiting for the citizen (or the refusal that closed the dossier) is shown
    request: openRequest(lastRequest(events), row.status),
    returned: row.state.returned ? { method: row.state.returned.method, trackingNumber: row.state.returned.trackingNumber, returnedAt: row.state.returned.returnedAt } : null,
    timeline: timelineOf(events),
    allowed,
  };
}

export interface CitizenActionRequest {
  version?: number;
  reason?: string;
  /** Staged uploads of the citizen answering a supplement request. */
  fileIds?: string[];
}

/** POST /citizen/dossiers/{ref}/actions/{action}. */
export async function citizenAction(ctx: AppContext, who: CitizenRef, ref: string, action: string, req: CitizenActionRequest, opts: { ifMatch?: string; idempotencyKey: string }) {
  const pre = await ownDossier(ctx.db, who, ref);
  if (!(CITIZEN_ACTIONS as readonly string[]).includes(action)) {
    throw invalid([{ path: 'params.action', code: 'UNKNOWN_ACTION', messageVi: `Công dân không thực hiện được thao tác: ${action}`, messageEn: `Not an action a citizen takes: ${action}` }], 'VALIDATION_FAILED', 400);
  }
  const expectedVersion = req.version ?? parseIfMatch(opts.ifMatch);
  if (expectedVersion === undefined) throw dossierErrors.VERSION_REQUIRED();
  const actor = citizenActor(who.citizenId);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, pre.receiving_agency_id, now);
  const payload: Record<string, unknown> = { ...(req.reason ? { reason: req.reason } : {}), ...(req.fileIds?.length ? { fileIds: req.fileIds } : {}) };
  return runIdempotent(
    ctx.db,
    { principal: actor.userId, key: opts.idempotencyKey, method: 'POST', path: `/api/v1/citizen/dossiers/${pre.id}/actions/${action}`, request: { version: expectedVersion, ...payload } },
    async (trx) => {
      const row = await repo.lockById(trx, pre.id);
      const process = await processById(trx, row.process_id);
      const dctx = decideContext(now, cal, process, configBase(ctx));
      const r = decide(row.state, { action: action as CitizenAction, actor, expectedVersion, payload, note: null }, dctx);
      if (!r.ok) throw decideError(r);
      const next = r.events.reduce(evolve, row.state);
      await ctx.eventFiles.attach(trx, { userId: actor.userId, events: r.events, extra: (req.fileIds ?? []).map((fileId) => ({ fileId })) });
      await repo.insertEvents(trx, r.events, cal.version);
      const projection = projectionOf(next, process, dctx);
      const agencyIds = agencyIdsOf(next, row.agency_ids);
      await repo.updateProjection(trx, row.id, projection, { agencyIds, calendarVersion: cal.version });
      const updated = { ...row, ...projection, agency_ids: agencyIds } as repo.DossierRow;
      await enqueueDossierEvents(ctx, trx, updated, r.events, next, null);
      return { status: 200 as const, body: summary(updated) };
    },
  );
}
