// Petition use cases: filing online (a signed-in citizen) or recording a desk/phone petition (an official),
// the officials' actions (assign/classify, refuse, ask for information, answer, publish or send), the
// petitioner's supplement and rating, and the lists. Every change is one transaction: the row (with its
// version) and one append-only event with the actor and the time of ctx.clock.
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { Petitions } from '../../platform/db/schema.gen.js';
import { AppError, invalid } from '../../platform/errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { agencyBriefs, agencyByCode, subtreeAgencyIds, userNames } from '../org/org.read.js';
import { scopePaths, actsFromTop } from '../org/permissions.js';
import { nextStatus, type OfficialAction, type PetitionAction, type PetitionStatus } from './petition-machine.js';
import { addDays, isPetitionOfficial, newCode, petitionViews, settingsOf, standingOf, UNNAMED } from './petition-common.js';
import { petitionErrors } from './petitions.errors.js';
import * as repo from './petitions.repo.js';
import type { z } from 'zod';
import type { CitizenPetitionBody, PetitionActionBody, RatingBody, RecordPetitionBody } from './petitions.schema.js';

export interface CitizenRef {
  citizenId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
}

type Actor = { kind: 'citizen' | 'official'; id: string; label: string };
const citizenActor = (c: CitizenRef): Actor => ({ kind: 'citizen', id: c.citizenId, label: `citizen:${c.citizenId}` });
const officialActor = (p: Principal): Actor => ({ kind: 'official', id: p.userId, label: p.username });

const DAY_MS = 86_400_000;

async function checkProcedure(ctx: AppContext, code: string | undefined, path: string): Promise<void> {
  if (!code) return;
  try {
    await getProcedure(ctx, null, code);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) {
      throw petitionErrors.PETITION_PROCEDURE_UNKNOWN({ code }, { errors: [{ path, code: 'PETITION_PROCEDURE_UNKNOWN', messageVi: `Không có thủ tục mã ${code}`, messageEn: `No procedure ${code}` }] });
    }
    throw err;
  }
}

async function insertWithEvent(ctx: AppContext, row: Parameters<typeof repo.insertPetition>[1], actor: Actor, details: Record<string, unknown>) {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPetition(trx, row);
    await repo.insertEvent(trx, {
      id: randomUUID(), petition_id: row.id, seq: 1, kind: 'receive', from_status: null, to_status: 'received',
      actor_kind: actor.kind, actor_id: actor.id, actor_label: actor.label, details, at: row.created_at,
    });
  });
}

async function newRow(ctx: AppContext, body: z.infer<typeof CitizenPetitionBody>) {
  const s = await settingsOf(ctx);
  const now = ctx.clock.now();
  const [refuseDue, handleDue] = await Promise.all([addDays(ctx, null, now, s.refuseDays), addDays(ctx, null, now, s.handleDays)]);
  return {
    id: randomUUID(), code: newCode('PAKN', now), kind: body.kind, status: 'received', title: body.title, content: body.content,
    procedure_code: body.procedureCode ?? null, dossier_code: body.dossierCode ?? null, agency_id: null,
    received_at: now, refuse_due_at: refuseDue, handle_due_at: handleDue, created_at: now, updated_at: now, version: 1,
  } as const;
}

/** POST /citizen/petitions: a signed-in citizen files a petition (rate-limited per account and per address). */
export async function fileOnline(ctx: AppContext, c: CitizenRef, body: z.infer<typeof CitizenPetitionBody>, ip: string | undefined) {
  const s = await settingsOf(ctx);
  const since = new Date(ctx.clock.now().getTime() - DAY_MS);
  if ((await repo.countByCitizenSince(ctx.db, c.citizenId, since)) >= s.perCitizenPerDay) throw petitionErrors.PETITION_RATE_LIMITED({ limit: s.perCitizenPerDay });
  if (ip && (await repo.countByIpSince(ctx.db, ip, since)) >= s.perIpPerDay) throw petitionErrors.PETITION_RATE_LIMITED({ limit: s.perIpPerDay });
  await checkProcedure(ctx, body.procedureCode, 'body.procedureCode');
  const base = await newRow(ctx, body);
  const row = {
    ...base, channel: 'online', citizen_id: c.citizenId, petitioner_name: c.name ?? c.phone ?? c.email ?? UNNAMED,
    petitioner_phone: c.phone, petitioner_email: c.email, petitioner_address: null, recorded_by: null, client_ip: ip ?? null,
  };
  await insertWithEvent(ctx, row, citizenActor(c), { channel: 'online' });
  return (await citizenPetitions(ctx, c)).find((x) => x.code === row.code)!;
}

/** POST /petitions: an official records a petition received at the desk or by phone. */
export async function recordPetition(ctx: AppContext, p: Principal, body: z.infer<typeof RecordPetitionBody>) {
  if (!isPetitionOfficial(p)) throw petitionErrors.PETITION_FORBIDDEN();
  const who = body.petitioner;
  if (!who.phone && !who.email && !who.address) {
    throw petitionErrors.PETITION_CONTACT_REQUIRED({}, { errors: [{ path: 'body.petitioner.phone', code: 'PETITION_CONTACT_REQUIRED', messageVi: 'Cần số điện thoại, thư điện tử hoặc địa chỉ', messageEn: 'A phone, e-mail or address is needed' }] });
  }
  await checkProcedure(ctx, body.procedureCode, 'body.procedureCode');
  const base = await newRow(ctx, body);
  const row = {
    ...base, channel: body.channel, citizen_id: null, petitioner_name: who.name, petitioner_phone: who.phone ?? null,
    petitioner_email: who.email ?? null, petitioner_address: who.address ?? null, recorded_by: p.userId, client_ip: null,
  };
  await insertWithEvent(ctx, row, officialActor(p), { channel: body.channel });
  return petitionDetail(ctx, p, row.code);
}

const ACTION_VI: Record<PetitionAction, string> = {
  assign: 'giao xử lý', refuse: 'không thụ lý', request_info: 'yêu cầu bổ sung thông tin', answer: 'trả lời', publish: 'công khai / gửi trả lời', supplement: 'bổ sung thông tin', rate: 'đánh giá',
};
const STATUS_VI: Record<PetitionStatus, string> = {
  received: 'đã tiếp nhận', info_requested: 'chờ bổ sung thông tin', refused: 'không thụ lý', assigned: 'đang xử lý', answered: 'đã trả lời', published: 'đã công khai / gửi trả lời', rated: 'đã đánh giá',
};

/** Checks the transition and the version, writes the row and its event in one transaction. */
async function transition(
  ctx: AppContext,
  code: string,
  action: PetitionAction,
  actor: Actor,
  expectedVersion: number | null,
  authorise: (row: repo.PetitionRow) => Promise<void> | void,
  patch: (row: repo.PetitionRow) => Updateable<Petitions>,
  details: Record<string, unknown>,
): Promise<repo.PetitionRow> {
  return ctx.db.transaction().execute(async (trx: Db) => {
    const row = await repo.lockPetition(trx, code);
    if (!row) throw petitionErrors.PETITION_NOT_FOUND();
    await authorise(row);
    const from = row.status as PetitionStatus;
    const to = nextStatus(from, action);
    if (!to) throw petitionErrors.PETITION_ACTION_NOT_ALLOWED({ action: ACTION_VI[action], status: STATUS_VI[from] });
    if (expectedVersion !== null && expectedVersion !== row.version) throw petitionErrors.PETITION_VERSION_CONFLICT();
    const now = ctx.clock.now();
    const version = row.version + 1;
    await repo.updatePetition(trx, row.id, { ...patch(row), status: to, version, updated_at: now });
    await repo.insertEvent(trx, {
      id: randomUUID(), petition_id: row.id, seq: version, kind: action, from_status: from, to_status: to,
      actor_kind: actor.kind, actor_id: actor.id, actor_label: actor.label, details, at: now,
    });
    return { ...row, status: to, version };
  });
}

const fieldMissing = (path: string, vi: string, en: string) => invalid([{ path, code: 'REQUIRED', messageVi: vi, messageEn: en }]);

/** POST /petitions/{code}/actions/{action}. */
export async function petitionAction(ctx: AppContext, p: Principal, code: string, action: OfficialAction, body: z.infer<typeof PetitionActionBody>) {
  if (!isPetitionOfficial(p)) throw petitionErrors.PETITION_FORBIDDEN();
  const current = await repo.findPetitionByCode(ctx.db, code);
  if (!current) throw petitionErrors.PETITION_NOT_FOUND();
  const s = await settingsOf(ctx);
  const now = ctx.clock.now();
  let patch: Updateable<Petitions> = {};
  const details: Record<string, unknown> = {};
  if (action === 'assign') {
    if (!body.agencyCode) throw fieldMissing('body.agencyCode', 'Chọn cơ quan xử lý', 'Choose the handling agency');
    const a = await agencyByCode(ctx.db, body.agencyCode);
    if (!a) throw petitionErrors.PETITION_AGENCY_UNKNOWN({ code: body.agencyCode }, { errors: [{ path: 'body.agencyCode', code: 'PETITION_AGENCY_UNKNOWN', messageVi: `Không có cơ quan mã ${body.agencyCode}`, messageEn: `No agency ${body.agencyCode}` }] });
    patch = { agency_id: a.id, ...(body.kind ? { kind: body.kind } : {}) };
    Object.assign(details, { agencyCode: a.code, agencyName: a.name, ...(body.kind ? { kind: body.kind } : {}) });
  } else if (action === 'refuse') {
    if (!body.reason) throw fieldMissing('body.reason', 'Nêu lý do không thụ lý', 'Give the reason for refusing');
    patch = { refused_at: now, refuse_reason: body.reason };
    details.reason = body.reason;
  } else if (action === 'request_info') {
    if (!body.message) throw fieldMissing('body.message', 'Nêu thông tin cần bổ sung', 'Say what is missing');
    patch = { info_request: body.message, info_due_at: await addDays(ctx, current.agency_id, now, s.moreInfoDays) };
    details.message = body.message;
  } else if (action === 'answer') {
    if (!body.answer) throw fieldMissing('body.answer', 'Nhập nội dung trả lời', 'Write the answer');
    patch = { answer: body.answer, answered_at: now, answered_by: p.userId, publish_due_at: await addDays(ctx, current.agency_id, now, s.publishDays) };
    details.onTime = now.getTime() <= new Date(current.handle_due_at).getTime();
  } else {
    const pub = body.public ?? true;
    patch = { published_at: now, public: pub };
    details.public = pub;
  }
  const authorise = async (row: repo.PetitionRow) => {
    const agency = row.agency_id ? (await agencyBriefs(ctx.db, [row.agency_id])).get(row.agency_id) : undefined;
    const st = standingOf(p, row, agency);
    if (!st.handles) throw petitionErrors.PETITION_FORBIDDEN();
    if (action === 'assign' && !st.intake) throw petitionErrors.PETITION_FORBIDDEN();
    if (action === 'answer' && !row.agency_id) throw petitionErrors.PETITION_ACTION_NOT_ALLOWED({ action: ACTION_VI.answer, status: STATUS_VI.received });
  };
  await transition(ctx, code, action, officialActor(p), body.version, authorise, () => patch, details);
  return petitionDetail(ctx, p, code);
}

/** One history line: who acted as the screens name them (the citizen's account id is never shown). */
function eventOut(e: repo.PetitionEventRow, officials: Map<string, string>, petitionerName: string | null) {
  const kind = e.actor_kind as 'citizen' | 'official' | 'system';
  const actorName = kind === 'official' ? (e.actor_id ? officials.get(e.actor_id) ?? e.actor_label : e.actor_label) : kind === 'citizen' ? petitionerName : null;
  return {
    kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status,
    actor: kind === 'official' ? e.actor_label : kind, actorKind: kind, actorName,
    at: new Date(e.at).toISOString(), details: (e.details ?? {}) as Record<string, unknown>,
  };
}

/** GET /petitions/{code}: any petition official may open it; personal data only for the handling agency. */
export async function petitionDetail(ctx: AppContext, p: Principal, code: string) {
  if (!isPetitionOfficial(p)) throw petitionErrors.PETITION_FORBIDDEN();
  const row = await repo.findPetitionByCode(ctx.db, code);
  if (!row) throw petitionErrors.PETITION_NOT_FOUND();
  const [view] = await petitionViews(ctx, [row], (r, a) => ({ kind: 'official', standing: standingOf(p, r, a) }));
  const events = await repo.eventsOf(ctx.db, row.id);
  const names = await userNames(ctx.db, events.filter((e) => e.actor_kind === 'official').map((e) => e.actor_id));
  const petitionerName = view!.petitioner.masked ? null : view!.petitioner.name;
  return { ...view!, events: events.map((e) => eventOut(e, names, petitionerName)) };
}

/** GET /petitions: the inbox of the caller's agencies (and the province's intake for unassigned ones). */
export async function petitionInbox(ctx: AppContext, p: Principal, view: repo.InboxView) {
  if (!isPetitionOfficial(p)) throw platformErrors.FORBIDDEN();
  const agencyIds = await subtreeAgencyIds(ctx.db, [...new Set(scopePaths(p, 'petition.handle'))]);
  const now = ctx.clock.now();
  const rows = await repo.inbox(ctx.db, { agencyIds, unassigned: actsFromTop(p, 'petition.assign'), view, now, soonBefore: await addDays(ctx, null, now, 2), limit: 500 });
  return { items: await petitionViews(ctx, rows, (r, a) => ({ kind: 'official', standing: standingOf(p, r, a) })) };
}

/** GET /citizen/petitions: the citizen's own petitions with the answers. */
export async function citizenPetitions(ctx: AppContext, c: CitizenRef) {
  const rows = await repo.petitionsOfCitizen(ctx.db, c.citizenId);
  return petitionViews(ctx, rows, () => ({ kind: 'citizen' }));
}

const ownRow = (c: CitizenRef) => (row: repo.PetitionRow) => {
  if (row.citizen_id !== c.citizenId) throw petitionErrors.PETITION_NOT_FOUND();
};

/** POST /citizen/petitions/{code}/rating: the petitioner rates the answer sent or published. */
export async function ratePetition(ctx: AppContext, c: CitizenRef, code: string, body: z.infer<typeof RatingBody>) {
  const now = ctx.clock.now();
  await transition(ctx, code, 'rate', citizenActor(c), null, ownRow(c), () => ({ rating: body.rating, rating_comment: body.comment ?? null, rated_at: now }), { rating: body.rating });
  return (await citizenPetitions(ctx, c)).find((x) => x.code === code)!;
}

/** POST /citizen/petitions/{code}/supplement: the information asked for; the petition is received again. */
export async function supplementPetition(ctx: AppContext, c: CitizenRef, code: string, content: string) {
  const s = await settingsOf(ctx);
  const now = ctx.clock.now();
  const cur = await repo.findPetitionByCode(ctx.db, code);
  if (!cur || cur.citizen_id !== c.citizenId) throw petitionErrors.PETITION_NOT_FOUND();
  const [refuseDue, handleDue] = await Promise.all([addDays(ctx, cur.agency_id, now, s.refuseDays), addDays(ctx, cur.agency_id, now, s.handleDays)]);
  await transition(ctx, code, 'supplement', citizenActor(c), null, ownRow(c), (row) => ({
    content: `${row.content}\n\n[Bổ sung ${now.toISOString().slice(0, 10)}] ${content}`,
    received_at: now, refuse_due_at: refuseDue, handle_due_at: handleDue, info_due_at: null,
  }), { length: content.length });
  return (await citizenPetitions(ctx, c)).find((x) => x.code === code)!;
}

/** GET /public/petitions: published answers, without any personal data. */
export async function publicPetitions(ctx: AppContext) {
  const rows = await repo.publishedPetitions(ctx.db, 100);
  const agencies = await agencyBriefs(ctx.db, rows.map((r) => r.agency_id).filter((x): x is string => !!x));
  return {
    items: rows.map((r) => {
      const a = r.agency_id ? agencies.get(r.agency_id) : undefined;
      return {
        code: r.code, kind: r.kind as 'regulation' | 'behaviour', title: r.title, content: r.content, procedureCode: r.procedure_code,
        agency: a ? { code: a.code, name: a.name } : null, answer: r.answer, receivedAt: new Date(r.received_at).toISOString(),
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
      };
    }),
  };
}
