// Dossiers citizens submitted on the national portal and handed to this province (LayDanhSachHoSoGuiTuDVCQG):
// each is filed like a citizen's own online submission — the desk's reception checks, channel 2, status 1 in
// the receiving desk's online queue — with its attachments through the file store's checks, then the portal is
// told (XacNhanHoSoGuiTuDVCQG) that it was registered, or refused with the reason (unknown procedure or agency,
// a case or component the catalogue does not have, a bad field).
//
// Nothing is filed twice: the hand-over row (portal_inbound_dossiers, keyed by the portal's reference) is
// written in the dossier's own transaction, so a record seen again — after a crash before the acknowledgement,
// or by a second process pulling at the same time — is only acknowledged again.
import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { AppError, isUniqueViolation, type FieldError } from '../../platform/errors.js';
import { message } from '../../platform/i18n/messages.js';
import { PortalFileRefused, PortalInboundDossier, PortalUnavailable, type PortalInboundAck } from '../../platform/ports/national-portal.js';
import { portalSyncErrors } from './portal-sync.errors.js';
import { NATIONAL_PORTAL_UPLOADER, registerFromPortal } from '../dossiers/dossiers.service.js';
import { uploadStagedBySystem } from '../documents/documents.service.js';
import { inboundFiling, portalTimeToIso, type StagedFiles } from './inbound-filing.js';
import * as repo from './portal-sync.repo.js';

export interface InboundPullResult {
  handedOver: number;
  registered: number;
  refused: number;
  /** Seen before (registered or refused earlier): only acknowledged again. */
  repeated: number;
  acknowledged: number;
}

export async function pullInboundDossiers(ctx: AppContext): Promise<InboundPullResult> {
  const list = await ctx.nationalPortal.listInboundDossiers();
  const result: InboundPullResult = { handedOver: list.length, registered: 0, refused: 0, repeated: 0, acknowledged: 0 };
  for (const raw of list) {
    const outcome = await takeOver(ctx, raw);
    if (!outcome) continue;
    result[outcome.kind]++;
    if (await acknowledge(ctx, outcome.portalId)) result.acknowledged++;
  }
  return result;
}

type TakeOver = { kind: 'registered' | 'refused' | 'repeated'; portalId: string };

async function takeOver(ctx: AppContext, raw: unknown): Promise<TakeOver | null> {
  const portalId = portalIdOf(raw);
  if (!portalId) return null; // nothing to answer the portal with; the exchange log shows the record
  const seen = await repo.inboundById(ctx.db, portalId);
  if (seen) return { kind: 'repeated', portalId };
  const parsed = PortalInboundDossier.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), code: 'INVALID', message: i.message }));
    return refuse(ctx, portalId, raw, 'Dữ liệu hồ sơ không hợp lệ', errors);
  }
  const d = parsed.data;
  let staged: StagedFiles;
  try {
    staged = await stageFiles(ctx, d);
  } catch (e) {
    // a linked file the portal cannot serve now: the record is left for the next pull (not refused, not acknowledged)
    if (e instanceof PortalUnavailable) return null;
    if (e instanceof AppError && e.status < 500) return refuse(ctx, portalId, d, message(e.code, 'vi', e.params), fieldErrors(e));
    throw e;
  }
  try {
    await registerFromPortal(ctx, inboundFiling(d, staged), {
      portalReference: portalId,
      vneid: d.TaiKhoanDuocXacThucVoiVNeID === 1,
      submittedAt: new Date(portalTimeToIso(d.NgayNopHoSo)),
      inTransaction: (trx, dossierId) => repo.insertInbound(trx, {
        portal_id: portalId, status: 'registered', dossier_id: dossierId, procedure_code: d.MaTTHC, agency_code: d.MaDonViTiepNhan,
        submitted_at: new Date(portalTimeToIso(d.NgayNopHoSo)), reason: null, errors: null, pulled_at: ctx.clock.now(),
      }),
    });
    return { kind: 'registered', portalId };
  } catch (e) {
    if (isUniqueViolation(e)) return { kind: 'repeated', portalId }; // another process took it over first
    if (e instanceof AppError && e.status < 500) return refuse(ctx, portalId, d, message(e.code, 'vi', e.params), fieldErrors(e));
    throw e; // the database or the file store: the job retries the whole pull
  }
}

async function refuse(ctx: AppContext, portalId: string, raw: unknown, reason: string, errors: FieldError[]): Promise<TakeOver> {
  const r = (raw ?? {}) as { MaTTHC?: unknown; MaDonViTiepNhan?: unknown };
  try {
    await repo.insertInbound(ctx.db, {
      portal_id: portalId, status: 'refused', dossier_id: null,
      procedure_code: typeof r.MaTTHC === 'string' ? r.MaTTHC.slice(0, 60) : null,
      agency_code: typeof r.MaDonViTiepNhan === 'string' ? r.MaDonViTiepNhan.slice(0, 40) : null,
      submitted_at: null, reason, errors, pulled_at: ctx.clock.now(),
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return { kind: 'repeated', portalId };
  }
  return { kind: 'refused', portalId };
}

/**
 * The portal's attachments — base64, or a link (DuongDanTepTin) fetched through the port from the portal's own
 * host — through the file store's checks (size, type by content, screening); a refused file refuses the dossier.
 */
async function stageFiles(ctx: AppContext, d: PortalInboundDossier): Promise<StagedFiles> {
  const staged: StagedFiles = new Map();
  for (const [i, f] of d.TaiLieuNop.entries()) {
    if (!f.NoiDungTep && !f.DuongDanTepTin) continue;
    try {
      const stream = f.NoiDungTep ? Readable.from([Buffer.from(f.NoiDungTep, 'base64')]) : await linkedFile(ctx, f.DuongDanTepTin!, f.TenTepDinhKem, i);
      const file = await uploadStagedBySystem(ctx, NATIONAL_PORTAL_UPLOADER, { stream: stream as Readable, filename: f.TenTepDinhKem }, {
        purpose: 'component', ...(f.MaThanhPhanHoSo ? { componentId: f.MaThanhPhanHoSo } : {}), componentName: f.TenTepDinhKem,
        digitised: true, fromCitizenStore: f.DuocLayTuKhoDMQG === 1,
      });
      staged.set(i, file.id);
    } catch (e) {
      // the client's timeout runs on while a linked file streams in: one that trickles is cut off and refused
      if (f.DuongDanTepTin && !f.NoiDungTep && e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
        const params = { name: f.TenTepDinhKem, reason: 'timed out while streaming' };
        throw portalSyncErrors.PORTAL_FILE_REFUSED(params, { errors: [{ path: `TaiLieuNop.${i}.DuongDanTepTin`, code: 'PORTAL_FILE_REFUSED', message: message('PORTAL_FILE_REFUSED', 'vi', params) }] });
      }
      if (e instanceof AppError && !e.extra.errors) throw new AppError(e.status, e.code, e.params, { errors: [{ path: `TaiLieuNop.${i}`, code: e.code, message: message(e.code, 'vi', e.params) }] });
      throw e;
    }
  }
  return staged;
}

async function linkedFile(ctx: AppContext, url: string, name: string, i: number): Promise<NodeJS.ReadableStream> {
  try {
    return (await ctx.nationalPortal.fetchFile(url)).stream;
  } catch (e) {
    if (!(e instanceof PortalFileRefused)) throw e;
    const params = { name, reason: e.message };
    throw portalSyncErrors.PORTAL_FILE_REFUSED(params, { errors: [{ path: `TaiLieuNop.${i}.DuongDanTepTin`, code: 'PORTAL_FILE_REFUSED', message: message('PORTAL_FILE_REFUSED', 'vi', params) }] });
  }
}

async function acknowledge(ctx: AppContext, portalId: string): Promise<boolean> {
  const row = await repo.inboundById(ctx.db, portalId);
  if (!row || row.acknowledged_at) return false;
  const ack: PortalInboundAck = row.status === 'registered'
    ? { MaHoSoQG: portalId, KetQua: 1 }
    : { MaHoSoQG: portalId, KetQua: 0, LyDo: refusalText(row) };
  try {
    const answer = await ctx.nationalPortal.acknowledgeInbound(ack, { idempotencyKey: `inbound-ack:${portalId}` });
    if (answer.outcome === 'accepted') {
      await repo.markInboundAcknowledged(ctx.db, portalId, ctx.clock.now(), null);
      return true;
    }
    await repo.markInboundAcknowledged(ctx.db, portalId, null, `${answer.code}: ${answer.message}`.slice(0, 1000));
  } catch (e) {
    // unreachable: the next pull acknowledges it again (the portal keeps handing it over until then)
    await repo.markInboundAcknowledged(ctx.db, portalId, null, (e instanceof Error ? e.message : String(e)).slice(0, 1000));
  }
  return false;
}

function refusalText(row: repo.InboundRow): string {
  const errors = Array.isArray(row.errors) ? (row.errors as FieldError[]) : [];
  const detail = errors.slice(0, 5).map((e) => `${e.path}: ${e.message ?? e.messageVi ?? e.code}`).join('; ');
  return [row.reason, detail].filter(Boolean).join(' — ').slice(0, 2000);
}

function fieldErrors(e: AppError): FieldError[] {
  const list = Array.isArray(e.extra.errors) ? (e.extra.errors as FieldError[]) : [];
  return list.slice(0, 20).map((x) => ({ path: x.path, code: x.code, ...(x.message || x.messageVi ? { message: x.message ?? x.messageVi } : { message: message(x.code, 'vi', {}) }) }));
}

function portalIdOf(raw: unknown): string | null {
  const id = (raw as { MaHoSoQG?: unknown } | null)?.MaHoSoQG;
  return typeof id === 'string' && id.trim() && id.length <= 50 ? id.trim() : null;
}
