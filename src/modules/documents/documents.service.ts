// Documents use cases: uploads and downloads (scope of the dossier), forms 01–07 as PDF, result documents
// (signed with the agency's PKCS#12), signature verification, versioned form templates.
// Dossiers are read only through the dossiers service (getDossierWithEvents, getControlSlip, publicLookup,
// listForRegister), so the dossier scope rules apply unchanged: outside scope → 404.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { registerMessages } from '../../platform/i18n/messages.js';
import { can, scopePaths, type Action } from '../org/permissions.js';
import * as orgRepo from '../org/org.repo.js';
import { userNames } from '../org/org.service.js';
import { modernTones } from '../../platform/text.js';
import * as adminUnits from '../org/admin-units.repo.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import { CLASSIFICATION_LABELS } from '../workflow/control-slip.js';
import type { DossierEvent } from '../workflow/types.js';
import * as repo from './documents.repo.js';
import { FsBlobStore, BlobTooLarge, readBlob, type BlobStore } from './storage.js';
import { refusalError, screenUpload } from './upload-screening.js';
import { declaredTypeDisagrees, detectKind, MEDIA_TYPES, safeFileName, sniffFamily, type FileKind } from './sniff.js';
import { renderPdf, vnDate, vnDateTime, vnIsoDate, vnMoney, vnShortDateTime, type ComponentRow, type RegisterRow, type RenderInput, type SlipRow } from './pdf.js';
import { checkTemplate, defaultTemplate, DEFAULT_TEMPLATES, type FormNumber, type FormTemplate, type FormTemplateContent } from './templates.js';
import { signPdf, verifyPdfSignatures, SignatureError, type VerifyReport } from './signature.js';
import { isUuid } from '../../platform/values.js';

registerMessages({
  UPLOAD_RETRY: { vi: 'Tệp vừa tải lên trùng với một tệp đang bị hủy; vui lòng tải lên lại.', en: 'The uploaded file collided with one being discarded; please upload it again.' },
  FILE_TOO_LARGE: { vi: 'Tệp vượt quá dung lượng cho phép ({limit} byte).', en: 'The file exceeds the size limit ({limit} bytes).' },
  DOSSIER_FILES_TOO_LARGE: {
    vi: 'Tổng dung lượng tệp của hồ sơ vượt quá giới hạn ({limit} byte).',
    en: 'The files of this dossier would exceed the per-dossier limit ({limit} bytes).',
  },
  FILE_TYPE_NOT_ALLOWED: {
    vi: 'Loại tệp không được chấp nhận (chỉ PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX; kiểu tệp được xác định theo nội dung).',
    en: 'File type not accepted (PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX only; the type is decided by the content).',
  },
  FILE_TYPE_MISMATCH: { vi: 'Loại tệp khai báo ({declared}) không khớp với nội dung tệp ({kind}).', en: 'The declared file type ({declared}) does not match its content ({kind}).' },
  FILE_REQUIRED: { vi: 'Cần gửi một tệp (multipart/form-data, trường file).', en: 'Send one file (multipart/form-data, field file).' },
  FORM_NOT_AVAILABLE: { vi: 'Hồ sơ chưa có dữ liệu cho mẫu {form}: {reason}', en: 'Form {form} is not available for this dossier: {reason}' },
  RECEIPT_SECRET_INVALID: { vi: 'Mã tra cứu không đúng.', en: 'The receipt secret is wrong.' },
  SIGNING_NOT_CONFIGURED: {
    vi: 'Chưa cấu hình chứng thư số của cơ quan (MOTCUA_SIGNING_P12 / MOTCUA_SIGNING_DIR).',
    en: 'No signing certificate is configured for the agency (MOTCUA_SIGNING_P12 / MOTCUA_SIGNING_DIR).',
  },
  SIGNING_FAILED: { vi: 'Không ký số được tệp: {reason}', en: 'The file could not be signed: {reason}' },
  NOT_A_PDF: { vi: 'Tệp không phải PDF.', en: 'The file is not a PDF.' },
  TEMPLATE_INVALID: { vi: 'Mẫu biểu không hợp lệ: {problems}', en: 'Invalid form template: {problems}' },
  RESULT_DOCUMENT_EXISTS: { vi: 'Văn bản kết quả (số, ngày, cơ quan hoặc mã kết quả) đã tồn tại.', en: 'A result document with that number/date/agency or result code exists.' },
});

// ------------------------------------------------------------------------------------------------
// Storage

const stores = new WeakMap<AppContext, BlobStore>();
export function storeOf(ctx: AppContext): BlobStore {
  let s = stores.get(ctx);
  if (!s) {
    s = new FsBlobStore(ctx.config.filesDir);
    stores.set(ctx, s);
  }
  return s;
}
/** Replaces the blob store (e.g. an S3-compatible implementation). */
export function useStore(ctx: AppContext, store: BlobStore): void {
  stores.set(ctx, store);
}

// ------------------------------------------------------------------------------------------------
// Helpers

const WORK_ACTIONS: Action[] = ['dossier.receive', 'dossier.handle', 'dossier.issue', 'dossier.approve', 'dossier.return'];

type DossierView = Awaited<ReturnType<typeof dossiers.getDossierWithEvents>>['dossier'];

async function agencyRows(db: Db, ids: string[]) {
  const uniq = [...new Set(ids.filter(Boolean))];
  if (uniq.length === 0) return new Map<string, orgRepo.AgencyRow>();
  return new Map((await orgRepo.findAgenciesByIds(db, uniq)).map((r) => [r.id, r]));
}

/** The principal works on the dossier (not only reads it): one of the working roles at one of its agencies. */
async function requireWorker(ctx: AppContext, p: Principal, d: DossierView, actions: Action[] = WORK_ACTIONS): Promise<void> {
  const ids = [d.agencies.current?.id, d.agencies.receiving?.id, d.agencies.competent?.id, d.agencies.return?.id].filter((x): x is string => !!x);
  const ags = await agencyRows(ctx.db, ids);
  for (const a of ags.values()) for (const act of actions) if (can(p, act, a)) return;
  throw new AppError(403, 'FORBIDDEN');
}

async function placeOf(db: Db, agency: orgRepo.AgencyRow | undefined): Promise<string> {
  let a = agency;
  for (let i = 0; a && i < 5; i++) {
    if (a.admin_unit_code) {
      const [u] = await adminUnits.currentUnitsByCodes(db, [a.admin_unit_code]);
      if (u) return modernTones(u.name.replace(/^(Tỉnh|Thành phố|Phường|Xã|Đặc khu)\s+/u, ''));
    }
    a = a.parent_id ? await orgRepo.findAgencyById(db, a.parent_id) : undefined;
  }
  return '……';
}

/** The name of the agency's province ("Thanh Hóa"), which a form never breaks across two lines. */
async function provinceNames(db: Db, agency: orgRepo.AgencyRow | undefined): Promise<string[]> {
  let a = agency;
  for (let i = 0; a && i < 5; i++) {
    if (a.admin_unit_code) {
      const [u] = await adminUnits.currentUnitsByCodes(db, [a.admin_unit_code]);
      const [province] = u ? await adminUnits.currentUnitsByCodes(db, [u.province_code]) : [];
      if (province) return [modernTones(province.name)];
    }
    a = a.parent_id ? await orgRepo.findAgencyById(db, a.parent_id) : undefined;
  }
  return [];
}

async function headingFor(ctx: AppContext, agencyId: string, date: Date): Promise<RenderInput['heading']> {
  const a = await orgRepo.findAgencyById(ctx.db, agencyId);
  const parent = a?.parent_id ? await orgRepo.findAgencyById(ctx.db, a.parent_id) : undefined;
  return { parentAgency: parent?.name ?? null, agency: a?.name ?? '', place: await placeOf(ctx.db, a), date, keep: await provinceNames(ctx.db, a) };
}

async function templateFor(ctx: AppContext, form: FormNumber, at: string | Date): Promise<FormTemplate> {
  return (await repo.templateInForce(ctx.db, form, vnIsoDate(at))) ?? defaultTemplate(form);
}

interface AddressInput {
  line?: string;
  communeCode?: string;
  provinceCode?: string;
}

/** "12 Lê Lợi, Phường Hạc Thành, Tỉnh Thanh Hóa": the street line plus the current unit names. */
async function addressText(db: Db, a: AddressInput | null | undefined): Promise<string> {
  if (!a) return '';
  const codes = [a.communeCode, a.provinceCode].filter((c): c is string => Boolean(c));
  const units = await adminUnits.currentUnitsByCodes(db, codes);
  const name = (code?: string) => units.find((u) => u.code === code)?.full_name;
  return [a.line, name(a.communeCode), name(a.provinceCode)].filter(Boolean).map((x) => modernTones(x!)).join(', ');
}

function applicantVars(d: DossierView, address: string): Record<string, string> {
  const a = (d.applicant ?? {}) as Record<string, any>;
  const rep = a.representative as Record<string, any> | null | undefined;
  return {
    applicantName: d.applicantName,
    applicantId: a.idNumber ?? a.organisation?.taxCode ?? '',
    applicantAddress: address,
    applicantPhone: a.phone ?? '',
    applicantEmail: a.email ?? '',
    repName: rep?.fullName ?? '',
    repId: rep?.idNumber ?? '',
    repPhone: rep?.phone ?? '',
    repDocument: rep?.authorisationDocument ?? '',
  };
}

const lastEvent = (events: DossierEvent[], actions: string[]) => [...events].reverse().find((e) => actions.includes(e.action));

const notAvailable = (form: string, reason: string) => new AppError(409, 'FORM_NOT_AVAILABLE', { form, reason });

function footer(ctx: AppContext, now: Date): string {
  return `In từ Hệ thống thông tin giải quyết TTHC (motcua) lúc ${vnShortDateTime(now)} — ${ctx.config.publicUrl}`;
}

// ------------------------------------------------------------------------------------------------
// Forms 01–06 for one dossier

export interface FormRequest {
  /** Form 01 only: the receipt secret given at reception (verified against its hash, never stored). */
  secret?: string;
}

export async function renderDossierForm(ctx: AppContext, p: Principal, ref: string, form: FormNumber, req: FormRequest = {}): Promise<{ pdf: Buffer; fileName: string }> {
  const { dossier: d, events } = await dossiers.getDossierWithEvents(ctx, p, ref);
  const now = ctx.clock.now();
  const template = await templateFor(ctx, form, d.acceptedAt ?? d.submittedAt);
  const filing = (d.filing ?? {}) as Record<string, any>;
  const vars: Record<string, string> = {
    code: d.code ?? '',
    procedureName: d.procedureName,
    procedureCode: d.procedureCode,
    receivingAgency: d.agencies.receiving?.name ?? '',
    competentAgency: d.agencies.competent?.name ?? '',
    receivedDate: d.acceptedAt ? vnDate(d.acceptedAt) : vnDate(d.submittedAt),
    ...applicantVars(d, await addressText(ctx.db, ((d.applicant ?? {}) as { address?: AddressInput }).address)),
  };
  const input: RenderInput = {
    template,
    heading: await headingFor(ctx, d.agencies.receiving?.id ?? d.currentAgencyId, now),
    vars,
    footer: footer(ctx, now),
  };

  switch (form) {
    case '01': {
      if (!d.code || !d.acceptedAt) throw notAvailable(form, 'chưa được tiếp nhận chính thức / not accepted');
      const received = events.find((e) => e.action === 'receive' && e.clock?.acceptedAt) ?? events.find((e) => e.action === 'accept');
      const names = await userNames(ctx.db, [received?.actor.userId]);
      const files = await repo.listFiles(ctx.db, d.id);
      const comps = (filing.components ?? []) as Array<{ name: string; form?: ComponentRow['form']; copies?: number; fileId?: string; reusedFrom?: string; provided?: boolean }>;
      const components: ComponentRow[] = comps
        .filter((c) => c.provided !== false)
        .map((c) => {
          const f = files.find((x) => x.id === c.fileId);
          return { name: c.name, form: c.form ?? 'copy', copies: c.copies ?? 1, digitised: !!f || !!c.fileId, reused: !!c.reusedFrom || !!f?.reused_from || !!f?.from_citizen_store };
        });
      const hours = typeof filing.legalLimitHours === 'number' ? filing.legalLimitHours : null;
      vars.sets = '01';
      vars.legalTime = filing.sameDay ? 'Trong ngày làm việc' : hours !== null ? `${Number((hours / 8).toFixed(2))} ngày làm việc` : '';
      vars.receivedAt = vnDateTime(d.acceptedAt);
      vars.appointmentAt = vnDateTime(d.dueAt);
      const fees = (filing.fees ?? []) as Array<{ name?: string; amountVnd?: number | null; text?: string }>;
      const label = (f: { name?: string }) => (f.name && !/^phí,? lệ phí$/i.test(f.name.trim()) ? `${f.name}: ` : '');
      vars.fees =
        fees.length === 0
          ? 'Không'
          : fees.map((f) => (typeof f.amountVnd === 'number' ? `${label(f)}${f.amountVnd === 0 ? 'Miễn phí' : vnMoney(f.amountVnd)}` : (f.text ?? ''))).join('; ');
      const delivery = (filing.delivery ?? { method: 'counter' }) as { method: string; address?: { line?: string } };
      const place = d.agencies.return?.name ?? d.agencies.receiving?.name ?? '';
      vars.deliveryPlace =
        delivery.method === 'post'
          ? `Qua dịch vụ bưu chính công ích, địa chỉ: ${delivery.address?.line ?? vars.applicantAddress}`
          : delivery.method === 'online'
            ? `Trực tuyến (bản điện tử trên Cổng Dịch vụ công; bản giấy tại ${place} nếu có yêu cầu)`
            : `Bộ phận tiếp nhận và trả kết quả – ${place}`;
      const yearStart = new Date(`${vnIsoDate(d.acceptedAt).slice(0, 4)}-01-01T00:00:00+07:00`);
      const before = await dossiers.listForRegister(ctx, d.agencies.receiving!.id, yearStart, new Date(new Date(d.acceptedAt).getTime() + 1));
      vars.registerBook = vnIsoDate(d.acceptedAt).slice(0, 4);
      vars.registerSeq = String(Math.max(1, before.findIndex((x) => x.id === d.id) + 1));
      vars.officerName = names.get(received?.actor.userId ?? '') ?? '';
      input.heading.date = new Date(d.acceptedAt);
      input.tables = { components };
      const base = `${ctx.config.publicUrl}/tra-cuu`;
      let secret: string | null = null;
      if (req.secret) {
        try {
          await dossiers.publicLookup(ctx, d.code, req.secret);
          secret = req.secret;
        } catch {
          throw new AppError(422, 'RECEIPT_SECRET_INVALID');
        }
      }
      const url = `${base}?code=${encodeURIComponent(d.code)}${secret ? `&secret=${encodeURIComponent(secret)}` : ''}`;
      input.qr = {
        url,
        caption: [
          'Tra cứu tình trạng hồ sơ',
          `Quét mã QR hoặc truy cập ${base}`,
          `Mã hồ sơ: ${d.code}`,
          secret ? `Mã tra cứu: ${secret}` : 'Mã tra cứu: in trên Giấy tiếp nhận bản giao cho người nộp hồ sơ',
        ],
      };
      break;
    }
    case '02': {
      const e = lastEvent(events, ['request_completion', 'request_supplement']);
      if (!e) throw notAvailable(form, 'chưa có yêu cầu bổ sung, hoàn thiện / no completion or supplement request');
      const names = await userNames(ctx.db, [e.actor.userId]);
      const officerAgency = (await agencyRows(ctx.db, [e.actor.agencyId])).get(e.actor.agencyId);
      vars.reason = String(e.payload.reason ?? '');
      vars.requestedAt = vnDateTime(e.at);
      vars.officerName = names.get(e.actor.userId) ?? '';
      vars.officerUnit = officerAgency?.name ?? vars.receivingAgency!;
      input.tables = { items: (e.payload.items as string[] | undefined) ?? [] };
      if (e.action === 'request_supplement' && officerAgency) input.heading = await headingFor(ctx, officerAgency.id, new Date(e.at));
      else input.heading.date = new Date(e.at);
      break;
    }
    case '03': {
      const e = lastEvent(events, ['refuse', 'reject']);
      if (!e) throw notAvailable(form, 'hồ sơ không bị từ chối / not refused');
      const names = await userNames(ctx.db, [e.actor.userId]);
      vars.reason = String(e.payload.reason ?? '');
      vars.refusedAt = vnDateTime(e.at);
      vars.officerName = names.get(e.actor.userId) ?? '';
      vars.refusingAgency = e.action === 'reject' ? vars.competentAgency! : `Bộ phận tiếp nhận và trả kết quả ${vars.receivingAgency}`;
      input.heading.date = new Date(e.at);
      break;
    }
    case '04': {
      const e = lastEvent(events, ['apologize']);
      if (!e) throw notAvailable(form, 'chưa có văn bản xin lỗi / no apology');
      const names = await userNames(ctx.db, [e.actor.userId]);
      vars.reason = String(e.payload.reason ?? '');
      vars.previousDue = vnDateTime(e.clock?.previousDueAt ?? d.originalDueAt);
      vars.newDue = vnDateTime((e.payload.newDueAt as string | undefined) ?? e.clock?.dueAt ?? d.dueAt);
      vars.headName = names.get(e.actor.userId) ?? '';
      input.heading = await headingFor(ctx, d.agencies.competent?.id ?? d.currentAgencyId, new Date(e.at));
      break;
    }
    case '05': {
      const e = lastEvent(events, ['stop']);
      if (!e) throw notAvailable(form, 'hồ sơ chưa dừng giải quyết / not stopped');
      const w = lastEvent(events, ['request_withdrawal']);
      const names = await userNames(ctx.db, [e.actor.userId]);
      vars.withdrawalDate = vnDate(w?.at ?? e.at);
      vars.reason = String(w?.payload.reason ?? e.payload.reason ?? '');
      vars.stoppedAt = vnDateTime(e.at);
      vars.officerName = names.get(e.actor.userId) ?? '';
      input.number = (e.payload.noticeNumber as string | null) ?? null;
      input.heading.date = new Date(e.at);
      break;
    }
    case '06': {
      const slip = await dossiers.getControlSlip(ctx, p, ref);
      // a hand-over to a role's pool has no receiving person yet: the official who claimed it (or was
      // assigned it) next is the receiver
      const receiverOf = (r: (typeof slip.rows)[number]): string | null => {
        if (r.receiver.userId) return r.receiver.userId;
        const next = events.find((e) => e.version > r.version && (e.action === 'claim' || e.action === 'assign'));
        if (!next) return null;
        return next.action === 'assign' ? ((next.payload.userId as string | undefined) ?? null) : next.actor.userId;
      };
      const names = await userNames(ctx.db, slip.rows.flatMap((r) => [r.giver.userId, receiverOf(r)]));
      const agName = (id: string | null) => (id ? (slip.agencies[id]?.name ?? '') : '');
      const party = (x: (typeof slip.rows)[number]['giver']) =>
        x.applicant ? 'Tổ chức, cá nhân nộp hồ sơ' : [agName(x.agencyId), x.stepNameVi].filter(Boolean).join(' – ');
      const rows: SlipRow[] = slip.rows.map((r) => ({
        index: r.index,
        giver: party(r.giver),
        receiver: party(r.receiver),
        giverPerson: names.get(r.giver.userId ?? '') ?? '',
        receiverPerson: r.receiver.applicant ? d.applicantName : (names.get(receiverOf(r) ?? '') ?? ''),
        at: vnDateTime(r.at),
        classification: r.classification ? CLASSIFICATION_LABELS[r.classification].vi : '',
        note: r.note ?? '',
      }));
      vars.handlingAgency = agName(slip.handlingAgencyId) || vars.competentAgency!;
      vars.cooperatingAgencies = slip.cooperatingAgencyIds.map(agName).filter(Boolean).join('; ') || 'Không';
      input.tables = { slip: rows };
      if (d.acceptedAt) input.heading.date = new Date(d.acceptedAt);
      break;
    }
    default:
      throw new AppError(404, 'NOT_FOUND', { what: 'form' });
  }
  // the receipt is one sheet the citizen takes home, however long the checklist (up to 10 components)
  const pdf = await renderPdf(input, { onePage: form === '01' });
  return { pdf, fileName: `Mau-${form}_${(d.code ?? d.id).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf` };
}

// ------------------------------------------------------------------------------------------------
// Form 07: the register of an agency for a period

const DELIVERY_LABEL: Record<string, string> = { counter: 'Trực tiếp', post: 'Bưu chính', online: 'Trực tuyến' };

export async function renderRegister(ctx: AppContext, p: Principal, agencyCode: string, fromDate: string, toDate: string): Promise<{ pdf: Buffer; fileName: string }> {
  const agency = await orgRepo.findAgencyByCode(ctx.db, agencyCode);
  if (!agency || !can(p, 'dossier.read', agency)) throw new AppError(404, 'NOT_FOUND', { what: 'agency' });
  if (toDate < fromDate) throw invalid([{ path: 'querystring.to', code: 'RANGE', messageVi: 'Ngày kết thúc trước ngày bắt đầu', messageEn: 'to is before from' }]);
  const from = new Date(`${fromDate}T00:00:00+07:00`);
  const to = new Date(new Date(`${toDate}T00:00:00+07:00`).getTime() + 86_400_000);
  if (to.getTime() - from.getTime() > 400 * 86_400_000) {
    throw invalid([{ path: 'querystring', code: 'RANGE_TOO_LONG', messageVi: 'Khoảng thời gian tối đa 400 ngày', messageEn: 'At most 400 days' }]);
  }
  const list = await dossiers.listForRegister(ctx, agency.id, from, to);
  const ags = await agencyRows(ctx.db, list.flatMap((x) => x.state.transfers.map((t) => t.toAgencyId)));
  const rows: RegisterRow[] = list.map((x) => {
    const a = (x.applicant ?? {}) as Record<string, any>;
    const s = x.state;
    const firstHandover = s.visitedSteps.length > 1 ? (s.stepEnteredAt ?? null) : null;
    return {
      code: x.code ?? '',
      procedure: x.procedureName,
      sets: 1,
      applicant: x.applicantName,
      contact: [a.address?.line, a.phone].filter(Boolean).join('; '),
      leadAgency: [x.competentAgency?.name, ...s.transfers.map((t) => ags.get(t.toAgencyId)?.name)].filter(Boolean).join('; '),
      receivedAt: vnShortDateTime(x.acceptedAt),
      appointmentAt: vnShortDateTime(x.dueAt),
      transferredAt: firstHandover && s.transfers.length === 0 ? '' : vnShortDateTime(s.transfers[0]?.sentAt ?? null),
      resultReceivedAt: vnShortDateTime(s.result?.recordedAt ?? null),
      returnedAt: vnShortDateTime(x.returnedAt),
      delivery: DELIVERY_LABEL[(x.filing as any)?.delivery?.method ?? 'counter'] ?? '',
      note: x.overdue ? 'Quá hạn' : '',
    };
  });
  const now = ctx.clock.now();
  const template = await templateFor(ctx, '07', from);
  const pdf = await renderPdf({
    template,
    heading: await headingFor(ctx, agency.id, now),
    vars: { from: vnDate(from), to: vnDate(new Date(to.getTime() - 1)), registerBook: fromDate.slice(0, 4), total: String(rows.length) },
    tables: { register: rows },
    footer: footer(ctx, now),
  });
  return { pdf, fileName: `So-theo-doi_${agency.code}_${fromDate}_${toDate}.pdf` };
}

// ------------------------------------------------------------------------------------------------
// Uploads

export interface UploadFields {
  purpose?: 'component' | 'supplement' | 'result' | 'other';
  componentId?: string;
  componentName?: string;
  digitised?: boolean;
  reusedFrom?: string;
  fromCitizenStore?: boolean;
}

export interface UploadSource {
  stream: Readable;
  filename: string | undefined;
  /** the part's declared Content-Type (never trusted; refused when it contradicts the content) */
  declaredType?: string;
}

export function fileOut(f: repo.FileRow) {
  return {
    id: f.id,
    name: f.name,
    size: Number(f.size),
    mediaType: f.media_type,
    kind: f.kind,
    sha256: f.sha256,
    purpose: f.purpose,
    dossierId: f.dossier_id,
    uploadedAt: new Date(f.uploaded_at).toISOString(),
    component: f.component_id || f.component_name ? { id: f.component_id, name: f.component_name } : null,
    digitisation: { digitised: f.digitised, reusedFrom: f.reused_from, fromCitizenStore: f.from_citizen_store },
    attached: f.attached_version !== null ? { version: f.attached_version, action: f.attached_action, at: f.attached_at ? new Date(f.attached_at).toISOString() : null } : null,
    citizenVisible: f.citizen_visible,
    signedFrom: f.signed_from,
  };
}

/** Streams the upload into the blob store: size limit while streaming, type by content. */
async function storeUpload(ctx: AppContext, src: UploadSource): Promise<{ sha256: string; size: number; kind: FileKind; created: boolean }> {
  const store = storeOf(ctx);
  const limit = ctx.config.maxFileBytes;
  let put;
  try {
    put = await store.put(src.stream, {
      maxBytes: limit,
      inspectHead: (head) => {
        if (!sniffFamily(head)) throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED');
      },
    });
  } catch (e) {
    if (e instanceof BlobTooLarge || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', { limit });
    throw e;
  }
  if ((src.stream as { truncated?: boolean }).truncated) {
    await dropIfUnreferenced(ctx, put.sha256);
    throw new AppError(413, 'FILE_TOO_LARGE', { limit });
  }
  const kind = put.size === 0 ? null : detectKind(put.head, put.tail);
  if (!kind) {
    if (put.created) await dropIfUnreferenced(ctx, put.sha256);
    throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED');
  }
  if (declaredTypeDisagrees(src.declaredType, kind)) {
    if (put.created) await dropIfUnreferenced(ctx, put.sha256);
    throw new AppError(415, 'FILE_TYPE_MISMATCH', { declared: src.declaredType?.slice(0, 100) ?? '', kind });
  }
  // polyglots, active PDF content, archive bounds: the whole (size-bounded) file, 422 and nothing kept
  const refusal = screenUpload(put.size <= put.head.length ? put.head : await readBlob(store, put.sha256), kind);
  if (refusal) {
    if (put.created) await dropIfUnreferenced(ctx, put.sha256);
    throw refusalError(refusal);
  }
  return { sha256: put.sha256, size: put.size, kind, created: put.created };
}

// Blobs are content-addressed and shared: two uploads of the same bytes use one blob. Deleting an
// unreferenced blob (after a rejected upload) and adding a reference to it are serialised by a
// transaction-scoped advisory lock on the hash, so a concurrent upload never loses its file.
async function dropIfUnreferenced(ctx: AppContext, sha256: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockBlob(trx, sha256);
    if (!(await repo.blobReferenced(trx, sha256))) await storeOf(ctx).delete(sha256);
  });
}

/** Inside the transaction that adds a reference: the blob must still be there (a rejected twin may have removed it). */
async function claimBlob(ctx: AppContext, trx: Db, sha256: string): Promise<void> {
  await repo.lockBlob(trx, sha256);
  if (!(await storeOf(ctx).has(sha256))) throw new AppError(409, 'UPLOAD_RETRY');
}

/** POST /dossiers/{code}/files. */
export async function uploadToDossier(ctx: AppContext, p: Principal, ref: string, src: UploadSource, fields: UploadFields, origin?: RequestOrigin) {
  const { dossier: d } = await dossiers.getDossierWithEvents(ctx, p, ref);
  await requireWorker(ctx, p, d);
  const stored = await storeUpload(ctx, src);
  const now = ctx.clock.now();
  const id = randomUUID();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // serialise uploads of one dossier for the per-dossier limit
      await repo.lockDossier(trx, d.id);
      const used = await repo.dossierBytes(trx, d.id);
      if (used + stored.size > ctx.config.maxDossierBytes) throw new AppError(413, 'DOSSIER_FILES_TOO_LARGE', { limit: ctx.config.maxDossierBytes });
      const row: repo.NewFile = {
        id,
        sha256: stored.sha256,
        size: stored.size,
        media_type: MEDIA_TYPES[stored.kind],
        kind: stored.kind,
        name: safeFileName(src.filename, stored.kind),
        purpose: fields.purpose ?? 'component',
        dossier_id: d.id,
        uploaded_by: p.userId,
        uploaded_at: now,
        component_id: fields.componentId ?? null,
        component_name: fields.componentName?.normalize('NFC') ?? null,
        digitised: fields.digitised ?? (fields.purpose ?? 'component') === 'component',
        reused_from: fields.reusedFrom ?? null,
        from_citizen_store: fields.fromCitizenStore ?? false,
        citizen_visible: false,
        signed_from: null,
      };
      await claimBlob(ctx, trx, stored.sha256);
      await repo.insertFile(trx, row);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'file.upload', targetType: 'dossier', targetId: d.id, details: { fileId: id, sha256: stored.sha256, size: stored.size, kind: stored.kind } }, origin);
      return fileOut({ ...row, attached_version: null, attached_action: null, attached_at: null });
    });
  } catch (e) {
    if (stored.created) await dropIfUnreferenced(ctx, stored.sha256);
    throw e;
  }
}

/** POST /files: staged before reception (the dossier does not exist yet); only the uploader sees it. */
export async function uploadStaged(ctx: AppContext, p: Principal, src: UploadSource, fields: UploadFields, origin?: RequestOrigin) {
  if (scopePaths(p, 'dossier.receive').length === 0) throw new AppError(403, 'FORBIDDEN');
  const stored = await storeUpload(ctx, src);
  const now = ctx.clock.now();
  const row: repo.NewFile = {
    id: randomUUID(),
    sha256: stored.sha256,
    size: stored.size,
    media_type: MEDIA_TYPES[stored.kind],
    kind: stored.kind,
    name: safeFileName(src.filename, stored.kind),
    purpose: fields.purpose ?? 'component',
    dossier_id: null,
    uploaded_by: p.userId,
    uploaded_at: now,
    component_id: fields.componentId ?? null,
    component_name: fields.componentName?.normalize('NFC') ?? null,
    digitised: fields.digitised ?? true,
    reused_from: fields.reusedFrom ?? null,
    from_citizen_store: fields.fromCitizenStore ?? false,
    citizen_visible: false,
    signed_from: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await claimBlob(ctx, trx, stored.sha256);
    await repo.insertFile(trx, row);
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'file.upload', targetType: 'file', targetId: row.id, details: { sha256: stored.sha256, size: stored.size, kind: stored.kind } }, origin);
  });
  return fileOut({ ...row, attached_version: null, attached_action: null, attached_at: null });
}

/** A file the principal may read: staged by them, or of a dossier in their scope (404 otherwise). */
async function readableFile(ctx: AppContext, p: Principal, id: string): Promise<repo.FileRow> {
  const f = isUuid(id) ? await repo.findFile(ctx.db, id) : undefined;
  if (!f) throw new AppError(404, 'NOT_FOUND', { what: 'file' });
  if (f.dossier_id === null) {
    if (f.uploaded_by !== p.userId) throw new AppError(404, 'NOT_FOUND', { what: 'file' });
    return f;
  }
  try {
    await dossiers.getDossierWithEvents(ctx, p, f.dossier_id);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw new AppError(404, 'NOT_FOUND', { what: 'file' });
    throw e;
  }
  return f;
}

export async function openFile(ctx: AppContext, p: Principal, id: string): Promise<{ file: repo.FileRow; stream: Readable }> {
  const file = await readableFile(ctx, p, id);
  return { file, stream: await storeOf(ctx).get(file.sha256) };
}

export async function listDossierFiles(ctx: AppContext, p: Principal, ref: string) {
  const { dossier: d } = await dossiers.getDossierWithEvents(ctx, p, ref);
  const files = await repo.listFiles(ctx.db, d.id);
  const results = await repo.listResultDocuments(ctx.db, d.id);
  const comps = ((d.filing as any)?.components ?? []) as Array<{ name: string; fileId?: string; reusedFrom?: string }>;
  return {
    items: files.map(fileOut),
    results: results.map(resultOut),
    // digitisation flags per component (feed the QĐ 766 digitisation indicators)
    digitisation: comps.map((c) => {
      const f = files.find((x) => x.id === c.fileId) ?? files.find((x) => x.component_name === c.name);
      return {
        component: c.name,
        fileId: f?.id ?? (c.fileId && !isUuid(c.fileId) ? c.fileId : null),
        digitised: !!f?.digitised || (!!c.fileId && !isUuid(c.fileId)),
        reused: !!(c.reusedFrom || f?.reused_from),
        fromCitizenStore: !!f?.from_citizen_store,
      };
    }),
  };
}

// ------------------------------------------------------------------------------------------------
// Result documents

export interface ResultDocumentInput {
  number: string;
  date: string;
  signer: string;
  title?: string;
  resultCode?: string;
  fileId: string;
  /** Sign the PDF with the issuing agency's certificate (default true for PDFs when configured). */
  sign?: boolean;
  issuingAgencyCode?: string;
}

function resultOut(r: repo.ResultDocumentRow) {
  return {
    id: r.id,
    number: r.number,
    date: r.signed_on,
    signer: r.signer,
    title: r.title,
    issuingAgencyId: r.issuing_agency_id,
    resultCode: r.result_code,
    fileId: r.file_id,
    digitallySigned: r.digitally_signed,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

async function agencyP12(ctx: AppContext, agencyCode: string): Promise<Buffer | null> {
  const { dir, p12 } = ctx.config.signing;
  if (dir && /^[0-9A-Za-z.\-]+$/.test(agencyCode)) {
    try {
      return await readFile(join(dir, `${agencyCode}.p12`));
    } catch {
      // fall back to the default certificate
    }
  }
  return p12 ? readFile(p12) : null;
}

/** POST /dossiers/{code}/results: registers a result document; signs the PDF (new file) if configured. */
export async function createResultDocument(ctx: AppContext, p: Principal, ref: string, input: ResultDocumentInput, origin?: RequestOrigin) {
  const { dossier: d } = await dossiers.getDossierWithEvents(ctx, p, ref);
  await requireWorker(ctx, p, d, ['dossier.issue', 'dossier.approve', 'dossier.handle']);
  const issuing = input.issuingAgencyCode ? await orgRepo.findAgencyByCode(ctx.db, input.issuingAgencyCode) : await orgRepo.findAgencyById(ctx.db, d.agencies.competent!.id);
  if (!issuing) throw invalid([{ path: 'body.issuingAgencyCode', code: 'AGENCY_UNKNOWN', messageVi: 'Không có cơ quan này', messageEn: 'Unknown agency' }]);
  // the result is issued (and signed with the certificate of) an agency the caller works for
  if (!(['dossier.issue', 'dossier.approve'] as const).some((a) => can(p, a, issuing))) {
    throw invalid([{ path: 'body.issuingAgencyCode', code: 'AGENCY_NOT_YOURS', messageVi: 'Bạn không được ban hành văn bản thay cơ quan này', messageEn: 'You cannot issue documents for this agency' }]);
  }
  const src = await readableFile(ctx, p, input.fileId);
  if (src.dossier_id !== d.id) throw invalid([{ path: 'body.fileId', code: 'FILE_NOT_OF_DOSSIER', messageVi: 'Tệp không thuộc hồ sơ này', messageEn: 'The file is not of this dossier' }]);
  const now = ctx.clock.now();
  let fileId = src.id;
  let signed = false;
  let created: { sha256: string; created: boolean } | null = null;
  let signedRow: repo.NewFile | null = null;
  const wantSign = input.sign ?? (src.kind === 'pdf' && !!(ctx.config.signing.p12 || ctx.config.signing.dir));
  if (wantSign) {
    if (src.kind !== 'pdf') throw new AppError(422, 'NOT_A_PDF');
    const p12 = await agencyP12(ctx, issuing.code);
    if (!p12) throw new AppError(409, 'SIGNING_NOT_CONFIGURED');
    let out: Buffer;
    try {
      out = await signPdf(await readBlob(storeOf(ctx), src.sha256), {
        p12,
        passphrase: ctx.config.signing.password,
        reason: `Ban hành kết quả giải quyết hồ sơ ${d.code ?? d.id}, văn bản số ${input.number}`,
        location: await placeOf(ctx.db, issuing),
        contactInfo: issuing.name,
        signingTime: now,
      });
    } catch (e) {
      if (e instanceof SignatureError) throw new AppError(e.code === 'SIGN_FAILED' || e.code === 'P12_INVALID' ? 500 : 422, 'SIGNING_FAILED', { reason: e.message });
      throw e;
    }
    const { Readable } = await import('node:stream');
    const put = await storeOf(ctx).put(Readable.from([out]), { maxBytes: ctx.config.maxFileBytes + 65536 });
    created = { sha256: put.sha256, created: put.created };
    fileId = randomUUID();
    signed = true;
    // a new, not yet attached file: the attaching event records its hash
    const { attached_version: _v, attached_action: _a, attached_at: _t, ...unattached } = src;
    signedRow = {
      ...unattached,
      id: fileId,
      sha256: put.sha256,
      size: put.size,
      name: src.name.replace(/(\.pdf)?$/i, '.signed.pdf'),
      purpose: 'result',
      uploaded_by: p.userId,
      uploaded_at: now,
      digitised: true,
      citizen_visible: false,
      signed_from: src.id,
    };
  }
  const row: repo.ResultDocumentRow = {
    id: randomUUID(),
    dossier_id: d.id,
    number: input.number.normalize('NFC'),
    signed_on: input.date,
    signer: input.signer.normalize('NFC'),
    title: input.title?.normalize('NFC') ?? null,
    issuing_agency_id: issuing.id,
    result_code: input.resultCode ?? `KQ-${(d.code ?? d.id).replace(/[^A-Za-z0-9.-]/g, '')}-${randomUUID().slice(0, 8)}`,
    file_id: fileId,
    digitally_signed: signed,
    created_by: p.userId,
    created_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (signedRow) {
        await claimBlob(ctx, trx, signedRow.sha256);
        await repo.insertFile(trx, signedRow);
      }
      await repo.insertResultDocument(trx, row);
      // the citizen's copy is downloadable online when the delivery choice is online
      if ((d.filing as any)?.delivery?.method === 'online') await repo.setCitizenVisible(trx, fileId, true);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'result_document.create', targetType: 'dossier', targetId: d.id, details: { id: row.id, number: row.number, fileId, signed } }, origin);
    });
  } catch (e) {
    if (created?.created) await dropIfUnreferenced(ctx, created.sha256);
    if ((e as { code?: string }).code === '23505') throw new AppError(409, 'RESULT_DOCUMENT_EXISTS');
    throw e;
  }
  return { ...resultOut(row), file: signedRow ? fileOut({ ...signedRow, attached_version: null, attached_action: null, attached_at: null }) : fileOut(src) };
}

/** Citizen's copy: GET /public/dossiers/{code}/results/{fileId}?secret=… (online delivery only). */
export async function openPublicResult(ctx: AppContext, code: string, secret: string, fileId: string): Promise<{ file: repo.FileRow; stream: Readable }> {
  const nf = () => new AppError(404, 'NOT_FOUND', { what: 'file' });
  const look = await dossiers.publicLookup(ctx, code, secret); // 404 on a wrong code or secret
  if (!look.resultReady && !look.returnedAt) throw nf();
  const f = isUuid(fileId) ? await repo.findFile(ctx.db, fileId) : undefined;
  if (!f || !f.citizen_visible || !f.dossier_id) throw nf();
  if ((await repo.dossierCodeOf(ctx.db, f.dossier_id)) !== look.code) throw nf();
  return { file: f, stream: await storeOf(ctx).get(f.sha256) };
}

// ------------------------------------------------------------------------------------------------
// Signature verification of an uploaded PDF (nothing is stored)

export async function verifyUploadedSignature(ctx: AppContext, src: UploadSource): Promise<VerifyReport & { sha256: string; size: number }> {
  const { createHash } = await import('node:crypto');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of src.stream) {
    size += (c as Buffer).length;
    if (size > ctx.config.maxFileBytes) {
      src.stream.resume();
      throw new AppError(413, 'FILE_TOO_LARGE', { limit: ctx.config.maxFileBytes });
    }
    parts.push(c as Buffer);
  }
  if ((src.stream as { truncated?: boolean }).truncated) throw new AppError(413, 'FILE_TOO_LARGE', { limit: ctx.config.maxFileBytes });
  const pdf = Buffer.concat(parts);
  if (sniffFamily(pdf) !== 'pdf') throw new AppError(415, 'NOT_A_PDF');
  let trustedCaPem: string | null = null;
  if (ctx.config.trustedCa) trustedCaPem = await readFile(ctx.config.trustedCa, 'utf8');
  return { ...verifyPdfSignatures(pdf, { trustedCaPem, now: ctx.clock.now() }), sha256: createHash('sha256').update(pdf).digest('hex'), size };
}

// ------------------------------------------------------------------------------------------------
// Form templates (admin)

const isTemplateManager = (p: Principal) => scopePaths(p, 'procedure.manage').some((path) => path.split('/').filter(Boolean).length === 1);

export async function listFormTemplates(ctx: AppContext, form?: FormNumber) {
  return { items: await repo.listTemplates(ctx.db, form) };
}

export async function createFormTemplateVersion(
  ctx: AppContext,
  p: Principal,
  form: FormNumber,
  input: { legalBasis: string; effectiveFrom: string; title: string; content: FormTemplateContent },
  origin?: RequestOrigin,
) {
  if (!isTemplateManager(p)) throw new AppError(403, 'FORBIDDEN');
  const problems = checkTemplate(form, input.content);
  if (problems.length) throw new AppError(422, 'TEMPLATE_INVALID', { problems: problems.join('; ') }, { errors: problems.map((m) => ({ path: 'body.content', code: 'TEMPLATE_INVALID', message: m })) });
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockTemplates(trx, form);
    const version = await repo.nextTemplateVersion(trx, form);
    const t: FormTemplate = { form, version, legalBasis: input.legalBasis.normalize('NFC'), effectiveFrom: input.effectiveFrom, title: input.title.normalize('NFC'), content: JSON.parse(JSON.stringify(input.content).normalize('NFC')) };
    await repo.insertTemplate(trx, t, p.userId);
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'form_template.create', targetType: 'form_template', targetId: `${form}@${version}`, details: { effectiveFrom: t.effectiveFrom } }, origin);
    return t;
  });
}

export async function seedFormTemplates(db: Db): Promise<void> {
  await repo.seedTemplates(db, DEFAULT_TEMPLATES);
}

