// Calls of the online-submission pages: the citizen's session cookie goes with every request, writes echo
// the session's CSRF token (GET /citizen/session). Types come from the generated API types.
import type { paths } from '../../api.gen';
import { HttpError } from '../api';

type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;
export type PublicForm = Get<'/api/v1/public/procedures/{code}/form'>;
export type Draft = Get<'/api/v1/citizen/drafts/{id}'>;
export type MyDossiers = Get<'/api/v1/citizen/dossiers'>;
export type MyDossier = Get<'/api/v1/citizen/dossiers/{ref}'>;
export type Session = Get<'/api/v1/citizen/session'>;

export interface Problem { status: number; code?: string; title?: string; detail?: string; errors?: Array<{ path: string; code?: string; message?: string }>; draft?: Draft }

let csrf: string | null = null;
let lang = 'vi';
export const setSubmissionLanguage = (l: string) => { lang = l; };

async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', 'accept-language': lang, ...headers };
  if (method !== 'GET' && csrf) h['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { h['content-type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch(url, { method, headers: h, body: payload, credentials: 'same-origin' });
  const parsed = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, { ...parsed, status: res.status });
  return parsed as T;
}

export const problemOf = (e: unknown): Problem | null => (e instanceof HttpError ? (e.body as Problem) : null);

export const submissionApi = {
  session: async () => {
    const s = await call<Session>('GET', '/api/v1/citizen/session');
    csrf = s.csrfToken;
    return s;
  },
  form: (code: string) => call<PublicForm>('GET', `/api/v1/public/procedures/${encodeURIComponent(code)}/form`),
  drafts: () => call<{ items: Draft[] }>('GET', '/api/v1/citizen/drafts'),
  /** `key`: the Idempotency-Key (one per page: a repeated start answers the same draft). */
  createDraft: (procedureCode: string, key: string) => call<Draft>('POST', '/api/v1/citizen/drafts', { procedureCode }, { 'idempotency-key': key }),
  draft: (id: string) => call<Draft>('GET', `/api/v1/citizen/drafts/${id}`),
  saveDraft: (id: string, version: number, form: Record<string, unknown>) => call<Draft>('PUT', `/api/v1/citizen/drafts/${id}`, { version, form }),
  upload: (id: string, componentId: string, file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return call<{ file: { id: string; name: string; size: number; sha256: string }; draft: Draft }>('POST', `/api/v1/citizen/drafts/${id}/components/${encodeURIComponent(componentId)}/file`, fd);
  },
  submit: (id: string, key: string) => call<{ dossier: { id: string; code: string | null; nationalStatus: number; statusLabel: { vi: string; en: string }; submittedAt: string; receivingAgency: string | null }; draftId: string }>('POST', `/api/v1/citizen/drafts/${id}/submit`, {}, { 'idempotency-key': key }),
  mine: () => call<MyDossiers>('GET', '/api/v1/citizen/dossiers'),
  dossier: (ref: string) => call<MyDossier>('GET', `/api/v1/citizen/dossiers/${encodeURIComponent(ref)}`),
  act: (ref: string, action: string, body: { version: number; reason?: string; fileIds?: string[] }, key: string) =>
    call<unknown>('POST', `/api/v1/citizen/dossiers/${encodeURIComponent(ref)}/actions/${action}`, body, { 'idempotency-key': key }),
  uploadSupplement: (ref: string, file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return call<{ id: string; name: string }>('POST', `/api/v1/citizen/dossiers/${encodeURIComponent(ref)}/files`, fd);
  },
};

/** dd/mm/yyyy (Vietnam time), as on every screen. */
export function vnDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return withTime ? `${date} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : date;
}
