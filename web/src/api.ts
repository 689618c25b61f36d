// Typed client of the motcua HTTP API (see /openapi.json). Cookie session + X-CSRF-Token on writes;
// a 401 on a signed-in request asks the app to sign in again (dialog) and then retries once, so nothing
// typed is lost when the session expires.

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

export type Role =
  | 'admin' | 'reception' | 'handler' | 'unit_leader' | 'agency_leader' | 'clerk' | 'return_officer' | 'cashier' | 'procedure_control';

export interface Assignment { role: Role; agencyId: string; agencyCode: string; agencyName: string; unitId: string | null }
export interface Me { id: string; username: string; fullName: string; kind: string; roles: Assignment[]; csrfToken?: string; expiresAt?: string }
export interface AuthOptions { password: boolean; oidc: boolean; languages: string[] }

export interface TimeLimit { value: number; unit: string; text: string }
export interface ProcedureItem { code: string; name: string; field: string | null; levels: string[]; channels: string[]; timeLimit: (TimeLimit & { channel: string }) | null; public?: boolean }
export interface Fee { name: string; amountVnd: number | null; text: string; local: boolean }
export interface Component { id: string; name: string; originals: number; certifiedCopies: number; copies: number; required: boolean; group: string | null; templates: string[]; note?: boolean }
/** A case (trường hợp) of the catalogue's component list: the desk picks one and ticks its checklist. */
export interface ProcedureCase { key: string; title: string; components: Array<{ id: string; required: boolean }> }
/** GET /procedures/{code}/competence?desk=: the competent agency to preselect, or to choose among. */
export interface Competence { level: string; source: string; candidates: Array<{ code: string; name: string }>; missingVi: string | null; missingEn: string | null }
export interface Procedure {
  id: string; code: string; name: string; field: string | null; levels: string[]; public: boolean;
  channels: Array<{ kind: string; timeLimit: TimeLimit | null; timeText: string | null; fees: Fee[] }>;
  components: Component[]; cases?: ProcedureCase[];
  /** the limit in force: catalogue, a bare number read as working days (unit_inferred), or set by an admin */
  timeLimit?: { value: number; unit: string; source: 'catalog' | 'unit_inferred' | 'admin'; basis: string | null } | null; agencies: Array<{ code: string; name: string }>; legalLimitHours: number | null; sameDay: boolean;
  implementingAgency: string | null; competentAgency: string | null; results: Array<{ name: string }>;
}
export interface AdminUnit { code: string; name: string; fullName?: string; level: string; parentCode: string | null; provinceCode: string | null }
export interface Agency { id: string; code: string; name: string; nameEn: string | null; kind: string; parentId: string | null; depth: number; validTo: string | null }
export interface RoleAssignment { id: string; role: Role; agencyCode: string; agencyName: string; unit?: { id: string; code: string; name: string } | null }
export interface User { id: string; username: string; fullName: string; email: string | null; phone: string | null; kind: string; active: boolean; roles?: RoleAssignment[] }
/** An official of an agency (GET /agencies/{code}/officials): the assignee picker. */
export interface Official { id: string; username: string; fullName: string; roles: Array<{ role: Role; agencyCode: string }> }

export interface Address { line: string; communeCode: string; provinceCode?: string }
export interface ApplicantIn {
  kind: 'individual' | 'organisation'; fullName: string; idNumber?: string; birthDate?: string; gender?: 'male' | 'female';
  organisation?: { name: string; taxCode?: string }; phone?: string; email?: string; address?: Address;
}
export interface ComponentIn { componentId?: string; name?: string; provided: boolean; form: 'original' | 'certified' | 'copy'; copies: number; fileId?: string }
export interface ReceiveBody {
  procedureCode: string; channel: 1 | 2 | 3; outcome?: 'accept' | 'incomplete' | 'refuse' | 'register';
  competentAgencyCode?: string; caseKey?: string; applicant: ApplicantIn; components: ComponentIn[];
  delivery: { method: 'counter' | 'post' | 'online'; address?: Address }; reason?: string; items?: string[]; note?: string;
}

export interface AgencyInfo { id: string; code: string; name: string }
export interface InboxItem {
  id: string; code: string | null; version: number; state: string; nationalStatus: number; stepKey: string | null;
  procedureCode: string; procedureName: string; applicantName: string; channel: number; currentAgencyId: string;
  assigneeId: string | null; submittedAt: string; acceptedAt: string | null; dueAt: string | null; dueSoon: boolean; overdue: boolean; updatedAt: string;
  /** lĩnh vực at reception; end of processing; QĐ 766 outcome once processing ended (null while processing) */
  field?: string | null; finishedAt?: string | null; indicatorOnTime?: boolean | null;
}
export interface Dossier extends InboxItem {
  nationalStatusLabel: string;
  step: { key: string; nameVi: string; nameEn: string; role: string } | null;
  steps: Array<{ key: string; nameVi: string; nameEn: string; role: Role; next: string[] }>;
  agencies: { current: AgencyInfo | null; receiving: AgencyInfo | null; competent: AgencyInfo | null; return: AgencyInfo | null };
  procedure: { code: string; name: string };
  applicant: Record<string, any>;
  filing: Record<string, any>;
  clockStartAt: string | null; originalDueAt: string | null; stepDueAt: string | null; finishedAt: string | null; returnedAt: string | null;
  detail: Record<string, any>;
}
export interface FieldAgency { level: 'province' | 'commune'; field: string; agencyCode: string | null; agencyName: string | null; communeKind: 'commune_committee' | 'commune_police' | null; version: number; validFrom: string; note: string | null }
export interface FieldAgencyList { items: FieldAgency[]; total: number; unmapped: Array<{ level: 'province' | 'commune'; field: string }> }
export interface StrandedDossier { code: string | null; id: string; procedureCode: string; procedureName: string; stepKey: string | null; role: string; roleName: string; agencyCode: string; agencyName: string; fixVi: string; fixEn: string; updatedAt: string }
export interface LimitToReview { code: string; name: string; field: string | null; timeText: string | null; kind: 'unit_inferred' | 'cases' | 'phases' | 'months'; value: number; readAs: string; label: string; labelEn: string }
export interface ProcedureWithoutLimit { code: string; name: string; field: string | null; reason: string; reasonVi: string; reasonEn: string; detail: string; adminAction: string }
export interface Page<T> { items: T[]; total: number; page?: number; pageSize?: number }
export interface NotificationMessage {
  id: string; event: string; channel: 'sms' | 'email'; status: string; address: string; recipientRole: string; recipientName: string | null; dossierCode: string | null;
  templateVersion: number; subject: string | null; body: string; attachments: Array<{ filename: string; contentType: string }>; provider: string | null; notSentOutside: boolean;
  providerMessageId: string | null; attempts: number; lastError: string | null; notBefore: string | null; createdAt: string; sentAt: string | null; deliveredAt: string | null;
  resendOf: string | null; resendable: boolean;
}
export interface NotificationList { items: NotificationMessage[]; total: number; counts: Record<string, number>; providers: { sms: string; email: string } }
export interface NotificationTemplate { event: string; channel: 'sms' | 'email'; label: { vi: string; en: string }; variables: string[]; version: number; subject: string | null; body: string }
export interface TemplateHistory { event: string; channel: 'sms' | 'email'; label: { vi: string; en: string }; variables: string[]; versions: Array<{ version: number; subject: string | null; body: string; createdAt: string | null; builtIn: boolean }> }
export interface TemplatePreview { subject: string | null; body: string; html: string | null; characters: number; sms: { encoding: 'GSM7' | 'UCS2'; segments: number; strippedDiacritics: boolean; textSent: string } | null }
export interface ReceiveResult { dossier: Dossier; receipt?: Record<string, any>; guidance?: Record<string, any>; refusal?: Record<string, any> }
export interface ActionResult { dossier: Dossier; allowed: string[]; receipt?: Record<string, any>; guidance?: Record<string, any>; refusal?: Record<string, any> }
export interface DossierEvent {
  version: number; action: string; fromState: string | null; toState: string; at: string; actor: { userId: string; roles: string[]; agencyId: string; system?: boolean; citizen?: boolean };
  note: string | null; payload: Record<string, any>; stepKey: string | null;
  /** names of the actor, the assignee and the step the event led to (null: system, citizen, no step) */
  actorName: string | null; assigneeName: string | null; stepNameVi: string | null; stepNameEn: string | null;
}
export interface SlipParty { agencyId: string | null; stepKey: string | null; userId: string | null; applicant?: boolean }
export interface ControlSlip {
  form: string; title: string; rows: Array<{ action: string; at: string; giver: SlipParty; receiver: SlipParty; dueAt: string | null; classification: 'early' | 'on_time' | 'late' | null; stepKey?: string | null; note?: string | null }>;
  agencies: Record<string, { code: string; name: string }>; applicantName: string;
}
export interface FileInfo { id: string; name: string; size: number; mediaType: string; purpose: string; uploadedAt: string; component: { id: string | null; name: string | null } | null }
export interface Holiday { id: string | null; date: string; kind: 'holiday' | 'compensatory_off' | 'working_day_swap'; nameVi: string; nameEn: string; provisional: boolean; origin: string }
export interface HolidayYear { year: number; status: 'provisional' | 'confirmed'; stored: boolean; confirmedBy: string | null; confirmedAt: string | null; items: Holiday[] }
export type Weekly = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<{ start: string; end: string }>>;
export interface OfficeHours { agency: string; current: { from: string | null; weekly?: Weekly | null; [k: string]: any }; own: Array<{ validFrom: string; weekly: Weekly | null; note: string | null }> }
export interface ProcessStep { key: string; nameVi: string; nameEn: string; role: string; agency: string | { agencyId: string }; unitId?: string | null; budgetHours: number; actions: string[]; next: string[] }
export interface ProcessDef { id: string; version: number; derived: boolean; legalLimitHours: number; steps: ProcessStep[]; config: Record<string, unknown>; agencyId: string | null }

/** confirm_payment methods (hình thức nộp phí, lệ phí); the server refuses other values (422 INVALID_PAYLOAD). */
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'pos', 'online'] as const;

// Reports (QĐ 766 and the official progress report). Periods are local dates, `to` inclusive.
export type GroupBy = 'agency' | 'field' | 'procedure' | 'channel' | 'month';
export const MEASURES = [
  'received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProcess', 'inProcessOnTime', 'inProcessOverdue', 'refusedOrStopped',
] as const;
export type Measure = (typeof MEASURES)[number];
export type ProgressRow = { key: string | null; label: string; onTimeRate: number | null } & Record<Measure, number>;
export interface ReportPeriod { from: string; to: string; asOf: string }
export interface Progress { period: ReportPeriod; groupBy: GroupBy; agencyCode: string | null; totals: ProgressRow; rows: ProgressRow[] }
export interface ReportQuery { from: string; to: string; agency?: string }
export interface OfficialRow {
  userId: string; fullName: string; username: string; agencyCode: string | null; stepsDone: number; early: number; onTime: number; late: number;
  holding: number; holdingOverdue: number; onTimeRate: number | null;
}
/** The numbers of an officials-report row, each opening the steps or dossiers behind it. */
export const OFFICIAL_MEASURES = ['stepsDone', 'early', 'onTime', 'late', 'holding', 'holdingOverdue'] as const;
export type OfficialMeasure = (typeof OFFICIAL_MEASURES)[number];
/** A row of the officials drill-down: the dossier, and for step measures the step the official finished. */
export type OfficialDrillItem = InboxItem & { step: { at: string; classification: string | null } | null; extended?: boolean; originalDueAt?: string | null };
export interface OfficialDrill extends Page<OfficialDrillItem> { official: { userId: string; fullName: string; username: string }; measure: OfficialMeasure }
export interface Indicator {
  code: string; nameVi: string; nameEn: string; numerator: number | null; denominator: number | null; ratio: number | null; score: number | null; max: number;
  available: boolean; noteVi: string; noteEn: string;
}
export interface IndicatorGroup { code: string; nameVi: string; nameEn: string; max: number; score: number | null; indicators: Indicator[] }
export interface Indicators { period: ReportPeriod; groups: IndicatorGroup[]; score: number; maxAvailable: number }

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
  authOptions: () => get<AuthOptions>('/api/v1/auth/options', { reauth: false }),
  login: (username: string, password: string) => post<Me>('/api/v1/auth/login', { username, password }, { reauth: false }),
  me: () => get<Me>('/api/v1/auth/me', { reauth: false }),
  logout: () => post<void>('/api/v1/auth/logout', undefined, { reauth: false }),

  procedures: (q: { q?: string; field?: string; agency?: string; desk?: string; level?: string; page?: number; pageSize?: number }) =>
    get<Page<ProcedureItem> & { fuzzy?: boolean }>(`/api/v1/procedures${qs(q)}`),
  procedure: (code: string) => get<Procedure>(`/api/v1/procedures/${enc(code)}`),
  // a background preselection: a lapsed session is handled by the next real action, not by a dialog here
  competence: (code: string, desk: string) => get<Competence>(`/api/v1/procedures/${enc(code)}/competence${qs({ desk })}`, { reauth: false }),
  fields: () => get<Page<{ name: string; count: number }>>('/api/v1/procedures/fields'),
  adminUnit: (code: string) => get<AdminUnit>(`/api/v1/admin-units/${enc(code)}`),
  adminUnits: (q: { level?: string; parent?: string; q?: string; pageSize?: number }) => get<Page<AdminUnit>>(`/api/v1/admin-units${qs(q)}`),
  due: (q: { from: string; workingHours?: number; workingDays?: number; agency?: string }) =>
    get<{ due: string; dueLocal: string; calendarVersion: number }>(`/api/v1/calendar/due${qs(q)}`),

  receive: (b: ReceiveBody) => post<ReceiveResult>('/api/v1/dossiers', b, { idempotent: true }),
  dossiers: (q: Record<string, string | number | boolean | undefined>) => get<Page<InboxItem>>(`/api/v1/dossiers${qs(q)}`),
  dossier: (ref: string) => get<Dossier>(`/api/v1/dossiers/${enc(ref)}`),
  events: (ref: string) => get<Page<DossierEvent>>(`/api/v1/dossiers/${enc(ref)}/events`),
  controlSlip: (ref: string) => get<ControlSlip>(`/api/v1/dossiers/${enc(ref)}/control-slip`),
  allowed: (ref: string) => get<{ code: string | null; version: number; allowed: string[]; labels: Array<{ action: string; vi: string; en: string }> }>(`/api/v1/dossiers/${enc(ref)}/allowed-actions`),
  act: (ref: string, action: string, version: number, payload: Record<string, unknown> = {}, note?: string) =>
    post<ActionResult>(`/api/v1/dossiers/${enc(ref)}/actions/${action}`, { version, payload, note: note || undefined }, { idempotent: true }),

  stageFile: (file: File, fields: { componentId?: string; componentName?: string }) =>
    upload<FileInfo>('/api/v1/files', file, { purpose: 'component', digitised: 'true', ...fields }),
  uploadToDossier: (ref: string, file: File, fields: { purpose?: string; componentName?: string }) =>
    upload<FileInfo>(`/api/v1/dossiers/${enc(ref)}/files`, file, { purpose: 'other', digitised: 'true', ...fields }),
  dossierFiles: (ref: string) => get<{ items: FileInfo[]; results: Array<Record<string, any>>; digitisation: Array<{ component: string; fileId: string | null; digitised: boolean }> }>(`/api/v1/dossiers/${enc(ref)}/files`),
  agencies: () => get<Page<Agency>>('/api/v1/agencies'),
  agency: (code: string) => get<Agency & { units: Array<{ id: string; code: string; name: string }> }>(`/api/v1/agencies/${enc(code)}`),
  createAgency: (b: Record<string, unknown>) => post<Agency>('/api/v1/agencies', b),
  createUnit: (code: string, b: { code: string; name: string }) => post<unknown>(`/api/v1/agencies/${enc(code)}/units`, b),
  users: (q: { q?: string; page?: number; pageSize?: number }) => get<Page<User>>(`/api/v1/users${qs(q)}`),
  createUser: (b: Record<string, unknown>) => post<User>('/api/v1/users', b),
  patchUser: (id: string, b: Record<string, unknown>) => patch<User>(`/api/v1/users/${id}`, b),
  assignRole: (id: string, b: { role: string; agencyCode: string }) => post<{ items: RoleAssignment[] }>(`/api/v1/users/${id}/roles`, b),
  removeRole: (id: string, assignmentId: string) => del<void>(`/api/v1/users/${id}/roles/${assignmentId}`),
  assignees: (ref: string, action: 'forward' | 'assign') => get<{ items: Official[] }>(`/api/v1/dossiers/${enc(ref)}/assignees${qs({ action })}`),
  officials: (agencyCode: string, q: { role?: string; q?: string } = {}) => get<{ items: Official[] }>(`/api/v1/agencies/${enc(agencyCode)}/officials${qs(q)}`),

  progress: (q: ReportQuery & { groupBy: GroupBy }) => get<Progress>(`/api/v1/reports/progress${qs({ ...q })}`),
  progressDossiers: (q: ReportQuery & { groupBy?: GroupBy; key?: string; measure: Measure; page?: number; pageSize?: number }) =>
    get<Page<InboxItem>>(`/api/v1/reports/progress/dossiers${qs({ ...q })}`),
  officialsReport: (q: ReportQuery) => get<{ rows: OfficialRow[] }>(`/api/v1/reports/officials${qs({ ...q })}`),
  officialDossiers: (q: ReportQuery & { userId: string; measure: OfficialMeasure; page?: number; pageSize?: number }) =>
    get<OfficialDrill>(`/api/v1/reports/officials/dossiers${qs({ ...q })}`),
  indicators: (q: ReportQuery) => get<Indicators>(`/api/v1/reports/indicators${qs({ ...q })}`),
  progressXlsxUrl: (q: ReportQuery & { groupBy: GroupBy }) => `/api/v1/reports/progress.xlsx${qs({ ...q })}`,
  indicatorsXlsxUrl: (q: ReportQuery) => `/api/v1/reports/indicators.xlsx${qs({ ...q })}`,

  publish: (code: string, on: boolean) => post<{ code: string; public: boolean }>(`/api/v1/admin/procedures/${enc(code)}/${on ? 'publish' : 'hide'}`),
  feeOverrides: (code: string) => get<{ items: Array<{ channel: string; feeName: string; amountVnd: number; note: string | null }> }>(`/api/v1/admin/procedures/${enc(code)}/fee-overrides`),
  setFee: (code: string, b: { channel: string; feeName: string; amountVnd: number; note?: string }) => put<unknown>(`/api/v1/admin/procedures/${enc(code)}/fee-overrides`, b),
  performers: (code: string) => get<{ items: Array<{ code: string; name: string; origin: string }> }>(`/api/v1/admin/procedures/${enc(code)}/agencies`),
  fieldAgencies: (level?: 'province' | 'commune') => get<FieldAgencyList>(`/api/v1/admin/field-agencies${qs({ level })}`),
  setFieldAgency: (b: { level: 'province'; field: string; agencyCode: string; note?: string } | { level: 'commune'; field: string; communeKind: string; note?: string }) =>
    put<FieldAgency>('/api/v1/admin/field-agencies', b),
  notifications: (q: { status?: string; channel?: string; dossier?: string; deadLetters?: boolean; page?: number; pageSize?: number } = {}) =>
    get<NotificationList>(`/api/v1/admin/notifications/messages${qs(q)}`),
  resendNotification: (id: string) => post<NotificationMessage>(`/api/v1/admin/notifications/messages/${enc(id)}/resend`),
  notificationTemplates: () => get<{ items: NotificationTemplate[] }>('/api/v1/admin/notifications/templates'),
  notificationTemplate: (event: string, channel: string) => get<TemplateHistory>(`/api/v1/admin/notifications/templates/${enc(event)}/${enc(channel)}`),
  saveNotificationTemplate: (event: string, channel: string, b: { subject?: string | null; body: string; baseVersion: number }) =>
    put<TemplateHistory>(`/api/v1/admin/notifications/templates/${enc(event)}/${enc(channel)}`, b),
  previewNotificationTemplate: (event: string, channel: string, b: { dossierCode?: string; subject?: string | null; body: string }) =>
    post<TemplatePreview>(`/api/v1/admin/notifications/templates/${enc(event)}/${enc(channel)}/preview`, b),
  stranded: (q: { page?: number; pageSize?: number } = {}) => get<Page<StrandedDossier>>(`/api/v1/admin/dossiers/stranded${qs(q)}`),
  limitsToReview: (q: { page?: number; pageSize?: number } = {}) => get<Page<LimitToReview>>(`/api/v1/admin/procedures/inferred-units${qs(q)}`),
  withoutLimit: () => get<Page<ProcedureWithoutLimit>>('/api/v1/admin/procedures/without-limit'),
  setTimeLimit: (code: string, b: { value: number; unit: string; basis: string }) => put<{ code: string; value: number; unit: string; basis: string }>(`/api/v1/admin/procedures/${enc(code)}/time-limit`, b),
  process: (code: string, agencyCode?: string) => get<ProcessDef>(`/api/v1/procedures/${enc(code)}/process${qs({ agencyCode })}`),
  saveProcess: (code: string, b: { steps: ProcessStep[]; config?: Record<string, unknown>; agencyCode?: string }) => put<ProcessDef>(`/api/v1/procedures/${enc(code)}/process`, b),

  holidays: (year: number) => get<HolidayYear>(`/api/v1/calendar/holidays?year=${year}`),
  addHoliday: (b: { date: string; kind: string; nameVi: string; nameEn?: string }) => post<Holiday>('/api/v1/calendar/holidays', b),
  deleteHoliday: (id: string) => del<unknown>(`/api/v1/calendar/holidays/${id}`),
  confirmYear: (year: number) => post<unknown>(`/api/v1/calendar/years/${year}/confirm`, {}),
  officeHours: (code: string) => get<OfficeHours>(`/api/v1/agencies/${enc(code)}/office-hours`),
  setOfficeHours: (code: string, b: { weekly: Weekly | null; validFrom?: string; note?: string }) => put<OfficeHours>(`/api/v1/agencies/${enc(code)}/office-hours`, b),
};
