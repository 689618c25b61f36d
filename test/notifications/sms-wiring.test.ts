// The SMPP gateway as the server wires it (MOTCUA_SMPP_URL → portsFromConfig → startPortConnections): a real
// dossier's acceptance SMS leaves through the outbox over SMPP to the SMSC simulator, the SMSC's delivery
// receipt moves the message to "delivered" on the admins' outbox page, and the citizen's "HS <code>" text
// from the dossier's phone number is answered with the status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers, startPortConnections } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient, TestApp } from '../helpers.js';
import { applicant, receive, startDossierApp } from '../dossiers/fixtures.js';
import { SmscSimulator } from './smsc-simulator.js';

let t: TestApp & { clock: import('../helpers.js').ManualClock };
let desk: HttpClient;
let admin: HttpClient;
let smsc: SmscSimulator;
let connections: { stop(): Promise<void> };

beforeAll(async () => {
  smsc = await SmscSimulator.start();
  t = await startDossierApp({ MOTCUA_SMPP_URL: smsc.url, MOTCUA_SMS_BRANDNAME: 'UBND XA' });
  connections = startPortConnections(t.ctx);
  desk = await t.login('demo.tiepnhan');
  admin = await t.login('demo.admin');
});
afterAll(async () => {
  await connections?.stop();
  await smsc?.stop();
  await t?.close();
});

const smsOf = async (code: string) =>
  ((await admin.get(`/api/v1/admin/notifications/messages?pageSize=50&channel=sms&dossier=${encodeURIComponent(code)}`)).body.items as any[]);

describe('SMS over SMPP, wired as the server runs it', () => {
  it('acceptance SMS goes out over SMPP, its delivery receipt marks it delivered, and HS <code> is answered', async () => {
    const phone = '0912345001';
    const rec = await receive(desk, { applicant: applicant({ phone }) });
    const code = (rec.receipt as { code: string }).code;
    for (let i = 0; i < 5 && smsc.to('84912345001').length === 0; i++) {
      await deliverDue(t.ctx, outboxHandlers);
      await new Promise((r) => setTimeout(r, 100));
    }
    const arrived = smsc.to('84912345001');
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.from).toBe('UBND XA');
    expect(arrived[0]!.text).toContain(code);

    const [sent] = await smsOf(code);
    expect(sent).toMatchObject({ status: 'sent', provider: 'smpp', notSentOutside: false });
    expect(sent.providerMessageId).toBe(arrived[0]!.parts[0]!.id);

    await smsc.sendDlr({ id: sent.providerMessageId, stat: 'DELIVRD', to: '84912345001' });
    for (let i = 0; i < 50 && (await smsOf(code))[0]!.status !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await smsOf(code))[0]).toMatchObject({ status: 'delivered' });

    const before = smsc.to('84912345001').length;
    await smsc.sendMo('84912345001', '8088', `HS ${code}`);
    await smsc.waitFor(() => smsc.to('84912345001').length > before, 'the look-up reply');
    expect(smsc.to('84912345001').at(-1)!.text).toContain(code);
  });
});
