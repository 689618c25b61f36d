// The DVCQG client's contract, once per province configuration (src/platform/ports/lgsp-profiles/*.json: straight
// to the DVCQG adapter, or through an LGSP that renames the token endpoint, the header names, the token
// request's fields and answer, and the services). Each runs the same exchange against a local simulated portal
// configured like that gateway, over real HTTP: login (the configured fields, the system-code header), DongBoHoSoMC
// accepted, the same call again accepted without effect, an older one refused with the portal's code, a progress
// line, a stale session renewed, the questions and inbound services — every service under the gateway's own
// name and the session under the configured header and prefix; the recorded exchanges mask personal data and
// secrets. The configuration is also what MOTCUA_DVCQG_PROFILE loads.
import { afterAll, describe, expect, it } from 'vitest';
import { NationalPortalHttpClient, maskPersonalData, type NationalPortalHttpOptions } from '../../src/platform/ports/national-portal-http.js';
import { startSimulatedPortal, type SimulatedPortalServer } from '../../src/platform/ports/national-portal-sim.js';
import type { DongBoHoSoMC } from '../../src/platform/ports/national-portal.js';
import { lgspProfiles, SERVICE_NAMES } from '../../src/platform/ports/lgsp-profiles.js';
import { ConfigError, loadConfig, profileSettings } from '../../src/platform/config.js';

const PROFILES = [...lgspProfiles()];
const CONFIGURATIONS: { name: string; file: string; o: Omit<NationalPortalHttpOptions, 'baseUrl'> }[] = PROFILES.map(([file, p], i) => ({
  name: p.name, file, o: { username: `motcua-${i}`, password: `mk-${i}-bí-mật`, systemCode: `H56-${file.toUpperCase()}`, timeoutMs: 5000, ...profileSettings(p) },
}));

const dossier = (order: number, status: number): DongBoHoSoMC => ({
  SoThuTuDongBo: order, MaHoSo: '000.00.01.H56-261123-0001', MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', KenhThucHien: 1,
  ChuHoSo: 'Nguyễn Thị Bích Ngọc', LoaiDoiTuong: 0, SoGiayToChuHoSo: '038190012345', SoDienThoai: '0912345678', Email: 'ngoc@example.vn',
  TrichYeuHoSo: 'Đăng ký khai sinh — Nguyễn Thị Bích Ngọc', NgayNopHoSo: '20261123090000', NgayTiepNhan: '20261123090000', TrangThaiHoSo: status,
  HinhThuc: 0, DonViXuLy: '000.11.00.H56', NoiNopHoSo: '000.11.01.H56', HoSoCoThanhPhanSoHoa: 0, TaiKhoanDuocXacThucVoiVNeID: 0, DuocThanhToanTrucTuyen: 0,
  TaiLieuNop: [], DanhSachLePhi: [], DanhSachHoSoBoSung: [], DanhSachGiayToKetQua: [], DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '038190012345' }],
});

const servers: SimulatedPortalServer[] = [];
afterAll(async () => { await Promise.all(servers.map((s) => s.close())); });

describe('province configurations', () => {
  it('are there: the direct DVCQG adapter and at least two LGSP layouts', () => {
    expect(PROFILES.map(([f]) => f)).toEqual(expect.arrayContaining(['dvcqg-direct', 'thanh-hoa', 'client-credentials']));
  });
  it('MOTCUA_DVCQG_PROFILE loads one; an unknown one stops the start naming the variable', () => {
    const base = { MOTCUA_NATIONAL_PORTAL: 'dvcqg', MOTCUA_DVCQG_URL: 'http://127.0.0.1:9', MOTCUA_DVCQG_USERNAME: 'u', MOTCUA_DVCQG_PASSWORD: 'p', MOTCUA_DVCQG_SYSTEM_CODE: 'H56' };
    const c = loadConfig({ ...base, MOTCUA_DVCQG_PROFILE: 'client-credentials' });
    expect(c.dvcqg).toMatchObject({ authPath: '/gateway/oauth/token', sessionHeader: 'access_token', tokenAnswer: 'access_token', tokenRequest: { username: 'client_id', password: 'client_secret' } });
    expect(() => loadConfig({ ...base, MOTCUA_DVCQG_PROFILE: 'atlantis' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, MOTCUA_DVCQG_PROFILE: 'atlantis' })).toThrow(/MOTCUA_DVCQG_PROFILE/);
  });
});

describe.each(CONFIGURATIONS)('national-portal client contract: $file ($name)', ({ o }) => {
  it('login, accept, idempotent repeat, refused regression, progress, session renewal, questions, inbound, masked log', async () => {
    const sim = await startSimulatedPortal({ ...o });
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
    // headers as configured: one login with the configured credential fields, then the session under the configured header and prefix
    const logins = sim.requests.filter((r) => r.path === o.authPath);
    expect(logins).toHaveLength(1);
    expect(logins[0]!.headers.dstcode).toBe(o.systemCode);
    expect(Object.keys(logins[0]!.body as object).sort()).toEqual([o.tokenRequest!.username, o.tokenRequest!.password].sort());
    // every service under the gateway's own name (the mapping), never the DVCQG name it renames
    const wireNames = sim.requests.filter((r) => r.path === o.servicePath).map((r) => (r.body as { service: string }).service);
    expect(new Set(wireNames)).toEqual(new Set([o.services?.DongBoHoSoMC ?? 'DongBoHoSoMC', o.services?.CapNhatTienDoHoSoMC ?? 'CapNhatTienDoHoSoMC']));
    expect(sim.requests.filter((r) => r.path === o.servicePath).every((r) => r.headers.session?.startsWith(o.sessionPrefix))).toBe(true);
    // the portal forgets the session: the client logs in again once and carries on
    const fresh = new NationalPortalHttpClient({ ...o, baseUrl: sim.url });
    (fresh as unknown as { session: string }).session = 'expired';
    sim.portal.addQuestion({ ID: 'Q1', HOVATEN: 'Lê Văn Nam', NOIDUNG: 'Hỏi về lệ phí', SODIENTHOAI: '0912000111' });
    expect((await fresh.listQuestions()).map((q) => q.ID)).toEqual(['Q1']);
    expect(await fresh.sendAnswer({ ID: 'Q1', NOIDUNGTRALOI: 'Miễn lệ phí' }, key)).toMatchObject({ outcome: 'accepted' });
    expect(await fresh.listQuestions()).toEqual([]);
    expect(await fresh.listInboundDossiers()).toEqual([]);
    expect(await fresh.acknowledgeInbound({ MaHoSoQG: 'G22-X', KetQua: 1 }, key)).toMatchObject({ outcome: expect.any(String) });
    const freshNames = new Set(sim.requests.filter((r) => r.path === o.servicePath).map((r) => (r.body as { service: string }).service));
    for (const svc of SERVICE_NAMES) expect(freshNames.has(o.services?.[svc] ?? svc), svc).toBe(true);
    for (const [dvcqg, lgsp] of Object.entries(o.services ?? {})) if (lgsp !== dvcqg) expect(freshNames.has(dvcqg), `${dvcqg} sent under its DVCQG name`).toBe(false);
    // the exchanges recorded: no ID number, phone, e-mail, name, password or session in clear
    const log = JSON.stringify([...c.exchanges, ...fresh.exchanges]);
    for (const secret of ['038190012345', '0912345678', 'ngoc@example.vn', 'Nguyễn Thị Bích Ngọc', 'Trần Văn Bình', o.password, '0912000111', 'Lê Văn Nam']) expect(log).not.toContain(secret);
    expect(log).toContain(o.services?.DongBoHoSoMC ?? 'DongBoHoSoMC');
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
