// The signed-in citizen rates their own returned dossier from "my dossier" (the citizen area): only their own
// dossier (another citizen gets 404), changed within the window, the secret holder cannot overwrite it; an
// official's session does not count in the citizen area. The dossier is linked to the citizen's account as
// online submission links it (dossiers.citizen_id), then walked through the process by the desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import { answers, dossier, loginOfficials, type Officials } from './helpers.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
let smtp: SmtpSink;
let o: Officials;

async function mailCode(to: string, before: number): Promise<string> {
  const mine = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(to));
  for (let i = 0; i < 50 && mine().length <= before; i++) {
    await deliverDue(t.ctx, outboxHandlers);
    if (mine().length <= before) await new Promise((r) => setTimeout(r, 50));
  }
  expect(mine().length).toBeGreaterThan(before);
  return /\b(\d{6})\b/.exec(mine().at(-1)!.text ?? '')![1]!;
}

async function citizen(email: string): Promise<{ c: HttpClient; id: string }> {
  const c = t.client();
  const before = smtp.received.filter((m) => JSON.stringify(m.to).includes(email)).length;
  const start = await c.post('/api/v1/citizen/sign-in/code', { address: email });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const code = await mailCode(email, before);
  const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  c.csrf = r.body.csrfToken;
  const s = await c.get('/api/v1/citizen/session');
  return { c, id: s.body.citizen.id as string };
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url });
  o = await loginOfficials(t);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('rating from the citizen portal', () => {
  it('the owner rates and changes; others cannot', async () => {
    const me = await citizen('ngoc.rating@example.vn');
    const other = await citizen('khac.rating@example.vn');
    const d = await dossier(o);
    await sql`UPDATE dossiers SET citizen_id = ${me.id}::uuid WHERE id = ${d.id}::uuid`.execute(t.ctx.db);

    const form = await me.c.get(`/api/v1/citizen/dossiers/${d.id}/rating`);
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    expect(form.body).toMatchObject({ code: d.code, canRate: true, rated: false });
    expect((await other.c.get(`/api/v1/citizen/dossiers/${d.id}/rating`)).status).toBe(404);
    expect((await other.c.request('PUT', `/api/v1/citizen/dossiers/${d.id}/rating`, { answers: answers(1) })).status).toBe(404);
    // an official's session is no citizen
    expect((await o.returner.request('PUT', `/api/v1/citizen/dossiers/${d.id}/rating`, { answers: answers(3) })).status).toBe(401);

    const r = await me.c.request('PUT', `/api/v1/citizen/dossiers/${d.id}/rating`, { answers: answers(3, { convenience: 2 }), comment: 'Nhanh gọn.' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rating).toMatchObject({ channel: 'portal', answers: { overall: 3, convenience: 2 } });
    const changed = await me.c.request('PUT', `/api/v1/citizen/dossiers/${d.id}/rating`, { answers: answers(2) });
    expect(changed.body.rating.answers).toEqual({ overall: 2 });
    // the receipt's secret is another rater: it cannot overwrite the citizen's rating
    const bySecret = await t.client().post('/api/v1/public/ratings', { code: d.code, secret: d.secret, answers: answers(1) });
    expect(bySecret.status).toBe(409);
    expect(bySecret.body.code).toBe('RATING_ALREADY_GIVEN');
    const row = await t.ctx.db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ overall: 2, revision: 2, rater: `citizen:${me.id}`, procedure_code: '1.009832' });
    expect(row.official_ids.length).toBeGreaterThanOrEqual(4);
  });
});
