import { describe, expect, it } from 'vitest';
import { isBadAddress, isPermanent, matchBounceAddress, parseFields, readBounce, verpAddress, type BounceParts } from './dsn.js';

const BOUNCE = 'bounces@motcua.example.vn';
const ID = '0b9f6a52-5d0e-4c3e-9b7e-2f1f6f2a9c11';

const parts = (over: Partial<BounceParts>): BounceParts => ({ envelopeTo: [BOUNCE], deliveryStatus: [], returnedHeaders: [], text: '', ...over });

// RFC 3464 §A example shape, as Postfix writes it (per-message group, then one group per recipient)
const POSTFIX_DSN = [
  'Reporting-MTA: dns; mx.example.vn',
  'X-Postfix-Queue-ID: 4F1C21234',
  'Arrival-Date: Mon, 23 Nov 2026 09:00:00 +0700',
  '',
  'Final-Recipient: rfc822; Nobody@Example.vn',
  'Original-Recipient: rfc822;nobody@example.vn',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mail.example.vn',
  'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.vn>: Recipient address',
  '    rejected: User unknown in virtual mailbox table',
  '',
].join('\r\n');

describe('VERP addresses', () => {
  it('puts the message id in the local part and finds it again, case-insensitively', () => {
    const v = verpAddress(BOUNCE, ID);
    expect(v).toBe(`bounces+${ID}@motcua.example.vn`);
    expect(matchBounceAddress(BOUNCE, v.toUpperCase())).toEqual({ matches: true, token: ID });
    expect(matchBounceAddress(BOUNCE, BOUNCE)).toEqual({ matches: true, token: null });
  });
  it('refuses other mailboxes and domains', () => {
    expect(matchBounceAddress(BOUNCE, 'postmaster@motcua.example.vn').matches).toBe(false);
    expect(matchBounceAddress(BOUNCE, `bounces+${ID}@evil.example`).matches).toBe(false);
    expect(matchBounceAddress(BOUNCE, 'bounces+x@motcua.example.vn').matches).toBe(false);
  });
});

describe('reading a DSN', () => {
  it('reads the recipient group of a Postfix DSN, unfolding the diagnostic', () => {
    const r = readBounce(parts({ envelopeTo: [verpAddress(BOUNCE, ID)], deliveryStatus: [POSTFIX_DSN] }), BOUNCE);
    expect(r.messageRef).toBe(ID);
    expect(r.standard).toBe(true);
    expect(r.recipients).toEqual([{
      recipient: 'nobody@example.vn',
      action: 'failed',
      status: '5.1.1',
      diagnostic: 'smtp; 550 5.1.1 <nobody@example.vn>: Recipient address rejected: User unknown in virtual mailbox table',
    }]);
    expect(isPermanent(r.recipients[0]!)).toBe(true);
    expect(isBadAddress(r.recipients[0]!)).toBe(true);
  });

  it('finds our message by the returned headers when the bounce went to the plain address', () => {
    const headers = `Received: from motcua\r\nMessage-ID: <${ID}@motcua.example.vn>\r\nSubject: =?UTF-8?Q?Ti=E1=BA=BFp_nh=E1=BA=ADn?=\r\n`;
    expect(readBounce(parts({ returnedHeaders: [headers] }), BOUNCE).messageRef).toBe(ID);
    expect(readBounce(parts({ returnedHeaders: [`X-Motcua-Message: ${ID}\n\nbody Message-ID: <x@y>`] }), BOUNCE).messageRef).toBe(ID);
    // a Message-ID in the body of the returned message is not a header
    expect(readBounce(parts({ returnedHeaders: [`Subject: x\n\nMessage-ID: <${ID}@motcua.example.vn>`] }), BOUNCE).messageRef).toBeNull();
  });

  it('tells a full mailbox (permanent, address fine) and a delay (not permanent) from a bad address', () => {
    const full = readBounce(parts({ deliveryStatus: [`Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.vn\nAction: failed\nStatus: 5.2.2 (mailbox full)\n`] }), BOUNCE).recipients[0]!;
    expect([isPermanent(full), isBadAddress(full), full.status]).toEqual([true, false, '5.2.2']);
    const delayed = readBounce(parts({ deliveryStatus: [`Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.vn\nAction: delayed\nStatus: 4.4.7\nWill-Retry-Until: Tue, 24 Nov 2026 09:00:00 +0700\n`] }), BOUNCE).recipients[0]!;
    expect([delayed.action, isPermanent(delayed)]).toEqual(['delayed', false]);
    const ok = readBounce(parts({ deliveryStatus: [`Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.vn\nAction: delivered\nStatus: 2.0.0\n`] }), BOUNCE).recipients[0]!;
    expect([ok.action, isPermanent(ok)]).toEqual(['delivered', false]);
  });

  it('keeps every recipient of a multi-recipient DSN', () => {
    const body = `Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.vn\nAction: failed\nStatus: 5.1.1\n\nFinal-Recipient: rfc822; c@d.vn\nAction: delayed\nStatus: 4.2.0\n`;
    expect(readBounce(parts({ deliveryStatus: [body] }), BOUNCE).recipients.map((r) => `${r.recipient} ${r.action}`)).toEqual(['a@b.vn failed', 'c@d.vn delayed']);
  });

  it('falls back on the text of an old-style bounce without a DSN part', () => {
    const qmail = "Hi. This is the qmail-send program at mx.example.vn.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\n<ghost@example.vn>:\nSorry, no mailbox here by that name. (#5.1.1)\n";
    const r = readBounce(parts({ envelopeTo: [verpAddress(BOUNCE, ID)], text: qmail }), BOUNCE);
    expect(r).toMatchObject({ messageRef: ID, standard: false, recipients: [{ recipient: 'ghost@example.vn', action: 'failed', status: '5.1.1' }] });
    const later = readBounce(parts({ text: 'Delivery to the following recipient has been delayed: a@b.vn. The server will keep trying.' }), BOUNCE);
    expect(later.recipients[0]!.action).toBe('delayed');
  });
});

describe('header fields', () => {
  it('unfolds continuation lines and keeps repeated fields', () => {
    const f = parseFields('Received: a\n b\nReceived: c\nX-Y:z');
    expect(f.get('received')).toEqual(['a b', 'c']);
    expect(f.get('x-y')).toEqual(['z']);
  });
});
