// Shared fixtures for the dossier tests: demo agencies, procedures from the bundled catalogue, an applicant,
// and small HTTP helpers (receive, act).
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ManualClock, startTestApp, type HttpClient, type TestApp } from '../helpers.js';

export const CENTRE = '000.00.01.H56';
export const STP = '000.00.02.H56';
export const SXD = '000.00.03.H56';
export const XA1 = '000.11.00.H56';
export const XA1_TT = '000.11.01.H56';
export const XA2 = '000.12.00.H56';
export const XA2_TT = '000.12.01.H56';
/** Province procedure of the justice field (15 working days). */
export const PROV_PROC = '1.009832';
/** Commune procedure (5 working days). */
export const COMMUNE_PROC = '1.000419';
export const DOC = { number: '15/QĐ-STP', date: '2026-11-25', signer: 'Phạm Quốc Hưng' };

/** Monday 23 November 2026, 09:00 in Hanoi. */
export const T0 = new Date('2026-11-23T02:00:00Z');
export const HOUR = 3_600_000;

export async function startDossierApp(env: Record<string, string> = {}): Promise<TestApp & { clock: ManualClock }> {
  const clock = new ManualClock(T0);
  const t = await startTestApp({ clock, env: { MOTCUA_SESSION_TTL_MINUTES: '10080', MOTCUA_SESSION_IDLE_MINUTES: '1440', ...env } });
  return t as TestApp & { clock: ManualClock };
}

export function applicant(over: Record<string, unknown> = {}) {
  return {
    kind: 'individual',
    fullName: 'Nguyễn Thị Bích Ngọc',
    idNumber: '038190012345',
    birthDate: '1990-05-01',
    phone: '0912 345 678',
    email: 'ngoc@example.vn',
    address: { line: '12 Lê Lợi', communeCode: '14797', provinceCode: '38' },
    ...over,
  };
}

export function receptionBody(over: Record<string, unknown> = {}) {
  return {
    procedureCode: PROV_PROC,
    channel: 1,
    competentAgencyCode: STP,
    applicant: applicant(),
    components: [
      { name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 },
      { name: 'Bản sao CCCD', provided: true, form: 'copy', copies: 1, fileId: 'file-1' },
    ],
    delivery: { method: 'counter' },
    ...over,
  };
}

export async function receive(c: HttpClient, over: Record<string, unknown> = {}) {
  const r = await c.post('/api/v1/dossiers', receptionBody(over), { 'idempotency-key': randomUUID() });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { dossier: any; receipt?: any; guidance?: any; refusal?: any };
}

export async function versionOf(c: HttpClient, ref: string): Promise<number> {
  const r = await c.get(`/api/v1/dossiers/${ref}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.version;
}

export async function tryAct(c: HttpClient, ref: string, action: string, payload: Record<string, unknown> = {}, version?: number, headers: Record<string, string> = {}) {
  const v = version ?? (await versionOf(c, ref));
  return c.post(`/api/v1/dossiers/${ref}/actions/${action}`, { version: v, payload }, headers);
}

export async function act(c: HttpClient, ref: string, action: string, payload: Record<string, unknown> = {}) {
  const r = await tryAct(c, ref, action, payload);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body as { dossier: any; events: any[]; allowed: string[]; receipt?: any };
}
