// The DVCQG's payloads in its own field names (domain-vn.md §5.4–5.5), shared by the adapters and the
// simulated portal. Pure schemas, no I/O.
import { z } from 'zod';

/** The portal's date-time: yyyyMMddHHmmss in Vietnam time. */
export const PortalDateTime = z.string().regex(/^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/, 'yyyyMMddHHmmss');

const Text = (max: number) => z.string().trim().min(1).max(max);

export const PortalDocument = z.object({
  TenTepDinhKem: Text(500),
  MaThanhPhanHoSo: z.string().max(100).optional(),
  DuocSoHoa: z.union([z.literal(0), z.literal(1)]),
  DuocTaiSuDung: z.union([z.literal(0), z.literal(1)]),
  DuocLayTuKhoDMQG: z.union([z.literal(0), z.literal(1)]),
  /** LoaiBan: 0 original, 1 copy, 2 electronic. */
  LoaiBan: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  SoLuong: z.number().int().min(0).max(999),
});

export const PortalFee = z.object({
  TenPhiLePhi: Text(500),
  /** HinhThucThu: 1 at the desk, 2 online. */
  HinhThucThu: z.union([z.literal(1), z.literal(2)]),
  Gia: z.number().int().min(0),
  /** LoaiPhiLePhi: 1 fee (phí), 2 charge (lệ phí). */
  LoaiPhiLePhi: z.union([z.literal(1), z.literal(2)]),
});

export const PortalSupplement = z.object({
  NguoiYeuCauBoSung: Text(200),
  NoiDungBoSung: Text(4000),
  NgayBoSung: PortalDateTime,
  NgayTiepNhanBoSung: PortalDateTime.optional(),
  NgayHenTraTruoc: PortalDateTime.optional(),
  NgayHenTraMoi: PortalDateTime.optional(),
});

export const PortalResultDocument = z.object({
  TenGiayTo: Text(500),
  MaGiayToKetQua: z.string().max(100).optional(),
  DuongDanTepTinKetQua: z.string().max(1000).optional(),
});

/** DongBoHoSoMC: the dossier as the portal shows it. */
export const DongBoHoSoMC = z.object({
  SoThuTuDongBo: z.number().int().min(1),
  MaHoSo: Text(50),
  MaTTHC: z.string().regex(/^\d+\.\d{6}(\.\d{3}\.[A-Z0-9.]+)?$/, 'mã TTHC (1.001193)'),
  TenTTHC: Text(2000),
  MaLinhVuc: z.string().max(100).optional(),
  TenLinhVuc: z.string().max(500).optional(),
  /** KenhThucHien: 1 in person, 2 online, 3 postal service. */
  KenhThucHien: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  ChuHoSo: Text(300),
  /** LoaiDoiTuong: 0 citizen, 1 business, 2 household business. */
  LoaiDoiTuong: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  SoGiayToChuHoSo: z.string().max(50).optional(),
  SoDienThoai: z.string().max(20).optional(),
  Email: z.string().max(200).optional(),
  DiaChi: z.string().max(1000).optional(),
  TrichYeuHoSo: Text(2000),
  NgayNopHoSo: PortalDateTime,
  NgayTiepNhan: PortalDateTime.optional(),
  NgayHenTra: PortalDateTime.optional(),
  TrangThaiHoSo: z.number().int().min(1).max(10),
  NgayKetThucXuLy: PortalDateTime.optional(),
  NgayTra: PortalDateTime.optional(),
  NgayTuChoi: PortalDateTime.optional(),
  /** HinhThuc (of the return): 0 at the desk, 1 by post, 2 online. */
  HinhThuc: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  DonViXuLy: Text(50),
  NoiNopHoSo: Text(50),
  HoSoCoThanhPhanSoHoa: z.union([z.literal(0), z.literal(1)]),
  TaiKhoanDuocXacThucVoiVNeID: z.union([z.literal(0), z.literal(1)]),
  /** 0 not paid online, 1 paid on the DVCQG, 2 paid through the province's gateway. */
  DuocThanhToanTrucTuyen: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  GhiChu: z.string().max(4000).optional(),
  TaiLieuNop: z.array(PortalDocument),
  DanhSachLePhi: z.array(PortalFee),
  DanhSachHoSoBoSung: z.array(PortalSupplement),
  DanhSachGiayToKetQua: z.array(PortalResultDocument),
  DinhDanhCHS: z.array(z.object({ LoaiDinhDanh: z.union([z.literal(1), z.literal(2), z.literal(3)]), SoDinhDanh: Text(50) })),
});
export type DongBoHoSoMC = z.infer<typeof DongBoHoSoMC>;

/** CapNhatTienDoHoSoMC: one progress line (a step moved, a handler acted). */
export const CapNhatTienDoHoSoMC = z.object({
  SoThuTuDongBo: z.number().int().min(1),
  MaHoSo: Text(50),
  NguoiXuLy: Text(200),
  ChucDanh: z.string().max(200).optional(),
  ThoiDiemXuLy: PortalDateTime,
  PhongBanXuLy: Text(300),
  NoiDungXuLy: Text(4000),
  TrangThai: z.number().int().min(1).max(10),
  NgayBatDau: PortalDateTime.optional(),
  NgayKetThucTheoQuyDinh: PortalDateTime.optional(),
});
export type CapNhatTienDoHoSoMC = z.infer<typeof CapNhatTienDoHoSoMC>;

export const PortalCall = z.discriminatedUnion('service', [
  z.object({ service: z.literal('DongBoHoSoMC'), data: DongBoHoSoMC }),
  z.object({ service: z.literal('CapNhatTienDoHoSoMC'), data: CapNhatTienDoHoSoMC }),
]);
export type PortalCall = z.infer<typeof PortalCall>;

/** The portal answered: accepted (its reference), or refused the payload with its error code and reason. */
export type PortalAnswer = { outcome: 'accepted'; ref: string } | { outcome: 'rejected'; code: string; message: string };

/** A question a citizen sent on the portal (LayDanhSachHoiDapGuiTuDVCQG). */
export const PortalQuestion = z.object({
  ID: z.string().min(1),
  MALINHVUC: z.string().optional(),
  MADONVI: z.string().optional(),
  MATTHCDP: z.string().optional(),
  HOVATEN: z.string().min(1),
  THUDIENTU: z.string().optional(),
  SODIENTHOAI: z.string().optional(),
  NOIDUNG: z.string().min(1),
});
export type PortalQuestion = z.infer<typeof PortalQuestion>;

/**
 * A dossier a citizen submitted on the national portal for a procedure of this province, handed over for
 * reception (LayDanhSachHoSoGuiTuDVCQG). The portal's own layout for this exchange is not published with
 * the DongBoHoSoMC set; the fields below use the names of DongBoHoSoMC where they exist (MaTTHC, ChuHoSo,
 * SoGiayToChuHoSo, NgayNopHoSo, TaiLieuNop…) and the service names are settings of the adapter, so a
 * province's LGSP contract can be followed without code changes (integrations-vn.md §2.1).
 */
export const PortalInboundFile = z.object({
  TenTepDinhKem: Text(500),
  /** The catalogue component (thành phần hồ sơ) the file is for, when the portal knows it. */
  MaThanhPhanHoSo: z.string().max(100).optional(),
  /** The file's bytes, base64 (the portal's attachment; large files come by DuongDanTepTin instead). */
  NoiDungTep: z.string().max(30_000_000).optional(),
  DuongDanTepTin: z.string().max(1000).optional(),
  DuocLayTuKhoDMQG: z.union([z.literal(0), z.literal(1)]).default(0),
});

export const PortalInboundDossier = z.object({
  /** The portal's reference of the submission (unique on the portal). */
  MaHoSoQG: Text(50),
  MaTTHC: Text(60),
  /** The receiving agency's code in this province's system (the desk that receives it). */
  MaDonViTiepNhan: Text(40),
  /** The competent agency (đơn vị xử lý), when the citizen chose it on the portal among several. */
  MaDonViXuLy: z.string().max(40).optional(),
  /** The catalogue case (trường hợp), when the portal's form asked for it. */
  MaTruongHop: z.string().max(20).optional(),
  NgayNopHoSo: PortalDateTime,
  ChuHoSo: Text(300),
  LoaiDoiTuong: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  SoGiayToChuHoSo: z.string().max(50).optional(),
  NgaySinh: z.string().regex(/^\d{8}$/, 'yyyyMMdd').optional(),
  SoDienThoai: z.string().max(20).optional(),
  Email: z.string().max(200).optional(),
  DiaChi: z.string().max(1000).optional(),
  /** Current-generation commune code of the address (two-tier units). */
  MaXa: z.string().regex(/^\d{5}$/).optional(),
  TenToChuc: z.string().max(300).optional(),
  MaSoThue: z.string().max(20).optional(),
  TrichYeuHoSo: z.string().max(2000).optional(),
  /** HinhThucNhanKetQua: 0 at the desk, 1 by post, 2 online. */
  HinhThucNhanKetQua: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  TaiKhoanDuocXacThucVoiVNeID: z.union([z.literal(0), z.literal(1)]).default(0),
  TaiLieuNop: z.array(PortalInboundFile).max(100).default([]),
});
export type PortalInboundDossier = z.infer<typeof PortalInboundDossier>;

/** The province's answer about one handed-over dossier: registered in its desk's queue, or refused with a reason. */
export interface PortalInboundAck {
  MaHoSoQG: string;
  /** 1 registered (waiting for reception at the desk), 0 refused. */
  KetQua: 0 | 1;
  LyDo?: string;
}
