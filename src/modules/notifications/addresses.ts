// Addresses as they are compared (opt-outs, one message per recipient): a Vietnamese mobile in national form
// 0xxxxxxxxx, an e-mail in lower case. Anything else is not deliverable and its message is marked failed.
import { z } from 'zod';
import { VnPhone } from '../../platform/ports/notifier.js';
import type { Channel } from './templates.js';

export function normaliseAddress(channel: Channel, raw: string): { address: string; ok: boolean; problem?: string } {
  const s = raw.trim();
  if (channel === 'email') {
    const a = s.toLowerCase();
    return z.email().safeParse(a).success ? { address: a, ok: true } : { address: a, ok: false, problem: 'địa chỉ thư điện tử không hợp lệ / not a valid e-mail address' };
  }
  let p = s.replace(/[\s.\-()]/g, '');
  if (p.startsWith('+84')) p = '0' + p.slice(3);
  else if (/^84\d{9}$/.test(p)) p = '0' + p.slice(2);
  return VnPhone.safeParse(p).success && p.startsWith('0')
    ? { address: p, ok: true }
    : { address: p, ok: false, problem: 'không phải số di động Việt Nam / not a Vietnamese mobile number' };
}
