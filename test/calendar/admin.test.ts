// Admin changes to the days off: add, move, remove, confirm a year; audit rows; 401/403; bad input;
// a change creates a new calendar version, changes /due answers, and the old version still gives the
// old answer (a deadline computed before keeps its value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';

let t: TestApp;
let admin: HttpClient;
let reception: HttpClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
  reception = await t.login('demo.tiepnhan');
});
afterAll(async () => t?.close());

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, code?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  if (code) expect(r.body.code).toBe(code);
}

const MON_0900 = encodeURIComponent('2026-03-09T09:00:00+07:00');
const dueFromMonday = (days: number, extra = '') => t.client().get(`/api/v1/calendar/due?from=${MON_0900}&workingDays=${days}${extra}`);

async function auditRows(action: string) {
  const { rows } = await t.ctx.database.pool.query(`SELECT actor_label, target_id, details FROM audit_log WHERE action = $1 ORDER BY id`, [action]);
  return rows;
}

describe('days off: add, move, remove', () => {
  it('a new day off changes /due; the older version still gives the old answer', async () => {
    const before = await dueFromMonday(1);
    expect(before.body.dueLocal).toBe('2026-03-10T09:00:00+07:00');
    const v1 = before.body.calendarVersion as number;

    const add = await admin.post('/api/v1/calendar/holidays', {
      date: '2026-03-10',
      kind: 'holiday',
      nameVi: 'Ngày nghỉ đặc biệt (thử nghiệm)',
      nameEn: 'Special day off (test)',
      source: 'Quyết định 123/QĐ-UBND (thử nghiệm)',
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ date: '2026-03-10', kind: 'holiday', origin: 'admin', provisional: false, source: { references: ['Quyết định 123/QĐ-UBND (thử nghiệm)'], verify: false } });
    const v2 = add.body.calendarVersion as number;
    expect(v2).toBeGreaterThan(v1);
    const id = add.body.id as string;

    const after = await dueFromMonday(1);
    expect(after.body.dueLocal).toBe('2026-03-11T09:00:00+07:00');
    expect(after.body.calendarVersion).toBe(v2);
    // recomputing with the version a stored deadline was computed with gives the stored value
    expect((await dueFromMonday(1, `&calendarVersion=${v1}`)).body).toMatchObject({ dueLocal: '2026-03-10T09:00:00+07:00', calendarVersion: v1 });

    const listed = await t.client().get('/api/v1/calendar/holidays?year=2026');
    expect(listed.body.items.find((i: any) => i.id === id)).toMatchObject({ date: '2026-03-10', nameVi: 'Ngày nghỉ đặc biệt (thử nghiệm)' });
    expect(listed.body.calendarVersion).toBe(v2);

    // move it to Thursday 12/3 and rename it
    const moved = await admin.patch(`/api/v1/calendar/holidays/${id}`, { date: '2026-03-12', nameVi: 'Ngày nghỉ đặc biệt (dời)' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id, date: '2026-03-12', nameVi: 'Ngày nghỉ đặc biệt (dời)', nameEn: 'Special day off (test)' });
    const v3 = moved.body.calendarVersion as number;
    expect(v3).toBeGreaterThan(v2);
    expect((await dueFromMonday(1)).body.dueLocal).toBe('2026-03-10T09:00:00+07:00');
    // Tue 10, Wed 11, (Thu 12 off) Fri 13
    expect((await dueFromMonday(3)).body.dueLocal).toBe('2026-03-13T09:00:00+07:00');
    expect((await dueFromMonday(3, `&calendarVersion=${v2}`)).body.dueLocal).toBe('2026-03-13T09:00:00+07:00');
    expect((await dueFromMonday(3, `&calendarVersion=${v1}`)).body.dueLocal).toBe('2026-03-12T09:00:00+07:00');

    // remove it
    const del = await admin.delete(`/api/v1/calendar/holidays/${id}`);
    expect(del.status).toBe(200);
    expect(del.body.id).toBe(id);
    const v4 = del.body.calendarVersion as number;
    expect(v4).toBeGreaterThan(v3);
    expect((await dueFromMonday(3)).body).toMatchObject({ dueLocal: '2026-03-12T09:00:00+07:00', calendarVersion: v4 });
    expect((await dueFromMonday(3, `&calendarVersion=${v3}`)).body.dueLocal).toBe('2026-03-13T09:00:00+07:00');
    expect((await t.client().get('/api/v1/calendar/holidays?year=2026')).body.items.some((i: any) => i.id === id)).toBe(false);
    expectProblem(await admin.delete(`/api/v1/calendar/holidays/${id}`), 404, 'CALENDAR_HOLIDAY_NOT_FOUND');

    // every change is audited with the actor and the calendar version
    const created = await auditRows('calendar.holiday.create');
    expect(created.at(-1)).toMatchObject({ actor_label: 'demo.admin', target_id: id });
    expect(created.at(-1).details).toMatchObject({ calendarVersion: v2, after: { date: '2026-03-10' } });
    const updated = await auditRows('calendar.holiday.update');
    expect(updated.at(-1).details).toMatchObject({ calendarVersion: v3, before: { date: '2026-03-10' }, after: { date: '2026-03-12' } });
    const deleted = await auditRows('calendar.holiday.delete');
    expect(deleted.at(-1)).toMatchObject({ actor_label: 'demo.admin', target_id: id });
    expect(deleted.at(-1).details).toMatchObject({ calendarVersion: v4 });
    // and the versions log says who made each version
    const { rows } = await t.ctx.database.pool.query(`SELECT version, actor_label, action FROM calendar_versions WHERE version IN ($1, $2, $3) ORDER BY version`, [v2, v3, v4]);
    expect(rows.map((r) => r.action)).toEqual(['calendar.holiday.create', 'calendar.holiday.update', 'calendar.holiday.delete']);
  });

  it('a swapped working Saturday makes that Saturday count', async () => {
    const from = encodeURIComponent('2026-03-13T14:00:00+07:00');
    expect((await t.client().get(`/api/v1/calendar/due?from=${from}&workingHours=4`)).body.dueLocal).toBe('2026-03-16T08:30:00+07:00');
    const swap = await admin.post('/api/v1/calendar/holidays', { date: '2026-03-14', kind: 'working_day_swap', nameVi: 'Làm bù (thử nghiệm)' });
    expect(swap.status).toBe(201);
    expect(swap.body.nameEn).toBe('Làm bù (thử nghiệm)');
    expect((await t.client().get(`/api/v1/calendar/due?from=${from}&workingHours=4`)).body.dueLocal).toBe('2026-03-14T08:30:00+07:00');
    // change it into a day off on a weekday, then remove it
    expectProblem(await admin.patch(`/api/v1/calendar/holidays/${swap.body.id}`, { kind: 'compensatory_off' }), 422, 'CALENDAR_COMPENSATORY_ON_WEEKEND');
    const moved = await admin.patch(`/api/v1/calendar/holidays/${swap.body.id}`, { date: '2026-03-16', kind: 'compensatory_off', nameVi: 'Nghỉ hoán đổi (thử nghiệm)' });
    expect(moved.status).toBe(200);
    expect((await t.client().get(`/api/v1/calendar/due?from=${from}&workingHours=4`)).body.dueLocal).toBe('2026-03-17T08:30:00+07:00');
    expect((await admin.delete(`/api/v1/calendar/holidays/${swap.body.id}`)).status).toBe(200);
  });

  it('moves an official day into a year that was not stored yet (the year is stored first)', async () => {
    const add = await admin.post('/api/v1/calendar/holidays', { date: '2040-11-24', kind: 'holiday', nameVi: 'Ngày Văn hóa Việt Nam', nameEn: 'Vietnam Culture Day', provisional: true });
    expect(add.status).toBe(201);
    const y = await t.client().get('/api/v1/calendar/holidays?year=2040');
    expect(y.body).toMatchObject({ year: 2040, status: 'provisional', stored: true });
    expect(y.body.items.length).toBeGreaterThanOrEqual(12); // Labour Code days + the new one
    expect(y.body.items.find((i: any) => i.date === '2040-11-24')).toMatchObject({ origin: 'admin', provisional: true });
  });
});

describe('confirming a year', () => {
  it('confirms a provisional year once, and audits it', async () => {
    const before = await t.client().get('/api/v1/calendar/holidays?year=2027');
    expect(before.body.status).toBe('provisional');
    const r = await admin.post('/api/v1/calendar/years/2027/confirm', { note: 'Thông báo của Bộ Nội vụ (thử nghiệm)' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2027, status: 'confirmed', confirmedBy: 'demo.admin', note: 'Thông báo của Bộ Nội vụ (thử nghiệm)' });
    expect(r.body.calendarVersion).toBeGreaterThan(before.body.calendarVersion);
    const after = await t.client().get('/api/v1/calendar/holidays?year=2027');
    expect(after.body.status).toBe('confirmed');
    expect(after.body.confirmedBy).toBe('demo.admin');
    expect(after.body.items.every((i: any) => i.provisional === false)).toBe(true);
    expect(after.body.items.map((i: any) => i.id)).toEqual(before.body.items.map((i: any) => i.id));
    expectProblem(await admin.post('/api/v1/calendar/years/2027/confirm'), 409, 'CALENDAR_YEAR_ALREADY_CONFIRMED');
    expectProblem(await admin.post('/api/v1/calendar/years/2026/confirm'), 409, 'CALENDAR_YEAR_ALREADY_CONFIRMED');
    const audit = await auditRows('calendar.year.confirm');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: 'demo.admin', target_id: '2027' });
  });

  it('confirms a year that was only generated (stores it first)', async () => {
    const r = await admin.post('/api/v1/calendar/years/2045/confirm');
    expect(r.status).toBe(200);
    const y = await t.client().get('/api/v1/calendar/holidays?year=2045');
    expect(y.body).toMatchObject({ status: 'confirmed', stored: true });
    expect(y.body.items.length).toBeGreaterThanOrEqual(11);
  });
});

describe('permissions', () => {
  it('refuses non-admins with 403 and anonymous callers with 401, changing nothing', async () => {
    const listed = await t.client().get('/api/v1/calendar/holidays?year=2026');
    const anyId = listed.body.items[0].id;
    const body = { date: '2026-03-20', kind: 'holiday', nameVi: 'Không được phép' };
    for (const [client, status] of [[reception, 403], [t.client(), 401]] as const) {
      expectProblem(await client.post('/api/v1/calendar/holidays', body), status);
      expectProblem(await client.patch(`/api/v1/calendar/holidays/${anyId}`, { nameVi: 'Không được phép' }), status);
      expectProblem(await client.delete(`/api/v1/calendar/holidays/${anyId}`), status);
      expectProblem(await client.post('/api/v1/calendar/years/2028/confirm'), status);
    }
    const lanhdao = await t.login('demo.lanhdao');
    expectProblem(await lanhdao.post('/api/v1/calendar/holidays', body), 403, 'FORBIDDEN');
    const again = await t.client().get('/api/v1/calendar/holidays?year=2026');
    expect(again.body.calendarVersion).toBe(listed.body.calendarVersion);
    expect(again.body.items).toEqual(listed.body.items);
    expect((await t.client().get('/api/v1/calendar/holidays?year=2028')).body.status).toBe('provisional');
  });

  it('refuses a cookie write without the CSRF token', async () => {
    const r = await admin.post('/api/v1/calendar/holidays', { date: '2026-03-20', kind: 'holiday', nameVi: 'CSRF' }, { 'x-csrf-token': 'wrong' });
    expectProblem(r, 403, 'CSRF_FAILED');
  });
});

describe('bad input', () => {
  it('POST /holidays: 400 for malformed bodies, 422 for impossible kinds, 409 for a taken date', async () => {
    const bad: unknown[] = [
      {},
      { date: '2026-02-30', kind: 'holiday', nameVi: 'Sai ngày' },
      { date: '2026-3-1', kind: 'holiday', nameVi: 'Sai ngày' },
      { date: '1800-03-02', kind: 'holiday', nameVi: 'Ngoài phạm vi' },
      { date: '2101-03-02', kind: 'holiday', nameVi: 'Ngoài phạm vi' },
      { date: '2026-03-02', kind: 'vacation', nameVi: 'Sai loại' },
      { date: '2026-03-02', kind: 'holiday' },
      { date: '2026-03-02', kind: 'holiday', nameVi: '' },
      { date: '2026-03-02', kind: 'holiday', nameVi: 'x'.repeat(301) },
      { date: '2026-03-02', kind: 'holiday', nameVi: 'Ngày', provisional: 'yes' },
      { date: 20260302, kind: 'holiday', nameVi: 'Ngày' },
      [],
    ];
    for (const b of bad) expectProblem(await admin.post('/api/v1/calendar/holidays', b), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post('/api/v1/calendar/holidays', '{"date":', { 'content-type': 'application/json' }), 400, 'INVALID_JSON');
    expectProblem(await admin.post('/api/v1/calendar/holidays', { date: '2026-03-02', kind: 'working_day_swap', nameVi: 'Làm bù thứ Hai' }), 422, 'CALENDAR_SWAP_NOT_WEEKEND');
    expectProblem(await admin.post('/api/v1/calendar/holidays', { date: '2026-03-07', kind: 'compensatory_off', nameVi: 'Nghỉ bù thứ Bảy' }), 422, 'CALENDAR_COMPENSATORY_ON_WEEKEND');
    const taken = await admin.post('/api/v1/calendar/holidays', { date: '2026-02-17', kind: 'holiday', nameVi: 'Trùng Tết' });
    expectProblem(taken, 409, 'CALENDAR_DATE_TAKEN');
    expect(typeof taken.body.existingId).toBe('string');
  });

  it('PATCH / DELETE /holidays/{id}: 400 for a bad id or body, 404 for an unknown id, 409 for a taken date', async () => {
    const items = (await t.client().get('/api/v1/calendar/holidays?year=2026')).body.items;
    const tet1 = items.find((i: any) => i.date === '2026-02-17');
    expectProblem(await admin.patch('/api/v1/calendar/holidays/not-a-uuid', { nameVi: 'Tên mới' }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.delete('/api/v1/calendar/holidays/not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.patch(`/api/v1/calendar/holidays/${tet1.id}`, {}), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.patch(`/api/v1/calendar/holidays/${tet1.id}`, { date: '2026-02-31' }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.patch(`/api/v1/calendar/holidays/${tet1.id}`, { kind: 'weekend' }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.patch('/api/v1/calendar/holidays/00000000-0000-4000-8000-000000000000', { nameVi: 'Tên mới' }), 404, 'CALENDAR_HOLIDAY_NOT_FOUND');
    expectProblem(await admin.delete('/api/v1/calendar/holidays/00000000-0000-4000-8000-000000000000'), 404, 'CALENDAR_HOLIDAY_NOT_FOUND');
    expectProblem(await admin.patch(`/api/v1/calendar/holidays/${tet1.id}`, { date: '2026-02-18' }), 409, 'CALENDAR_DATE_TAKEN');
    expectProblem(await admin.patch(`/api/v1/calendar/holidays/${tet1.id}`, { kind: 'working_day_swap' }), 422, 'CALENDAR_SWAP_NOT_WEEKEND');
    // nothing changed
    const again = (await t.client().get('/api/v1/calendar/holidays?year=2026')).body.items;
    expect(again.find((i: any) => i.id === tet1.id)).toEqual(tet1);
  });

  it('POST /years/{year}/confirm: 400 for a bad year or body', async () => {
    for (const y of ['abc', '1800', '2101', '2026.5']) expectProblem(await admin.post(`/api/v1/calendar/years/${y}/confirm`), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post('/api/v1/calendar/years/2028/confirm', { note: 5 }), 400, 'VALIDATION_FAILED');
    expect((await t.client().get('/api/v1/calendar/holidays?year=2028')).body.status).toBe('provisional');
  });
});
