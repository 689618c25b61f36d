// Shapes of the API as the server declares them, read off the generated web/src/api.gen.ts (npm run
// api:types, checked in CI): the web app names them here and never writes a response shape by hand.
import type { paths } from './api.gen';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : never;

/** The JSON a route answers with on success (200, else 201). */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R } ? Success<R> : never;
/** The JSON body a route accepts. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

type Item<T> = T extends { items: Array<infer I> } ? I : never;

export type Me = ResponseOf<'/api/v1/auth/me', 'get'>;
export type Assignment = Me['roles'][number];
export type Role = Assignment['role'];
export type AuthOptions = ResponseOf<'/api/v1/auth/options', 'get'>;

export type ProcedureList = ResponseOf<'/api/v1/procedures', 'get'>;
export type ProcedureItem = Item<ProcedureList>;
export type Procedure = ResponseOf<'/api/v1/procedures/{code}', 'get'>;
export type Fee = Procedure['channels'][number]['fees'][number];
export type TimeLimit = NonNullable<Procedure['channels'][number]['timeLimit']>;
export type Component = Procedure['components'][number];
/** A case (trường hợp) of the catalogue's component list: the desk picks one and ticks its checklist. */
export type ProcedureCase = NonNullable<Procedure['cases']>[number];
/** GET /procedures/{code}/competence?desk=: the competent agency to preselect, or to choose among. */
export type Competence = ResponseOf<'/api/v1/procedures/{code}/competence', 'get'>;
export type Fields = ResponseOf<'/api/v1/procedures/fields', 'get'>;

export type AdminUnit = ResponseOf<'/api/v1/admin-units/{code}', 'get'>;
export type AdminUnitList = ResponseOf<'/api/v1/admin-units', 'get'>;
export type Agency = Item<ResponseOf<'/api/v1/agencies', 'get'>>;
export type AgencyWithUnits = ResponseOf<'/api/v1/agencies/{code}', 'get'>;
export type User = Item<ResponseOf<'/api/v1/users', 'get'>>;
export type RoleAssignment = Item<ResponseOf<'/api/v1/users/{id}/roles', 'post'>>;
/** An official of an agency (GET /agencies/{code}/officials): the assignee picker. */
export type Official = Item<ResponseOf<'/api/v1/agencies/{code}/officials', 'get'>>;

export type ReceiveBody = BodyOf<'/api/v1/dossiers', 'post'>;
export type ApplicantIn = ReceiveBody['applicant'];
export type Address = NonNullable<ApplicantIn['address']>;
export type ComponentIn = NonNullable<ReceiveBody['components']>[number];
export type ReceiveResult = ResponseOf<'/api/v1/dossiers', 'post'>;
export type InboxItem = Item<ResponseOf<'/api/v1/dossiers', 'get'>>;
// the applicant, the filing and the detail are open JSON records on the server (z.record): read them loosely
export type Dossier = ResponseOf<'/api/v1/dossiers/{code}', 'get'> & {
  applicant: Record<string, any>;
  filing: Record<string, any>;
  detail: Record<string, any>;
};
export type AgencyInfo = NonNullable<Dossier['agencies']['current']>;
export type ActionResult = ResponseOf<'/api/v1/dossiers/{code}/actions/{action}', 'post'>;
export type AllowedActions = ResponseOf<'/api/v1/dossiers/{code}/allowed-actions', 'get'>;
export type DossierEvent = Item<ResponseOf<'/api/v1/dossiers/{code}/events', 'get'>>;
export type ControlSlip = ResponseOf<'/api/v1/dossiers/{code}/control-slip', 'get'>;
export type SlipParty = ControlSlip['rows'][number]['giver'];
// The file routes (multipart in, streams out) declare no response schema yet: their two shapes are written here.
export interface FileInfo { id: string; name: string; size: number; mediaType: string; purpose: string; uploadedAt: string; component: { id: string | null; name: string | null } | null }
export interface DossierFiles { items: FileInfo[]; results: Array<Record<string, any>>; digitisation: Array<{ component: string; fileId: string | null; digitised: boolean }> }

export type FieldAgencyList = ResponseOf<'/api/v1/admin/field-agencies', 'get'>;
export type FieldAgency = FieldAgencyList['items'][number];
export type StrandedDossier = Item<ResponseOf<'/api/v1/admin/dossiers/stranded', 'get'>>;
export type LimitToReview = Item<ResponseOf<'/api/v1/admin/procedures/inferred-units', 'get'>>;
export type ProcedureWithoutLimit = Item<ResponseOf<'/api/v1/admin/procedures/without-limit', 'get'>>;
export type FeeOverrides = ResponseOf<'/api/v1/admin/procedures/{code}/fee-overrides', 'get'>;
export type Performers = ResponseOf<'/api/v1/admin/procedures/{code}/agencies', 'get'>;

export type HolidayYear = ResponseOf<'/api/v1/calendar/holidays', 'get'>;
export type Holiday = HolidayYear['items'][number];
export type OfficeHours = ResponseOf<'/api/v1/agencies/{code}/office-hours', 'get'>;
export type Due = ResponseOf<'/api/v1/calendar/due', 'get'>;
// the GET answers steps as open JSON; they are the steps the PUT accepts
export type ProcessStep = BodyOf<'/api/v1/procedures/{procedureCode}/process', 'put'>['steps'][number];
export type ProcessDef = ResponseOf<'/api/v1/procedures/{procedureCode}/process', 'get'> & { steps: ProcessStep[] };

export type Progress = ResponseOf<'/api/v1/reports/progress', 'get'>;
export type ProgressRow = Progress['rows'][number];
export type ReportPeriod = Progress['period'];
export type GroupBy = Progress['groupBy'];
export type OfficialsReport = ResponseOf<'/api/v1/reports/officials', 'get'>;
export type OfficialRow = OfficialsReport['rows'][number];
export type OfficialDrill = ResponseOf<'/api/v1/reports/officials/dossiers', 'get'>;
export type OfficialDrillItem = OfficialDrill['items'][number];
export type OfficialMeasure = OfficialDrill['measure'];
export type ProgressDossiers = ResponseOf<'/api/v1/reports/progress/dossiers', 'get'>;
export type Indicators = ResponseOf<'/api/v1/reports/indicators', 'get'>;
export type IndicatorGroup = Indicators['groups'][number];
export type Indicator = IndicatorGroup['indicators'][number];

export type BackupStatus = ResponseOf<'/api/v1/admin/backups', 'get'>;
export type BackupRun = BackupStatus['recent'][number];

export type NotificationList = ResponseOf<'/api/v1/admin/notifications/messages', 'get'>;
export type NotificationMessage = NotificationList['items'][number];
export type NotificationTemplates = ResponseOf<'/api/v1/admin/notifications/templates', 'get'>;
export type NotificationTemplate = NotificationTemplates['items'][number];
export type TemplateHistory = ResponseOf<'/api/v1/admin/notifications/templates/{event}/{channel}', 'get'>;
export type TemplatePreview = ResponseOf<'/api/v1/admin/notifications/templates/{event}/{channel}/preview', 'post'>;

export type PortalSyncDashboard = ResponseOf<'/api/v1/admin/portal-sync', 'get'>;
export type PortalSyncItem = PortalSyncDashboard['items'][number];
export type DossierPortalSync = ResponseOf<'/api/v1/dossiers/{ref}/portal-sync', 'get'>;
export type DossierPostal = ResponseOf<'/api/v1/dossiers/{ref}/postal', 'get'>;
export type PickupBody = BodyOf<'/api/v1/postal/pickups', 'post'>;
export type Pickup = ResponseOf<'/api/v1/postal/pickups', 'post'>;
export type FeeSuggestion = ResponseOf<'/api/v1/dossiers/{ref}/fee-lines', 'get'>;
export type PaymentList = ResponseOf<'/api/v1/payments', 'get'>;
export type StatementReconciliation = ResponseOf<'/api/v1/payments/reconciliation/statement', 'post'>;
export type PaymentAccountList = ResponseOf<'/api/v1/admin/payment-accounts', 'get'>;
export type PaymentAccount = PaymentAccountList['items'][number];
export type PaymentAccountCreate = BodyOf<'/api/v1/admin/payment-accounts', 'post'>;
export type PaymentAccountPatch = BodyOf<'/api/v1/admin/payment-accounts/{id}', 'patch'>;

// the administrators' rating criteria (Quản trị → Tiêu chí đánh giá)
export type RatingCriteria = ResponseOf<'/api/v1/admin/rating-criteria', 'get'>;
export type RatingCriterion = RatingCriteria['items'][number];
export type RatingCriterionCreate = BodyOf<'/api/v1/admin/rating-criteria', 'post'>;
export type RatingCriterionUpdate = BodyOf<'/api/v1/admin/rating-criteria/{key}', 'put'>;
