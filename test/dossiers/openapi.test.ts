// Response schemas of the dossier API: every route and status is documented in /openapi.json, and the
// serializer (loose zod objects) drops nothing the web app reads: a full path over HTTP compared with the
// database (state, events) and with the fields web/src reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { DOC, act, receive, receptionBody, startDossierApp } from './fixtures.js';
import { randomUUID } from 'node:crypto';
import { seedDemoDossiers } from '../../src/modules/demo/demo-dossiers.js';
import { sweepDeadlines } from '../../src/modules/dossiers/dossiers.service.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  t = await startDossierApp();
  await seedDemoDossiers(t.ctx, { count: 60 });
  for (const name of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua']) u[name] = await t.login(name);
});
afterAll(async () => {
  await t?.close();
});

/** Routes of dossiers.routes.ts and workflow.routes.ts (documents.routes.ts adds files/forms/results). */
const ROUTES: Array<[string, string, number]> = [
  ['post', '/api/v1/dossiers', 201],
  ['get', '/api/v1/dossiers', 200],
  ['get', '/api/v1/dossiers/{code}', 200],
  ['get', '/api/v1/dossiers/{code}/events', 200],
  ['get', '/api/v1/dossiers/{code}/assignees', 200],
  ['get', '/api/v1/dossiers/{code}/control-slip', 200],
  ['get', '/api/v1/dossiers/{code}/allowed-actions', 200],
  // the national-portal sync's and the postal service's views of a dossier
  ['get', '/api/v1/dossiers/{ref}/portal-sync', 200],
  ['get', '/api/v1/dossiers/{ref}/postal', 200],
  // the post office's tracking callback (server to server, signed)
  ['post', '/api/v1/postal/tracking-callback', 200],
  // collection at home (channel 3)
  ['post', '/api/v1/postal/pickups', 201],
  ['get', '/api/v1/postal/pickups', 200],
  ['get', '/api/v1/dossiers/{ref}/fee-lines', 200],
  // the payments module's administration of the agencies' payment accounts
  ['get', '/api/v1/admin/payment-accounts', 200],
  ['post', '/api/v1/admin/payment-accounts', 201],
  ['patch', '/api/v1/admin/payment-accounts/{id}', 200],
  ['post', '/api/v1/dossiers/{code}/actions/{action}', 200],
  ['get', '/api/v1/public/dossiers/{code}', 200],
  ['get', '/api/v1/workflow/statuses', 200],
  ['get', '/api/v1/procedures/{procedureCode}/process', 200],
  ['get', '/api/v1/procedures/{procedureCode}/process/versions', 200],
  ['put', '/api/v1/procedures/{procedureCode}/process', 201],
];

const INBOX_FIELDS = [
  'id', 'code', 'version', 'state', 'nationalStatus', 'stepKey', 'procedureCode', 'procedureName', 'applicantName', 'channel',
  'currentAgencyId', 'assigneeId', 'submittedAt', 'acceptedAt', 'dueAt', 'dueSoon', 'overdue', 'updatedAt',
  'stepDueAt', 'stepDueSoon', 'stepOverdue', 'consultationDueSoon', 'consultationOverdue',
];
const DOSSIER_FIELDS = [
  ...INBOX_FIELDS, 'nationalStatusLabel', 'step', 'agencies', 'procedure', 'process', 'applicant', 'filing', 'clockStartAt',
  'originalDueAt', 'stepDueAt', 'finishedAt', 'returnedAt', 'calendarVersion', 'detail',
];

function hasAll(o: Record<string, unknown>, fields: string[], what: string) {
  for (const f of fields) expect(o, `${what}.${f}`).toHaveProperty(f);
}

describe('OpenAPI response schemas', () => {
  it('documents a success schema and problem schemas for every dossier and workflow route', async () => {
    const r = await t.client().get('/openapi.json');
    expect(r.status).toBe(200);
    const paths = r.body.paths as Record<string, Record<string, any>>;
    // every /api/v1/dossiers route of this module is listed above
    const ours = Object.entries(paths)
      .filter(([p]) => p.startsWith('/api/v1/dossiers') && !/\/(files|forms|results)/.test(p))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(ours.sort()).toEqual(ROUTES.filter(([, p]) => p.startsWith('/api/v1/dossiers')).map(([m, p]) => `${m} ${p}`).sort());
    for (const [method, path, ok] of ROUTES) {
      const op = paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeTruthy();
      const success = op.responses?.[String(ok)];
      const schema = success?.content?.['application/json']?.schema;
      expect(schema, `${method} ${path} ${ok}`).toBeTruthy();
      expect(schema.type ?? schema.$ref ?? schema.anyOf, `${method} ${path}`).toBeTruthy();
      const errors = Object.keys(op.responses).filter((s) => /^4\d\d$/.test(s));
      // the status mapping is public reference data without input: it has no error answer
      if (path !== '/api/v1/workflow/statuses') expect(errors.length, `${method} ${path} problem responses`).toBeGreaterThan(0);
      for (const s of errors) expect(op.responses[s].content?.['application/json']?.schema?.properties?.code, `${method} ${path} ${s}`).toBeTruthy();
    }
    // the important fields are described
    const item = paths['/api/v1/dossiers']!.get.responses['200'].content['application/json'].schema.properties.items.items;
    for (const f of ['code', 'version', 'state', 'nationalStatus', 'dueAt', 'stepDueAt', 'stepOverdue']) expect(item.properties, f).toHaveProperty(f);
    const action = paths['/api/v1/dossiers/{code}/actions/{action}']!.post.responses['200'].content['application/json'].schema;
    expect(action.properties).toHaveProperty('allowed');
    expect(action.properties).toHaveProperty('dossier');
  });
});

describe('a full path over HTTP keeps every field', () => {
  it('reception → handling → approval → issue → return: answers equal the stored state and events', async () => {
    const desk = u['demo.tiepnhan']!;
    const rec = await receive(desk);
    const code = rec.dossier.code as string;
    hasAll(rec.dossier, DOSSIER_FIELDS, 'reception.dossier');
    hasAll(rec.receipt, [
      'form', 'title', 'code', 'secret', 'receivingAgency', 'competentAgency', 'applicant', 'representative', 'procedure', 'components',
      'sets', 'fees', 'legalTimeLimit', 'receivedAt', 'receivedAtLocal', 'clockStartAt', 'appointmentAt', 'appointmentAtLocal', 'delivery', 'receivedBy',
    ], 'receipt');
    hasAll(rec.receipt.applicant, ['fullName', 'idNumber', 'address', 'phone', 'email'], 'receipt.applicant');
    hasAll(rec.receipt.legalTimeLimit, ['workingDays', 'sameDay', 'hours'], 'receipt.legalTimeLimit');
    hasAll(rec.receipt.delivery, ['method', 'place', 'address'], 'receipt.delivery');
    expect(rec.receipt.receivingAgency.name).toBeTruthy();
    expect(rec.receipt.receivedBy.fullName).toBeTruthy();

    const steps: Array<[string, string, Record<string, unknown>?]> = [
      ['demo.tiepnhan', 'forward'],
      ['demo.chuyenvien', 'claim'],
      ['demo.chuyenvien', 'forward'],
      ['demo.lanhdao', 'claim'],
      ['demo.lanhdao', 'approve'],
      ['demo.vanthu', 'claim'],
      ['demo.vanthu', 'record_result', { documents: [DOC] }],
      ['demo.traketqua', 'claim'],
      ['demo.traketqua', 'return_result', { method: 'counter' }],
    ];
    for (const [who, action, payload] of steps) {
      const r = await act(u[who]!, code, action, payload ?? {});
      expect(Object.keys(r).sort()).toEqual(['allowed', 'dossier', 'events']);
      hasAll(r.dossier, DOSSIER_FIELDS, `${action}.dossier`);
      expect(r.events).toHaveLength(1);
      hasAll(r.events[0], ['dossierId', 'version', 'action', 'fromState', 'toState', 'fromStepKey', 'stepKey', 'agencyId', 'assigneeId', 'at', 'actor', 'note', 'payload', 'handover', 'clock'], `${action}.event`);
    }

    const d = await desk.get(`/api/v1/dossiers/${code}`);
    expect(d.status).toBe(200);
    hasAll(d.body, DOSSIER_FIELDS, 'dossier');
    hasAll(d.body.agencies, ['current', 'receiving', 'competent', 'return'], 'dossier.agencies');
    hasAll(d.body.procedure, ['id', 'versionId', 'code', 'name'], 'dossier.procedure');
    const row = await t.ctx.database.pool.query('SELECT id, state, applicant, filing FROM dossiers WHERE code = $1', [code]);
    // the whole DossierState, the applicant and the filing pass the serializer untouched
    expect(d.body.detail).toEqual(row.rows[0].state);
    expect(d.body.applicant).toEqual(row.rows[0].applicant);
    expect(d.body.filing).toEqual(row.rows[0].filing);
    hasAll(d.body.detail, ['lateForIndicators', 'result', 'stepHandlers', 'visitedSteps'], 'detail');

    const ev = await desk.get(`/api/v1/dossiers/${code}/events`);
    const stored = await t.ctx.database.pool.query('SELECT event FROM dossier_events WHERE dossier_id = $1 ORDER BY version', [row.rows[0].id]);
    // each event as stored, plus the names the log shows (actor, assignee, step)
    expect(ev.body.items.map(({ actorName, assigneeName, stepNameVi, stepNameEn, ...e }: any) => e)).toEqual(stored.rows.map((x) => x.event));
    expect(ev.body.items[0]).toMatchObject({ actorName: 'Nguyễn Thị Hồng Nhung', stepNameVi: expect.any(String) });
    expect(ev.body.total).toBe(stored.rows.length);

    const slip = await desk.get(`/api/v1/dossiers/${code}/control-slip`);
    expect(slip.status).toBe(200);
    hasAll(slip.body, ['form', 'title', 'dossierId', 'code', 'handlingAgencyId', 'cooperatingAgencyIds', 'rows', 'applicantName', 'agencies'], 'slip');
    for (const r of slip.body.rows) hasAll(r, ['index', 'version', 'action', 'giver', 'receiver', 'at', 'dueAt', 'classification', 'classificationVi', 'note'], 'slip.row');
    expect(slip.body.rows.at(-1).receiver.applicant).toBe(true);

    const allowed = await desk.get(`/api/v1/dossiers/${code}/allowed-actions`);
    expect(Object.keys(allowed.body).sort()).toEqual(['allowed', 'code', 'labels', 'version']);

    const list = await desk.get(`/api/v1/dossiers?q=${encodeURIComponent(code)}`);
    expect(Object.keys(list.body).sort()).toEqual(['items', 'page', 'pageSize', 'total', 'totalCapped']);
    hasAll(list.body.items[0], INBOX_FIELDS, 'inbox item');

    const pub = await t.client().get(`/api/v1/public/dossiers/${code}?secret=${encodeURIComponent(rec.receipt.secret)}`);
    expect(pub.status).toBe(200);
    expect(Object.keys(pub.body).sort()).toEqual([
      'appointmentAt', 'code', 'nationalStatus', 'next', 'procedure', 'receivedAt', 'receivingAgency', 'resultReady', 'returnAgency', 'returnedAt', 'statusLabel', 'timeline',
    ]);
    // the citizen's timeline: one entry per national status the dossier went through, in plain words, no names
    const statuses = pub.body.timeline.map((e: { nationalStatus: number }) => e.nationalStatus);
    expect(statuses[0]).toBe(2);
    expect(statuses.at(-1)).toBe(pub.body.nationalStatus);
    expect(statuses.every((x: number, i: number) => i === 0 || statuses[i - 1] !== x)).toBe(true);
    for (const e of pub.body.timeline) expect(Object.keys(e).sort()).toEqual(['at', 'label', 'nationalStatus', 'text']);
    if (pub.body.nationalStatus === 10) expect(pub.body.next.action).toBe('none');
  });

  it('guidance (form 02) and refusal (form 03) keep their fields; errors are problem+json', async () => {
    const desk = u['demo.tiepnhan']!;
    const g = await desk.post('/api/v1/dossiers', receptionBody({ outcome: 'incomplete', reason: 'Thiếu giấy tờ', items: ['Bản sao CCCD'] }), { 'idempotency-key': randomUUID() });
    expect(g.status).toBe(201);
    hasAll(g.body.guidance, ['form', 'title', 'receivingAgency', 'applicant', 'procedure', 'items', 'reason', 'at', 'atLocal', 'guidedBy'], 'guidance');
    expect(g.body.guidance.items).toEqual(['Bản sao CCCD']);
    const f = await desk.post('/api/v1/dossiers', receptionBody({ outcome: 'refuse', reason: 'Không thuộc thẩm quyền' }), { 'idempotency-key': randomUUID() });
    expect(f.status).toBe(201);
    hasAll(f.body.refusal, ['form', 'title', 'receivingAgency', 'applicant', 'procedure', 'reason', 'at', 'atLocal', 'refusedBy'], 'refusal');
    expect(f.body.refusal.refusedBy.fullName).toBeTruthy();
    // a 409 keeps `allowed` and `reason`
    const { dossier } = await receive(desk);
    const stale = await desk.post(`/api/v1/dossiers/${dossier.code}/actions/forward`, { version: 99 });
    expect(stale.status).toBe(409);
    expect(stale.body.allowed).toContain('forward');
    expect(stale.body.reason).toBe('STALE_VERSION');
    expect(stale.body.requestId).toBeTruthy();
    const bad = await desk.post(`/api/v1/dossiers/${dossier.code}/actions/forward`, { version: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.length).toBeGreaterThan(0);
  });

  it('demo dossiers in every state serialize (detail, events, control slip, allowed actions)', async () => {
    const { rows } = await t.ctx.database.pool.query(
      `SELECT DISTINCT ON (status) id, code, status FROM dossiers ORDER BY status, updated_at DESC`);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const admin = await t.login('demo.kiemsoat'); // procedure control: reads the whole province
    // with every deadline flag set by a sweep far in the future
    const swept = await sweepDeadlines(t.ctx, new Date(t.clock.now().getTime() + 400 * 86_400_000));
    expect(swept.overdue + swept.stepOverdue).toBeGreaterThan(0);
    for (const r of rows) {
      const ref = r.code ?? r.id;
      for (const path of ['', '/events', '/control-slip', '/allowed-actions']) {
        const res = await admin.get(`/api/v1/dossiers/${ref}${path}`);
        expect(res.status, `${r.status} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      }
    }
  });
});
