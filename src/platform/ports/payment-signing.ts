// The gateways' signatures, pure: what each one signs, in which order, with which hash. Every function here
// has fixed vectors in payment-signing.test.ts (where each vector comes from is written there).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** yyyyMMddHHmmss in Vietnam time (GMT+7, 24-hour clock), as VNPay and the DVCQG platform write times. */
export function vnTimestamp(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** The instant of a yyyyMMddHHmmss GMT+7 stamp; null when it is not one. */
export function parseVnTimestamp(s: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 7, +m[5]!, +m[6]!);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Constant-time comparison of two hex digests (case-insensitive); false when either is missing or malformed. */
export function sameHex(a: string | undefined, b: string): boolean {
  if (!a || !/^[0-9a-fA-F]+$/.test(a)) return false;
  const x = Buffer.from(a.toLowerCase(), 'hex');
  const y = Buffer.from(b.toLowerCase(), 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------- VNPay 2.1.0 ----------

/**
 * VNPay's string to sign: the vnp_ parameters except vnp_SecureHash / vnp_SecureHashType, sorted by key,
 * each value URL-encoded with spaces as "+" (the encoding of the official samples, PHP urlencode), joined k=v&….
 */
export function vnpaySignData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${vnpEncode(params[k]!)}`)
    .join('&');
}

/** encodeURIComponent with spaces as "+" and the characters PHP urlencode also escapes. */
function vnpEncode(v: string): string {
  return encodeURIComponent(v).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** vnp_SecureHash: HMAC-SHA512(hashSecret, signData), hex. */
export function vnpaySecureHash(params: Record<string, string>, secret: string): string {
  return createHmac('sha512', secret).update(vnpaySignData(params), 'utf8').digest('hex');
}

/** The pay URL's query string: the same encoding as the string to sign, plus vnp_SecureHash. */
export function vnpayQuery(params: Record<string, string>, secret: string): string {
  return `${vnpaySignData(params)}&vnp_SecureHash=${vnpaySecureHash(params, secret)}`;
}

/** The querydr / refund checksum: HMAC-SHA512 over the fields joined with "|" in the order VNPay lists them. */
export function vnpayPipeHash(fields: string[], secret: string): string {
  return createHmac('sha512', secret).update(fields.join('|'), 'utf8').digest('hex');
}

// ---------- the DVCQG payment platform ----------

/** MaXacThuc: SHA-256 (not HMAC) over the fields joined with "|", the partner's secret appended as the last field. */
export function dvcqgMaXacThuc(fields: Array<string | number>, secret: string): string {
  return createHash('sha256').update([...fields.map(String), secret].join('|'), 'utf8').digest('hex');
}

/** The INIT message's fields in the order MaXacThuc takes them. */
export const DVCQG_INIT_FIELDS = [
  'LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan',
  'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip',
] as const;
/** The CONFIRM callback's fields in the order MaXacThuc takes them. */
export const DVCQG_CONFIRM_FIELDS = [
  'LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich',
] as const;
/** QUERY (and GetBill) messages. */
export const DVCQG_QUERY_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;
/** Our answer to a CONFIRM. */
export const DVCQG_ANSWER_FIELDS = ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;

export function dvcqgSign(msg: Record<string, unknown>, order: readonly string[], secret: string): string {
  return dvcqgMaXacThuc(order.map((k) => (msg[k] === undefined || msg[k] === null ? '' : String(msg[k]))), secret);
}

// ---------- the built-in simulated gateway ----------

/** HMAC-SHA256 over the fields (without `signature`) sorted by key, k=v joined with "&". */
export function simSignature(fields: Record<string, string>, secret: string): string {
  const canonical = Object.keys(fields).filter((k) => k !== 'signature').sort().map((k) => `${k}=${fields[k]}`).join('&');
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}
