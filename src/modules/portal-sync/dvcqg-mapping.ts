// From a dossier's event log to what the national portal is told (pure): which events change what the portal
// shows, and the DongBoHoSoMC / CapNhatTienDoHoSoMC payloads of one event, as the dossier stood after it.
// The portal's status codes come from the workflow's national-status map (§5.4); its dates are
// yyyyMMddHHmmss in Vietnam time; its field limits are respected by shortening long catalogue texts.
import type { CapNhatTienDoHoSoMC, DongBoHoSoMC } from '../../platform/ports/national-portal.js';
import { NATIONAL_STATUS } from '../workflow/national-status.js';
import type { DossierEvent, InternalState } from '../workflow/types.js';

/** What the mapping reads of the dossier besides its events. */
export interface SyncDossier {
  code: string;
  channel: 1 | 2 | 3;
  procedureCode: string;
  procedureName: string;
  fieldCode: string | null;
  fieldName: string | null;
  applicant: Record<string, any>;
  filing: Record<string, any>;
  /** QCVN 102 codes of the receiving and the competent agency. */
  receivingAgencyCode: string;
  competentAgencyCode: string;
  /** The applicant signed in with VNeID (online channel). */
  vneidVerified: boolean;
}

/** Names the progress line shows: who acted (officials' names) and where (agency names), by id. */
export interface SyncNames {
  users: Map<string, string>;
  agencies: Map<string, string>;
}

/** Events before reception (online registration, completion requests) are the portal's own side. */
const BEFORE_RECEPTION: readonly InternalState[] = ['registered', 'needs_completion'];
/** Deadline flags move nothing the portal shows. */
const FLAG_ACTIONS = /^mark_/;
/** Events that add a progress line without changing the dossier's status or dates. */
const PROGRESS_ACTIONS = new Set(['forward', 'send_back', 'assign', 'claim', 'transfer', 'return_transfer', 'consult', 'answer_consultation', 'approve']);

export type SyncService = 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC';

/** Whether the portal hears of this event, and through which service (null: not at all). */
export function serviceFor(ev: DossierEvent): SyncService | null {
  if (FLAG_ACTIONS.test(ev.action)) return null;
  if (BEFORE_RECEPTION.includes(ev.toState)) return null;
  const statusMoved = ev.fromState === null || NATIONAL_STATUS[ev.fromState] !== NATIONAL_STATUS[ev.toState];
  if (!statusMoved && PROGRESS_ACTIONS.has(ev.action)) return 'CapNhatTienDoHoSoMC';
  return 'DongBoHoSoMC';
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function portalDateTime(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === '' ? undefined : v);
const optDate = (v: string | null | undefined) => (v ? portalDateTime(v) : undefined);

function firstAt(events: DossierEvent[], test: (e: DossierEvent) => boolean): string | null {
  return events.find(test)?.at ?? null;
}

/** The dossier's dates as of the last of `events` (the events up to the one being synced). */
function datesOf(events: DossierEvent[]) {
  const last = events.at(-1)!;
  const finishedAt = firstAt(events, (e) => ['result_ready', 'refused', 'stopped'].includes(e.toState) && e.fromState !== e.toState);
  let dueAt: string | null = null;
  let acceptedAt: string | null = null;
  for (const e of events) {
    if (e.clock?.dueAt !== undefined) dueAt = e.clock.dueAt;
    if (e.clock?.acceptedAt) acceptedAt ??= e.clock.acceptedAt;
  }
  return {
    submittedAt: events[0]!.at,
    receivedAt: acceptedAt ?? firstAt(events, (e) => !BEFORE_RECEPTION.includes(e.toState) && e.toState !== 'refused'),
    refusedAt: firstAt(events, (e) => e.toState === 'refused'),
    finishedAt,
    returnedAt: firstAt(events, (e) => e.toState === 'returned'),
    dueAt,
    status: NATIONAL_STATUS[last.toState],
  };
}

function applicantType(a: Record<string, any>): 0 | 1 | 2 {
  if (a.kind !== 'organisation') return 0;
  return /^hộ kinh doanh/i.test(String(a.organisation?.name ?? '')) ? 2 : 1;
}

function applicantName(a: Record<string, any>): string {
  const n = a.kind === 'organisation' && a.organisation?.name ? a.organisation.name : a.fullName;
  return cut(String(n ?? 'Không rõ'), 300);
}

function identifiers(a: Record<string, any>): DongBoHoSoMC['DinhDanhCHS'] {
  const out: DongBoHoSoMC['DinhDanhCHS'] = [];
  if (a.idNumber) out.push({ LoaiDinhDanh: 1, SoDinhDanh: String(a.idNumber) });
  if (a.organisation?.taxCode) out.push({ LoaiDinhDanh: 2, SoDinhDanh: String(a.organisation.taxCode) });
  return out;
}

function documents(filing: Record<string, any>): DongBoHoSoMC['TaiLieuNop'] {
  const comps: any[] = Array.isArray(filing.components) ? filing.components : [];
  return comps.filter((c) => c.provided !== false).map((c) => ({
    TenTepDinhKem: cut(String(c.name ?? 'Thành phần hồ sơ').trim() || 'Thành phần hồ sơ', 500),
    MaThanhPhanHoSo: opt(c.componentId ? cut(String(c.componentId), 100) : undefined),
    DuocSoHoa: c.fileId ? 1 : 0,
    DuocTaiSuDung: c.reusedFrom ? 1 : 0,
    DuocLayTuKhoDMQG: c.reusedFrom === 'dvcqg' ? 1 : 0,
    LoaiBan: c.fileId ? 2 : c.form === 'copy' ? 1 : 0,
    SoLuong: Math.min(999, Math.max(0, Number(c.copies ?? 1) | 0)),
  }));
}

function fees(filing: Record<string, any>, paidOnline: boolean): DongBoHoSoMC['DanhSachLePhi'] {
  const list: any[] = Array.isArray(filing.fees) ? filing.fees : [];
  return list.filter((f) => typeof f.amountVnd === 'number' && f.amountVnd >= 0).map((f) => ({
    TenPhiLePhi: cut(String(f.name ?? 'Lệ phí').trim() || 'Lệ phí', 500),
    HinhThucThu: paidOnline ? 2 : 1,
    Gia: Math.round(f.amountVnd),
    LoaiPhiLePhi: /^phí/i.test(String(f.name ?? '').trim()) ? 1 : 2,
  }));
}

function supplements(events: DossierEvent[], names: SyncNames): DongBoHoSoMC['DanhSachHoSoBoSung'] {
  const out: DongBoHoSoMC['DanhSachHoSoBoSung'] = [];
  for (const e of events) {
    if (e.action === 'request_supplement') {
      const p = e.payload as { reason?: string; items?: string[] };
      const items = (p.items ?? []).join('; ');
      out.push({
        NguoiYeuCauBoSung: cut(names.users.get(e.actor.userId) ?? 'Cán bộ xử lý', 200),
        NoiDungBoSung: cut([p.reason, items].filter(Boolean).join(': ') || 'Yêu cầu bổ sung hồ sơ', 4000),
        NgayBoSung: portalDateTime(e.at),
        NgayHenTraTruoc: optDate(e.clock?.previousDueAt),
      });
    } else if (e.action === 'receive_supplement' && out.length) {
      const last = out.at(-1)!;
      last.NgayTiepNhanBoSung = portalDateTime(e.at);
      last.NgayHenTraMoi = optDate(e.clock?.dueAt);
    }
  }
  return out;
}

function results(events: DossierEvent[]): DongBoHoSoMC['DanhSachGiayToKetQua'] {
  const ev = [...events].reverse().find((e) => e.action === 'record_result' || e.action === 'reject');
  const docs: any[] = Array.isArray((ev?.payload as { documents?: unknown })?.documents) ? (ev!.payload as { documents: any[] }).documents : [];
  return docs.map((d) => ({
    TenGiayTo: cut(String(d.title ?? `Văn bản số ${d.number}`), 500),
    MaGiayToKetQua: opt(d.number ? cut(String(d.number), 100) : undefined),
    DuongDanTepTinKetQua: opt(d.fileId ? `files/${String(d.fileId)}` : undefined),
  }));
}

/** HinhThuc of the return: 0 at the desk, 1 by post, 2 online. */
function returnForm(method: unknown): 0 | 1 | 2 {
  return method === 'post' ? 1 : method === 'online' ? 2 : 0;
}

function address(a: Record<string, any>): string | undefined {
  return opt(a.address?.line ? cut(String(a.address.line), 1000) : undefined);
}

/**
 * DuocThanhToanTrucTuyen: whether the dossier's fees were paid online, and where — 1 on the DVCQG payment
 * platform (the payment settled by the `dvcqg` gateway), 2 through the province's own gateway (VNPay, the
 * simulated one, …, or an official recording an online payment without naming the gateway), 0 not paid
 * online (cash, transfer, POS, exempt, not paid yet). The latest online confirmation decides.
 */
export function paidOnlineFlag(events: DossierEvent[]): 0 | 1 | 2 {
  const paid = [...events].reverse().find((e) => e.action === 'confirm_payment' && (e.payload as { method?: unknown }).method === 'online');
  if (!paid) return 0;
  return (paid.payload as { gateway?: unknown }).gateway === 'dvcqg' ? 1 : 2;
}

/** DongBoHoSoMC of the dossier as it stood after `events.at(-1)` (events: the log up to that event). */
export function dongBoHoSo(d: SyncDossier, events: DossierEvent[], names: SyncNames): DongBoHoSoMC {
  const last = events.at(-1)!;
  const t = datesOf(events);
  const onlineFlag = paidOnlineFlag(events);
  const paidOnline = onlineFlag !== 0;
  const docs = documents(d.filing);
  const a = d.applicant;
  return {
    SoThuTuDongBo: last.version,
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: cut(d.procedureName, 2000),
    MaLinhVuc: opt(d.fieldCode ? cut(d.fieldCode, 100) : undefined),
    TenLinhVuc: opt(d.fieldName ? cut(d.fieldName, 500) : undefined),
    KenhThucHien: d.channel,
    ChuHoSo: applicantName(a),
    LoaiDoiTuong: applicantType(a),
    SoGiayToChuHoSo: opt(a.idNumber ? String(a.idNumber) : undefined),
    SoDienThoai: opt(a.phone ? String(a.phone) : undefined),
    Email: opt(a.email ? String(a.email) : undefined),
    DiaChi: address(a),
    TrichYeuHoSo: cut(`${d.procedureName} — ${applicantName(a)}`, 2000),
    NgayNopHoSo: portalDateTime(t.submittedAt),
    NgayTiepNhan: optDate(t.receivedAt),
    NgayHenTra: optDate(t.dueAt),
    TrangThaiHoSo: t.status,
    NgayKetThucXuLy: optDate(t.finishedAt),
    NgayTra: optDate(t.returnedAt),
    NgayTuChoi: optDate(t.refusedAt),
    HinhThuc: returnForm(d.filing.delivery?.method),
    DonViXuLy: d.competentAgencyCode,
    NoiNopHoSo: d.receivingAgencyCode,
    HoSoCoThanhPhanSoHoa: docs.some((x) => x.DuocSoHoa === 1 || x.DuocTaiSuDung === 1) ? 1 : 0,
    TaiKhoanDuocXacThucVoiVNeID: d.vneidVerified ? 1 : 0,
    DuocThanhToanTrucTuyen: onlineFlag,
    GhiChu: opt(last.note ? cut(last.note, 4000) : undefined),
    TaiLieuNop: docs,
    DanhSachLePhi: fees(d.filing, paidOnline),
    DanhSachHoSoBoSung: supplements(events, names),
    DanhSachGiayToKetQua: results(events),
    DinhDanhCHS: identifiers(a),
  };
}

const ACTION_TEXT: Record<string, string> = {
  forward: 'Chuyển bước xử lý', send_back: 'Trả lại bước trước', assign: 'Phân công xử lý', claim: 'Nhận xử lý',
  transfer: 'Chuyển liên thông', return_transfer: 'Cơ quan liên thông trả lại', consult: 'Xin ý kiến',
  answer_consultation: 'Trả lời xin ý kiến', approve: 'Phê duyệt',
};

/** CapNhatTienDoHoSoMC of one progress event. */
export function tienDoHoSo(d: SyncDossier, events: DossierEvent[], names: SyncNames): CapNhatTienDoHoSoMC {
  const ev = events.at(-1)!;
  const step = ev.stepKey ? ` (bước ${ev.stepKey})` : '';
  const reason = (ev.payload as { reason?: string }).reason;
  return {
    SoThuTuDongBo: ev.version,
    MaHoSo: d.code,
    NguoiXuLy: cut(ev.actor.system ? 'Hệ thống' : (names.users.get(ev.actor.userId) ?? 'Cán bộ xử lý'), 200),
    ChucDanh: opt(ev.actor.roles[0]),
    ThoiDiemXuLy: portalDateTime(ev.at),
    PhongBanXuLy: cut(names.agencies.get(ev.agencyId) ?? d.competentAgencyCode, 300),
    NoiDungXuLy: cut(`${ACTION_TEXT[ev.action] ?? ev.action}${step}${reason ? `: ${reason}` : ''}`, 4000),
    TrangThai: NATIONAL_STATUS[ev.toState],
    NgayBatDau: optDate(datesOf(events).receivedAt),
    NgayKetThucTheoQuyDinh: optDate(datesOf(events).dueAt),
  };
}
