// zod schemas of the dossier API.
import { z } from 'zod';
import { ACTION_NAMES } from '../workflow/actions.js';
import { APPLICANT_LIMITS as L, optionalPrintedText, pastDate, personName, printedText } from './applicant-text.js';

const text = (max = 300) => z.string().trim().min(1).max(max);

export const Address = z.object({
  line: printedText(L.addressLine),
  /** Current-generation commune / ward code (admin_units, generation 'current'). */
  communeCode: z.string().regex(/^\d{5}$/, '5-digit commune code'),
  provinceCode: z.string().regex(/^\d{2}$/, '2-digit province code').optional(),
});

export const ApplicantIn = z.object({
  kind: z.enum(['individual', 'organisation']).default('individual'),
  fullName: personName(L.fullName),
  idNumber: z.string().trim().max(L.idNumber).optional(),
  birthDate: pastDate.optional(),
  gender: z.enum(['male', 'female']).optional(),
  organisation: z.object({ name: printedText(L.organisationName), taxCode: z.string().regex(/^\d{10}(-\d{3})?$/, 'tax code').max(L.taxCode).optional() }).optional(),
  phone: z.string().trim().max(L.phone).optional(),
  email: z.string().trim().max(L.email).optional(),
  address: Address.optional(),
});

export const RepresentativeIn = z.object({
  fullName: personName(L.fullName),
  idNumber: z.string().trim().max(L.idNumber),
  phone: z.string().trim().max(L.phone).optional(),
  email: z.string().trim().max(L.email).optional(),
  address: Address.optional(),
  authorisationDocument: printedText(L.authorisationDocument),
});

/**
 * Longest component name accepted: above the longest text the bundled national catalogue uses (6,777
 * characters, a component that quotes its legal conditions), so that any catalogue component can be filed.
 */
export const COMPONENT_NAME_MAX = 10_000;

export const ComponentIn = z.object({
  /** A catalogue component (GET /procedures/{code} components[].id); its name is filled in when omitted. */
  componentId: z.string().max(100).optional(),
  /** Required for a free component (one without componentId). */
  name: printedText(COMPONENT_NAME_MAX).optional(),
  provided: z.boolean().default(true),
  form: z.enum(['original', 'certified', 'copy']).default('copy'),
  copies: z.number().int().min(0).max(100).default(1),
  fileId: z.string().max(200).optional(),
  reusedFrom: z.string().max(100).optional(),
});

export const ReceiveBody = z.object({
  procedureCode: text(60),
  channel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** accept (code + receipt, form 01) | incomplete (guidance, form 02) | refuse (form 03) | register (online: status 1). */
  outcome: z.enum(['accept', 'incomplete', 'refuse', 'register']).optional(),
  receivingAgencyCode: z.string().max(40).optional(),
  competentAgencyCode: z.string().max(40).optional(),
  returnAgencyCode: z.string().max(40).optional(),
  applicant: ApplicantIn,
  representative: RepresentativeIn.optional(),
  /** The catalogue case (trường hợp) the dossier is filed under (GET /procedures/{code} cases[].key). */
  caseKey: z.string().trim().min(1).max(20).optional(),
  components: z.array(ComponentIn).max(100).default([]),
  delivery: z.object({
    method: z.enum(['counter', 'post', 'online']),
    address: Address.optional(),
    /** By post only: the applicant pays the fees to the postal worker on delivery (COD, thu hộ). */
    cod: z.boolean().optional(),
  }).refine((d) => d.cod !== true || d.method === 'post', { message: 'cod only with delivery by post', path: ['cod'] }).default({ method: 'counter' }),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  reason: optionalPrintedText(2000).optional(),
  items: z.array(printedText(500)).max(50).optional(),
  note: optionalPrintedText(2000).optional(),
});
export type ReceiveInputBody = z.infer<typeof ReceiveBody>;

export const RefParam = z.object({ code: z.string().min(1).max(64) });
/** The action name is checked by the service (400 naming params.action), so that body errors are reported too. */
export const ActionParam = RefParam.extend({
  action: z.string().min(1).max(40).meta({ description: `One of: ${ACTION_NAMES.join(', ')}` }),
});

export const ActionBody = z.object({
  /** The dossier version the caller saw (or send If-Match). */
  version: z.number().int().min(1).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  note: z.string().max(2000).optional(),
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** A local calendar day (Asia/Ho_Chi_Minh), YYYY-MM-DD, that the database can store. */
const LocalDay = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', {
  message: 'ngày phải trong khoảng 1900–2999 / date must be between 1900 and 2999',
});
export const InboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  status: z.coerce.number().int().min(1).max(10).optional(),
  state: z.string().max(40).optional(),
  procedure: z.string().max(60).optional(),
  agency: z.string().max(40).optional(),
  overdue: bool.optional(),
  dueSoon: bool.optional(),
  /** Current step past its due instant (flagged by the deadline sweep). */
  stepOverdue: bool.optional(),
  stepDueSoon: bool.optional(),
  /** An open consultation past / near its due instant (flagged by the deadline sweep). */
  consultationOverdue: bool.optional(),
  consultationDueSoon: bool.optional(),
  mine: bool.optional(),
  pool: bool.optional(),
  /** Lĩnh vực: the procedure's field at reception, exact text (GET /procedures/fields lists them). */
  field: z.string().trim().min(1).max(300).optional(),
  /** 1 in person (trực tiếp) | 2 online (trực tuyến) | 3 postal (bưu chính). */
  channel: z.enum(['1', '2', '3']).transform(Number).optional(),
  /** Received (accepted_at; submitted_at for a dossier never accepted) on or after this local date. */
  receivedFrom: LocalDay.optional(),
  /** … on or before this local date (inclusive). */
  receivedTo: LocalDay.optional(),
  /** Finished (finished_at) on or after / on or before these local dates. */
  finishedFrom: LocalDay.optional(),
  finishedTo: LocalDay.optional(),
  sort: z.enum(['updated_desc', 'due_asc', 'received_desc']).default('updated_desc'),
});
/** The inbox query after validation (what listDossiers receives). */
export type InboxQueryIn = z.output<typeof InboxQuery>;

/** GET /dossiers/{code}/assignees: for which action the picker is (forward: the next step; assign: this one). */
export const AssigneesQuery = z.object({ action: z.enum(['forward', 'assign']).default('forward') });

export const PublicQuery = z.object({ secret: z.string().min(1).max(100) });
