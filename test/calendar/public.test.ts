// Public calendar endpoints: lunar ⇄ solar conversion, due instants (hand-checked around Tết 2026,
// 30/4–1/5 2026 and 2/9 2026 with the official 2026 schedule), the days off of a year, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';

let t: TestApp;
let c: HttpClient;

beforeAll(async () => {
  t = await startTestApp();
  c = t.client();
});
afterAll(async () => t?.close());

const due = (from: string, amount: string) => c.get(`/api/v1/calendar/due?from=${encodeURIComponent(from)}&${amount}`);

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, code?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  if (code) expect(r.body.code).toBe(code);
}

describe('GET /api/v1/calendar/lunar', () => {
  it('converts a solar date to the lunar date', async () => {
    const r = await c.get('/api/v1/calendar/lunar?date=2026-02-17');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    // 29 tháng Chạp Ất Tỵ, the first day of the 2026 Tết break
    expect((await c.get('/api/v1/calendar/lunar?date=2026-02-16')).body).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    // 2025 has a leap 6th month starting on 2025-07-25
    expect((await c.get('/api/v1/calendar/lunar?date=2025-07-25')).body).toEqual({ year: 2025, month: 6, day: 1, leap: true });
  });

  it('refuses malformed and nonexistent dates with 400 and dates outside 1900–2100 with 422', async () => {
    for (const q of ['', '?date=', '?date=2026-13-01', '?date=2025-02-29', '?date=17/02/2026', '?date=2026-2-17']) {
      expectProblem(await c.get(`/api/v1/calendar/lunar${q}`), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await c.get('/api/v1/calendar/lunar?date=1899-12-31'), 422, 'CALENDAR_DATE_OUT_OF_RANGE');
    expectProblem(await c.get('/api/v1/calendar/lunar?date=2101-01-01'), 422, 'CALENDAR_DATE_OUT_OF_RANGE');
  });
});

describe('GET /api/v1/calendar/solar', () => {
  it('converts a lunar date to the solar date', async () => {
    expect((await c.get('/api/v1/calendar/solar?year=2026&month=1&day=1')).body).toEqual({ date: '2026-02-17' });
    // Giỗ Tổ Hùng Vương 10/3 âm lịch 2026 falls on Sunday 26/4
    expect((await c.get('/api/v1/calendar/solar?year=2026&month=3&day=10&leap=false')).body).toEqual({ date: '2026-04-26' });
    expect((await c.get('/api/v1/calendar/solar?year=2025&month=6&day=1&leap=true')).body).toEqual({ date: '2025-07-25' });
  });

  it('answers 422 CALENDAR_LUNAR_DATE_INVALID for a lunar date that does not exist', async () => {
    const noLeap = await c.get('/api/v1/calendar/solar?year=2026&month=6&day=1&leap=true');
    expectProblem(noLeap, 422, 'CALENDAR_LUNAR_DATE_INVALID');
    expect(noLeap.body.title).toContain('nhuận');
    // month 2 of 2026 has 29 days
    expectProblem(await c.get('/api/v1/calendar/solar?year=2026&month=2&day=30'), 422, 'CALENDAR_LUNAR_DATE_INVALID');
    expectProblem(await c.get('/api/v1/calendar/solar?year=1800&month=1&day=1'), 422, 'CALENDAR_LUNAR_DATE_INVALID');
  });

  it('refuses malformed parameters with 400', async () => {
    for (const q of [
      '',
      '?year=2026&month=13&day=1',
      '?year=2026&month=0&day=1',
      '?year=2026&month=1&day=31',
      '?year=2026&month=1&day=0',
      '?year=abc&month=1&day=1',
      '?year=2026&month=1.5&day=1',
      '?year=2026&month=1&day=1&leap=maybe',
      '?month=1&day=1',
    ]) {
      expectProblem(await c.get(`/api/v1/calendar/solar${q}`), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('GET /api/v1/calendar/due', () => {
  it('skips the Tết 2026 break (16–20/2 off, weekends 14–15 and 21–22)', async () => {
    // Friday 13/2 09:00 + 1 working day → Monday 23/2 09:00
    const r = await due('2026-02-13T09:00:00+07:00', 'workingDays=1');
    expect(r.status).toBe(200);
    expect(r.body.due).toBe('2026-02-23T02:00:00.000Z');
    expect(r.body.dueLocal).toBe('2026-02-23T09:00:00+07:00');
    expect(r.body.agency).toBeNull();
    expect(r.body.calendarVersion).toBeGreaterThanOrEqual(1);
    // Friday 15:00 + 8 working hours: 2 h on Friday, 4 h Monday morning, 2 h after lunch → Monday 23/2 15:00
    expect((await due('2026-02-13T15:00:00+07:00', 'workingHours=8')).body.due).toBe('2026-02-23T08:00:00.000Z');
    // Thursday 12/2 16:00 + 4 h: 1 h on Thursday, 3 h from 07:30 Friday → Friday 10:30
    expect((await due('2026-02-12T16:00:00+07:00', 'workingHours=4')).body.due).toBe('2026-02-13T03:30:00.000Z');
    // received on Saturday 14/2: the clock starts Monday 23/2 07:30; 2 days → Tuesday 24/2 17:00
    expect((await due('2026-02-14T10:00:00+07:00', 'workingDays=2')).body.dueLocal).toBe('2026-02-24T17:00:00+07:00');
    // the same instant written in UTC gives the same answer
    expect((await due('2026-02-13T02:00:00Z', 'workingDays=1')).body.due).toBe('2026-02-23T02:00:00.000Z');
  });

  it('skips 27/4 (nghỉ bù Giỗ Tổ) and 30/4–1/5 2026', async () => {
    // Wednesday 29/4 10:00 + 1 day → Monday 4/5 10:00
    expect((await due('2026-04-29T10:00:00+07:00', 'workingDays=1')).body.dueLocal).toBe('2026-05-04T10:00:00+07:00');
    // Friday 24/4 14:00 + 3 days: Tue 28, Wed 29, then Mon 4/5 14:00
    expect((await due('2026-04-24T14:00:00+07:00', 'workingDays=3')).body.due).toBe('2026-05-04T07:00:00.000Z');
  });

  it('skips 31/8–2/9 2026 and works Saturday 22/8 (làm bù)', async () => {
    // Friday 28/8 09:00 + 1 day → Thursday 3/9 09:00
    expect((await due('2026-08-28T09:00:00+07:00', 'workingDays=1')).body.dueLocal).toBe('2026-09-03T09:00:00+07:00');
    // Friday 21/8 14:00 + 4 h: 3 h on Friday, then Saturday 22/8 (a working day) 07:30–08:30
    expect((await due('2026-08-21T14:00:00+07:00', 'workingHours=4')).body.dueLocal).toBe('2026-08-22T08:30:00+07:00');
  });

  it('accepts 0 and fractional amounts', async () => {
    // 0 working days from Sunday → the next opening
    expect((await due('2026-03-08T10:00:00+07:00', 'workingDays=0')).body.dueLocal).toBe('2026-03-09T07:30:00+07:00');
    expect((await due('2026-03-09T07:30:00+07:00', 'workingDays=0.5')).body.dueLocal).toBe('2026-03-09T11:30:00+07:00');
  });

  it('refuses bad input with 400, an unknown agency with 404 and unsupported instants with 422', async () => {
    const bad = [
      'workingDays=1',
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&workingHours=8`,
      `from=${encodeURIComponent('2026-02-13T09:00:00')}&workingDays=1`,
      `from=${encodeURIComponent('2026-02-30T09:00:00+07:00')}&workingDays=1`,
      `from=${encodeURIComponent('2026-02-13T25:00:00+07:00')}&workingDays=1`,
      `from=tomorrow&workingDays=1`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=-1`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=abc`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1e3`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1001`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingHours=8001`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&calendarVersion=-1`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&calendarVersion=`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&calendarVersion=1.5`,
      `from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&agency=`,
    ];
    for (const q of bad) expectProblem(await c.get(`/api/v1/calendar/due?${q}`), 400, 'VALIDATION_FAILED');

    const unknown = await c.get(`/api/v1/calendar/due?from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&agency=999.99.99.H99`);
    expectProblem(unknown, 404, 'CALENDAR_AGENCY_NOT_FOUND');
    expect(unknown.body.title).toContain('999.99.99.H99');

    expectProblem(await due('1850-01-01T09:00:00+07:00', 'workingDays=1'), 422, 'CALENDAR_DATE_OUT_OF_RANGE');
    expectProblem(await due('2100-12-30T09:00:00+07:00', 'workingDays=30'), 422, 'CALENDAR_DATE_OUT_OF_RANGE');
    expectProblem(await due('2026-02-13T09:00:00+07:00', 'workingDays=1&calendarVersion=999999'), 422, 'CALENDAR_VERSION_UNKNOWN');
  });

  it('speaks English on request', async () => {
    const r = await c.get(`/api/v1/calendar/due?from=${encodeURIComponent('2026-02-13T09:00:00+07:00')}&workingDays=1&agency=nope`, { 'accept-language': 'en' });
    expect(r.body.title).toBe('No agency with code nope.');
  });
});

describe('GET /api/v1/calendar/holidays', () => {
  it('lists the official 2026 schedule, confirmed, with its swap', async () => {
    const r = await c.get('/api/v1/calendar/holidays?year=2026');
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2026);
    expect(r.body.status).toBe('confirmed');
    expect(r.body.stored).toBe(true);
    const byDate = new Map(r.body.items.map((i: any) => [i.date, i]));
    expect([...byDate.keys()]).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-02-16', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-08-22', '2026-08-31', '2026-09-01', '2026-09-02']),
    );
    expect(byDate.get('2026-08-22')).toMatchObject({ kind: 'working_day_swap', origin: 'official', provisional: false });
    expect(byDate.get('2026-08-31')).toMatchObject({ kind: 'compensatory_off' });
    expect(byDate.get('2026-02-17')).toMatchObject({ kind: 'holiday', nameVi: 'Tết Nguyên đán (mùng 1)', nameEn: 'Lunar New Year (Tết)' });
    expect((byDate.get('2026-02-17') as any).source.references.length).toBeGreaterThan(0);
    expect(r.body.items.every((i: any) => typeof i.id === 'string')).toBe(true);
  });

  it('lists a generated year as provisional (Labour Code days, with nghỉ bù)', async () => {
    const r = await c.get('/api/v1/calendar/holidays?year=2027');
    expect(r.body.status).toBe('provisional');
    expect(r.body.stored).toBe(true);
    expect(r.body.confirmedAt).toBeNull();
    expect(r.body.items.every((i: any) => i.provisional && i.origin === 'statutory')).toBe(true);
    // 1/5/2027 is a Saturday → nghỉ bù on Monday 3/5
    expect(r.body.items.find((i: any) => i.date === '2027-05-03')).toMatchObject({ kind: 'compensatory_off' });
    // a year outside the seeded range is generated on the fly, without ids
    const far = await c.get('/api/v1/calendar/holidays?year=2050');
    expect(far.body).toMatchObject({ year: 2050, status: 'provisional', stored: false });
    expect(far.body.items.length).toBeGreaterThanOrEqual(11);
    expect(far.body.items.every((i: any) => i.id === null)).toBe(true);
  });

  it('refuses a missing, malformed or out-of-range year with 400', async () => {
    for (const q of ['', '?year=', '?year=abc', '?year=2026.5', '?year=1800', '?year=2101']) {
      expectProblem(await c.get(`/api/v1/calendar/holidays${q}`), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('OpenAPI', () => {
  it('documents the calendar routes', async () => {
    const r = await c.get('/openapi.json');
    expect(r.status).toBe(200);
    for (const p of ['/api/v1/calendar/lunar', '/api/v1/calendar/solar', '/api/v1/calendar/due', '/api/v1/calendar/holidays', '/api/v1/calendar/holidays/{id}', '/api/v1/calendar/years/{year}/confirm', '/api/v1/agencies/{code}/office-hours']) {
      expect(r.body.paths[p]).toBeDefined();
    }
  });
});
