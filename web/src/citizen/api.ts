// The citizen portal's API calls: anonymous GETs (and the start of an online payment), typed by the generated API types (api.gen.ts).
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

/** An error answer (application/problem+json) with its status. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly body: { title?: string; detail?: string; hintVi?: string; hintEn?: string }) {
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
  track: (code: string, secret: string) => get<Tracking>(`/api/v1/public/dossiers/${encodeURIComponent(code)}?secret=${encodeURIComponent(secret)}`),
};
