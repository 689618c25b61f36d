import { describe, expect, it } from 'vitest';
import { PortalInboundDossier } from '../../platform/ports/national-portal.js';
import { inboundFiling, portalTimeToIso } from './inbound-filing.js';

const base = PortalInboundDossier.parse({
  MaHoSoQG: 'G22-1', MaTTHC: '1.001193', MaDonViTiepNhan: '000.11.01.H56', NgayNopHoSo: '20261231233000',
  ChuHoSo: 'Trần Văn An', SoGiayToChuHoSo: '001090000001', NgaySinh: '19900105', DiaChi: '5 Trần Phú', MaXa: '14797',
  TaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', MaThanhPhanHoSo: 'c1', NoiDungTep: 'JVBE' }, { TenTepDinhKem: 'Ảnh giấy tờ', DuongDanTepTin: 'https://dichvucong.gov.vn/f/1' }],
});

describe('a dossier handed over by the national portal, as an online filing', () => {
  it('reads the portal time as Vietnam time, across the new year', () => {
    expect(portalTimeToIso('20261231233000')).toBe('2026-12-31T23:30:00+07:00');
    expect(new Date(portalTimeToIso('20261231233000')).toISOString()).toBe('2026-12-31T16:30:00.000Z');
  });
  it('maps the applicant, the birth date, the address and the components; a file known only by its link goes in the note', () => {
    const f = inboundFiling(base, new Map([[0, 'file-0']]));
    expect(f.applicant).toEqual({ kind: 'individual', fullName: 'Trần Văn An', idNumber: '001090000001', birthDate: '1990-01-05', address: { line: '5 Trần Phú', communeCode: '14797' } });
    expect(f.components).toEqual([
      { componentId: 'c1', provided: true, form: 'copy', copies: 1, fileId: 'file-0' },
      { name: 'Ảnh giấy tờ', provided: true, form: 'copy', copies: 1 },
    ]);
    expect(f.note).toContain('https://dichvucong.gov.vn/f/1');
    expect(f.delivery).toEqual({ method: 'counter' });
  });
  it('an organisation with its tax code; the result by post to the address; no address without a commune', () => {
    const f = inboundFiling({ ...base, LoaiDoiTuong: 1, TenToChuc: 'Công ty TNHH An Phát', MaSoThue: '0101234567', HinhThucNhanKetQua: 1 }, new Map());
    expect(f.applicant).toMatchObject({ kind: 'organisation', organisation: { name: 'Công ty TNHH An Phát', taxCode: '0101234567' } });
    expect(f.delivery).toEqual({ method: 'post', address: { line: '5 Trần Phú', communeCode: '14797' } });
    expect(inboundFiling({ ...base, MaXa: undefined }, new Map()).applicant.address).toBeUndefined();
  });
});
