// Dossiers citizens submitted on the national portal and handed to the province (LayDanhSachHoSoGuiTuDVCQG),
// against the simulated DVCQG over real HTTP: each lands in the receiving desk's online queue (status 1,
// channel 2) with its attachments, the portal is told (XacNhanHoSoGuiTuDVCQG); a record seen again — after a
// lost acknowledgement, or pulled twice — is never filed twice; a record that cannot be filed is refused with
// the reason on the field; and the 18 common procedures of the national catalogue are all taken over.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startSimulatedPortal, type SimulatedPortalServer } from '../../src/platform/ports/national-portal-sim.js';
import type { PortalInboundDossier } from '../../src/platform/ports/national-portal.js';
import { pullInboundDossiers } from '../../src/modules/portal-sync/portal-sync.service.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { COMMUNE_PROC, XA1_TT, startDossierApp } from '../dossiers/fixtures.js';
import { COMMUNE_DESK, PROVINCE_DESK } from '../dossiers/every-procedure.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** The file store's limit in this file (MOTCUA_MAX_FILE_BYTES): linked files above it are refused. */
const LIMIT = 64 * 1024;
let sim: SimulatedPortalServer;
let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  sim = await startSimulatedPortal({ username: 'h56-motcua', password: 'bí-mật-1', systemCode: 'H56' });
  t = await startDossierApp({
    MOTCUA_NATIONAL_PORTAL: 'dvcqg', MOTCUA_DVCQG_URL: sim.url, MOTCUA_DVCQG_USERNAME: 'h56-motcua', MOTCUA_DVCQG_PASSWORD: 'bí-mật-1', MOTCUA_DVCQG_SYSTEM_CODE: 'H56',
    MOTCUA_DVCQG_TIMEOUT_MS: '5000', MOTCUA_MAX_FILE_BYTES: String(LIMIT),
  });
  for (const n of ['demo.tiepnhan', 'demo.xa.tiepnhan', 'demo.admin']) u[n] = await t.login(n);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

let seq = 0;
function handedOver(over: Partial<PortalInboundDossier> = {}): PortalInboundDossier {
  seq++;
  return {
    MaHoSoQG: `G22.99-261123-${String(seq).padStart(4, '0')}`, MaTTHC: COMMUNE_PROC, MaDonViTiepNhan: XA1_TT,
    NgayNopHoSo: '20261122203000', ChuHoSo: 'Nguyễn Thị Bích Ngọc', LoaiDoiTuong: 0, SoGiayToChuHoSo: '038190012345',
    NgaySinh: '19900501', SoDienThoai: '0912345678', Email: 'ngoc@example.vn', DiaChi: '12 Lê Lợi', MaXa: '14797',
    HinhThucNhanKetQua: 0, TaiKhoanDuocXacThucVoiVNeID: 1,
    TaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', NoiDungTep: PDF.toString('base64'), DuocLayTuKhoDMQG: 0 }],
    ...over,
  };
}

const inboundList = async () => (await u['demo.admin']!.get('/api/v1/admin/portal-sync/inbound')).body.items as any[];
const onlineQueue = async (desk: string) => (await u[desk]!.get('/api/v1/dossiers?status=1&pageSize=200')).body.items as any[];

describe('dossiers handed over by the national portal', () => {
  it('land in the receiving desk online queue as status 1, with the file, the portal time and VNeID; the portal is told once', async () => {
    const d = handedOver();
    sim.portal.addInboundDossier(d);
    expect(await pullInboundDossiers(t.ctx)).toEqual({ handedOver: 1, registered: 1, refused: 0, repeated: 0, acknowledged: 1 });
    expect(sim.portal.acknowledged.get(d.MaHoSoQG)).toEqual({ MaHoSoQG: d.MaHoSoQG, KetQua: 1 });

    const row = (await inboundList()).find((r) => r.portalId === d.MaHoSoQG);
    expect(row).toMatchObject({ status: 'registered', procedureCode: COMMUNE_PROC, submittedAt: '2026-11-22T13:30:00.000Z', acknowledgedAt: expect.any(String) });
    const queued = (await onlineQueue('demo.xa.tiepnhan')).find((x) => x.id === row.dossierId);
    expect(queued, 'in the commune desk online queue').toBeTruthy();
    const dossier = (await u['demo.xa.tiepnhan']!.get(`/api/v1/dossiers/${row.dossierId}`)).body;
    expect(dossier).toMatchObject({ channel: 2, nationalStatus: 1, code: null });
    expect(dossier.applicant).toMatchObject({ fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01' });
    const db = await t.ctx.db.selectFrom('dossiers').select(['submitted_assurance', 'citizen_id']).where('id', '=', row.dossierId).executeTakeFirstOrThrow();
    expect(db).toEqual({ submitted_assurance: 'dvcqg:vneid', citizen_id: null });
    const files = (await u['demo.xa.tiepnhan']!.get(`/api/v1/dossiers/${row.dossierId}/files`)).body.items as any[];
    expect(files).toEqual([expect.objectContaining({ name: 'to-khai.pdf', size: PDF.length })]);

    // every exchange is in the log for administrators, personal data masked
    let log: any[] = [];
    for (let i = 0; i < 40 && !log.some((e) => e.request?.service === 'XacNhanHoSoGuiTuDVCQG'); i++) {
      await new Promise((r) => setTimeout(r, 25)); // the log is written after the answer, off the call's path
      log = (await u['demo.admin']!.get('/api/v1/admin/integrations/exchanges?port=nationalPortal')).body.items;
    }
    expect(log.map((e) => e.request?.service ?? e.path)).toEqual(expect.arrayContaining(['LayDanhSachHoSoGuiTuDVCQG', 'XacNhanHoSoGuiTuDVCQG', '/api/auth']));
    expect(log.find((e) => e.request?.service === 'XacNhanHoSoGuiTuDVCQG')).toMatchObject({ status: 200, method: 'POST', response: { error_code: 0 } });
    expect(JSON.stringify(log)).not.toContain('038190012345');
    expect(JSON.stringify(log)).not.toContain('bí-mật-1');
    expect(JSON.stringify(log)).not.toContain(PDF.toString('base64'));
    expect((await u['demo.tiepnhan']!.get('/api/v1/admin/integrations/exchanges')).status).toBe(403);

    // the portal no longer hands it over; a second pull files nothing
    expect(await pullInboundDossiers(t.ctx)).toEqual({ handedOver: 0, registered: 0, refused: 0, repeated: 0, acknowledged: 0 });
  });

  it('a lost acknowledgement: the next pull sees the same record and only acknowledges it again', async () => {
    const d = handedOver();
    sim.portal.addInboundDossier(d);
    sim.down = false;
    // the list answers, then the portal goes down before the acknowledgement
    const original = t.ctx.nationalPortal.acknowledgeInbound.bind(t.ctx.nationalPortal);
    let calls = 0;
    (t.ctx.nationalPortal as any).acknowledgeInbound = async (...a: Parameters<typeof original>) => {
      calls++;
      sim.down = true;
      try { return await original(...a); } finally { sim.down = false; }
    };
    try {
      expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 1, acknowledged: 0 });
    } finally {
      (t.ctx.nationalPortal as any).acknowledgeInbound = original;
    }
    expect(calls).toBe(1);
    expect((await inboundList()).find((r) => r.portalId === d.MaHoSoQG)).toMatchObject({ status: 'registered', acknowledgedAt: null, ackError: expect.stringMatching(/503/) });
    expect(await pullInboundDossiers(t.ctx)).toEqual({ handedOver: 1, registered: 0, refused: 0, repeated: 1, acknowledged: 1 });
    const n = await t.ctx.db.selectFrom('portal_inbound_dossiers').select((e) => e.fn.countAll<string>().as('n')).where('portal_id', '=', d.MaHoSoQG).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const filed = await sql<{ n: string }>`SELECT count(*)::text AS n FROM dossiers WHERE filing->'nationalPortal'->>'reference' = ${d.MaHoSoQG}`.execute(t.ctx.db);
    expect(filed.rows[0]!.n).toBe('1');
  });

  it('two processes pulling at once file the dossier once', async () => {
    const d = handedOver();
    sim.portal.addInboundDossier(d);
    const [a, b] = await Promise.all([pullInboundDossiers(t.ctx), pullInboundDossiers(t.ctx)]);
    expect(a.registered + b.registered).toBe(1);
    expect(a.registered + a.repeated + b.registered + b.repeated).toBe(2);
    const rows = (await inboundList()).filter((r) => r.portalId === d.MaHoSoQG);
    expect(rows).toHaveLength(1);
  });

  it('a record that cannot be filed is refused with the reason on the field, and the portal is told why', async () => {
    const unknown = handedOver({ MaTTHC: '9.999999' });
    const badFile = handedOver({ TaiLieuNop: [{ TenTepDinhKem: 'virus.exe', NoiDungTep: Buffer.from('MZ\x90\x00 not a document').toString('base64'), DuocLayTuKhoDMQG: 0 }] });
    const broken = { MaHoSoQG: 'G22.99-261123-BAD1', MaTTHC: COMMUNE_PROC, MaDonViTiepNhan: XA1_TT, NgayNopHoSo: '2026-11-22' };
    sim.portal.addInboundDossier(unknown);
    sim.portal.addInboundDossier(badFile);
    sim.portal.addInboundDossier(broken as never);
    const before = (await onlineQueue('demo.xa.tiepnhan')).length;
    expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 0, refused: 3, acknowledged: 3 });
    expect((await onlineQueue('demo.xa.tiepnhan')).length).toBe(before);
    const rows = new Map((await inboundList()).map((r) => [r.portalId, r]));
    expect(rows.get(unknown.MaHoSoQG)).toMatchObject({ status: 'refused', dossierId: null, reason: expect.any(String), errors: [expect.objectContaining({ path: 'body.procedureCode' })] });
    expect(rows.get(badFile.MaHoSoQG)).toMatchObject({ status: 'refused', errors: [expect.objectContaining({ path: 'TaiLieuNop.0' })] });
    expect(rows.get(broken.MaHoSoQG).errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['NgayNopHoSo', 'ChuHoSo']));
    const ack = sim.portal.acknowledged.get(unknown.MaHoSoQG)!;
    expect(ack).toMatchObject({ KetQua: 0, LyDo: expect.any(String) });
    expect(ack.LyDo).toContain('body.procedureCode');
    // the refused file was never stored
    const exe = await t.ctx.db.selectFrom('files').select('id').where('uploaded_by', '=', 'system:dvcqg').where('name', 'like', 'virus%').execute();
    expect(exe).toEqual([]);
  });

  it('the exchange log refuses a filter it does not know with 400, the code and the field; nothing else is read', async () => {
    const admin = u['demo.admin']!;
    for (const [q, field] of [['port=payments', 'querystring.port'], ['port=', 'querystring.port'], ['failed=yes', 'querystring.failed'], ['failed=1', 'querystring.failed'], ['failed=', 'querystring.failed']] as const) {
      const r = await admin.get(`/api/v1/admin/integrations/exchanges?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type'), q).toMatch(/application\/problem\+json/);
      expect(r.body, q).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: field })] });
      expect(r.body.items, q).toBeUndefined();
    }
    const vi = await admin.get('/api/v1/admin/integrations/exchanges?port=payments');
    const en = await admin.get('/api/v1/admin/integrations/exchanges?port=payments', { 'accept-language': 'en' });
    expect(vi.body.errors[0].message).toBeTruthy();
    expect(en.body.errors[0].message).toBeTruthy();
    expect(en.body.title ?? en.body.detail).not.toEqual(vi.body.title ?? vi.body.detail);
    // the values it knows still answer
    for (const q of ['port=nationalPortal', 'port=postal&failed=true', 'failed=false']) expect((await admin.get(`/api/v1/admin/integrations/exchanges?${q}`)).status, q).toBe(200);
    const failed = (await admin.get('/api/v1/admin/integrations/exchanges?failed=true')).body.items as any[];
    expect(failed.every((e) => e.status === null || e.status >= 400)).toBe(true);
  });

  it('the administrators see the hand-overs; other officials may not', async () => {
    expect((await u['demo.tiepnhan']!.get('/api/v1/admin/portal-sync/inbound')).status).toBe(403);
    expect((await inboundList()).length).toBeGreaterThanOrEqual(6);
  });
});

describe('files the portal gives only by link (DuongDanTepTin)', () => {
  const link = (path: string, over: Record<string, unknown> = {}) => handedOver({ TaiLieuNop: [{ TenTepDinhKem: 'giay-to.pdf', DuongDanTepTin: path, DuocLayTuKhoDMQG: 0, ...over } as never] });
  const row = async (id: string) => (await inboundList()).find((r) => r.portalId === id);

  it('are fetched from the portal host through the port and kept like an attached file', async () => {
    sim.portal.files.set('/files/hs-1/giay-to.pdf', { bytes: PDF, contentType: 'application/pdf' });
    const d = link(`${sim.url}/files/hs-1/giay-to.pdf`);
    sim.portal.addInboundDossier(d);
    expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 1, refused: 0 });
    const r = await row(d.MaHoSoQG);
    expect(r).toMatchObject({ status: 'registered' });
    const files = (await u['demo.xa.tiepnhan']!.get(`/api/v1/dossiers/${r.dossierId}/files`)).body.items as any[];
    expect(files).toEqual([expect.objectContaining({ name: 'giay-to.pdf', size: PDF.length })]);
    const dossier = (await u['demo.xa.tiepnhan']!.get(`/api/v1/dossiers/${r.dossierId}`)).body;
    expect(String(dossier.filing.note ?? '')).not.toContain('/files/hs-1');
    // the GET went through the client with its session, and is in the exchange log
    expect(sim.requests.some((q) => q.path === '/files/hs-1/giay-to.pdf' && q.headers.session)).toBe(true);
  });

  it('refuses, on the field, a link to another host (never asked), a missing file, a file of the wrong type, one too large, one too slow', async () => {
    let elsewhere = 0;
    const other = createServer((_q, res) => { elsewhere++; res.writeHead(200, { 'content-type': 'application/pdf' }); res.end(PDF); });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      sim.portal.files.set('/files/virus.exe', { bytes: Buffer.from('MZ\x90\x00 not a document'), contentType: 'application/pdf' });
      sim.portal.files.set('/files/big.pdf', { bytes: Buffer.concat([PDF, Buffer.alloc(LIMIT * 2, 0x20)]), contentType: 'application/pdf' });
      sim.portal.files.set('/files/slow.pdf', { bytes: PDF, contentType: 'application/pdf' });
      const cases = {
        otherHost: link(`http://127.0.0.1:${(other.address() as AddressInfo).port}/files/x.pdf`),
        notAUrlHost: link('file:///etc/passwd'),
        missing: link(`${sim.url}/files/khong-co.pdf`),
        wrongType: link(`${sim.url}/files/virus.exe`, { TenTepDinhKem: 'virus.exe' }),
        tooLarge: link(`${sim.url}/files/big.pdf`),
      };
      for (const d of Object.values(cases)) sim.portal.addInboundDossier(d);
      expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 0, refused: 5 });
      sim.fileDelayMs = 7000; // longer than the client's 5 s timeout
      const slow = link(`${sim.url}/files/slow.pdf`);
      sim.portal.addInboundDossier(slow);
      try { expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 0, refused: 1 }); } finally { sim.fileDelayMs = 0; }
      const paths = async (id: string) => ((await row(id)).errors as any[]).map((e) => `${e.path} ${e.code}`);
      expect(await paths(cases.otherHost.MaHoSoQG)).toEqual(['TaiLieuNop.0.DuongDanTepTin PORTAL_FILE_REFUSED']);
      expect(await paths(cases.notAUrlHost.MaHoSoQG)).toEqual(['TaiLieuNop.0.DuongDanTepTin PORTAL_FILE_REFUSED']);
      expect(await paths(cases.missing.MaHoSoQG)).toEqual(['TaiLieuNop.0.DuongDanTepTin PORTAL_FILE_REFUSED']);
      expect((await row(cases.missing.MaHoSoQG)).reason).toContain('HTTP 404');
      expect((await paths(cases.wrongType.MaHoSoQG))[0]).toMatch(/^TaiLieuNop\.0 /);
      expect((await paths(cases.tooLarge.MaHoSoQG))[0]).toMatch(/^TaiLieuNop\.0 /);
      expect(await paths(slow.MaHoSoQG)).toEqual(['TaiLieuNop.0.DuongDanTepTin PORTAL_FILE_REFUSED']);
      expect(elsewhere, 'no request to a host the record names').toBe(0);
      expect(sim.portal.acknowledged.get(cases.otherHost.MaHoSoQG)).toMatchObject({ KetQua: 0, LyDo: expect.stringContaining('TaiLieuNop.0.DuongDanTepTin') });
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('a portal that cannot serve the file now: the record waits for the next pull, then is filed', async () => {
    sim.portal.files.set('/files/later.pdf', { bytes: PDF, contentType: 'application/pdf' });
    const d = link(`${sim.url}/files/later.pdf`);
    sim.portal.addInboundDossier(d);
    const original = t.ctx.nationalPortal.fetchFile.bind(t.ctx.nationalPortal);
    (t.ctx.nationalPortal as any).fetchFile = async (url: string) => { sim.down = true; try { return await original(url); } finally { sim.down = false; } };
    try {
      expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 0, refused: 0, acknowledged: 0 });
    } finally {
      (t.ctx.nationalPortal as any).fetchFile = original;
    }
    expect(await row(d.MaHoSoQG)).toBeUndefined();
    expect(await pullInboundDossiers(t.ctx)).toMatchObject({ registered: 1 });
  });
});

describe('the 18 common procedures of the national catalogue, filed on the portal', () => {
  it('are each taken over into a desk online queue with the catalogue components of their first case', async () => {
    const common = JSON.parse(readFileSync(new URL('../../../shared/data/tthc/tthc_sample_18_common.json', import.meta.url), 'utf8')) as { ma_thu_tuc: string; cap_thuc_hien?: string }[];
    const refused: string[] = [];
    for (const p of common) {
      const desk = u['demo.tiepnhan']!;
      const detail = await desk.get(`/api/v1/procedures/${p.ma_thu_tuc}`);
      if (detail.status !== 200) { refused.push(`${p.ma_thu_tuc}: not in the catalogue (${detail.status})`); continue; }
      const first = detail.body.cases[0] as { key: string; components: { id: string }[] } | undefined;
      // the desk of the level that receives it: the commune's when the commune is competent
      let deskCode = PROVINCE_DESK.code;
      let competent: string | undefined;
      for (const spec of [COMMUNE_DESK, PROVINCE_DESK]) {
        const comp = await desk.get(`/api/v1/procedures/${p.ma_thu_tuc}/competence?desk=${spec.code}`);
        if (comp.status === 200 && comp.body.candidates.length > 0) { deskCode = spec.code; competent = comp.body.candidates[0].code; break; }
      }
      const d = handedOver({
        MaTTHC: p.ma_thu_tuc, MaDonViTiepNhan: deskCode, ...(competent ? { MaDonViXuLy: competent } : {}), ...(first ? { MaTruongHop: first.key } : {}),
        TaiLieuNop: (first?.components ?? []).map((c, i) => ({ TenTepDinhKem: `tp-${i + 1}.pdf`, MaThanhPhanHoSo: c.id, NoiDungTep: PDF.toString('base64'), DuocLayTuKhoDMQG: 0 as const })),
      });
      sim.portal.addInboundDossier(d);
      await pullInboundDossiers(t.ctx);
      const row = (await inboundList()).find((r) => r.portalId === d.MaHoSoQG);
      if (row?.status !== 'registered') refused.push(`${p.ma_thu_tuc}: ${row?.reason} ${JSON.stringify(row?.errors ?? []).slice(0, 200)}`);
    }
    expect(refused).toEqual([]);
  });
});
