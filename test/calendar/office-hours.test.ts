// Office hours per agency (own, inherited, effective-dated, Saturday sessions) through the API, and the
// service API other modules call (getWorkingCalendar, addWorkingHoursFor, workingHoursBetweenFor).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import type { AppContext } from '../../src/platform/context.js';
import {
  VERSION_TTL_MS,
  addWorkingHoursFor,
  currentCalendarVersion,
  getWorkingCalendar,
  getWorkingTime,
  workingHoursBetweenFor,
} from '../../src/modules/calendar/calendar.service.js';
import { seedCalendar } from '../../src/modules/calendar/calendar.seed.js';
import { addWorkingHours, isWorkingDay } from '../../src/modules/calendar/working-time.js';

let t: TestApp;
let admin: HttpClient;

const PROVINCE = '000.00.00.H56';
const STP = '000.00.02.H56'; // Sở Tư pháp, child of the province
const XA1 = '000.11.00.H56'; // commune committee
const XA1_CENTRE = '000.11.01.H56'; // its centre
const XA2_CENTRE = '000.12.01.H56';

const WEEKDAYS = (sessions: { start: string; end: string }[]) => ({ mon: sessions, tue: sessions, wed: sessions, thu: sessions, fri: sessions });
const DEFAULT = [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }];
const WINTER = [{ start: '07:30', end: '12:00' }, { start: '13:30', end: '17:00' }];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, code?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  if (code) expect(r.body.code).toBe(code);
}

const put = (c: HttpClient, path: string, body: unknown) => c.request('PUT', path, body);

const due = (from: string, amount: string, agency?: string) =>
  t.client().get(`/api/v1/calendar/due?from=${encodeURIComponent(from)}&${amount}${agency ? `&agency=${agency}` : ''}`);

async function agencyId(code: string): Promise<string> {
  const { rows } = await t.ctx.database.pool.query(`SELECT id FROM agencies WHERE code = $1 AND valid_to IS NULL`, [code]);
  return rows[0].id;
}

describe('office hours per agency', () => {
  it('every agency starts with the national default', async () => {
    const r = await admin.get(`/api/v1/agencies/${XA1_CENTRE}/office-hours`);
    expect(r.status).toBe(200);
    expect(r.body.agency).toBe(XA1_CENTRE);
    expect(r.body.current).toEqual({ from: null, sourceAgency: null, weekly: { ...WEEKDAYS(DEFAULT), sat: [], sun: [] } });
    expect(r.body.own).toEqual([]);
  });

  it('a Saturday-morning session at one centre changes /due?agency= for that centre only', async () => {
    // Friday 6/3/2026 13:00 + 8 h: 4 h on Friday, then the next 4 working hours
    const before = await due('2026-03-06T13:00:00+07:00', 'workingHours=8', XA1_CENTRE);
    expect(before.body).toMatchObject({ dueLocal: '2026-03-09T11:30:00+07:00', agency: XA1_CENTRE });

    const saved = await put(admin, `/api/v1/agencies/${XA1_CENTRE}/office-hours`, {
      validFrom: '2026-01-01',
      weekly: { ...WEEKDAYS(DEFAULT), sat: [{ start: '07:30', end: '11:30' }] },
      note: 'Tiếp nhận sáng thứ Bảy',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.own).toEqual([{ validFrom: '2026-01-01', weekly: { ...WEEKDAYS(DEFAULT), sat: [{ start: '07:30', end: '11:30' }], sun: [] }, note: 'Tiếp nhận sáng thứ Bảy', sinceVersion: saved.body.calendarVersion }]);
    expect(saved.body.calendarVersion).toBeGreaterThan(before.body.calendarVersion);

    const after = await due('2026-03-06T13:00:00+07:00', 'workingHours=8', XA1_CENTRE);
    expect(after.body).toMatchObject({ dueLocal: '2026-03-07T11:30:00+07:00', calendarVersion: saved.body.calendarVersion });
    // workingDays too: Friday 13:00 + 1 day = Saturday 11:30
    expect((await due('2026-03-06T13:00:00+07:00', 'workingDays=1', XA1_CENTRE)).body.dueLocal).toBe('2026-03-07T11:30:00+07:00');
    // other agencies and the default calendar are unchanged
    expect((await due('2026-03-06T13:00:00+07:00', 'workingHours=8', XA2_CENTRE)).body.dueLocal).toBe('2026-03-09T11:30:00+07:00');
    expect((await due('2026-03-06T13:00:00+07:00', 'workingHours=8')).body.dueLocal).toBe('2026-03-09T11:30:00+07:00');
    // the older calendar version still gives the old answer
    expect((await t.client().get(`/api/v1/calendar/due?from=${encodeURIComponent('2026-03-06T13:00:00+07:00')}&workingHours=8&agency=${XA1_CENTRE}&calendarVersion=${before.body.calendarVersion}`)).body.dueLocal).toBe(
      '2026-03-09T11:30:00+07:00',
    );
    // Saturday 14/2/2026 is a weekend day, not a listed day off: the centre's Saturday session counts
    expect((await due('2026-02-13T16:00:00+07:00', 'workingHours=2', XA1_CENTRE)).body.dueLocal).toBe('2026-02-14T08:30:00+07:00');

    const { rows } = await t.ctx.database.pool.query(`SELECT actor_label, details FROM audit_log WHERE action = 'calendar.office_hours.set' ORDER BY id`);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_label).toBe('demo.admin');
    expect(rows[0].details).toMatchObject({ agency: XA1_CENTRE, validFrom: '2026-01-01', calendarVersion: saved.body.calendarVersion });
  });

  it('a province-wide winter schedule is inherited by agencies without their own, from its start date', async () => {
    const saved = await put(admin, `/api/v1/agencies/${PROVINCE}/office-hours`, { validFrom: '2026-10-01', weekly: WEEKDAYS(WINTER) });
    expect(saved.status).toBe(200);
    // Sở Tư pháp has no schedule of its own: it follows the province from 1/10
    const stp = await admin.get(`/api/v1/agencies/${STP}/office-hours`);
    expect(stp.body.own).toEqual([]);
    expect(stp.body.timeline).toEqual([
      { from: null, sourceAgency: null, weekly: { ...WEEKDAYS(DEFAULT), sat: [], sun: [] } },
      { from: '2026-10-01', sourceAgency: PROVINCE, weekly: { ...WEEKDAYS(WINTER), sat: [], sun: [] } },
    ]);
    // Thursday 1/10 11:45 + 1 h: winter hours work until 12:00, then 13:30 → 14:15
    expect((await due('2026-10-01T11:45:00+07:00', 'workingHours=1', STP)).body.dueLocal).toBe('2026-10-01T14:15:00+07:00');
    expect((await due('2026-10-01T11:45:00+07:00', 'workingHours=1')).body.dueLocal).toBe('2026-10-01T14:00:00+07:00');
    // before 1/10 the default applies; a count across the change follows each day's hours:
    // Wed 30/9 16:30 + 5 h = 0.5 h (default) + 07:30–12:00 on 1/10 (winter) → 12:00
    expect((await due('2026-09-30T16:30:00+07:00', 'workingHours=5', STP)).body.dueLocal).toBe('2026-10-01T12:00:00+07:00');
    expect((await due('2026-09-30T16:30:00+07:00', 'workingHours=5')).body.dueLocal).toBe('2026-10-01T13:30:00+07:00');
    // Wed 30/9 11:45 (lunch under the default) + 6 h = 13:00–17:00, then 07:30–09:30 on 1/10
    expect((await due('2026-09-30T11:45:00+07:00', 'workingHours=6', STP)).body.dueLocal).toBe('2026-10-01T09:30:00+07:00');

    // the commune centre keeps its own schedule; its committee (no own schedule) inherits the province
    const centre = await admin.get(`/api/v1/agencies/${XA1_CENTRE}/office-hours`);
    expect(centre.body.timeline).toHaveLength(2);
    expect(centre.body.timeline.every((s: any) => s.sourceAgency === XA1_CENTRE || s.sourceAgency === null)).toBe(true);
    expect((await due('2026-10-01T11:45:00+07:00', 'workingHours=1', XA1)).body.dueLocal).toBe('2026-10-01T14:15:00+07:00');
    expect((await due('2026-10-01T11:45:00+07:00', 'workingHours=1', XA1_CENTRE)).body.dueLocal).toBe('2026-10-01T14:00:00+07:00');
  });

  it('weekly: null makes an agency follow its parent again from a date; a PUT on the same date replaces', async () => {
    const saved = await put(admin, `/api/v1/agencies/${XA1_CENTRE}/office-hours`, { validFrom: '2026-12-01', weekly: null });
    expect(saved.status).toBe(200);
    expect(saved.body.own.map((o: any) => [o.validFrom, o.weekly === null])).toEqual([['2026-01-01', false], ['2026-12-01', true]]);
    expect(saved.body.timeline.at(-1)).toMatchObject({ from: '2026-12-01', sourceAgency: PROVINCE });
    // Saturday 5/12 is no longer worked at the centre; winter hours apply
    expect((await due('2026-12-04T16:30:00+07:00', 'workingHours=1', XA1_CENTRE)).body.dueLocal).toBe('2026-12-07T08:00:00+07:00');
    const replaced = await put(admin, `/api/v1/agencies/${XA1_CENTRE}/office-hours`, { validFrom: '2026-12-01', weekly: { ...WEEKDAYS(DEFAULT), sat: [{ start: '08:00', end: '11:00' }] } });
    expect(replaced.body.own).toHaveLength(2);
    expect(replaced.body.own[1].weekly.sat).toEqual([{ start: '08:00', end: '11:00' }]);
    expect((await due('2026-12-04T16:30:00+07:00', 'workingHours=1', XA1_CENTRE)).body.dueLocal).toBe('2026-12-05T08:30:00+07:00');
  });

  it('defaults validFrom to today (Vietnam time)', async () => {
    const r = await put(admin, `/api/v1/agencies/${XA2_CENTRE}/office-hours`, { weekly: WEEKDAYS(DEFAULT) });
    expect(r.status).toBe(200);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(r.body.own[0].validFrom).toBe(today);
  });

  it('permissions: 401 anonymous, 403 for non-admins (reading needs a sign-in only)', async () => {
    const body = { validFrom: '2027-01-01', weekly: WEEKDAYS(DEFAULT) };
    expectProblem(await put(t.client(), `/api/v1/agencies/${XA1_CENTRE}/office-hours`, body), 401, 'UNAUTHENTICATED');
    expectProblem(await t.client().get(`/api/v1/agencies/${XA1_CENTRE}/office-hours`), 401, 'UNAUTHENTICATED');
    const reception = await t.login('demo.xa.tiepnhan');
    expectProblem(await put(reception, `/api/v1/agencies/${XA1_CENTRE}/office-hours`, body), 403, 'FORBIDDEN');
    expect((await reception.get(`/api/v1/agencies/${XA1_CENTRE}/office-hours`)).status).toBe(200);
    const tiepnhan = await t.login('demo.tiepnhan');
    expectProblem(await put(tiepnhan, `/api/v1/agencies/${PROVINCE}/office-hours`, body), 403, 'FORBIDDEN');
  });

  it('bad input: 400 for malformed bodies, 422 for impossible sessions, 404 for an unknown agency', async () => {
    const url = `/api/v1/agencies/${XA2_CENTRE}/office-hours`;
    const bad: unknown[] = [
      {},
      { weekly: 'weekdays' },
      { weekly: { mon: [{ start: '7:30', end: '11:30' }] } },
      { weekly: { mon: [{ start: '07:30', end: '25:00' }] } },
      { weekly: { mon: [{ start: '07:30' }] } },
      { weekly: { monday: DEFAULT } },
      { validFrom: '2026-02-30', weekly: WEEKDAYS(DEFAULT) },
      { validFrom: '1800-01-01', weekly: WEEKDAYS(DEFAULT) },
      { weekly: WEEKDAYS(DEFAULT), note: 7 },
    ];
    for (const b of bad) expectProblem(await put(admin, url, b), 400, 'VALIDATION_FAILED');
    const reversed = await put(admin, url, { weekly: { mon: [{ start: '11:30', end: '07:30' }] } });
    expectProblem(reversed, 422, 'CALENDAR_OFFICE_HOURS_INVALID');
    expect(reversed.body.errors[0]).toMatchObject({ path: 'body.weekly.mon.0', code: 'SESSION_ORDER' });
    expectProblem(await put(admin, url, { weekly: { tue: [{ start: '07:30', end: '11:30' }, { start: '11:00', end: '12:00' }] } }), 422, 'CALENDAR_OFFICE_HOURS_INVALID');
    expectProblem(await put(admin, url, { weekly: {} }), 422, 'CALENDAR_OFFICE_HOURS_INVALID');
    expectProblem(await put(admin, '/api/v1/agencies/999.99.99.H99/office-hours', { weekly: WEEKDAYS(DEFAULT) }), 404, 'CALENDAR_AGENCY_NOT_FOUND');
    expectProblem(await admin.get('/api/v1/agencies/999.99.99.H99/office-hours'), 404, 'CALENDAR_AGENCY_NOT_FOUND');
  });
});

describe('service API for other modules', () => {
  it('getWorkingCalendar: the days off around the instant and the agency’s hours, with the version', async () => {
    const at = new Date('2026-03-06T06:00:00Z');
    const { calendar, version } = await getWorkingCalendar(t.ctx, null, at);
    expect(version).toBe(await currentCalendarVersion(t.ctx));
    expect(calendar.daysOff.has('2026-02-17')).toBe(true);
    expect(calendar.daysOff.has('2025-01-29')).toBe(true); // year − 1
    expect(calendar.daysOff.has('2028-01-01')).toBe(true); // year + 2
    expect(calendar.daysOff.has('2029-01-01')).toBe(false); // bounded range
    expect(calendar.workingSwaps.has('2026-08-22')).toBe(true);
    expect(calendar.hours.weekly[6]).toEqual([]);
    // pure functions work on it
    expect(addWorkingHours(calendar, new Date('2026-02-13T02:00:00Z'), 8).toISOString()).toBe('2026-02-23T02:00:00.000Z');

    const centre = await agencyId(XA1_CENTRE);
    const own = await getWorkingCalendar(t.ctx, centre, at);
    expect(own.calendar.hours.weekly[6]).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(isWorkingDay(own.calendar, '2026-03-07')).toBe(true);
    // cached: the same object for the same agency, version and hours
    expect((await getWorkingCalendar(t.ctx, centre, new Date('2026-03-20T06:00:00Z'))).calendar).toBe(own.calendar);
    // unknown agency ids are a 404, not a crash
    await expect(getWorkingCalendar(t.ctx, '00000000-0000-4000-8000-000000000000', at)).rejects.toMatchObject({ status: 404 });
    await expect(getWorkingCalendar(t.ctx, 'not-an-id', at)).rejects.toMatchObject({ status: 404 });
  });

  it('addWorkingHoursFor / workingHoursBetweenFor', async () => {
    const from = new Date('2026-02-13T02:00:00Z'); // Fri 13/2/2026 09:00 local
    expect((await addWorkingHoursFor(t.ctx, null, from, 8)).toISOString()).toBe('2026-02-23T02:00:00.000Z');
    expect(await workingHoursBetweenFor(t.ctx, null, from, new Date('2026-02-23T02:00:00Z'))).toBe(8);
    expect(await workingHoursBetweenFor(t.ctx, null, new Date('2026-02-23T02:00:00Z'), from)).toBe(0);
    const centre = await agencyId(XA1_CENTRE);
    // Fri 6/3 13:00 local + 8 h at the centre (Saturday mornings) → Sat 7/3 11:30
    expect((await addWorkingHoursFor(t.ctx, centre, new Date('2026-03-06T06:00:00Z'), 8)).toISOString()).toBe('2026-03-07T04:30:00.000Z');
    expect(await workingHoursBetweenFor(t.ctx, centre, new Date('2026-03-06T06:00:00Z'), new Date('2026-03-09T06:00:00Z'))).toBe(4 + 4 + 4);
    // long spans load more years as needed: 1,000 working days ≈ 4 years
    const far = await addWorkingHoursFor(t.ctx, null, from, 8000);
    expect(far.getUTCFullYear()).toBe(2030);
    const back = await workingHoursBetweenFor(t.ctx, null, from, far);
    expect(back).toBe(8000);
  });

  it('getWorkingTime: synchronous arithmetic for one version, across seasonal schedules', async () => {
    const stp = await agencyId(STP);
    const wt = await getWorkingTime(t.ctx, stp, { years: [2026, 2027] });
    expect(wt.version).toBe(await currentCalendarVersion(t.ctx));
    expect(wt.addWorkingHours(new Date('2026-09-30T09:30:00Z'), 5).toISOString()).toBe('2026-10-01T05:00:00.000Z');
    expect(wt.endOfWorkingDay(new Date('2026-10-01T01:00:00Z')).toISOString()).toBe('2026-10-01T10:00:00.000Z');
    // same-day procedures: received 14:00 → end of the day; 15:30 → end of the next working day
    expect(wt.sameDayDue(new Date('2026-10-01T07:00:00Z')).toISOString()).toBe('2026-10-01T10:00:00.000Z');
    expect(wt.sameDayDue(new Date('2026-10-01T08:30:00Z')).toISOString()).toBe('2026-10-02T10:00:00.000Z');
    expect(() => wt.addWorkingHours(new Date('2025-06-01T00:00:00Z'), 1)).toThrow(/outside the loaded calendar years/);
  });

  it('another process sees a change after the version TTL', async () => {
    // a second handle on the same database = a second process with its own cache
    const other: AppContext = { ...t.ctx, db: new Kysely<any>({ dialect: new PostgresDialect({ pool: t.ctx.database.pool }) }) };
    const from = new Date('2026-03-16T02:00:00Z'); // Mon 16/3 09:00
    expect((await addWorkingHoursFor(other, null, from, 8)).toISOString()).toBe('2026-03-17T02:00:00.000Z');
    const add = await admin.post('/api/v1/calendar/holidays', { date: '2026-03-17', kind: 'holiday', nameVi: 'Nghỉ (thử nghiệm)' });
    expect(add.status).toBe(201);
    // this process sees the change at once
    expect((await addWorkingHoursFor(t.ctx, null, from, 8)).toISOString()).toBe('2026-03-18T02:00:00.000Z');
    await new Promise((r) => setTimeout(r, VERSION_TTL_MS + 50));
    expect(await currentCalendarVersion(other)).toBe(add.body.calendarVersion);
    expect((await addWorkingHoursFor(other, null, from, 8)).toISOString()).toBe('2026-03-18T02:00:00.000Z');
  });
});

describe('seeding', () => {
  it('is idempotent and upgrades an untouched generated year when the official schedule arrives', async () => {
    const v = await currentCalendarVersion(t.ctx);
    const again = await seedCalendar(t.ctx.db);
    expect(again).toEqual({ version: expect.any(Number), added: [], upgraded: [] });
    const official = {
      '2030': { days_off: [{ date: '2030-01-01', name: 'Tết Dương lịch' }, { date: '2030-02-04', name: 'Tết Nguyên đán (mùng 1)' }], work_days: ['2030-01-05'], sources: ['test'] },
    };
    const up = await seedCalendar(t.ctx.db, { official, officialLabel: 'test' });
    expect(up.upgraded).toEqual([2030]);
    expect(up.version).toBeGreaterThan(v);
    const y = await t.client().get('/api/v1/calendar/holidays?year=2030');
    expect(y.body).toMatchObject({ status: 'confirmed', confirmedBy: 'test' });
    expect(y.body.items.map((i: any) => i.date)).toEqual(['2030-01-01', '2030-01-05', '2030-02-04']);
    // a confirmed or touched year is never overwritten
    expect((await seedCalendar(t.ctx.db, { official })).upgraded).toEqual([]);
  });
});
