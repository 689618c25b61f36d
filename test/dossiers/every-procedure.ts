// Receives catalogue procedures over HTTP at a demo desk with the catalogue's components of their first case,
// forwards each to the handling step and checks that an official of the competent agency can act on it.
// Shared by test/dossiers/every-procedure.test.ts (a deterministic sample) and bench/every-procedure.ts (all).
import { randomUUID } from 'node:crypto';
import type { HttpClient } from '../helpers.js';

export const PROVINCE_DESK = { user: 'demo.tiepnhan', code: '000.00.01.H56' };
export const COMMUNE_DESK = { user: 'demo.xa.tiepnhan', code: '000.11.01.H56' };

export interface Outcome {
  code: string;
  level: 'province' | 'commune';
  ok: boolean;
  stage?: 'detail' | 'receive' | 'forward' | 'handler';
  reason?: string;
  competent?: string;
  /** candidates the desk had to choose among (>1: it took the first) */
  candidates?: number;
  components?: number;
}

export interface Clients {
  login(username: string): Promise<HttpClient>;
}

const APPLICANT = {
  kind: 'individual',
  fullName: 'Nguyễn Thị Bích Ngọc',
  idNumber: '038190012345',
  birthDate: '1990-05-01',
  phone: '0912 345 678',
  address: { line: '12 Lê Lợi', communeCode: '14797', provinceCode: '38' },
};

const why = (r: { status: number; body: any }) => {
  const b = r.body ?? {};
  const field = Array.isArray(b.errors) && b.errors[0] ? ` [${b.errors[0].path}: ${b.errors[0].messageEn ?? b.errors[0].message ?? b.errors[0].code}]` : '';
  return `${r.status} ${b.code ?? ''}${field}${!field && b.detail ? ` ${String(b.detail).slice(0, 160)}` : ''}`;
};

/** A client per demo login, logged in once (the login route is rate-limited). */
export function clientPool(login: (u: string) => Promise<HttpClient>): Clients {
  const cache = new Map<string, Promise<HttpClient>>();
  return { login: (u) => cache.get(u) ?? (cache.set(u, login(u)), cache.get(u)!) };
}

export async function receiveAndForward(pool: Clients, code: string, level: 'province' | 'commune'): Promise<Outcome> {
  const deskSpec = level === 'province' ? PROVINCE_DESK : COMMUNE_DESK;
  const desk = await pool.login(deskSpec.user);
  const detail = await desk.get(`/api/v1/procedures/${code}`);
  if (detail.status !== 200) return { code, level, ok: false, stage: 'detail', reason: why(detail) };
  const first = detail.body.cases[0] as { key: string; components: Array<{ id: string }> } | undefined;
  const byId = new Map<string, any>(detail.body.components.map((c: any) => [c.id, c]));
  const components = (first?.components ?? []).map((c) => {
    const k = byId.get(c.id);
    return { componentId: c.id, provided: true, form: k.originals > 0 ? 'original' : k.certifiedCopies > 0 ? 'certified' : 'copy', copies: 1 };
  });
  const comp = await desk.get(`/api/v1/procedures/${code}/competence?desk=${deskSpec.code}`);
  const candidates = comp.status === 200 ? comp.body.candidates.length : 0;
  const body = {
    procedureCode: code,
    channel: 1,
    outcome: 'accept',
    receivingAgencyCode: deskSpec.code,
    ...(candidates > 1 ? { competentAgencyCode: comp.body.candidates[0].code } : {}),
    applicant: APPLICANT,
    ...(first ? { caseKey: first.key } : {}),
    components,
  };
  const r = await desk.post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
  const base = { code, level, candidates, components: components.length };
  if (r.status !== 201) return { ...base, ok: false, stage: 'receive', reason: why(r) };
  const d = r.body.dossier;
  const competent = d.agencies.competent.code as string;
  const f = await desk.post(`/api/v1/dossiers/${d.id}/actions/forward`, { version: d.version }, { 'idempotency-key': randomUUID() });
  if (f.status !== 200) return { ...base, competent, ok: false, stage: 'forward', reason: why(f) };
  const at = f.body.dossier.agencies.current.code as string;
  if (at !== competent) return { ...base, competent, ok: false, stage: 'forward', reason: `forwarded to ${at}, not the competent ${competent}` };
  const control = await pool.login('demo.kiemsoat');
  const officials = await control.get(`/api/v1/agencies/${at}/officials?role=${f.body.dossier.step.role}`);
  const role = f.body.dossier.step.role as string;
  // an official holding the role at this agency itself (the list also has officials of agencies below it)
  const handler = officials.status === 200
    ? (officials.body.items as Array<{ username: string; roles: Array<{ role: string; agencyCode: string }> }>).find((u) => u.roles.some((r) => r.role === role && r.agencyCode === at))?.username
    : undefined;
  if (!handler) return { ...base, competent, ok: false, stage: 'handler', reason: `no ${f.body.dossier.step.role} at ${at} (${why(officials)})` };
  const allowed = await (await pool.login(handler)).get(`/api/v1/dossiers/${d.id}/allowed-actions`);
  const actions: string[] = allowed.body?.allowed ?? allowed.body?.actions ?? [];
  if (allowed.status !== 200 || actions.length === 0) return { ...base, competent, ok: false, stage: 'handler', reason: `${handler} can do nothing (${why(allowed)})` };
  return { ...base, competent, ok: true };
}

/** Province- and commune-level procedures of the bundled catalogue, with the level to receive them at. */
export function targetsOf(parsed: Array<{ code: string; levels: string[] }>): Array<{ code: string; level: 'province' | 'commune' }> {
  return parsed
    .filter((p) => p.levels.includes('province') || p.levels.includes('commune'))
    .map((p) => ({ code: p.code, level: p.levels.includes('province') ? ('province' as const) : ('commune' as const) }));
}

export function summarise(outcomes: Outcome[]): string {
  const ok = outcomes.filter((o) => o.ok).length;
  const lines = [`${outcomes.length} procedures: ${ok} received and forwarded to a competent handler, ${outcomes.length - ok} exceptions`];
  const byReason = new Map<string, string[]>();
  for (const o of outcomes.filter((x) => !x.ok)) {
    const key = `${o.stage}: ${(o.reason ?? '').replace(/\d\.\d{6}/g, '…')}`;
    byReason.set(key, [...(byReason.get(key) ?? []), o.code]);
  }
  for (const [reason, codes] of [...byReason].sort((a, b) => b[1].length - a[1].length)) lines.push(`  ${codes.length} × ${reason}\n      ${codes.join(' ')}`);
  const chose = outcomes.filter((o) => (o.candidates ?? 0) > 1).length;
  lines.push(`  (${chose} had several competent candidates: the desk chose the first)`);
  return lines.join('\n');
}
