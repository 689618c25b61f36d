// The citizen portal's API calls, typed by the generated API types (api.gen.ts): anonymous GETs (and the start
// of an online payment), and the citizen account's calls, whose writes carry the citizen session's CSRF token.
import type { paths } from '../api.gen';

type Json<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;

export type SearchResult = Json<'/api/v1/procedures'>;
export type ProcedureItem = SearchResult['items'][number];
export type Procedure = Json<'/api/v1/procedures/{code}'>;
export type Fields = Json<'/api/v1/procedures/fields'>;
export type Levels = Json<'/api/v1/procedures/levels'>;
export type AgencyFields = Json<'/api/v1/public/agency-fields'>;
export type Tracking = Json<'/api/v1/public/dossiers/{code}'>;
export type PaymentSummary = Json<'/api/v1/public/payments'>;
export type CitizenPayment = PaymentSummary['payments'][number];
export type VerifyResult = Json<'/api/v1/public/verify'>;

/** An error answer (application/problem+json) with its status. */
export interface FieldProblem { path: string; code: string; message?: string }

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: { code?: string; title?: string; detail?: string; hintVi?: string; hintEn?: string; errors?: FieldProblem[] }) {
    super(body.title ?? `HTTP ${status}`);
  }
}

let lang = 'vi';
export const setApiLanguage = (l: string) => { lang = l; };

export async function get<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json', 'accept-language': lang }, signal });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, body);
  return body as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const t = s.toString();
  return t ? `?${t}` : '';
};

export const citizenApi = {
  search: (p: { q?: string; field?: string; level?: string; agency?: string; page?: number }, signal?: AbortSignal) =>
    get<SearchResult>(`/api/v1/procedures${q({ ...p, pageSize: 20 })}`, signal),
  procedure: (code: string) => get<Procedure>(`/api/v1/procedures/${encodeURIComponent(code)}`),
  fields: () => get<Fields>('/api/v1/procedures/fields'),
  levels: () => get<Levels>('/api/v1/procedures/levels'),
  agencyFields: () => get<AgencyFields>('/api/v1/public/agency-fields'),
  payments: (code: string, secret: string) => get<PaymentSummary>(`/api/v1/public/payments${q({ code, secret })}`),
  /** The one POST of the portal: starts an online payment (anonymous: the code and the lookup secret identify the dossier). */
  startPayment: async (code: string, secret: string, locale: string): Promise<CitizenPayment> => {
    const res = await fetch('/api/v1/public/payments', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': lang }, body: JSON.stringify({ code, secret, locale: locale === 'en' ? 'en' : 'vi' }) });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new HttpError(res.status, body);
    return body as CitizenPayment;
  },
  receiptUrl: (orderRef: string, code: string, secret: string) => `/api/v1/public/payments/${encodeURIComponent(orderRef)}/receipt.pdf${q({ code, secret })}`,
  verify: (sha256: string) => get<VerifyResult>(`/api/v1/public/verify${q({ sha256 })}`),
  track: (code: string, secret: string) => get<Tracking>(`/api/v1/public/dossiers/${encodeURIComponent(code)}?secret=${encodeURIComponent(secret)}`),
};

let csrf: string | null = null;
/** The citizen session's CSRF token (session.ts keeps it current). */
export const setCsrf = (token: string | null) => { csrf = token; };

export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (csrf) headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body: payload });
  const out = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, out);
  return out as T;
}

type Out<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P] extends { [K in M]: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;
export type CitizenSession = Json<'/api/v1/citizen/session'>;
export type CodeSent = Out<'/api/v1/citizen/sign-in/code', 'post'>;
export type Profile = Json<'/api/v1/citizen/profile'>;
export type ProfileBody = paths['/api/v1/citizen/profile']['put']['requestBody']['content']['application/json'];
export type Representations = Json<'/api/v1/citizen/representations'>;
export type Representation = Representations['items'][number];

export const accountApi = {
  session: () => get<CitizenSession>('/api/v1/citizen/session'),
  sendCode: (address: string) => send<CodeSent>('POST', '/api/v1/citizen/sign-in/code', { address }),
  verifyCode: (challengeId: string, code: string) => send<CitizenSession>('POST', '/api/v1/citizen/sign-in/code/verify', { challengeId, code }),
  signOut: () => send<void>('POST', '/api/v1/citizen/sign-out'),
  profile: () => get<Profile>('/api/v1/citizen/profile'),
  saveProfile: (p: ProfileBody) => send<Profile>('PUT', '/api/v1/citizen/profile', p),
  sendContactCode: (address: string) => send<CodeSent>('POST', '/api/v1/citizen/profile/contact', { address }),
  verifyContact: (challengeId: string, code: string) => send<Profile>('POST', '/api/v1/citizen/profile/contact/verify', { challengeId, code }),
  representations: () => get<Representations>('/api/v1/citizen/representations'),
  addRepresentation: (form: FormData) => send<Representation>('POST', '/api/v1/citizen/representations', form),
  revokeRepresentation: (id: string) => send<void>('DELETE', `/api/v1/citizen/representations/${encodeURIComponent(id)}`),
};

/** Field errors of a problem answer by field name ('body.address.communeCode' → 'address.communeCode'). */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof HttpError) for (const e of err.body.errors ?? []) out[e.path.replace(/^body\.?/, '') || 'form'] ??= e.message ?? err.body.title ?? e.code;
  return out;
}
