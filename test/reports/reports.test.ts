// Reports over HTTP with a controlled clock: dossiers are received and processed through the real API in
// October–November 2026, then the progress report (every groupBy), its drill-down, the officials report,
// the QĐ 766 indicators and the Excel exports are checked against what was done, under each reader's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { COMMUNE_PROC, HOUR, STP, XA1, act, receive, startDossierApp } from '../dossiers/fixtures.js';
import { createToken } from '../../src/modules/org/auth.service.js';
import { findUserByUsername } from '../../src/modules/org/org.repo.js';
import { parseLocalDateTime, localDate } from '../../src/modules/calendar/working-time.js';
import { factsFromJsonb } from '../../src/modules/reports/reports.repo.js';
import { reportFactsOf } from '../../src/modules/workflow/report-facts.js';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { pushToPortal } from '../../src/modules/portal-sync/portal-sync.service.js';

const MEASURES = [
  'received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProcess', 'inProcessOnTime', 'inProcessOverdue', 'refusedOrStopped',
] as const;
type Measure = (typeof MEASURES)[number];
const GROUP_BYS = ['agency', 'field', 'procedure', 'channel', 'month'] as const;

const filesDir = mkdtempSync(join(tmpdir(), 'motcua-files-'));
let t: TestApp & { clock: ManualClock };
/** Clients authenticated with API tokens (sessions would expire over the weeks the clock moves). */
const u: Record<string, HttpClient> = {};
const USERS = [
  'demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.thuphi', 'demo.xa.tiepnhan', 'demo.xa.lanhdao', 'demo.xa.chuyenvien',
  'demo.lanhdaotinh', 'demo.kiemsoat', 'demo.admin',
];
/** Dossier codes by letter. */
const code: Record<string, string> = {};

async function tokenClient(username: string, scopes = ['*']): Promise<HttpClient> {
  const user = await findUserByUsername(t.ctx.db, username);
  const tok = await createToken(t.ctx, user!.id, { name: `test ${username}`, scopes }, { label: 'test' });
  const c = t.client();
  c.headers.authorization = `Bearer ${tok.token}`;
  return c;
}

/** Sets the clock to a local time 'YYYY-MM-DDTHH:MM' (Asia/Ho_Chi_Minh). */
const at = (local: string) => t.clock.set(parseLocalDateTime(local));
const doc = () => ({ number: `${Math.floor(Math.random() * 1e6)}/QĐ-STP`, date: localDate(t.clock.now()), signer: 'Phạm Quốc Hưng' });

async function upload(c: HttpClient, path: string, fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(file.data)], { type: 'application/octet-stream' }), file.name);
  const res = await fetch(c.base + path, { method: 'POST', headers: { authorization: c.headers.authorization! }, body: fd });
  return { status: res.status, body: await res.json() };
}
const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a5e2d40000000049454e44ae426082', 'hex');

/** Received at the provincial centre for Sở Tư pháp, handed to the handling step and claimed by the handler. */
async function atHandler(over: Record<string, unknown> = {}): Promise<string> {
  const r = await receive(u['demo.tiepnhan']!, over);
  const c = r.dossier.code as string;
  await act(u['demo.tiepnhan']!, c, 'forward');
  await act(u['demo.chuyenvien']!, c, 'claim');
  return c;
}

/** From the handling step to the recorded result (end of processing). */
async function finishFromHandler(c: string, opts: { resultFile?: boolean } = {}) {
  await act(u['demo.chuyenvien']!, c, 'forward');
  await act(u['demo.lanhdao']!, c, 'claim');
  await act(u['demo.lanhdao']!, c, 'approve');
  await act(u['demo.vanthu']!, c, 'claim');
  let fileId: string | undefined;
  if (opts.resultFile) {
    const up = await upload(u['demo.vanthu']!, `/api/v1/dossiers/${c}/files`, { purpose: 'result' }, { name: 'ket-qua.png', data: PNG_1x1 });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    fileId = up.body.id;
  }
  await act(u['demo.vanthu']!, c, 'record_result', { documents: [{ ...doc(), ...(fileId ? { fileId } : {}) }] });
}

async function finishFromReception(c: string) {
  await act(u['demo.tiepnhan']!, c, 'forward');
  await act(u['demo.chuyenvien']!, c, 'claim');
  await finishFromHandler(c);
}

const commune = () => ({
  procedureCode: COMMUNE_PROC,
  competentAgencyCode: undefined,
  applicant: { fullName: 'Lê Văn Hùng', kind: 'individual', idNumber: '038085001122', phone: '0987654321' },
});

/**
 * Timeline (local time). Province dossiers: 15 working days (Sở Tư pháp); commune: 5 working days (Phường Hạc Thành).
 * A  26/10 in person, still at the handler → carried over, overdue in November (due 16/11); on 10/11 sent up
 *    for approval and sent back to the handler twice, then transferred to the commune (no time limit) and back
 * B  26/10, finished 28/10 → not in November
 * L  26/10, finished 10/11 → carried over, resolved early
 * C  02/11, finished 04/11 with an e-result and a reused component → early
 * D  02/11, finished 30 min before its appointment, same day → on time
 * E  02/11, finished 24/11 (after the appointment 23/11) → late; paid in cash
 * F  02/11, apology 04/11, finished 05/11 → late (apology)
 * K  02/11, at the handler; paid online → in process, overdue from 23/11
 * J  02/11, rejected after appraisal 05/11 → resolved, refused
 * I  02/11 at the commune, withdrawn and stopped 03/11 → resolved, stopped
 * H  16/11 by post, supplement requested 17/11 and pending → in process, within the deadline
 * G  20/11 online (submitted 19/11 evening), accepted → in process, within the deadline
 * I2 25/11 at the commune → in process, within the deadline
 * now = 27/11 10:00
 */
beforeAll(async () => {
  t = await startDossierApp({ MOTCUA_FILES_DIR: filesDir });
  at('2026-10-26T09:00');
  for (const name of USERS) u[name] = await tokenClient(name);

  code.A = await atHandler();
  code.B = (await receive(u['demo.tiepnhan']!)).dossier.code;
  code.L = (await receive(u['demo.tiepnhan']!)).dossier.code;
  at('2026-10-28T10:00');
  await finishFromReception(code.B);

  at('2026-11-02T09:00');
  code.C = await atHandler({
    components: [
      { name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1, fileId: 'file-1' },
      { name: 'Giấy khai sinh', provided: true, form: 'copy', copies: 1, reusedFrom: 'KQ-2025-0001' },
    ],
  });
  code.D = await atHandler();
  code.E = await atHandler();
  code.F = await atHandler();
  code.K = await atHandler();
  code.J = await atHandler();
  code.I = (await receive(u['demo.xa.tiepnhan']!, commune())).dossier.code;
  // payments: K online, E in cash (requested and confirmed at once: no suspension)
  await act(u['demo.chuyenvien']!, code.K, 'request_payment', { amount: 200000, reason: 'Lệ phí' });
  await act(u['demo.thuphi']!, code.K, 'confirm_payment', { amount: 200000, receiptNumber: 'BL-1', method: 'online' });
  await act(u['demo.chuyenvien']!, code.E, 'request_payment', { amount: 100000, reason: 'Lệ phí' });
  await act(u['demo.thuphi']!, code.E, 'confirm_payment', { amount: 100000, receiptNumber: 'BL-2', method: 'cash' });

  at('2026-11-03T09:00');
  await act(u['demo.xa.tiepnhan']!, code.I, 'request_withdrawal', { reason: 'Công dân xin rút hồ sơ' });
  await act(u['demo.xa.tiepnhan']!, code.I, 'stop', { reason: 'Theo yêu cầu', noticeNumber: '05/TB' });

  at('2026-11-04T10:00');
  await finishFromHandler(code.C, { resultFile: true });
  const f = (await u['demo.lanhdao']!.get(`/api/v1/dossiers/${code.F}`)).body;
  await act(u['demo.lanhdao']!, code.F, 'apologize', { reason: 'Cần xác minh thêm', newDueAt: new Date(new Date(f.dueAt).getTime() + 72 * HOUR).toISOString() });

  at('2026-11-05T10:00');
  await finishFromHandler(code.F);
  await act(u['demo.chuyenvien']!, code.J, 'forward');
  await act(u['demo.lanhdao']!, code.J, 'claim');
  await act(u['demo.lanhdao']!, code.J, 'reject', { reason: 'Không đủ điều kiện' });

  at('2026-11-10T10:00');
  await finishFromReception(code.L);
  // A goes up for approval and is sent back, twice: the handler and the leader each finish two steps of A
  for (let i = 0; i < 2; i++) {
    await act(u['demo.chuyenvien']!, code.A, 'forward');
    await act(u['demo.lanhdao']!, code.A, 'claim');
    await act(u['demo.lanhdao']!, code.A, 'send_back', { toStep: 'handling', reason: 'Xem lại' });
  }
  // then consults the commune through a transfer without a time limit: the commune's step has no due instant
  await act(u['demo.chuyenvien']!, code.A, 'transfer', { agencyCode: XA1 });
  await act(u['demo.xa.chuyenvien']!, code.A, 'return_transfer', {});

  at('2026-11-16T09:00');
  code.H = await atHandler({ channel: 3, delivery: { method: 'post', address: { line: '12 Lê Lợi', communeCode: '14797' } } });
  at('2026-11-17T09:00');
  await act(u['demo.chuyenvien']!, code.H, 'request_supplement', { reason: 'Thiếu giấy tờ', items: ['Giấy khai sinh'] });

  at('2026-11-20T09:00');
  const g = await receive(u['demo.tiepnhan']!, { channel: 2, submittedAt: '2026-11-19T20:00:00+07:00' });
  code.G = (await act(u['demo.tiepnhan']!, g.dossier.id, 'accept')).dossier.code;

  const d = (await u['demo.lanhdao']!.get(`/api/v1/dossiers/${code.D}`)).body;
  const finishD = new Date(new Date(d.originalDueAt).getTime() - 30 * 60_000);
  expect(localDate(finishD)).toBe(localDate(new Date(d.originalDueAt))); // the same local day as the appointment
  t.clock.set(finishD);
  await finishFromHandler(code.D);

  at('2026-11-24T10:00');
  await finishFromHandler(code.E);
  at('2026-11-25T09:00');
  code.I2 = (await receive(u['demo.xa.tiepnhan']!, commune())).dossier.code;
  at('2026-11-27T10:00');
});
afterAll(async () => {
  await t?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

const NOV = 'from=2026-11-01&to=2026-11-30';
const letters = (items: Array<{ code: string }>) => items.map((i) => Object.entries(code).find(([, v]) => v === i.code)?.[0] ?? i.code).sort();

async function get(who: string, path: string) {
  const r = await u[who]!.get(path);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function drillLetters(who: string, query: string, measure: Measure): Promise<string[]> {
  const r = await get(who, `/api/v1/reports/progress/dossiers?${query}&measure=${measure}&pageSize=200`);
  expect(r.total).toBe(r.items.length);
  return letters(r.items);
}

/** What each measure must contain in November (province-wide). */
const NOVEMBER: Record<Measure, string[]> = {
  received: ['A', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'I2', 'J', 'K', 'L'],
  carriedOver: ['A', 'L'],
  newOnline: ['G'],
  newInPerson: ['C', 'D', 'E', 'F', 'I', 'I2', 'J', 'K'],
  newPostal: ['H'],
  resolved: ['C', 'D', 'E', 'F', 'I', 'J', 'L'],
  resolvedEarly: ['C', 'I', 'J', 'L'],
  resolvedOnTime: ['D'],
  resolvedLate: ['E', 'F'],
  inProcess: ['A', 'G', 'H', 'I2', 'K'],
  inProcessOnTime: ['G', 'H', 'I2'],
  inProcessOverdue: ['A', 'K'],
  refusedOrStopped: ['I', 'J'],
};

describe('progress report', () => {
  it('counts each dossier where it belongs: carried over vs new, early / on time / late, in process within the deadline vs overdue', async () => {
    const r = await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=agency`);
    expect(r.period).toEqual({ from: '2026-11-01', to: '2026-11-30', asOf: t.clock.now().toISOString() });
    expect(r.groupBy).toBe('agency');
    expect(r.agencyCode).toBeNull();
    for (const m of MEASURES) expect(r.totals[m], m).toBe(NOVEMBER[m].length);
    expect(r.totals.key).toBeNull();
    expect(r.totals.onTimeRate).toBe(66.67); // (4 early + 1 on time + 3 within the deadline) / 12
    // the drill-down lists exactly those dossiers
    for (const m of MEASURES) expect(await drillLetters('demo.lanhdaotinh', NOV, m), m).toEqual(NOVEMBER[m]);
  });

  it('judges dossiers still open at the end of a past period at that end (asOf), and leaves out those finished before its start', async () => {
    const oct = await get('demo.lanhdaotinh', '/api/v1/reports/progress?from=2026-10-01&to=2026-10-31');
    expect(oct.period.asOf).toBe('2026-10-31T17:00:00.000Z');
    expect(oct.totals).toMatchObject({ received: 3, carriedOver: 0, newInPerson: 3, resolved: 1, resolvedEarly: 1, inProcess: 2, inProcessOnTime: 2, inProcessOverdue: 0 });
    expect(await drillLetters('demo.lanhdaotinh', 'from=2026-10-01&to=2026-10-31', 'resolved')).toEqual(['B']);
    // 1–20 November: A is past its appointment (16/11), K (23/11) and E (finished late on 24/11) are not yet
    const q = 'from=2026-11-01&to=2026-11-20';
    expect(await drillLetters('demo.lanhdaotinh', q, 'inProcessOverdue')).toEqual(['A']);
    expect(await drillLetters('demo.lanhdaotinh', q, 'inProcessOnTime')).toEqual(['D', 'E', 'G', 'H', 'K']);
    expect(await drillLetters('demo.lanhdaotinh', q, 'received')).not.toContain('I2');
    // finished before the start of November: not counted in November
    expect(await drillLetters('demo.lanhdaotinh', NOV, 'received')).not.toContain('B');
  });

  it('every groupBy: rows sum to the totals, keys are distinct, labels readable, sorted by received then label', async () => {
    const totals = (await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}`)).totals;
    for (const g of GROUP_BYS) {
      const r = await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=${g}`);
      expect(r.totals, g).toEqual(totals);
      for (const m of MEASURES) expect(r.rows.reduce((s: number, x: any) => s + x[m], 0), `${g} ${m}`).toBe(totals[m]);
      const keys = r.rows.map((x: any) => x.key);
      expect(new Set(keys).size, g).toBe(keys.length);
      for (const x of r.rows) {
        expect(x.key, g).not.toBeNull();
        expect(x.label.length, g).toBeGreaterThan(0);
      }
      for (let i = 1; i < r.rows.length; i++) expect(r.rows[i - 1].received, g).toBeGreaterThanOrEqual(r.rows[i].received);
    }
    const byAgency = await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=agency`);
    expect(byAgency.rows.map((x: any) => x.key)).toEqual([STP, XA1]);
    expect(byAgency.rows[0]).toMatchObject({ label: 'Sở Tư pháp tỉnh Thanh Hóa', received: 10 });
    expect(byAgency.rows[1]).toMatchObject({ label: 'Ủy ban nhân dân Phường Hạc Thành', received: 2, refusedOrStopped: 1 });
    const byChannel = await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=channel`);
    expect(Object.fromEntries(byChannel.rows.map((x: any) => [x.key, [x.label, x.received]]))).toEqual({
      '1': ['Trực tiếp', 10], '2': ['Trực tuyến', 1], '3': ['Bưu chính', 1],
    });
    const byField = await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=field`);
    expect(byField.rows).toHaveLength(2);
    expect(byField.rows.every((x: any) => x.key === x.label)).toBe(true);
    // months of acceptance; dossiers carried over into the period are in its first month
    const byMonth = await get('demo.lanhdaotinh', '/api/v1/reports/progress?from=2026-10-01&to=2026-11-30&groupBy=month');
    expect(byMonth.rows.map((x: any) => [x.key, x.label, x.received])).toEqual([['2026-11', '11/2026', 10], ['2026-10', '10/2026', 3]]);
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=month`)).rows.map((x: any) => x.key)).toEqual(['2026-11']);
  });

  it('drill-down of every cell of every group returns exactly the dossiers counted in it', async () => {
    for (const g of ['agency', 'channel', 'field'] as const) {
      const r = await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&groupBy=${g}`);
      for (const row of r.rows) {
        for (const m of MEASURES) {
          const d = await get('demo.lanhdaotinh', `/api/v1/reports/progress/dossiers?${NOV}&groupBy=${g}&key=${encodeURIComponent(row.key)}&measure=${m}&pageSize=200`);
          expect(d.total, `${g}=${row.key} ${m}`).toBe(row[m]);
          expect(d.items).toHaveLength(row[m]);
          for (const x of d.items) expect(NOVEMBER[m]).toContain(letters([x])[0]);
        }
      }
    }
    // inbox item shape, paging, key without groupBy = totals, unknown key = nothing
    const p = await get('demo.lanhdaotinh', `/api/v1/reports/progress/dossiers?${NOV}&measure=received&page=3&pageSize=5`);
    expect(p).toMatchObject({ total: 12, page: 3, pageSize: 5 });
    expect(p.items).toHaveLength(2);
    for (const f of ['id', 'code', 'version', 'state', 'nationalStatus', 'procedureCode', 'procedureName', 'applicantName', 'channel', 'acceptedAt', 'dueAt']) {
      expect(p.items[0]).toHaveProperty(f);
    }
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/progress/dossiers?${NOV}&key=${STP}`)).total).toBe(12);
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/progress/dossiers?${NOV}&groupBy=agency`)).total).toBe(12);
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/progress/dossiers?${NOV}&groupBy=agency&key=nope`)).total).toBe(0);
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/progress/dossiers?${NOV}&groupBy=field&key=__none__`)).total).toBe(0);
  });
});

describe('scope', () => {
  it('a commune leader sees only the commune; another agency is 404; the department leader sees only the department', async () => {
    const xa = await get('demo.xa.lanhdao', `/api/v1/reports/progress?${NOV}&groupBy=agency`);
    expect(xa.totals).toMatchObject({ received: 2, resolved: 1, refusedOrStopped: 1, inProcess: 1 });
    expect(xa.rows.map((x: any) => x.key)).toEqual([XA1]);
    expect(await drillLetters('demo.xa.lanhdao', NOV, 'received')).toEqual(['I', 'I2']);
    const own = await get('demo.xa.lanhdao', `/api/v1/reports/progress?${NOV}&agency=${XA1}`);
    expect(own.agencyCode).toBe(XA1);
    expect(own.totals.received).toBe(2);
    for (const path of ['progress', 'progress/dossiers', 'officials', 'indicators', 'progress.xlsx', 'indicators.xlsx']) {
      const r = await u['demo.xa.lanhdao']!.get(`/api/v1/reports/${path}?${NOV}&agency=${STP}`);
      expect(r.status, path).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
    }
    expect((await u['demo.xa.lanhdao']!.get(`/api/v1/reports/progress?${NOV}&agency=999.99.99.H56`)).status).toBe(404);
    const stp = await get('demo.lanhdao', `/api/v1/reports/progress?${NOV}`);
    expect(stp.totals.received).toBe(10);
    expect((await u['demo.lanhdao']!.get(`/api/v1/reports/progress?${NOV}&agency=${XA1}`)).status).toBe(404);
    // the province leader narrows to the commune
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/progress?${NOV}&agency=${XA1}`)).totals).toEqual(xa.totals);
  });

  it('roles without report access get 403; tokens need reports:read', async () => {
    const handler = await tokenClient('demo.chuyenvien');
    const r = await handler.get(`/api/v1/reports/progress?${NOV}`);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('FORBIDDEN');
    expect((await t.client().get(`/api/v1/reports/progress?${NOV}`)).status).toBe(401);
    const narrow = await tokenClient('demo.lanhdaotinh', ['dossiers:read']);
    expect((await narrow.get(`/api/v1/reports/progress?${NOV}`)).body.code).toBe('TOKEN_SCOPE');
    const reports = await tokenClient('demo.lanhdaotinh', ['reports:read']);
    expect((await reports.get(`/api/v1/reports/progress?${NOV}`)).status).toBe(200);
    // procedure control and the administrator report on the province
    expect((await get('demo.kiemsoat', `/api/v1/reports/progress?${NOV}`)).totals.received).toBe(12);
    expect((await get('demo.admin', `/api/v1/reports/progress?${NOV}`)).totals.received).toBe(12);
  });
});

describe('bad input', () => {
  it('bad periods and parameters: 422 with the code, 400 naming the field', async () => {
    const c = u['demo.lanhdaotinh']!;
    const inverted = await c.get('/api/v1/reports/progress?from=2026-11-30&to=2026-11-01');
    expect(inverted.status).toBe(422);
    expect(inverted.body.code).toBe('REPORT_PERIOD_INVALID');
    expect(inverted.body.title).toMatch(/Kỳ báo cáo/);
    const long = await c.get('/api/v1/reports/indicators?from=2025-01-01&to=2026-11-30');
    expect(long.status).toBe(422);
    expect(long.body.code).toBe('REPORT_PERIOD_TOO_LONG');
    const en = await c.get('/api/v1/reports/officials?from=2026-11-30&to=2026-11-01', { 'accept-language': 'en' });
    expect(en.body.title).toMatch(/report period/i);
    for (const [q, field] of [
      ['from=2026-02-30', 'querystring.from'],
      ['to=26-11-01', 'querystring.to'],
      ['groupBy=zzz', 'querystring.groupBy'],
      ['from=1999-12-31', 'querystring.from'],
    ]) {
      const r = await c.get(`/api/v1/reports/progress?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.errors.map((e: any) => e.path), q).toContain(field);
    }
    const m = await c.get(`/api/v1/reports/progress/dossiers?${NOV}&measure=nope`);
    expect(m.status).toBe(400);
    expect((await c.get(`/api/v1/reports/progress/dossiers?${NOV}&pageSize=500`)).status).toBe(400);
  });
});

describe('officials', () => {
  it('steps finished in the period per official with their classification, and what they hold now', async () => {
    const r = await get('demo.lanhdaotinh', `/api/v1/reports/officials?${NOV}`);
    const by = Object.fromEntries(r.rows.map((x: any) => [x.username, x]));
    for (const x of r.rows) {
      expect(x.early + x.onTime + x.late, x.username).toBe(x.stepsDone);
      if (x.stepsDone > 0) expect(x.onTimeRate).toBe(Math.round(((x.early + x.onTime) / x.stepsDone) * 10000) / 100);
      expect(x.holdingOverdue).toBeLessThanOrEqual(x.holding);
    }
    // results recorded in November: C, F, L, D, E (B was in October)
    expect(by['demo.vanthu']).toMatchObject({ stepsDone: 5, agencyCode: STP, fullName: 'Đỗ Thị Thu Hà' });
    expect((await get('demo.lanhdaotinh', '/api/v1/reports/officials?from=2026-10-01&to=2026-10-31')).rows.find((x: any) => x.username === 'demo.vanthu').stepsDone).toBe(1);
    // the handler holds A and K (both overdue now) and H (waiting for the supplement)
    const mine = (await get('demo.chuyenvien', '/api/v1/dossiers?mine=true&pageSize=100')).items
      .filter((i: any) => !['returned', 'refused', 'stopped'].includes(i.state));
    expect(letters(mine)).toEqual(['A', 'H', 'K']);
    expect(by['demo.chuyenvien']).toMatchObject({ holding: 3, holdingOverdue: 2 });
    // rows are ordered by steps done
    for (let i = 1; i < r.rows.length; i++) expect(r.rows[i - 1].stepsDone).toBeGreaterThanOrEqual(r.rows[i].stepsDone);
    // the commune leader sees the commune's officials only
    const xa = await get('demo.xa.lanhdao', `/api/v1/reports/officials?${NOV}`);
    expect(xa.rows.map((x: any) => x.username).sort()).toEqual(['demo.xa.chuyenvien', 'demo.xa.tiepnhan']);
    // the commune's step of the transfer had no time limit: counted as on time
    expect(by['demo.xa.chuyenvien']).toMatchObject({ stepsDone: 1, early: 0, onTime: 1, late: 0, holding: 0 });
  });
});

describe('officials drill-down', () => {
  const OFFICIAL_MEASURES = ['stepsDone', 'early', 'onTime', 'late', 'holding', 'holdingOverdue'] as const;
  const drill = (who: string, q: string, userId: string, measure: string) =>
    get(who, `/api/v1/reports/officials/dossiers?${q}&userId=${userId}&measure=${measure}&pageSize=200`);

  it('every number of every official row is the total of its drill-down, under each reader and period', async () => {
    const cases: Array<[string, string]> = [
      ['demo.lanhdaotinh', NOV], ['demo.lanhdaotinh', 'from=2026-10-01&to=2026-10-31'], ['demo.lanhdaotinh', 'from=2026-11-01&to=2026-11-20'],
      ['demo.lanhdaotinh', `${NOV}&agency=${STP}`], ['demo.lanhdao', NOV], ['demo.xa.lanhdao', NOV],
    ];
    let checked = 0;
    for (const [who, q] of cases) {
      const [from, to] = [/from=([\d-]+)/.exec(q)![1]!, /to=([\d-]+)/.exec(q)![1]!];
      const rows = (await get(who, `/api/v1/reports/officials?${q}`)).rows;
      expect(rows.length, `${who} ${q}`).toBeGreaterThan(0);
      if (who === 'demo.lanhdaotinh' && q === NOV) {
        // every measure has something to list
        for (const m of OFFICIAL_MEASURES) expect(rows.reduce((n: number, r: any) => n + r[m], 0), m).toBeGreaterThan(0);
      }
      for (const row of rows) {
        for (const m of OFFICIAL_MEASURES) {
          const d = await drill(who, q, row.userId, m);
          expect(d.total, `${who} ${q} ${row.username} ${m}`).toBe(row[m]);
          expect(d.items).toHaveLength(row[m]);
          expect(d.official).toEqual({ userId: row.userId, fullName: row.fullName, username: row.username });
          expect(d.measure).toBe(m);
          for (const it of d.items) {
            if (m.startsWith('holding')) {
              expect(it.step).toBeNull();
              expect(it.assigneeId).toBe(row.userId);
              if (m === 'holdingOverdue') expect(it.overdue || it.indicatorOnTime === false || new Date(it.dueAt) < t.clock.now()).toBe(true);
            } else {
              expect(localDate(new Date(it.step.at)) >= from && localDate(new Date(it.step.at)) <= to).toBe(true);
              if (m === 'early') expect(it.step.classification).toBe('early');
              if (m === 'late') expect(it.step.classification).toBe('late');
              if (m === 'onTime') expect([null, 'on_time']).toContain(it.step.classification);
            }
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('lists the steps (a dossier once per step) and the dossiers held; pages; scope and bad input', async () => {
    const rows = (await get('demo.lanhdaotinh', `/api/v1/reports/officials?${NOV}`)).rows;
    const id = (username: string) => rows.find((x: any) => x.username === username).userId;
    // the clerk recorded the results of C, D, E, F and L in November
    const clerk = await drill('demo.lanhdaotinh', NOV, id('demo.vanthu'), 'stepsDone');
    expect(letters(clerk.items)).toEqual(['C', 'D', 'E', 'F', 'L']);
    // oldest step first
    const at = clerk.items.map((x: any) => x.step.at);
    expect([...at].sort()).toEqual(at);
    // the handler finished the handling step of A twice (sent back from approval), and holds A, H, K
    const handler = await drill('demo.lanhdaotinh', NOV, id('demo.chuyenvien'), 'stepsDone');
    expect(letters(handler.items).filter((x) => x === 'A')).toEqual(['A', 'A', 'A']); // twice up for approval, once transferred
    const commune = await drill('demo.lanhdaotinh', NOV, id('demo.xa.chuyenvien'), 'onTime');
    expect(letters(commune.items)).toEqual(['A']);
    expect(commune.items[0].step.classification).toBeNull();
    expect(letters((await drill('demo.lanhdaotinh', NOV, id('demo.chuyenvien'), 'holding')).items)).toEqual(['A', 'H', 'K']);
    expect(letters((await drill('demo.lanhdaotinh', NOV, id('demo.chuyenvien'), 'holdingOverdue')).items)).toEqual(['A', 'K']);
    // pages, inbox item shape
    const p = await get('demo.lanhdaotinh', `/api/v1/reports/officials/dossiers?${NOV}&userId=${id('demo.vanthu')}&page=2&pageSize=2`);
    expect(p).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(letters(p.items)).toEqual(letters(clerk.items.slice(2, 4)));
    for (const f of ['id', 'code', 'version', 'state', 'nationalStatus', 'procedureCode', 'procedureName', 'applicantName', 'channel', 'acceptedAt', 'dueAt', 'finishedAt']) {
      expect(p.items[0]).toHaveProperty(f);
    }
    // measure defaults to stepsDone
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/officials/dossiers?${NOV}&userId=${id('demo.vanthu')}`)).total).toBe(5);

    // scope: an unknown user, an official of another agency, an agency outside the scope → 404
    const unknown = await u['demo.lanhdaotinh']!.get(`/api/v1/reports/officials/dossiers?${NOV}&userId=00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('REPORT_OFFICIAL_NOT_FOUND');
    expect(unknown.body.title).toMatch(/cán bộ/);
    const other = await u['demo.xa.lanhdao']!.get(`/api/v1/reports/officials/dossiers?${NOV}&userId=${id('demo.vanthu')}`, { 'accept-language': 'en' });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('REPORT_OFFICIAL_NOT_FOUND');
    expect(other.body.title).toMatch(/official/);
    expect((await u['demo.lanhdaotinh']!.get(`/api/v1/reports/officials/dossiers?${NOV}&agency=${XA1}&userId=${id('demo.vanthu')}`)).status).toBe(404);
    const agency = await u['demo.xa.lanhdao']!.get(`/api/v1/reports/officials/dossiers?${NOV}&agency=${STP}&userId=${id('demo.xa.tiepnhan')}`);
    expect(agency.status).toBe(404);
    expect(agency.body.code).toBe('NOT_FOUND');
    // the commune's own official is there
    expect(letters((await get('demo.xa.lanhdao', `/api/v1/reports/officials/dossiers?${NOV}&userId=${id('demo.xa.tiepnhan')}&measure=holding`)).items)).toEqual(['I2']);
    // a known official of the scope with nothing in the period: empty, not 404
    expect((await get('demo.lanhdaotinh', `/api/v1/reports/officials/dossiers?from=2026-09-01&to=2026-09-30&userId=${id('demo.vanthu')}`)).total).toBe(0);
    // no report role: 403
    expect((await (await tokenClient('demo.chuyenvien')).get(`/api/v1/reports/officials/dossiers?${NOV}&userId=${id('demo.vanthu')}`)).status).toBe(403);

    // bad input: 400 naming the field, 422 for the period
    const c = u['demo.lanhdaotinh']!;
    for (const [q, field] of [
      [`${NOV}`, 'querystring.userId'],
      [`${NOV}&userId=nope`, 'querystring.userId'],
      [`${NOV}&userId=${id('demo.vanthu')}&measure=received`, 'querystring.measure'],
      [`${NOV}&userId=${id('demo.vanthu')}&pageSize=500`, 'querystring.pageSize'],
      [`${NOV}&userId=${id('demo.vanthu')}&page=0`, 'querystring.page'],
    ]) {
      const r = await c.get(`/api/v1/reports/officials/dossiers?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.errors.map((e: any) => e.path), q).toContain(field);
    }
    const inv = await c.get(`/api/v1/reports/officials/dossiers?from=2026-11-30&to=2026-11-01&userId=${id('demo.vanthu')}`);
    expect(inv.status).toBe(422);
    expect(inv.body.code).toBe('REPORT_PERIOD_INVALID');
  });
});

describe('QĐ 766 indicators', () => {
  it('computes what the data supports, marks the rest unavailable with a note, and sums the groups', async () => {
    // 1.4 and the 3.3 factor count what the national portal accepted: sync first (the built-in simulated portal)
    const before = await get('demo.lanhdaotinh', `/api/v1/reports/indicators?${NOV}`);
    const by0 = Object.fromEntries(before.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
    expect(by0['3.3']).toMatchObject({ available: true, numerator: 1, denominator: 10, factor: 0, ratio: 0, score: 0 });
    await deliverDue(t.ctx, outboxHandlers);
    await pushToPortal(t.ctx);
    const r = await get('demo.lanhdaotinh', `/api/v1/reports/indicators?${NOV}`);
    expect(r.groups.map((g: any) => [g.code, g.max])).toEqual([['CKMB', 18], ['TDGQ', 20], ['CLGQ', 12], ['TTTT', 10], ['MDSH', 22], ['MDHL', 18]]);
    const by = Object.fromEntries(r.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
    expect(by['2.1']).toMatchObject({ available: true, numerator: 8, denominator: 12, ratio: 66.67, score: 13.33, max: 20 });
    expect(by['1.4']).toMatchObject({ available: true, numerator: 10, denominator: 10, ratio: 100, score: 6 });
    expect(by['3.3']).toMatchObject({ available: true, numerator: 1, denominator: 10, factor: 1, ratio: 10, score: 1.2 });
    // results in November: C, D, E, F, L approved, J rejected; only C has a result file, component files and a reused component
    expect(by['4.1']).toMatchObject({ available: true, numerator: 1, denominator: 6, ratio: 16.67, score: 1 });
    expect(by['4.2']).toMatchObject({ available: true, numerator: 1, denominator: 6, ratio: 16.67, score: 0.67 });
    expect(by['4.3']).toMatchObject({ available: true, numerator: 1, denominator: 10, ratio: 10, score: 0.25 });
    expect(by['3.6']).toMatchObject({ available: true, numerator: 1, denominator: 2, ratio: 50, score: 3 });
    for (const c of ['1.3', '3.1', '3.2', '3.5', '3.5b']) {
      expect(by[c].available, c).toBe(true);
      expect(by[c].numerator, c).toBeLessThanOrEqual(by[c].denominator);
      expect(by[c].score, c).toBeLessThanOrEqual(by[c].max);
    }
    expect(by['1.3'].denominator).toBeGreaterThan(0);
    // 5.4 without ratings: the dossiers not overdue (2.1's numerator) over those handled; min(6, 6 × 8/12 / 0.9)
    expect(by['5.4']).toMatchObject({ available: true, numerator: 8, denominator: 12, ratio: 66.67, score: 4.44, max: 6 });
    // 5.1 and 5.3 with no petitions in the period: each scores the full 6 (domain-vn.md §0.5), no ratio
    for (const c of ['5.1', '5.3']) expect(by[c], c).toMatchObject({ available: true, denominator: 0, ratio: null, score: 6, max: 6 });
    for (const c of ['1.1', '1.2', '4.4', '4.5a', '4.5b', '4.6']) {
      expect(by[c], c).toMatchObject({ available: false, numerator: null, denominator: null, ratio: null, score: null });
      expect(by[c].noteVi.length).toBeGreaterThan(10);
      expect(by[c].noteEn.length).toBeGreaterThan(10);
    }
    for (const g of r.groups) {
      const avail = g.indicators.filter((i: any) => i.available);
      if (avail.length === 0) expect(g.score).toBeNull();
      else expect(g.score).toBeCloseTo(avail.reduce((s: number, i: any) => s + i.score, 0), 2);
    }
    expect(r.score).toBeCloseTo(r.groups.reduce((s: number, g: any) => s + (g.score ?? 0), 0), 2);
    expect(r.maxAvailable).toBe(r.groups.flatMap((g: any) => g.indicators).filter((i: any) => i.available).reduce((s: number, i: any) => s + i.max, 0));
    // the commune: its own numbers
    const xa = await get('demo.xa.lanhdao', `/api/v1/reports/indicators?${NOV}`);
    const xby = Object.fromEntries(xa.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
    expect(xby['2.1']).toMatchObject({ numerator: 2, denominator: 2, ratio: 100, score: 20 });
  });
});

describe('Excel exports', () => {
  async function workbook(who: string, path: string) {
    const res = await fetch(u[who]!.base + path, { headers: { authorization: u[who]!.headers.authorization! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return { ws: wb.worksheets[0]!, cd };
  }
  const cellText = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((x) => x.text).join('') : String(v));

  it('progress.xlsx parses back with the same rows and totals as the JSON', async () => {
    for (const [who, q] of [['demo.lanhdaotinh', `${NOV}&groupBy=agency`], ['demo.lanhdaotinh', `${NOV}&groupBy=channel`], ['demo.xa.lanhdao', NOV]] as const) {
      const json = await get(who, `/api/v1/reports/progress?${q}`);
      const { ws, cd } = await workbook(who, `/api/v1/reports/progress.xlsx?${q}`);
      expect(cd).toContain('2026-11-01_2026-11-30');
      const texts: string[] = [];
      ws.eachRow((row) => texts.push(cellText(row.getCell(1).value)));
      expect(texts).toContain('BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
      expect(texts.some((x) => x.includes('từ ngày 01/11/2026 đến ngày 30/11/2026'))).toBe(true);
      // header: STT in a merged two-row cell, "Số hồ sơ nhận giải quyết" over five columns
      let headerRow = 0;
      ws.eachRow((row, n) => { if (cellText(row.getCell(1).value) === 'STT') headerRow ||= n; });
      expect(headerRow).toBeGreaterThan(0);
      expect(cellText(ws.getCell(headerRow, 3).value)).toBe('Số hồ sơ nhận giải quyết');
      expect(cellText(ws.getCell(headerRow + 1, 3).value)).toBe('Tổng số');
      expect(ws.getCell(headerRow + 1, 1).isMerged).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow + 2 });
      // data rows then the totals row
      const first = headerRow + 3;
      json.rows.forEach((row: any, i: number) => {
        expect(cellText(ws.getCell(first + i, 2).value)).toBe(row.label);
        expect(ws.getCell(first + i, 3).value).toBe(row.received);
      });
      const totalRow = first + json.rows.length;
      expect(cellText(ws.getCell(totalRow, 2).value)).toBe('Tổng cộng');
      const cols = ['received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'refusedOrStopped', 'inProcess', 'inProcessOnTime', 'inProcessOverdue', 'onTimeRate'];
      cols.forEach((m, i) => expect(ws.getCell(totalRow, 3 + i).value, m).toBe(json.totals[m]));
    }
  });

  it('indicators.xlsx lists every indicator with the JSON numbers', async () => {
    const json = await get('demo.lanhdaotinh', `/api/v1/reports/indicators?${NOV}`);
    const { ws } = await workbook('demo.lanhdaotinh', `/api/v1/reports/indicators.xlsx?${NOV}`);
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row) => rows.set(cellText(row.getCell(1).value), row));
    for (const g of json.groups) {
      expect(rows.get(g.code)!.getCell(6).value, g.code).toBe(g.score);
      for (const i of g.indicators) {
        const row = rows.get(i.code)!;
        expect(row, i.code).toBeTruthy();
        expect(cellText(row.getCell(2).value)).toBe(i.nameVi);
        expect(row.getCell(3).value ?? null).toBe(i.numerator);
        expect(row.getCell(4).value ?? null).toBe(i.denominator);
        expect(row.getCell(5).value ?? null).toBe(i.ratio);
        expect(row.getCell(6).value ?? null).toBe(i.score);
      }
    }
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => { if (cellText(row.getCell(2).value).startsWith('Tổng điểm')) total = row; });
    expect(total!.getCell(6).value).toBe(json.score);
    expect(total!.getCell(7).value).toBe(json.maxAvailable);
  });
});

describe('report facts (migration 0013)', () => {
  it('the projection columns hold what the state / filing / event say, after the full paths of this file', async () => {
    const f = factsFromJsonb();
    const names = Object.keys(f) as (keyof typeof f)[];
    const { rows } = await sql<Record<string, any>>`
      SELECT d.code, d.state, ${sql.join(names.map((n) => sql`d.${sql.ref(n)} AS ${sql.ref(n)}, ${f[n]} AS ${sql.ref(`json_${n}`)}`))}
      FROM dossiers d`.execute(t.ctx.db);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      for (const n of names) expect(r[n], `${r.code} ${n}`).toEqual(r[`json_${n}`]);
      const ts = reportFactsOf(r.state);
      for (const n of Object.keys(ts) as (keyof typeof ts)[]) expect(ts[n], `${r.code} ${n} (engine)`).toEqual(r[n]);
    }
    // the paths of this file reach these facts
    for (const n of ['has_result', 'pay_due', 'paid_online'] as const) expect(rows.some((r) => r[n]), n).toBe(true);
    expect(rows.some((r) => r.result_outcome === 'approved'), 'approved').toBe(true);
    // hand-over columns of the event log (generated), and the log stays append-only
    const ev = await sql<{ n: number }>`SELECT count(*) AS n FROM dossier_events e
      WHERE e.handover_user_id IS DISTINCT FROM e.event->'handover'->'from'->>'userId'
         OR e.handover_agency_id IS DISTINCT FROM e.event->'handover'->'from'->>'agencyId'
         OR e.handover_classification IS DISTINCT FROM e.event->'handover'->>'classification'`.execute(t.ctx.db);
    expect(Number(ev.rows[0]!.n)).toBe(0);
    const steps = await sql<{ n: number }>`SELECT count(*) AS n FROM dossier_events WHERE handover_user_id IS NOT NULL`.execute(t.ctx.db);
    expect(Number(steps.rows[0]!.n)).toBeGreaterThan(0);
    await expect(sql`UPDATE dossier_events SET note = note`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE dossier_events CASCADE`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });
});

describe('payment methods (QĐ 766 3.6)', () => {
  // last: it adds a payment to A
  it('confirm_payment takes one of the listed methods (422 naming them otherwise); 3.6 counts online exactly and old free text', async () => {
    const ind = async () => (await get('demo.lanhdaotinh', `/api/v1/reports/indicators?${NOV}`)).groups.flatMap((g: any) => g.indicators).find((i: any) => i.code === '3.6');
    expect(await ind()).toMatchObject({ numerator: 1, denominator: 2 }); // K online, E cash
    await act(u['demo.chuyenvien']!, code.A, 'request_payment', { amount: 50000, reason: 'Lệ phí' });
    const c = u['demo.thuphi']!;
    const v = (await c.get(`/api/v1/dossiers/${code.A}`)).body.version;
    for (const method of ['Tiền mặt', 'ONLINE', 'card', 7]) {
      const r = await c.post(`/api/v1/dossiers/${code.A}/actions/confirm_payment`, { version: v, payload: { amount: 50000, method } });
      expect(r.status, String(method)).toBe(422);
      expect(r.body.code).toBe('INVALID_PAYLOAD');
      expect(r.body.title).toContain('cash (tiền mặt), bank_transfer (chuyển khoản), pos (thẻ/POS), online (thanh toán trực tuyến');
      expect(r.body.errors[0]).toMatchObject({ path: 'body.payload', code: 'INVALID_PAYLOAD' });
    }
    const en = await c.post(`/api/v1/dossiers/${code.A}/actions/confirm_payment`, { version: v, payload: { method: 'card' } }, { 'accept-language': 'en' });
    expect(en.body.title).toContain('method must be one of: cash (cash), bank_transfer (bank transfer), pos (card/POS), online (online payment');
    expect((await c.get(`/api/v1/dossiers/${code.A}`)).body.version).toBe(v); // nothing written
    await act(c, code.A, 'confirm_payment', { amount: 50000, receiptNumber: 'BL-3', method: 'pos' });
    expect(await ind()).toMatchObject({ numerator: 1, denominator: 3 });
    // payments recorded before the list hold free text: the old matching still applies to them (the
    // paid_online column as migration 0013 backfills it from the state, and as the engine computes it)
    const setMethod = async (dossier: string, method: string) => {
      await sql`UPDATE dossiers SET state = jsonb_set(state, '{payments,0,method}', to_jsonb(${method}::text)) WHERE code = ${dossier}`.execute(t.ctx.db);
      await sql`UPDATE dossiers d SET paid_online = ${factsFromJsonb().paid_online} WHERE code = ${dossier}`.execute(t.ctx.db);
      const { rows } = await sql<{ state: any; paid_online: boolean }>`SELECT state, paid_online FROM dossiers WHERE code = ${dossier}`.execute(t.ctx.db);
      expect(reportFactsOf(rows[0]!.state).paid_online, method).toBe(rows[0]!.paid_online);
    };
    await setMethod(code.E!, 'Trực tuyến');
    expect(await ind()).toMatchObject({ numerator: 2, denominator: 3 });
    await setMethod(code.E!, 'Chuyển khoản');
    expect(await ind()).toMatchObject({ numerator: 1, denominator: 3 });
    await setMethod(code.E!, 'cash');
  });
});
