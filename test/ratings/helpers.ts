// Shared by the ratings tests: a returned dossier of a real catalogue procedure (1.009832, Sở Tư pháp),
// walked through the default process by the demo officials over HTTP.
import { expect } from 'vitest';
import { DOC, act, receive } from '../dossiers/fixtures.js';
import type { HttpClient } from '../helpers.js';

export type Officials = Record<'desk' | 'handler' | 'leader' | 'clerk' | 'returner' | 'control', HttpClient>;

export async function loginOfficials(t: { login(u: string): Promise<HttpClient> }): Promise<Officials> {
  const [desk, handler, leader, clerk, returner, control] = await Promise.all(
    ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.kiemsoat'].map((n) => t.login(n)),
  );
  return { desk: desk!, handler: handler!, leader: leader!, clerk: clerk!, returner: returner!, control: control! };
}

/** Receives a dossier; `until` 'returned' walks it to the return of the result (status 10). */
export async function dossier(o: Officials, until: 'accepted' | 'returned' = 'returned'): Promise<{ code: string; secret: string; id: string }> {
  const r = await receive(o.desk);
  const code = r.dossier.code as string;
  const out = { code, secret: (r.receipt as { secret: string }).secret, id: r.dossier.id as string };
  if (until === 'accepted') return out;
  await act(o.desk, code, 'forward');
  await act(o.handler, code, 'claim');
  await act(o.handler, code, 'forward');
  await act(o.leader, code, 'claim');
  await act(o.leader, code, 'approve');
  await act(o.clerk, code, 'claim');
  await act(o.clerk, code, 'record_result', { documents: [DOC] });
  await act(o.returner, code, 'claim');
  const done = await act(o.returner, code, 'return_result', { method: 'counter' });
  expect(done.dossier.nationalStatus).toBe(10);
  return out;
}

export const answers = (overall: number, rest: Record<string, number> = {}) => ({ overall, ...rest });
