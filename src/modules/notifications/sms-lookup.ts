// The look-up by text message (MO over SMPP): a citizen texts `HS <code>` from the phone number on the dossier,
// or `HS <code> <secret>` from any number, to the brandname's number and gets the status and the appointment
// back. Every inbound message is logged (sms_inbound, the secret masked) and counted against a limit per
// sender number kept in the database (5 an hour by default), so it holds across restarts and instances;
// the first message over the limit is told so, later ones get no answer (no SMS ping-pong at our cost).
// An unknown code, a wrong secret, a number that is not the dossier's and a text that is not a look-up all
// get the same neutral answer. Wired as the SMPP gateway's `message` handler (sms-smpp.ts).
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { toNationalVnMobile } from '../../platform/ports/sms-config.js';
import { lookupByApplicantPhone, publicLookup } from '../dossiers/dossiers.service.js';
import { parseLookupSms } from './sms-lookup-parse.js';
import { NEUTRAL_ANSWER, RATE_LIMITED_ANSWER, statusAnswer, type LookupFacts } from './sms-lookup-reply.js';
import * as repo from './sms-inbound.repo.js';

export interface SmsLookupLimits {
  /** Messages per sender in the window (default 5). */
  perWindow: number;
  windowMs: number;
}
export const DEFAULT_SMS_LOOKUP_LIMITS: SmsLookupLimits = { perWindow: 5, windowMs: 3_600_000 };

export interface InboundSmsIn {
  from: string;
  to: string;
  text: string;
}

/** The reply to an inbound SMS, or null for none (over the limit, already told). */
export async function answerLookupSms(ctx: AppContext, sms: InboundSmsIn, limits: SmsLookupLimits = DEFAULT_SMS_LOOKUP_LIMITS): Promise<string | null> {
  const now = ctx.clock.now();
  const senderKey = toNationalVnMobile(sms.from) ?? (sms.from.replace(/[^\d+A-Za-z]/g, '') || 'unknown');
  const req = parseLookupSms(sms.text);
  const logged = (req?.secret ? `HS ${req.codes[0]} ***` : sms.text).slice(0, 500);
  const base = { receivedAt: now, fromNumber: sms.from.slice(0, 32), senderKey, toNumber: sms.to.slice(0, 32), text: logged, kind: req ? 'lookup' : 'unparsed', dossierCode: null } as const;
  // count and log under the sender's lock, in a short transaction of its own (PGlite has one connection: the
  // look-up below runs after it commits)
  const { id, earlier } = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockSender(trx, senderKey);
    const earlier = await repo.countSince(trx, senderKey, new Date(now.getTime() - limits.windowMs));
    const over = earlier >= limits.perWindow;
    const outcome = !over ? (req ? 'not_found' : 'unparsed') : earlier === limits.perWindow ? 'rate_limited' : 'rate_limited_silent';
    const reply = !over ? null : earlier === limits.perWindow ? RATE_LIMITED_ANSWER : null;
    const id = await repo.insertInbound(trx, { ...base, outcome, reply });
    return { id, earlier };
  });
  if (earlier >= limits.perWindow) return earlier === limits.perWindow ? RATE_LIMITED_ANSWER : null;
  if (!req) {
    await repo.setOutcome(ctx.db, id, 'unparsed', NEUTRAL_ANSWER, null);
    return NEUTRAL_ANSWER;
  }
  const found = await findDossier(ctx, req.codes, req.secret, sms.from);
  if (!found) {
    await repo.setOutcome(ctx.db, id, 'not_found', NEUTRAL_ANSWER, null);
    return NEUTRAL_ANSWER;
  }
  const reply = statusAnswer(found);
  await repo.setOutcome(ctx.db, id, 'answered', reply, found.code);
  return reply;
}

/** By the secret when one was typed, else (or when it does not match) by the sender's number on the dossier. */
async function findDossier(ctx: AppContext, codes: string[], secret: string | null, from: string): Promise<LookupFacts | null> {
  for (const code of codes) {
    if (secret) {
      try {
        return await publicLookup(ctx, code, secret);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 404) throw e;
      }
    }
    const byPhone = await lookupByApplicantPhone(ctx, code, from);
    if (byPhone) return byPhone;
  }
  return null;
}
