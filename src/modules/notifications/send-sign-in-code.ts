// One-time codes for the citizen portal's sign-in: sent at once (no quiet hours, no opt-out), written in the
// caller's transaction like every other message. The caller keeps the code's hash; the message row keeps
// the text that was sent (the code expires within minutes).
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { createMessage } from './create-message.js';
import type { Channel } from './templates.js';

export interface SignInCode {
  channel: Channel;
  to: string;
  code: string;
  /** What the code is for, in Vietnamese ("đăng nhập", "xác minh số điện thoại"). */
  purpose: string;
  /** Validity shown in the text (default 5). */
  minutes?: number;
  /** One message per challenge (default: the code itself). */
  challengeId?: string;
}

export async function sendSignInCode(ctx: AppContext, trx: Db, c: SignInCode) {
  return createMessage(ctx, trx, {
    eventKey: `sign-in:${c.challengeId ?? c.code}`,
    event: 'sign_in_code',
    channel: c.channel,
    rawAddress: c.to,
    recipientRole: 'citizen',
    recipientName: null,
    vars: { code: c.code, minutes: String(c.minutes ?? 5), purpose: c.purpose },
    agencyName: 'Hệ thống một cửa điện tử',
    urgent: true,
  });
}
