// What the citizen typed to receive a code: an e-mail when it has an @, else a Vietnamese mobile number;
// normalised the way notifications compares addresses (0xxxxxxxxx, lower-case e-mail).
import { normaliseAddress } from '../notifications/notifications.service.js';
import { citizenErrors } from './citizens.errors.js';

export interface SignInAddress {
  channel: 'sms' | 'email';
  address: string;
}

export function parseSignInAddress(raw: string, path = 'body.address'): SignInAddress {
  const channel = raw.includes('@') ? 'email' : 'sms';
  const n = normaliseAddress(channel, raw);
  if (!n.ok) throw citizenErrors.SIGN_IN_ADDRESS_INVALID({}, { errors: [{ path, code: 'SIGN_IN_ADDRESS_INVALID' }] });
  return { channel, address: n.address };
}

/** Shown back to the citizen ("0912***678", "an***@example.vn"): enough to recognise, not to harvest. */
export function maskAddress(a: SignInAddress): string {
  if (a.channel === 'sms') return `${a.address.slice(0, 4)}***${a.address.slice(-3)}`;
  const [user, domain] = a.address.split('@');
  return `${user!.slice(0, 2)}***@${domain}`;
}
