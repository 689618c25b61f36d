// Typed client of the motcua HTTP API (see /openapi.json). Cookie session + X-CSRF-Token on writes;
// a 401 on a signed-in request asks the app to sign in again (dialog) and then retries once, so nothing
// typed is lost when the session expires.

import type { PaymentList, PaymentAccount, RatingCriteria, RatingCriterionCreate, RatingCriterionUpdate, PaymentAccountCreate, PaymentAccountList, PaymentAccountPatch,
  BodyOf, ResponseOf, BackupRun, BackupStatus, NotificationList, NotificationMessage, NotificationTemplates, TemplateHistory, TemplatePreview,
  PortalSyncDashboard, PortalSyncItem, DossierPortalSync, DossierPostal, FeeSuggestion, Pickup, PickupBody,
  ActionResult, Address, AdminUnit, AdminUnitList, Agency, AgencyInfo, AgencyWithUnits, AllowedActions,
  ApplicantIn, Assignment, AuthOptions, Competence, Component, ComponentIn, ControlSlip, Dossier, DossierEvent,
  DossierFiles, Due, Fee, FeeOverrides, FieldAgency, FieldAgencyList, Fields, FileInfo, GroupBy, Holiday,
  HolidayYear, InboxItem, Indicator, IndicatorGroup, Indicators, LimitToReview, Me, OfficeHours, Official,
  OfficialDrill, OfficialDrillItem, OfficialMeasure, OfficialRow, OfficialsReport, Performers, Procedure,
  ProcedureCase, ProcedureItem, ProcedureList, ProcedureWithoutLimit, ProcessDef, ProcessStep, Progress,
  ProgressDossiers, ProgressRow, ReceiveBody, ReceiveResult, ReportPeriod, Role, RoleAssignment, SlipParty,
  StrandedDossier, TimeLimit, User,
} from './api-types';
export type * from './api-types';

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: Array<{ path: string; code?: string; message?: string; messageVi?: string; messageEn?: string }>;
  allowed?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.title ?? problem.detail ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

let csrfToken: string | undefined;
let lang = 'vi';
let reauth: (() => Promise<void>) | null = null;

export function setCsrf(t: string | undefined): void {
  csrfToken = t;
}
export function setApiLanguage(l: string): void {
  lang = l;
}
/** Called on 401 for a signed-in request; resolves once the user signed in again. */
export function setReauthHandler(h: (() => Promise<void>) | null): void {
  reauth = h;
}

export function newKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

interface Opts {
  headers?: Record<string, string>;
  /** false: do not open the sign-in dialog on 401 (login, me). */
  reauth?: boolean;
  idempotent?: boolean;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: Opts = {}): Promise<T> {
  const key = opts.idempotent ? newKey() : undefined; // same key for the retry after re-login
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { 'accept-language': lang, ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    if (key) headers['idempotency-key'] = key;
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (res.status === 401 && opts.reauth !== false && reauth && attempt === 0) {
      await reauth();
      continue;
    }
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed = text && type.includes('json') ? JSON.parse(text) : text;
    if (!res.ok) throw new ApiError(res.status, typeof parsed === 'object' && parsed ? (parsed as Problem) : { status: res.status, title: String(parsed) });
    return parsed as T;
  }
}

/** multipart upload (one file + text fields first), with the same CSRF and re-login handling. */
export async function upload<T>(path: string, file: Blob & { name?: string }, fields: Record<string, string | undefined> = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, v);
    fd.append('file', file, file.name ?? 'scan');
    const headers: Record<string, string> = { 'accept-language': lang };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    const res = await fetch(path, { method: 'POST', body: fd, headers, credentials: 'same-origin' });
    if (res.status === 401 && reauth && attempt === 0) { await reauth(); continue; }
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    if (!res.ok) throw new ApiError(res.status, typeof body === 'object' ? body : { status: res.status, title: String(body) });
    return body as T;
  }
}

/** A multipart upload whose answer is a file (the reconciliation workbook with the gateway's statement). */
export async function uploadForFile(path: string, file: Blob & { name?: string }): Promise<{ blob: Blob; filename: string }> {
  for (let attempt = 0; ; attempt++) {
    const fd = new FormData();
    fd.append('file', file, file.name ?? 'file');
    const headers: Record<string, string> = { 'accept-language': lang };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    const res = await fetch(path, { method: 'POST', body: fd, headers, credentials: 'same-origin' });
    if (res.status === 401 && reauth && attempt === 0) { await reauth(); continue; }
    if (!res.ok) throw new ApiError(res.status, res.headers.get('content-type')?.includes('json') ? await res.json() : { status: res.status, title: `HTTP ${res.status}` });
    const plain = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
    return { blob: await res.blob(), filename: plain ?? path.split('?')[0]!.split('/').pop()! };
  }
}

/** A form (01–06) of a dossier as a PDF blob; form 01 carries the look-up QR when the receipt secret is given. */
export async function formPdf(ref: string, form: string, secret?: string): Promise<Blob> {
  const res = await fetch(`/api/v1/dossiers/${encodeURIComponent(ref)}/forms/${form}.pdf`, { headers: secret ? { 'x-receipt-secret': secret, 'accept-language': lang } : { 'accept-language': lang }, credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, res.headers.get('content-type')?.includes('json') ? await res.json() : { status: res.status });
  return res.blob();
}

const get = <T>(p: string, o?: Opts) => request<T>('GET', p, undefined, o);
const post = <T>(p: string, b?: unknown, o?: Opts) => request<T>('POST', p, b, o);
const put = <T>(p: string, b?: unknown, o?: Opts) => request<T>('PUT', p, b, o);
const patch = <T>(p: string, b?: unknown, o?: Opts) => request<T>('PATCH', p, b, o);
const del = <T>(p: string, o?: Opts) => request<T>('DELETE', p, undefined, o);

export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
const enc = encodeURIComponent;

// ---------------------------------------------------------------------------------------------
// Types (the parts the app uses)

export interface Page<T> { items: T[]; total: number; page?: number; pageSize?: number }
export type Weekly = NonNullable<OfficeHours['own'][number]['weekly']>;

export { PAYMENT_METHODS } from './limits';

// Reports (QĐ 766 and the official progress report). Periods are local dates, `to` inclusive.
export const MEASURES = [
  'received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProcess', 'inProcessOnTime', 'inProcessOverdue', 'refusedOrStopped',
] as const;
export type Measure = (typeof MEASURES)[number];
export interface ReportQuery { from: string; to: string; agency?: string }
/** The numbers of an officials-report row, each opening the steps or dossiers behind it. */
export const OFFICIAL_MEASURES = ['stepsDone', 'early', 'onTime', 'late', 'holding', 'holdingOverdue'] as const;

/** A file from a GET (exports): same re-login handling as request(); the name from Content-Disposition. */
export async function download(path: string): Promise<{ blob: Blob; filename: string }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(path, { headers: { 'accept-language': lang }, credentials: 'same-origin' });
    if (res.status === 401 && reauth && attempt === 0) { await reauth(); continue; }
    if (!res.ok) throw new ApiError(res.status, res.headers.get('content-type')?.includes('json') ? await res.json() : { status: res.status, title: `HTTP ${res.status}` });
    const cd = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
    const plain = /filename="?([^";]+)"?/i.exec(cd)?.[1];
    const filename = star ? decodeURIComponent(star) : plain ?? path.split('?')[0]!.split('/').pop()!;
    return { blob: await res.blob(), filename };
  }
}

// ---------------------------------------------------------------------------------------------
// Endpoints

export const api = {
  payments: (q: { status?: string; dossierCode?: string; limit?: number; offset?: number }) => get<PaymentList>(`/api/v1/payments${qs(q)}`),
  authOptions: () => get<AuthOptions>('/api/v1/auth/options', { reauth: false }),
  login: (username: string, password: string) => post<Me>('/api/v1/auth/login', { username, password }, { reauth: false }),
  me: () => get<Me>('/api/v1/auth/me', { reauth: false }),
  logout: () => post<void>('/api/v1/auth/logout', undefined, { reauth: false }),

  procedures: (q: { q?: string; field?: string; agency?: string; desk?: string; level?: string; page?: number; pageSize?: number }) =>
    get<ProcedureList>(`/api/v1/procedures${qs(q)}`),
  procedure: (code: string) => get<Procedure>(`/api/v1/procedures/${enc(code)}`),
  // a background preselection: a lapsed session is handled by the next real action, not by a dialog here
  competence: (code: string, desk: string) => get<Competence>(`/api/v1/procedures/${enc(code)}/competence${qs({ desk })}`, { reauth: false }),
  fields: () => get<Fields>('/api/v1/procedures/fields'),
  adminUnit: (code: string) => get<AdminUnit>(`/api/v1/admin-units/${enc(code)}`),
  adminUnits: (q: { level?: string; parent?: string; q?: string; pageSize?: number }) => get<AdminUnitList>(`/api/v1/admin-units${qs(q)}`),
  due: (q: { from: string; workingHours?: number; workingDays?: number; agency?: string }) =>
    get<Due>(`/api/v1/calendar/due${qs(q)}`),

  receive: (b: ReceiveBody) => post<ReceiveResult>('/api/v1/dossiers', b, { idempotent: true }),
  dossiers: (q: Record<string, string | number | boolean | undefined>) => get<ResponseOf<'/api/v1/dossiers', 'get'>>(`/api/v1/dossiers${qs(q)}`),
  dossier: (ref: string) => get<Dossier>(`/api/v1/dossiers/${enc(ref)}`),
  events: (ref: string) => get<ResponseOf<'/api/v1/dossiers/{code}/events', 'get'>>(`/api/v1/dossiers/${enc(ref)}/events`),
  controlSlip: (ref: string) => get<ControlSlip>(`/api/v1/dossiers/${enc(ref)}/control-slip`),
  allowed: (ref: string) => get<AllowedActions>(`/api/v1/dossiers/${enc(ref)}/allowed-actions`),
  act: (ref: string, action: string, version: number, payload: Record<string, unknown> = {}, note?: string) =>
    post<ActionResult>(`/api/v1/dossiers/${enc(ref)}/actions/${action}`, { version, payload, note: note || undefined }, { idempotent: true }),

  stageFile: (file: File, fields: { componentId?: string; componentName?: string }) =>
    upload<FileInfo>('/api/v1/files', file, { purpose: 'component', digitised: 'true', ...fields }),
  uploadToDossier: (ref: string, file: File, fields: { purpose?: string; componentName?: string }) =>
    upload<FileInfo>(`/api/v1/dossiers/${enc(ref)}/files`, file, { purpose: 'other', digitised: 'true', ...fields }),
  dossierFiles: (ref: string) => get<DossierFiles>(`/api/v1/dossiers/${enc(ref)}/files`),
  agencies: () => get<ResponseOf<'/api/v1/agencies', 'get'>>('/api/v1/agencies'),
  agency: (code: string) => get<AgencyWithUnits>(`/api/v1/agencies/${enc(code)}`),
  createAgency: (b: Record<string, unknown>) => post<Agency>('/api/v1/agencies', b),
  createUnit: (code: string, b: { code: string; name: string }) => post<unknown>(`/api/v1/agencies/${enc(code)}/units`, b),
  users: (q: { q?: string; page?: number; pageSize?: number }) => get<ResponseOf<'/api/v1/users', 'get'>>(`/api/v1/users${qs(q)}`),
  createUser: (b: Record<string, unknown>) => post<User>('/api/v1/users', b),
  patchUser: (id: string, b: Record<string, unknown>) => patch<User>(`/api/v1/users/${id}`, b),
  assignRole: (id: string, b: { role: string; agencyCode: string }) => post<ResponseOf<'/api/v1/users/{id}/roles', 'post'>>(`/api/v1/users/${id}/roles`, b),
  removeRole: (id: string, assignmentId: string) => del<void>(`/api/v1/users/${id}/roles/${assignmentId}`),
  assignees: (ref: string, action: 'forward' | 'assign') => get<ResponseOf<'/api/v1/dossiers/{code}/assignees', 'get'>>(`/api/v1/dossiers/${enc(ref)}/assignees${qs({ action })}`),
  officials: (agencyCode: string, q: { role?: string; q?: string } = {}) => get<ResponseOf<'/api/v1/agencies/{code}/officials', 'get'>>(`/api/v1/agencies/${enc(agencyCode)}/officials${qs(q)}`),

  progress: (q: ReportQuery & { groupBy: GroupBy }) => get<Progress>(`/api/v1/reports/progress${qs({ ...q })}`),
  progressDossiers: (q: ReportQuery & { groupBy?: GroupBy; key?: string; measure: Measure; page?: number; pageSize?: number }) =>
    get<ProgressDossiers>(`/api/v1/reports/progress/dossiers${qs({ ...q })}`),
  officialsReport: (q: ReportQuery) => get<OfficialsReport>(`/api/v1/reports/officials${qs({ ...q })}`),
  officialDossiers: (q: ReportQuery & { userId: string; measure: OfficialMeasure; page?: number; pageSize?: number }) =>
    get<OfficialDrill>(`/api/v1/reports/officials/dossiers${qs({ ...q })}`),
  indicators: (q: ReportQuery) => get<Indicators>(`/api/v1/reports/indicators${qs({ ...q })}`),
  ratingsReport: (q: ReportQuery & { groupBy: 'agency' | 'procedure' | 'official' }) => get<ResponseOf<'/api/v1/reports/ratings', 'get'>>(`/api/v1/reports/ratings${qs({ ...q })}`),
  // the counter kiosk: pair a tablet, hand it the dossier just returned
  pairKiosk: (label?: string) => post<ResponseOf<'/api/v1/ratings/kiosks', 'post'>>('/api/v1/ratings/kiosks', label ? { label } : {}),
  handToKiosk: (dossier: string) => post<ResponseOf<'/api/v1/ratings/kiosk-handover', 'post'>>('/api/v1/ratings/kiosk-handover', { dossier }),
  progressXlsxUrl: (q: ReportQuery & { groupBy: GroupBy }) => `/api/v1/reports/progress.xlsx${qs({ ...q })}`,
  indicatorsXlsxUrl: (q: ReportQuery) => `/api/v1/reports/indicators.xlsx${qs({ ...q })}`,

  publish: (code: string, on: boolean) => post<ResponseOf<'/api/v1/admin/procedures/{code}/publish', 'post'>>(`/api/v1/admin/procedures/${enc(code)}/${on ? 'publish' : 'hide'}`),
  feeOverrides: (code: string) => get<FeeOverrides>(`/api/v1/admin/procedures/${enc(code)}/fee-overrides`),
  setFee: (code: string, b: { channel: string; feeName: string; amountVnd: number; note?: string }) => put<unknown>(`/api/v1/admin/procedures/${enc(code)}/fee-overrides`, b),
  performers: (code: string) => get<Performers>(`/api/v1/admin/procedures/${enc(code)}/agencies`),
  fieldAgencies: (level?: 'province' | 'commune') => get<FieldAgencyList>(`/api/v1/admin/field-agencies${qs({ level })}`),
  setFieldAgency: (b: { level: 'province'; field: string; agencyCode: string; note?: string } | { level: 'commune'; field: string; communeKind: string; note?: string }) =>
    put<FieldAgency>('/api/v1/admin/field-agencies', b),
  notifications: (q: { status?: string; channel?: string; dossier?: string; deadLetters?: boolean; page?: number; pageSize?: number } = {}) =>
    get<NotificationList>(`/api/v1/admin/notifications/messages${qs(q)}`),
  ratingCriteria: () => get<RatingCriteria>('/api/v1/admin/rating-criteria'),
  addRatingCriterion: (b: RatingCriterionCreate) => post<RatingCriteria>('/api/v1/admin/rating-criteria', b),
  updateRatingCriterion: (key: string, b: RatingCriterionUpdate) => put<RatingCriteria>(`/api/v1/admin/rating-criteria/${enc(key)}`, b),
  reorderRatingCriteria: (keys: string[]) => put<RatingCriteria>('/api/v1/admin/rating-criteria/order', { keys }),
  paymentAccounts: () => get<PaymentAccountList>('/api/v1/admin/payment-accounts'),
  createPaymentAccount: (b: PaymentAccountCreate) => post<PaymentAccount>('/api/v1/admin/payment-accounts', b),
  updatePaymentAccount: (id: string, b: PaymentAccountPatch) => patch<PaymentAccount>(`/api/v1/admin/payment-accounts/${enc(id)}`, b),
  backupStatus: () => get<BackupStatus>('/api/v1/admin/backups'),
  runBackup: () => post<BackupRun>('/api/v1/admin/backups'),
  resendNotification: (id: string) => post<NotificationMessage>(`/api/v1/admin/notifications/messages/${enc(id)}/resend`),
  notificationTemplates: () => get<NotificationTemplates>('/api/v1/admin/notifications/templates'),
  notificationTemplate: (event: string, channel: string) => get<TemplateHistory>(`/api/v1/admin/notifications/templates/${enc(event)}/${enc(channel)}`),
  saveNotificationTemplate: (event: string, channel: string, b: BodyOf<'/api/v1/admin/notifications/templates/{event}/{channel}', 'put'>) =>
    put<TemplateHistory>(`/api/v1/admin/notifications/templates/${enc(event)}/${enc(channel)}`, b),
  previewNotificationTemplate: (event: string, channel: string, b: { dossierCode?: string; subject?: string | null; body: string }) =>
    post<TemplatePreview>(`/api/v1/admin/notifications/templates/${enc(event)}/${enc(channel)}/preview`, b),
  portalSync: (q: { status?: 'pending' | 'accepted' | 'rejected'; failing?: boolean; page?: number; pageSize?: number } = {}) =>
    get<PortalSyncDashboard>(`/api/v1/admin/portal-sync${qs(q)}`),
  portalInbound: () => get<ResponseOf<'/api/v1/admin/portal-sync/inbound', 'get'>>('/api/v1/admin/portal-sync/inbound'),
  resendPortalSync: (id: string) => post<PortalSyncItem>(`/api/v1/admin/portal-sync/items/${enc(id)}/resend`),
  dossierPortalSync: (ref: string) => get<DossierPortalSync>(`/api/v1/dossiers/${enc(ref)}/portal-sync`),
  feeLines: (ref: string) => get<FeeSuggestion>(`/api/v1/dossiers/${enc(ref)}/fee-lines`),
  bookPickup: (b: PickupBody) => post<Pickup>('/api/v1/postal/pickups', b),
  pickups: (desk: string) => get<{ items: Pickup[] }>(`/api/v1/postal/pickups${qs({ desk })}`),
  dossierPostal: (ref: string) => get<DossierPostal>(`/api/v1/dossiers/${enc(ref)}/postal`),
  stranded: (q: { page?: number; pageSize?: number } = {}) => get<ResponseOf<'/api/v1/admin/dossiers/stranded', 'get'>>(`/api/v1/admin/dossiers/stranded${qs(q)}`),
  limitsToReview: (q: { page?: number; pageSize?: number } = {}) => get<ResponseOf<'/api/v1/admin/procedures/inferred-units', 'get'>>(`/api/v1/admin/procedures/inferred-units${qs(q)}`),
  withoutLimit: () => get<ResponseOf<'/api/v1/admin/procedures/without-limit', 'get'>>('/api/v1/admin/procedures/without-limit'),
  setTimeLimit: (code: string, b: { value: number; unit: string; basis: string }) => put<ResponseOf<'/api/v1/admin/procedures/{code}/time-limit', 'put'>>(`/api/v1/admin/procedures/${enc(code)}/time-limit`, b),
  process: (code: string, agencyCode?: string) => get<ProcessDef>(`/api/v1/procedures/${enc(code)}/process${qs({ agencyCode })}`),
  saveProcess: (code: string, b: { steps: ProcessStep[]; config?: Record<string, unknown>; agencyCode?: string }) => put<ProcessDef>(`/api/v1/procedures/${enc(code)}/process`, b),

  holidays: (year: number) => get<HolidayYear>(`/api/v1/calendar/holidays?year=${year}`),
  addHoliday: (b: { date: string; kind: string; nameVi: string; nameEn?: string }) => post<Holiday>('/api/v1/calendar/holidays', b),
  deleteHoliday: (id: string) => del<unknown>(`/api/v1/calendar/holidays/${id}`),
  confirmYear: (year: number) => post<unknown>(`/api/v1/calendar/years/${year}/confirm`, {}),
  officeHours: (code: string) => get<OfficeHours>(`/api/v1/agencies/${enc(code)}/office-hours`),
  setOfficeHours: (code: string, b: { weekly: Weekly | null; validFrom?: string; note?: string }) => put<OfficeHours>(`/api/v1/agencies/${enc(code)}/office-hours`, b),
};
