// Reading a bounce (delivery status notification, RFC 3464 / RFC 3463) that came back to the envelope
// sender: which of our messages it is about and what happened to each recipient. Pure: the SMTP listener
// (bounce-smtp.ts) parses the MIME and hands the parts here.
//
// Our message is found by, in order: the VERP token in the address the bounce was sent to
// (bounces+<message id>@…), the X-Motcua-Message header or our deterministic Message-ID (<message id@host>)
// in the returned headers. Old MTAs send a plain-text bounce with no DSN part: the enhanced status code is
// then looked for in the text, and without one the bounce counts as permanent only when the text says so.

export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface DsnRecipient {
  /** Final-Recipient, lower case, without the address type. */
  recipient: string | null;
  action: DsnAction;
  /** Enhanced status code (RFC 3463), e.g. 5.1.1. */
  status: string | null;
  /** The remote server's words (Diagnostic-Code), unfolded, at most 500 characters. */
  diagnostic: string | null;
}

export interface BounceReport {
  /** Our message id (the outbox row), when the bounce names it. */
  messageRef: string | null;
  recipients: DsnRecipient[];
  /** A real DSN (multipart/report) rather than a guess from free text. */
  standard: boolean;
}

export interface BounceParts {
  /** The envelope recipients (RCPT TO) of the bounce. */
  envelopeTo: string[];
  /** Text of each message/delivery-status part. */
  deliveryStatus: string[];
  /** Header blocks returned with the bounce (text/rfc822-headers, message/rfc822, or the text itself). */
  returnedHeaders: string[];
  /** The human-readable text of the bounce. */
  text: string;
}

const UUIDISH = /^[0-9a-z][0-9a-z-]{7,63}$/i;

/** The VERP envelope sender for one message: bounces@x.vn → bounces+<id>@x.vn. */
export function verpAddress(bounceAddress: string, messageRef: string): string {
  const at = bounceAddress.lastIndexOf('@');
  return `${bounceAddress.slice(0, at)}+${messageRef}@${bounceAddress.slice(at + 1)}`;
}

/** Does `address` reach the bounce mailbox (itself or a VERP form of it)? The token, when there is one. */
export function matchBounceAddress(bounceAddress: string, address: string): { matches: boolean; token: string | null } {
  const [local, domain] = splitAddress(bounceAddress);
  const [l, d] = splitAddress(address);
  if (d !== domain) return { matches: false, token: null };
  if (l === local) return { matches: true, token: null };
  if (l.startsWith(`${local}+`) && UUIDISH.test(l.slice(local.length + 1))) return { matches: true, token: l.slice(local.length + 1) };
  return { matches: false, token: null };
}

export function readBounce(parts: BounceParts, bounceAddress: string): BounceReport {
  const messageRef = refFromEnvelope(parts.envelopeTo, bounceAddress) ?? refFromHeaders(parts.returnedHeaders);
  const recipients = parts.deliveryStatus.flatMap(recipientsOf);
  if (recipients.length) return { messageRef, recipients, standard: true };
  return { messageRef, recipients: [guessFromText(parts.text)], standard: false };
}

/** Permanent failure: the message will never arrive (5.x.x, or `failed` without a code). */
export function isPermanent(r: DsnRecipient): boolean {
  return r.action === 'failed' && (r.status === null || r.status.startsWith('5.'));
}

/**
 * The address itself is bad (no such mailbox or domain, mailbox disabled): further mail to it would bounce
 * too, so it is suppressed. A full mailbox (5.2.2) or a refused message (5.7.x) says nothing of the address.
 */
export function isBadAddress(r: DsnRecipient): boolean {
  return isPermanent(r) && r.status !== null && /^5\.1\.[0-9]+$|^5\.2\.1$/.test(r.status);
}

function refFromEnvelope(envelopeTo: string[], bounceAddress: string): string | null {
  for (const a of envelopeTo) {
    const m = matchBounceAddress(bounceAddress, a);
    if (m.token) return m.token;
  }
  return null;
}

function refFromHeaders(blocks: string[]): string | null {
  for (const block of blocks) {
    const fields = parseFields(headerSection(block));
    const own = fields.get('x-motcua-message')?.[0]?.trim();
    if (own && UUIDISH.test(own)) return own;
    const id = /^<([^<>@\s]+)@[^<>\s]+>$/.exec(fields.get('message-id')?.[0]?.trim() ?? '')?.[1];
    if (id && UUIDISH.test(id)) return id;
  }
  return null;
}

/** The per-recipient groups of a message/delivery-status body (the first group is per-message). */
function recipientsOf(body: string): DsnRecipient[] {
  const groups = body.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/).map(parseFields);
  return groups
    .filter((f) => f.has('action') && (f.has('final-recipient') || f.has('original-recipient')))
    .map((f) => ({
      recipient: addressOf(f.get('final-recipient')?.[0] ?? f.get('original-recipient')?.[0] ?? ''),
      action: actionOf(f.get('action')![0]!),
      status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(f.get('status')?.[0] ?? '')?.[1] ?? null,
      diagnostic: clip(f.get('diagnostic-code')?.[0] ?? null),
    }));
}

function guessFromText(text: string): DsnRecipient {
  const status = /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? null;
  const smtp = /\b([45])\d\d[ -]/.exec(text)?.[1];
  const permanent = status ? status.startsWith('5.') : smtp === '5' || /permanent(ly)?|user unknown|does not exist|no such user/i.test(text);
  const delayed = !permanent && (status?.startsWith('4.') || smtp === '4' || /delay|will (retry|keep trying)|temporar/i.test(text));
  return {
    recipient: /<?([^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>?/i.exec(text)?.[1]?.toLowerCase() ?? null,
    action: permanent ? 'failed' : delayed ? 'delayed' : 'failed',
    status,
    diagnostic: clip(text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 6).join(' ')),
  };
}

/** RFC 822-style fields, unfolded; names lower case; repeated names keep every value. */
export function parseFields(block: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of block.replace(/\r\n/g, '\n').split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (!m) {
      last = null;
      continue;
    }
    const name = m[1]!.toLowerCase();
    last = out.get(name) ?? [];
    last.push(m[2]!.trim());
    out.set(name, last);
  }
  return out;
}

function headerSection(block: string): string {
  const b = block.replace(/\r\n/g, '\n');
  const end = b.indexOf('\n\n');
  return end < 0 ? b : b.slice(0, end);
}

function actionOf(v: string): DsnAction {
  const a = v.trim().toLowerCase();
  return a === 'delayed' || a === 'delivered' || a === 'relayed' || a === 'expanded' ? a : 'failed';
}

function addressOf(v: string): string | null {
  const s = v.includes(';') ? v.slice(v.indexOf(';') + 1) : v;
  const a = s.trim().replace(/^<|>$/g, '').toLowerCase();
  return a.includes('@') ? a : null;
}

function splitAddress(a: string): [string, string] {
  const s = a.trim().replace(/^<|>$/g, '').toLowerCase();
  const at = s.lastIndexOf('@');
  return [s.slice(0, at), s.slice(at + 1)];
}

function clip(s: string | null): string | null {
  return s === null ? null : s.replace(/\s+/g, ' ').trim().slice(0, 500) || null;
}
