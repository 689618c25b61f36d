// GET /api/v1/dossiers filters over HTTP: lĩnh vực (field), channel, received / finished local-date ranges
// (Asia/Ho_Chi_Minh, inclusive), sorting, their combinations, validation errors, and the read scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { COMMUNE_PROC, HOUR, PROV_PROC, act, receive, startDossierApp } from './fixtures.js';
import * as repo from '../../src/modules/dossiers/dossiers.repo.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};
/** Dossier ids by letter (see beforeAll). */
const id: Record<string, string> = {};
let provField: string;
let communeField: string;

/** Moves the clock in steps that keep every session alive (they expire after 24 idle hours here). */
async function advance(ms: number) {
  for (let left = ms; left > 0; left -= 12 * HOUR) {
    t.clock.advance(Math.min(left, 12 * HOUR));
    for (const c of Object.values(u)) await c.get('/api/v1/auth/me');
  }
}

/**
 * T0 = Monday 2026-11-23 09:00 (+07).
 * A  2026-11-23 in person, province procedure; withdrawn and stopped (finished) 2026-11-26
 * B  2026-11-24 by post, province procedure
 * C  online, submitted 2026-11-22 00:30 (+07) = 2026-11-21 UTC, never accepted
 * D  2026-11-25 09:00 at the commune, commune procedure (outside the centre's scope)
 * E  2026-11-25 10:00 refused at the desk (finished the same day, never accepted)
 */
beforeAll(async () => {
  t = await startDossierApp();
  for (const name of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.kiemsoat', 'demo.xa.tiepnhan', 'demo.lanhdaotinh']) u[name] = await t.login(name);
  const proc = async (code: string) => {
    const r = await u['demo.kiemsoat']!.get(`/api/v1/procedures/${code}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.field as string;
  };
  provField = await proc(PROV_PROC);
  communeField = await proc(COMMUNE_PROC);
  expect(provField).toBeTruthy();
  expect(communeField).toBeTruthy();
  expect(communeField).not.toBe(provField);

  const rc = u['demo.tiepnhan']!;
  id.A = (await receive(rc, { channel: 1 })).dossier.id;
  await advance(24 * HOUR);
  id.B = (await receive(rc, { channel: 3, delivery: { method: 'post', address: { line: '12 Lê Lợi', communeCode: '14797' } } })).dossier.id;
  id.C = (await receive(rc, { channel: 2, submittedAt: '2026-11-22T00:30:00+07:00' })).dossier.id;
  await advance(24 * HOUR);
  id.D = (await receive(u['demo.xa.tiepnhan']!, {
    procedureCode: COMMUNE_PROC, competentAgencyCode: undefined,
    applicant: { fullName: 'Lê Văn Hùng', kind: 'individual', idNumber: '038085001122', phone: '0987654321' },
  })).dossier.id;
  await advance(HOUR);
  id.E = (await receive(rc, { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' })).dossier.id;
  await advance(23 * HOUR);
  await act(rc, id.A, 'forward');
  await act(u['demo.chuyenvien']!, id.A, 'claim');
  await act(rc, id.A, 'request_withdrawal', { reason: 'Công dân xin rút hồ sơ' });
  await act(rc, id.A, 'stop', { reason: 'Theo yêu cầu', noticeNumber: '05/TB' });
});
afterAll(async () => t?.close());

const letters = (items: Array<{ id: string }>) => items.map((i) => Object.entries(id).find(([, v]) => v === i.id)?.[0] ?? '?');

async function list(who: string, query: string) {
  const r = await u[who]!.get(`/api/v1/dossiers?pageSize=50&${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.total).toBe(r.body.items.length);
  return letters(r.body.items);
}
const sorted = (xs: string[]) => [...xs].sort();

describe('each filter alone', () => {
  it('no filter: everything in scope, last change first (updated_desc is the default)', async () => {
    const all = await list('demo.kiemsoat', '');
    expect(sorted(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(all[0]).toBe('A'); // stopped last
    expect(await list('demo.kiemsoat', 'sort=updated_desc')).toEqual(all);
  });

  it('field: exact lĩnh vực text', async () => {
    expect(sorted(await list('demo.kiemsoat', `field=${encodeURIComponent(provField)}`))).toEqual(['A', 'B', 'C', 'E']);
    expect(await list('demo.kiemsoat', `field=${encodeURIComponent(communeField)}`)).toEqual(['D']);
    expect(await list('demo.kiemsoat', `field=${encodeURIComponent(provField.slice(0, -1))}`)).toEqual([]);
  });

  it('channel: 1 in person, 2 online, 3 postal', async () => {
    expect(sorted(await list('demo.kiemsoat', 'channel=1'))).toEqual(['A', 'D', 'E']);
    expect(await list('demo.kiemsoat', 'channel=2')).toEqual(['C']);
    expect(await list('demo.kiemsoat', 'channel=3')).toEqual(['B']);
  });

  it('receivedFrom / receivedTo: local dates, inclusive; submitted_at when never accepted', async () => {
    expect(await list('demo.kiemsoat', 'receivedFrom=2026-11-23&receivedTo=2026-11-23')).toEqual(['A']);
    // C was submitted at 00:30 local time on the 22nd (still the 21st in UTC)
    expect(await list('demo.kiemsoat', 'receivedFrom=2026-11-22&receivedTo=2026-11-22')).toEqual(['C']);
    expect(await list('demo.kiemsoat', 'receivedTo=2026-11-21')).toEqual([]);
    expect(sorted(await list('demo.kiemsoat', 'receivedFrom=2026-11-24'))).toEqual(['B', 'D', 'E']);
    expect(sorted(await list('demo.kiemsoat', 'receivedTo=2026-11-24'))).toEqual(['A', 'B', 'C']);
    expect(sorted(await list('demo.kiemsoat', 'receivedFrom=2026-11-25&receivedTo=2026-11-25'))).toEqual(['D', 'E']);
  });

  it('finishedFrom / finishedTo: on finished_at', async () => {
    expect(sorted(await list('demo.kiemsoat', 'finishedFrom=2026-11-01'))).toEqual(['A', 'E']);
    expect(await list('demo.kiemsoat', 'finishedFrom=2026-11-25&finishedTo=2026-11-25')).toEqual(['E']);
    expect(await list('demo.kiemsoat', 'finishedFrom=2026-11-26')).toEqual(['A']);
    expect(await list('demo.kiemsoat', 'finishedTo=2026-11-24')).toEqual([]);
  });

  it('sort=received_desc: newest reception first', async () => {
    expect(await list('demo.kiemsoat', 'sort=received_desc')).toEqual(['E', 'D', 'B', 'A', 'C']);
  });

  it('sort=due_asc: dossiers in process by their appointment, then finished ones, then those without one', async () => {
    const r = await u['demo.kiemsoat']!.get('/api/v1/dossiers?pageSize=50&sort=due_asc');
    expect(r.status).toBe(200);
    const l = letters(r.body.items);
    // the commune procedure (5 working days) is due before the province one (15); A is finished (stopped)
    expect(l.slice(0, 3)).toEqual(['D', 'B', 'A']);
    expect(sorted(l.slice(3))).toEqual(['C', 'E']);
    expect(r.body.items.slice(0, 3).every((i: any) => i.dueAt !== null)).toBe(true);
    expect(r.body.items.slice(3).every((i: any) => i.dueAt === null)).toBe(true);
    const open = r.body.items.slice(0, 2).map((i: any) => new Date(i.dueAt).getTime());
    expect(open[0]).toBeLessThan(open[1]);
  });

  it('pagination follows the sort, with the total of the whole result', async () => {
    const p1 = await u['demo.kiemsoat']!.get('/api/v1/dossiers?sort=received_desc&pageSize=2&page=1');
    const p2 = await u['demo.kiemsoat']!.get('/api/v1/dossiers?sort=received_desc&pageSize=2&page=2');
    const p3 = await u['demo.kiemsoat']!.get('/api/v1/dossiers?sort=received_desc&pageSize=2&page=3');
    expect([p1, p2, p3].map((r) => r.body.total)).toEqual([5, 5, 5]);
    expect(p1.body.totalCapped).toBe(false);
    expect([...letters(p1.body.items), ...letters(p2.body.items), ...letters(p3.body.items)]).toEqual(['E', 'D', 'B', 'A', 'C']);
  });

  it('a capped count stops at the cap and says so (the service caps at 1,000: "1.000+")', async () => {
    const scopeAgencyIds = (await t.ctx.db.selectFrom('agencies').select('id').execute()).map((a) => a.id);
    const base = { scopeAgencyIds, userId: '00000000-0000-0000-0000-000000000000', limit: 2, offset: 0, sort: 'received_desc' as const };
    const capped = await repo.inbox(t.ctx.db, { ...base, countCap: 3 });
    expect([capped.total, capped.totalCapped, capped.items.length]).toEqual([3, true, 2]);
    const exact = await repo.inbox(t.ctx.db, { ...base, countCap: 5 });
    expect([exact.total, exact.totalCapped]).toEqual([5, false]);
  });
});

describe('combined', () => {
  it('field + channel + received range + sort', async () => {
    const f = encodeURIComponent(provField);
    expect(await list('demo.kiemsoat', `field=${f}&channel=1&receivedFrom=2026-11-23&receivedTo=2026-11-25&sort=received_desc`)).toEqual(['E', 'A']);
    expect(await list('demo.kiemsoat', `field=${f}&channel=1&receivedFrom=2026-11-23&receivedTo=2026-11-25&finishedFrom=2026-11-26`)).toEqual(['A']);
    expect(await list('demo.kiemsoat', `field=${f}&channel=3&finishedFrom=2026-11-01`)).toEqual([]);
  });

  it('with the older filters (status, q, agency)', async () => {
    expect(await list('demo.kiemsoat', 'status=3&receivedFrom=2026-11-25')).toEqual(['E']);
    expect(await list('demo.kiemsoat', `q=${encodeURIComponent('Lê Văn Hùng')}&channel=1&receivedFrom=2026-11-25`)).toEqual(['D']);
    expect(await list('demo.kiemsoat', `agency=000.11.01.H56&field=${encodeURIComponent(provField)}`)).toEqual([]);
  });
});

describe('scope', () => {
  it('filters never widen the read scope', async () => {
    // the commune desk sees only its own dossier, whatever the filters
    expect(await list('demo.xa.tiepnhan', '')).toEqual(['D']);
    expect(await list('demo.xa.tiepnhan', `field=${encodeURIComponent(provField)}`)).toEqual([]);
    expect(await list('demo.xa.tiepnhan', 'receivedFrom=2026-11-01&sort=received_desc')).toEqual(['D']);
    // the provincial centre's desk does not see the commune's dossier
    expect(sorted(await list('demo.tiepnhan', 'channel=1'))).toEqual(['A', 'E']);
    expect(await list('demo.tiepnhan', `field=${encodeURIComponent(communeField)}`)).toEqual([]);
    // a signed-out caller gets nothing
    expect((await t.client().get('/api/v1/dossiers?channel=1')).status).toBe(401);
  });
});

describe('validation', () => {
  it('a from date after its to date → 422 DATE_RANGE_REVERSED, in Vietnamese and English', async () => {
    const vi = await u['demo.kiemsoat']!.get('/api/v1/dossiers?receivedFrom=2026-11-25&receivedTo=2026-11-24');
    expect(vi.status).toBe(422);
    expect(vi.headers.get('content-type')).toContain('application/problem+json');
    expect(vi.body.code).toBe('DATE_RANGE_REVERSED');
    expect(vi.body.title).toContain('2026-11-25');
    expect(vi.body.title).toMatch(/Khoảng ngày/);
    expect(vi.body.errors).toEqual([expect.objectContaining({ path: 'querystring.receivedTo', code: 'DATE_RANGE_REVERSED' })]);
    const en = await u['demo.kiemsoat']!.get('/api/v1/dossiers?finishedFrom=2026-11-25&finishedTo=2026-11-01', { 'accept-language': 'en' });
    expect(en.status).toBe(422);
    expect(en.body.code).toBe('DATE_RANGE_REVERSED');
    expect(en.body.title).toMatch(/Invalid date range: finishedFrom/);
    expect(en.body.errors[0].path).toBe('querystring.finishedTo');
    // the same day on both ends is a valid one-day range
    expect((await u['demo.kiemsoat']!.get('/api/v1/dossiers?finishedFrom=2026-11-25&finishedTo=2026-11-25')).status).toBe(200);
  });

  it('malformed values → 400 naming the parameter', async () => {
    for (const [q, param] of [
      ['receivedFrom=2026-13-01', 'receivedFrom'],
      ['receivedTo=25/11/2026', 'receivedTo'],
      ['finishedFrom=2026-02-30', 'finishedFrom'],
      ['finishedTo=0001-01-01', 'finishedTo'],
      ['channel=4', 'channel'],
      ['channel=online', 'channel'],
      ['sort=due_desc', 'sort'],
      [`field=${'x'.repeat(301)}`, 'field'],
      ['field=%20', 'field'],
    ] as const) {
      const r = await u['demo.kiemsoat']!.get(`/api/v1/dossiers?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.code, q).toBe('VALIDATION_FAILED');
      expect(r.body.errors.map((e: any) => e.path), q).toContain(`querystring.${param}`);
    }
  });
});
