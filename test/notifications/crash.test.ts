// At most once across crashes: a real child process delivers an e-mail to a real SMTP server, which holds
// its DATA reply; the child is killed with SIGKILL between "attempted" (committed) and "sent". The restarted
// child finds the row attempted and reconciles it (status unknown, a dead letter with a resend action)
// instead of sending it again: the server received the e-mail once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { applicant, receive, startDossierApp } from '../dossiers/fixtures.js';
import { notifyDossierEvent } from '../../src/modules/notifications/notifications.service.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let t: TestApp & { clock: ManualClock };
let smtp: SmtpSink;
let desk: HttpClient;
let admin: HttpClient;
const CHILD = fileURLToPath(new URL('./deliver-child.ts', import.meta.url));

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url });
  desk = await t.login('demo.xa.tiepnhan');
  admin = await t.login('demo.admin');
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

function child(now: Date): { proc: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: t.ctx.database.url, MOTCUA_SMTP_URL: smtp.url, MOTCUA_TEST_NOW: now.toISOString(), MOTCUA_SMS_QUIET_HOURS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (out += c));
  return { proc, done: new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal, out }))) };
}

describe('kill -9 between attempted and sent', () => {
  it('does not duplicate the e-mail on restart; the admin sees it as unknown and can resend it', async () => {
    // a dossier whose applicant has only an e-mail: one message
    const rec = await receive(desk, {
      procedureCode: '1.001193',
      competentAgencyCode: undefined,
      applicant: applicant({ fullName: 'Hoàng Thị Lan', phone: undefined, email: 'lan.hoang@example.vn' }),
      components: [{ name: 'Tờ khai đăng ký khai sinh', provided: true, form: 'original', copies: 1 }],
    });
    const code = rec.dossier.code as string;
    // the dossier event becomes its message here (in this process); the child only delivers
    const ev = await t.ctx.database.pool.query(`SELECT id, payload FROM outbox WHERE topic = 'dossiers.event' AND payload->>'code' = $1`, [code]);
    expect(await notifyDossierEvent(t.ctx, ev.rows[0].payload)).toBe(1);
    await t.ctx.database.pool.query(`UPDATE outbox SET delivered_at = $1 WHERE topic = 'dossiers.event'`, [t.clock.now()]);
    await t.ctx.database.pool.query(`UPDATE outbox SET delivered_at = $1 WHERE topic = 'notifications.deliver' AND payload->>'messageId' NOT IN (SELECT id::text FROM notification_messages WHERE dossier_code = $2)`, [t.clock.now(), code]);

    // 1st run: the server receives the DATA and holds its reply; the child is killed there
    let arrived!: () => void;
    const held = new Promise<void>((r) => (arrived = r));
    smtp.hold = () => arrived();
    const first = child(t.clock.now());
    await held;
    const during = await t.ctx.database.pool.query(`SELECT status FROM notification_messages WHERE dossier_code = $1`, [code]);
    expect(during.rows.map((r) => r.status)).toEqual(['attempted']);
    first.proc.kill('SIGKILL');
    const r1 = await first.done;
    expect(r1.signal).toBe('SIGKILL');
    smtp.hold = null;
    expect(smtp.arrivals).toBe(1);

    // 2nd run after the lease expired: reconciles, sends nothing
    const second = child(new Date(t.clock.now().getTime() + 10 * 60_000));
    const r2 = await second.done;
    expect(r2.code, r2.out).toBe(0);
    expect(smtp.arrivals).toBe(1);
    const list = await admin.get(`/api/v1/admin/notifications/messages?dossier=${encodeURIComponent(code)}`);
    expect(list.body.items).toHaveLength(1);
    const m = list.body.items[0];
    expect(m.status).toBe('unknown');
    expect(m.resendable).toBe(true);
    expect(m.lastError).toContain('không tự gửi lại');
    const dead = await admin.get('/api/v1/admin/notifications/messages?deadLetters=true');
    expect(dead.body.items.map((x: any) => x.id)).toContain(m.id);

    // a 3rd run later still sends nothing
    const third = child(new Date(t.clock.now().getTime() + 60 * 60_000));
    expect((await third.done).code).toBe(0);
    expect(smtp.arrivals).toBe(1);

    // the admin decides to resend: one more arrival, with the same subject
    const again = await admin.post(`/api/v1/admin/notifications/messages/${m.id}/resend`);
    expect(again.status).toBe(200);
    const fourth = child(new Date(t.clock.now().getTime() + 61 * 60_000));
    expect((await fourth.done).code).toBe(0);
    expect(smtp.arrivals).toBe(2);
    expect(smtp.received.map((x) => x.subject)).toEqual([`Tiếp nhận hồ sơ ${code}`, `Tiếp nhận hồ sơ ${code}`]);
  }, 300_000);
});
