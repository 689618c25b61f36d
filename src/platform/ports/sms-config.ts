// SMS settings and the SMS edge's errors. MOTCUA_SMPP_URL (smpp://system_id:password@host:port, ssmpp:// for
// TLS) switches real delivery on, with MOTCUA_SMS_BRANDNAME as the sender; without MOTCUA_SMPP_URL the
// recording notifier stays (the embedded default: nothing leaves the machine). Also the pure number and
// brandname rules the SMPP adapter applies before anything is sent. Pure: parsing only, no I/O.
import { defineErrors } from '../errors.js';

export const smsErrors = defineErrors({
  SMS_CONFIG_INVALID: { status: 500, vi: 'Cấu hình SMS không hợp lệ ({setting}): {reason}', en: 'Invalid SMS setting ({setting}): {reason}' },
  SMS_DESTINATION_INVALID: {
    status: 422,
    vi: 'Số điện thoại {to} không phải số di động Việt Nam (0[3|5|7|8|9]xxxxxxxx hoặc +84…); tin nhắn không được gửi.',
    en: 'The number {to} is not a Vietnamese mobile number (0[3|5|7|8|9]xxxxxxxx or +84…); the message was not sent.',
  },
  SMS_TEXT_INVALID: { status: 422, vi: 'Nội dung tin nhắn không hợp lệ: {reason}', en: 'Invalid message text: {reason}' },
  SMS_SMSC_UNAVAILABLE: {
    status: 503,
    vi: 'Không kết nối được tổng đài SMS (SMSC): {reason}; tin nhắn sẽ được gửi lại.',
    en: 'The SMS centre (SMSC) is unreachable: {reason}; the message will be retried.',
  },
  SMS_SMSC_THROTTLED: {
    status: 503,
    vi: 'Tổng đài SMS tạm từ chối do quá tải ({smppStatus}); tin nhắn sẽ được gửi lại.',
    en: 'The SMS centre is throttling or its queue is full ({smppStatus}); the message will be retried.',
  },
  SMS_SMSC_REJECTED: {
    status: 502,
    vi: 'Tổng đài SMS từ chối tin nhắn ({smppStatus}); tin nhắn không được gửi lại.',
    en: 'The SMS centre rejected the message ({smppStatus}); it will not be retried.',
  },
});

export interface SmppSettings {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** Alphanumeric sender (source_addr, TON 5), ≤ 11 characters. */
  brandname: string;
}

export type SmsSettings = { adapter: 'recording' } | ({ adapter: 'smpp' } & SmppSettings);

/** Brandname rule: 1–11 characters, letters, digits and . - _ space, at least one letter (alphanumeric TON 5). */
export function brandnameProblem(b: string): string | null {
  if (b.length < 1 || b.length > 11) return 'from 1 to 11 characters';
  if (!/^[A-Za-z0-9._ -]+$/.test(b)) return 'letters A–Z, digits and . - _ space only (no diacritics)';
  if (!/[A-Za-z]/.test(b)) return 'at least one letter (an alphanumeric sender)';
  return null;
}

/** Reads MOTCUA_SMPP_URL and MOTCUA_SMS_BRANDNAME; throws SMS_CONFIG_INVALID naming the setting at fault. */
export function parseSmsSettings(env: Record<string, string | undefined>): SmsSettings {
  const raw = env.MOTCUA_SMPP_URL?.trim();
  if (!raw) return { adapter: 'recording' };
  const bad = (setting: string, reason: string) => smsErrors.SMS_CONFIG_INVALID({ setting, reason });
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw bad('MOTCUA_SMPP_URL', 'not a URL; use smpp://system_id:password@host:port');
  }
  if (u.protocol !== 'smpp:' && u.protocol !== 'ssmpp:') throw bad('MOTCUA_SMPP_URL', `scheme ${u.protocol} (use smpp:// or ssmpp://)`);
  const tls = u.protocol === 'ssmpp:';
  const systemId = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  if (!systemId) throw bad('MOTCUA_SMPP_URL', 'no system_id (smpp://system_id:password@host:port)');
  // SMPP 3.4: system_id ≤ 15 octets, password ≤ 8 octets (C-Octet strings of 16 and 9)
  if (systemId.length > 15) throw bad('MOTCUA_SMPP_URL', 'system_id longer than 15 characters');
  if (password.length > 8) throw bad('MOTCUA_SMPP_URL', 'password longer than 8 characters');
  if (!u.hostname) throw bad('MOTCUA_SMPP_URL', 'no host');
  const port = u.port ? Number(u.port) : tls ? 3550 : 2775;
  const brandname = env.MOTCUA_SMS_BRANDNAME?.trim() ?? '';
  if (!brandname) throw bad('MOTCUA_SMS_BRANDNAME', 'required with MOTCUA_SMPP_URL (the registered brandname, ≤ 11 characters)');
  const problem = brandnameProblem(brandname);
  if (problem) throw bad('MOTCUA_SMS_BRANDNAME', problem);
  return { adapter: 'smpp', host: u.hostname.replace(/^\[|\]$/g, ''), port, tls, systemId, password, brandname };
}

/**
 * A Vietnamese mobile number in international form without '+' (84 + 9 digits), or null. Accepts the national
 * form 0[35789]xxxxxxxx, +84… and 84…, with spaces, dots, dashes or parentheses typed in between.
 */
export function toInternationalVnMobile(raw: string): string | null {
  const s = raw.trim().replace(/[\s.\-()]/g, '');
  const m = /^(?:\+84|84|0)([35789]\d{8})$/.exec(s);
  return m ? `84${m[1]}` : null;
}

/** The national form (0…) of a Vietnamese mobile number, or null (for matching numbers stored on dossiers). */
export function toNationalVnMobile(raw: string): string | null {
  const i = toInternationalVnMobile(raw);
  return i ? `0${i.slice(2)}` : null;
}
