// A dossier handed over by the national portal, as this province's online filing (pure): the applicant
// from ChuHoSo and its identifiers, the case, the components from TaiLieuNop (a file's MaThanhPhanHoSo names
// the catalogue component; a file without one is a free component under its own name), the way the result
// goes back (HinhThucNhanKetQua) and the time it was filed on the portal (NgayNopHoSo, Vietnam time).
import type { OnlineFiling } from '../dossiers/dossiers.service.js';
import type { PortalInboundDossier } from '../../platform/ports/national-portal.js';

/** A component's file once staged (its id in the file store), by its position in TaiLieuNop. */
export type StagedFiles = Map<number, string>;

export function inboundFiling(d: PortalInboundDossier, staged: StagedFiles): OnlineFiling {
  const address = d.DiaChi && d.MaXa ? { line: d.DiaChi, communeCode: d.MaXa } : undefined;
  const organisation = d.LoaiDoiTuong !== 0 && d.TenToChuc ? { name: d.TenToChuc, ...(d.MaSoThue ? { taxCode: d.MaSoThue } : {}) } : undefined;
  // a linked file is fetched and staged like an attached one (pull-inbound-dossiers.ts); one that was not stays listed
  const links = d.TaiLieuNop.filter((f, i) => !f.NoiDungTep && f.DuongDanTepTin && !staged.has(i)).map((f) => `${f.TenTepDinhKem}: ${f.DuongDanTepTin}`);
  return {
    procedureCode: d.MaTTHC,
    receivingAgencyCode: d.MaDonViTiepNhan,
    ...(d.MaDonViXuLy ? { competentAgencyCode: d.MaDonViXuLy } : {}),
    ...(d.MaTruongHop ? { caseKey: d.MaTruongHop } : {}),
    applicant: {
      kind: organisation ? 'organisation' : 'individual',
      fullName: d.ChuHoSo,
      ...(d.SoGiayToChuHoSo ? { idNumber: d.SoGiayToChuHoSo } : {}),
      ...(d.NgaySinh ? { birthDate: `${d.NgaySinh.slice(0, 4)}-${d.NgaySinh.slice(4, 6)}-${d.NgaySinh.slice(6, 8)}` } : {}),
      ...(organisation ? { organisation } : {}),
      ...(d.SoDienThoai ? { phone: d.SoDienThoai } : {}),
      ...(d.Email ? { email: d.Email } : {}),
      ...(address ? { address } : {}),
    },
    components: d.TaiLieuNop.map((f, i) => ({
      ...(f.MaThanhPhanHoSo ? { componentId: f.MaThanhPhanHoSo } : { name: f.TenTepDinhKem }),
      provided: true,
      form: 'copy' as const,
      copies: 1,
      ...(staged.has(i) ? { fileId: staged.get(i)! } : {}),
    })),
    delivery: d.HinhThucNhanKetQua === 1 ? { method: 'post', ...(address ? { address } : {}) } : { method: d.HinhThucNhanKetQua === 2 ? 'online' : 'counter' },
    submittedAt: portalTimeToIso(d.NgayNopHoSo),
    ...(links.length || d.TrichYeuHoSo ? { note: [d.TrichYeuHoSo, links.length ? `Tệp tại Cổng DVCQG: ${links.join('; ')}` : null].filter(Boolean).join('\n').slice(0, 2000) } : {}),
  };
}

/** yyyyMMddHHmmss in Vietnam time (UTC+7, no daylight saving) → ISO 8601 with the offset. */
export function portalTimeToIso(t: string): string {
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}+07:00`;
}
