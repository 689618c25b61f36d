// The DVCQG client's contract, once per configuration a province may use: straight to the DVCQG adapter, and
// through an LGSP that renames the paths and headers (token endpoint, `Authorization: Bearer …`, its own
// system-code header). Each runs the same exchange against the simulated portal over real HTTP: login,
// DongBoHoSoMC accepted, the same call again accepted without effect, an older one refused with the portal's
// code, a progress line, a stale session renewed, the questions service; and the recorded exchanges mask
// personal data and secrets.
import { afterAll, describe, expect, it } from 'vitest';
import { NationalPortalHttpClient, maskPersonalData, type NationalPortalHttpOptions } from '../../src/platform/ports/national-portal-http.js';
import { startSimulatedPortal, type SimulatedPortalServer } from '../../src/platform/ports/national-portal-sim.js';
import type { DongBoHoSoMC } from '../../src/platform/ports/national-portal.js';

const CONFIGURATIONS: { name: string; o: Omit<NationalPortalHttpOptions, 'baseUrl'> }[] = [
  { name: 'DVCQG adapter (direct)', o: { username: 'h56', password: 'mk-1', systemCode: 'H56', authPath: '/api/auth', servicePath: '/api/service', systemCodeHeader: 'dstcode', sessionHeader: 'session', sessionPrefix: '', timeoutMs: 5000 } },
  { name: 'LGSP Thanh Hóa style', o: { username: 'motcua', password: 'mk-2', systemCode: 'THA-MCDT', authPath: '/lgsp/token', servicePath: '/lgsp/dvcqg/v1', systemCodeHeader: 'X-System-Code', sessionHeader: 'Authorization', sessionPrefix: 'Bearer ', timeoutMs: 5000 } },
];

const dossier = (order: number, status: number): DongBoHoSoMC => ({
  SoThuTuDongBo: order, MaHoSo: '000.00.01.H56-261123-0001', MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', KenhThucHien: 1,
  ChuHoSo: 'Nguyễn Thị Bích Ngọc', LoaiDoiTuong: 0, SoGiayToChuHoSo: '038190012345', SoDienThoai: '0912345678', Email: 'ngoc@example.vn',
  TrichYeuHoSo: 'Đăng ký khai sinh — Nguyễn Thị Bích Ngọc', NgayNopHoSo: '20261123090000', NgayTiepNhan: '20261123090000', TrangThaiHoSo: status,
  HinhThuc: 0, DonViXuLy: '000.11.00.H56', NoiNopHoSo: '000.11.01.H56', HoSoCoThanhPhanSoHoa: 0, TaiKhoanDuocXacThucVoiVNeID: 0, DuocThanhToanTrucTuyen: 0,
  TaiLieuNop: [], DanhSachLePhi: [], DanhSachHoSoBoSung: [], DanhSachGiayToKetQua: [], DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '038190012345' }],
});

const servers: SimulatedPortalServer[] = [];
afterAll(async () => { await Promise.all(servers.map((s) => s.close())); });

describe.each(CONFIGURATIONS)('national-portal client contract: $name', ({ o }) => {
  it('login, accept, idempotent repeat, refused regression, progress, session renewal, questions, masked log', async () => {
    const sim = await startSimulatedPortal({ ...o, systemCodeHeader: o.systemCodeHeader, sessionHeader: o.sessionHeader, sessionPrefix: o.sessionPrefix });
    servers.push(sim);
    const c = new NationalPortalHttpClient({ ...o, baseUrl: sim.url });
    const key = { idempotencyKey: 'k' };
    expect(await c.send({ service: 'DongBoHoSoMC', data: dossier(1, 2) }, key)).toEqual({ outcome: 'accepted', ref: '000.00.01.H56-261123-0001#1' });
    expect(await c.send({ service: 'DongBoHoSoMC', data: dossier(3, 4) }, key)).toMatchObject({ outcome: 'accepted' });
    expect(await c.send({ service: 'DongBoHoSoMC', data: dossier(3, 4) }, key)).toMatchObject({ outcome: 'accepted' });
    expect(await c.send({ service: 'DongBoHoSoMC', data: dossier(2, 2) }, key)).toMatchObject({ outcome: 'rejected', code: '-3' });
    const line = { SoThuTuDongBo: 4, MaHoSo: '000.00.01.H56-261123-0001', NguoiXuLy: 'Trần Văn Bình', ThoiDiemXuLy: '20261123100000', PhongBanXuLy: 'Công chức tư pháp - hộ tịch', NoiDungXuLy: 'Nhận xử lý', TrangThai: 4 };
    expect(await c.send({ service: 'CapNhatTienDoHoSoMC', data: line }, key)).toMatchObject({ outcome: 'accepted' });
    expect(sim.portal.dossiers.get('000.00.01.H56-261123-0001')!.applied.map((a) => a.order)).toEqual([1, 3, 4]);
    // a payload the portal's schema refuses comes back with its code and the field
    expect(await c.send({ service: 'DongBoHoSoMC', data: { ...dossier(5, 4), NgayNopHoSo: '23/11/2026' } }, key)).toMatchObject({ outcome: 'rejected', code: '-1', message: expect.stringContaining('NgayNopHoSo') });
    // headers as configured: one login, then the session under the configured header and prefix
    const logins = sim.requests.filter((r) => r.path === o.authPath);
    expect(logins).toHaveLength(1);
    expect(logins[0]!.headers.dstcode).toBe(o.systemCode);
    expect(sim.requests.filter((r) => r.path === o.servicePath).every((r) => r.headers.session?.startsWith(o.sessionPrefix))).toBe(true);
    // the portal forgets the session: the client logs in again once and carries on
    const fresh = new NationalPortalHttpClient({ ...o, baseUrl: sim.url });
    (fresh as unknown as { session: string }).session = 'expired';
    sim.portal.addQuestion({ ID: 'Q1', HOVATEN: 'Lê Văn Nam', NOIDUNG: 'Hỏi về lệ phí', SODIENTHOAI: '0912000111' });
    expect((await fresh.listQuestions()).map((q) => q.ID)).toEqual(['Q1']);
    expect(await fresh.sendAnswer({ ID: 'Q1', NOIDUNGTRALOI: 'Miễn lệ phí' }, key)).toMatchObject({ outcome: 'accepted' });
    expect(await fresh.listQuestions()).toEqual([]);
    // the exchanges recorded: no ID number, phone, e-mail, name, password or session in clear
    const log = JSON.stringify([...c.exchanges, ...fresh.exchanges]);
    for (const secret of ['038190012345', '0912345678', 'ngoc@example.vn', 'Nguyễn Thị Bích Ngọc', 'Trần Văn Bình', o.password, '0912000111', 'Lê Văn Nam']) expect(log).not.toContain(secret);
    expect(log).toContain('DongBoHoSoMC');
    // the portal down: a PortalUnavailable the sync retries
    sim.down = true;
    await expect(c.send({ service: 'DongBoHoSoMC', data: dossier(6, 4) }, key)).rejects.toThrow(/HTTP 503/);
  });
});

describe('masking', () => {
  it('replaces personal fields at any depth and keeps the rest', () => {
    expect(maskPersonalData({ MaHoSo: 'X', ChuHoSo: 'Nguyễn Văn An', DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '038190012345' }], n: 3 }))
      .toEqual({ MaHoSo: 'X', ChuHoSo: 'N***********n', DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '0**********5' }], n: 3 });
  });
});
