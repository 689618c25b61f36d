// SMS brandname templates are registered per carrier (nhà mạng): the ids each carrier gave are kept with the
// template version they were registered for, every SMS records the id of its recipient's carrier, and the id
// travels with the text to the provider. The carrier is read from the number's prefix (pure, table-tested).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { carrierOf } from '../../src/modules/notifications/sms-carriers.js';
import { RecordingNotifier } from '../../src/platform/ports/notifier.js';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { applicant, receive, startDossierApp } from '../dossiers/fixtures.js';

describe('carrierOf', () => {
  it.each([
    ['0961234567', 'viettel'], ['+84 32 123 4567', 'viettel'], ['84861234567', 'viettel'],
    ['0901234567', 'mobifone'], ['0771234567', 'mobifone'], ['0911234567', 'vinaphone'], ['0881234567', 'vinaphone'],
    ['0921234567', 'vietnamobile'], ['0991234567', 'gmobile'], ['0871234567', 'itel'], ['0551234567', 'reddi'],
  ])('%s → %s', (phone, carrier) => expect(carrierOf(phone)).toBe(carrier));
  it.each(['02433334444', '0111234567', '12345', ''])('%s → unknown', (phone) => expect(carrierOf(phone)).toBeNull());
});

let t: TestApp & { clock: ManualClock };
let desk: HttpClient;
let admin: HttpClient;
const PATH = '/api/v1/admin/notifications/templates/accepted';

beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

describe('carrier template ids', () => {
  it('are saved with a new SMS version, recorded on each SMS by its carrier and passed to the provider', async () => {
    const sms = (await admin.get(`${PATH}/sms`)).body;
    const base = sms.versions[0];
    const saved = await admin.request('PUT', `${PATH}/sms`, { body: base.body, baseVersion: base.version, carrierTemplates: { viettel: 'VTL-2026-0042', vinaphone: 'VNP/118' } });
    expect(saved.status).toBe(200);
    expect(saved.body.versions[0]).toMatchObject({ version: base.version + 1, carrierTemplates: { viettel: 'VTL-2026-0042', vinaphone: 'VNP/118' } });

    const viettel = await receive(desk, { applicant: applicant({ phone: '0961 234 567' }) });
    const mobifone = await receive(desk, { applicant: applicant({ phone: '0901234567' }) });
    await deliverDue(t.ctx, outboxHandlers);
    const smsOf = async (code: string) =>
      (await admin.get(`/api/v1/admin/notifications/messages?channel=sms&dossier=${encodeURIComponent(code)}`)).body.items[0];
    const a = await smsOf(viettel.dossier.code);
    const b = await smsOf(mobifone.dossier.code);
    expect(a).toMatchObject({ templateVersion: base.version + 1, carrierTemplateId: 'VTL-2026-0042', status: 'sent' });
    expect(b).toMatchObject({ templateVersion: base.version + 1, carrierTemplateId: null, status: 'sent' });
    const recorded = (t.ctx.notifier as unknown as { sms?: unknown; smsSender?: RecordingNotifier }).smsSender ?? (t.ctx.notifier as unknown as RecordingNotifier);
    const sent = recorded.recorder.of('sms').find((e) => e.idempotencyKey === a.id)!;
    expect((sent.message as { template?: unknown }).template).toEqual({ code: 'VTL-2026-0042', version: base.version + 1 });
  });

  it('are refused on e-mail templates and for an unknown carrier, on the field', async () => {
    const email = (await admin.get(`${PATH}/email`)).body.versions[0];
    const r = await admin.request('PUT', `${PATH}/email`, { subject: email.subject, body: email.body, baseVersion: email.version, carrierTemplates: { viettel: 'X1' } });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ path: 'body.carrierTemplates', code: 'CARRIER_TEMPLATES_SMS_ONLY' });
    const sms = (await admin.get(`${PATH}/sms`)).body.versions[0];
    const bad = await admin.request('PUT', `${PATH}/sms`, { body: sms.body, baseVersion: sms.version, carrierTemplates: { beeline: 'B1' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('carrierTemplates');
  });
});
