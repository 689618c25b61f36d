// zod schemas of the notifications API (admin outbox, templates, preview; public unsubscribe; digest opt-in).
import { z } from 'zod';
import { CHANNELS, EVENT_KINDS } from './templates.js';
import { CARRIERS } from './sms-carriers.js';

const STATUSES = ['queued', 'deferred', 'suppressed', 'attempted', 'sent', 'delivered', 'failed', 'dead', 'unknown'] as const;
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const MessageQuery = z.object({
  status: z.enum(STATUSES).optional(),
  channel: z.enum(CHANNELS).optional(),
  event: z.enum(EVENT_KINDS as [string, ...string[]]).optional(),
  dossier: z.string().trim().min(1).max(80).optional(),
  deadLetters: flag.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const MessageOut = z.object({
  id: z.string(),
  event: z.string(),
  channel: z.enum(CHANNELS),
  status: z.string(),
  address: z.string(),
  recipientRole: z.string(),
  recipientName: z.string().nullable(),
  dossierCode: z.string().nullable(),
  templateVersion: z.number().int(),
  /** SMS: the carrier's registered template id the message went with */
  carrierTemplateId: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
  provider: z.string().nullable(),
  notSentOutside: z.boolean(),
  providerMessageId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  notBefore: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  resendOf: z.string().nullable(),
  resendable: z.boolean(),
});
export const MessageList = z.object({
  items: z.array(MessageOut),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  providers: z.object({ sms: z.string(), email: z.string() }),
});
export const MessageIdParam = z.object({ id: z.string().min(1).max(64) });

const Label = z.object({ vi: z.string(), en: z.string() });
export const TemplateList = z.object({
  items: z.array(z.object({ event: z.string(), channel: z.enum(CHANNELS), label: Label, variables: z.array(z.string()), version: z.number().int(), subject: z.string().nullable(), body: z.string() })),
});
export const TemplateParams = z.object({ event: z.enum(EVENT_KINDS as [string, ...string[]]), channel: z.enum(CHANNELS) });
export const TemplateHistory = z.object({
  event: z.string(),
  channel: z.enum(CHANNELS),
  label: Label,
  variables: z.array(z.string()),
  versions: z.array(z.object({
    version: z.number().int(), subject: z.string().nullable(), body: z.string(),
    /** SMS: carrier → the template id it registered this version under */
    carrierTemplates: z.record(z.string(), z.string()),
    createdAt: z.string().nullable(), builtIn: z.boolean(),
  })),
});
export const TemplateBody = z.object({
  subject: z.string().trim().max(250).nullable().optional(),
  body: z.string().trim().min(1).max(4000),
  baseVersion: z.number().int().min(1),
  /** SMS: the template id each carrier (nhà mạng) registered this text under */
  carrierTemplates: z.partialRecord(z.enum(CARRIERS), z.string().trim().min(1).max(64)).optional(),
});
export const PreviewBody = z.object({
  dossierCode: z.string().trim().max(80).optional(),
  subject: z.string().trim().max(250).nullable().optional(),
  body: z.string().trim().min(1).max(4000),
});
export const PreviewOut = z.object({
  event: z.string(),
  channel: z.enum(CHANNELS),
  subject: z.string().nullable(),
  body: z.string(),
  html: z.string().nullable(),
  characters: z.number().int(),
  /** SMS only: encoding, segments, and the text as it goes out (src/platform/ports/sms-encoding.ts). */
  sms: z.object({ encoding: z.enum(['GSM7', 'UCS2']), segments: z.number().int(), strippedDiacritics: z.boolean(), textSent: z.string() }).nullable(),
});

export const UnsubscribeQuery = z.object({ c: z.string().max(10), a: z.string().max(320), s: z.string().max(100) });
export const UnsubscribeOut = z.object({ channel: z.enum(CHANNELS), address: z.string(), optedOut: z.literal(true) });

export const DigestBody = z.object({ subscribed: z.boolean() });
export const DigestOut = z.object({ subscribed: z.boolean() });
