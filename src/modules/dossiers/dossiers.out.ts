// zod response schemas of the dossier API (OpenAPI + serialisation). The answers are large (the whole
// DossierState, events with free-form payloads), so nested objects are loose (`z.looseObject`: unknown keys
// pass through, nothing the web app reads is dropped) while the fields clients rely on are described.
// The public look-up is the exception: a closed object, so no field can leak to citizens by accident.
import { z } from 'zod';
import { ACTION_NAMES } from '../workflow/actions.js';
import { INTERNAL_STATES } from '../workflow/types.js';
import { ProblemOut, problems } from '../../platform/http/problem.schema.js';

export { ProblemOut };

/**
 * A loose object (unknown keys pass through the serializer) typed as a plain object, so that the service's
 * interfaces (which have no index signature) type-check against it.
 */
const loose = <T extends z.ZodRawShape>(shape: T): z.ZodObject<T> => z.looseObject(shape) as unknown as z.ZodObject<T>;

/** Any JSON object (described elsewhere or free-form). */
const anyObject = (): z.ZodType<object> => z.looseObject({}) as unknown as z.ZodType<object>;

const Instant = z.string().meta({ description: 'ISO-8601 instant (UTC)' });
const Label = loose({ vi: z.string(), en: z.string() });
const AgencyRef = loose({ id: z.string(), code: z.string(), name: z.string() });
const State = z.string().meta({ description: `Internal state: ${INTERNAL_STATES.join(', ')} (GET /api/v1/workflow/statuses maps them to the national statuses)` });
const NationalStatus = z.number().int().min(1).max(10).meta({ description: 'National status 1–10 (DVCQG TrangThaiHoSo)' });
const Action = z.string().meta({ description: `One of: ${ACTION_NAMES.join(', ')}` });

const inboxShape = {
  id: z.string(),
  /** Null before acceptance (registered, incomplete, refused). */
  code: z.string().nullable(),
  version: z.number().int().meta({ description: 'Send it back with an action (body.version or If-Match)' }),
  state: State,
  nationalStatus: NationalStatus,
  stepKey: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  channel: z.number().int().meta({ description: '1 in person, 2 online, 3 postal' }),
  currentAgencyId: z.string(),
  assigneeId: z.string().nullable(),
  submittedAt: Instant,
  acceptedAt: Instant.nullable(),
  dueAt: Instant.nullable().meta({ description: 'Legal appointment (ngày hẹn trả)' }),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
  // Always sent; optional only so that answers stored under an Idempotency-Key before these fields existed
  // still replay (a replay returns the first answer as it was).
  stepDueAt: Instant.nullable().optional().meta({ description: "Current step's due instant" }),
  stepDueSoon: z.boolean().optional().meta({ description: 'Current step flagged due soon by the deadline sweep' }),
  stepOverdue: z.boolean().optional().meta({ description: 'Current step flagged overdue by the deadline sweep' }),
  consultationDueSoon: z.boolean().optional().meta({ description: 'An open consultation flagged due soon' }),
  consultationOverdue: z.boolean().optional().meta({ description: 'An open consultation flagged overdue' }),
  field: z.string().nullable().optional().meta({ description: 'Lĩnh vực of the procedure at reception' }),
  finishedAt: Instant.nullable().optional().meta({ description: 'End of processing (NgayKetThucXuLy)' }),
  indicatorOnTime: z.boolean().nullable().optional().meta({ description: 'QĐ 766 outcome once processing ended (null while processing)' }),
  updatedAt: Instant,
};

export const InboxItemOut = loose(inboxShape);

export const InboxOut = loose({
  items: z.array(InboxItemOut),
  total: z.number().int().meta({ description: 'Matching dossiers, at most the count cap (1,000; see totalCapped)' }),
  totalCapped: z.boolean().meta({ description: 'More dossiers match than total (shown as "1.000+")' }),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const ConsultationOut = loose({
  id: z.string(),
  agencyId: z.string(),
  stepKey: z.string().nullable(),
  requestedAt: Instant,
  dueAt: Instant,
  answeredAt: Instant.nullable(),
  answer: z.string().nullable(),
  classification: z.string().nullable(),
});

/** DossierState (workflow/types.ts), the fold of the event log. */
const DetailOut = loose({
  dossierId: z.string(),
  code: z.string().nullable(),
  version: z.number().int(),
  state: State,
  stepKey: z.string().nullable(),
  assigneeId: z.string().nullable(),
  currentAgencyId: z.string(),
  clockStartAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  originalDueAt: Instant.nullable(),
  stepEnteredAt: Instant.nullable(),
  stepDueAt: Instant.nullable(),
  appointments: z.array(loose({ at: Instant, reason: z.string(), previousDueAt: Instant.nullable(), dueAt: Instant })),
  suspensions: z.array(loose({ kind: z.string(), start: Instant, end: Instant.nullable() })),
  supplementRequests: z.number().int(),
  apologies: z.number().int(),
  lateForIndicators: z.boolean(),
  transfers: z.array(loose({ id: z.string(), toAgencyId: z.string(), dueAt: Instant.nullable(), returnedAt: Instant.nullable() })),
  openConsultations: z.array(ConsultationOut),
  closedConsultations: z.array(ConsultationOut),
  payments: z.array(anyObject()),
  result: loose({ outcome: z.string(), documents: z.array(anyObject()) }).nullable(),
  finishedAt: Instant.nullable(),
  returned: loose({ method: z.string(), returnedAt: Instant }).nullable(),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
});

export const DossierOut = loose({
  ...inboxShape,
  nationalStatusLabel: Label,
  step: loose({ key: z.string(), nameVi: z.string(), nameEn: z.string(), role: z.string() }).nullable(),
  steps: z.array(loose({ key: z.string(), nameVi: z.string(), nameEn: z.string(), role: z.string(), next: z.array(z.string()) })).meta({ description: "The steps of the dossier's process, with their names" }),
  agencies: loose({
    current: AgencyRef.nullable(),
    receiving: AgencyRef.nullable(),
    competent: AgencyRef.nullable(),
    return: AgencyRef.nullable(),
  }),
  procedure: loose({ id: z.string(), versionId: z.string().nullable(), code: z.string(), name: z.string() }),
  process: loose({ id: z.string(), version: z.number().int() }),
  applicant: z.record(z.string(), z.unknown()),
  filing: z.record(z.string(), z.unknown()),
  clockStartAt: Instant.nullable(),
  originalDueAt: Instant.nullable().meta({ description: 'First appointment (indicator clock); never moves' }),
  finishedAt: Instant.nullable(),
  returnedAt: Instant.nullable(),
  calendarVersion: z.string().nullable(),
  detail: DetailOut,
});

export const EventOut = loose({
  dossierId: z.string(),
  version: z.number().int(),
  action: z.string().meta({ description: `receive, or one of: ${ACTION_NAMES.join(', ')}` }),
  fromState: z.string().nullable(),
  toState: z.string(),
  fromStepKey: z.string().nullable(),
  stepKey: z.string().nullable(),
  agencyId: z.string(),
  assigneeId: z.string().nullable(),
  at: Instant,
  actor: loose({ userId: z.string(), roles: z.array(z.string()), agencyId: z.string(), system: z.boolean().optional(), citizen: z.boolean().optional() }),
  note: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  handover: anyObject().nullable(),
  clock: anyObject().nullable(),
});

/** An event of GET /events: with the names of the actor, the assignee and the step (the log shows names). */
const EventLogOut = EventOut.extend({
  actorName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  stepNameVi: z.string().nullable(),
  stepNameEn: z.string().nullable(),
});

export const EventsOut = loose({ items: z.array(EventLogOut), total: z.number().int() });

/** Form 01: receipt and appointment; `secret` is printed for the citizen look-up. */
const ReceiptOut = loose({
  form: z.string().meta({ description: '01' }),
  title: z.string(),
  code: z.string(),
  /** Absent only in answers replayed from Idempotency-Key rows stored before migration 0008 (secret stripped). */
  secret: z.string().optional(),
  receivingAgency: AgencyRef.nullable(),
  competentAgency: AgencyRef.nullable(),
  applicant: anyObject(),
  procedure: loose({ code: z.string(), name: z.string() }),
  components: z.array(z.unknown()),
  fees: z.array(z.unknown()),
  receivedAt: Instant.nullable(),
  appointmentAt: Instant.nullable(),
  appointmentAtLocal: z.string().nullable(),
  delivery: anyObject(),
  receivedBy: loose({ id: z.string(), fullName: z.string() }),
});
const GuidanceOut = loose({ form: z.string().meta({ description: '02' }), title: z.string(), items: z.array(z.string()), reason: z.string().nullable(), at: Instant });
const RefusalOut = loose({ form: z.string().meta({ description: '03' }), title: z.string(), reason: z.string().nullable(), at: Instant });

export const ReceptionOut = loose({
  dossier: DossierOut,
  receipt: ReceiptOut.optional(),
  guidance: GuidanceOut.optional(),
  refusal: RefusalOut.optional(),
});

export const ActionOut = loose({
  dossier: DossierOut,
  events: z.array(EventOut).meta({ description: 'The events the action appended (0 or 1)' }),
  allowed: z.array(Action).meta({ description: 'Actions the caller may perform now' }),
  receipt: ReceiptOut.optional(),
  guidance: GuidanceOut.optional(),
  refusal: RefusalOut.optional(),
});

export const AllowedOut = loose({
  code: z.string().nullable(),
  version: z.number().int(),
  allowed: z.array(Action),
  labels: z.array(loose({ action: Action, vi: z.string(), en: z.string() })),
});

const SlipParty = loose({
  agencyId: z.string().nullable(),
  stepKey: z.string().nullable(),
  userId: z.string().nullable(),
  applicant: z.boolean(),
});

export const ControlSlipOut = loose({
  form: z.string().meta({ description: '06' }),
  title: z.string(),
  dossierId: z.string().nullable(),
  code: z.string().nullable(),
  handlingAgencyId: z.string().nullable(),
  cooperatingAgencyIds: z.array(z.string()),
  rows: z.array(loose({
    index: z.number().int(),
    version: z.number().int(),
    action: z.string(),
    giver: SlipParty,
    receiver: SlipParty,
    at: Instant,
    dueAt: Instant.nullable(),
    classification: z.enum(['early', 'on_time', 'late']).nullable(),
    classificationVi: z.string().nullable(),
    note: z.string().nullable(),
  })),
  applicantName: z.string(),
  agencies: z.record(z.string(), loose({ code: z.string(), name: z.string() })),
});

/** Citizen look-up: only what the receipt shows (closed object). */
export const PublicDossierOut = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  receivingAgency: z.string().nullable(),
  returnAgency: z.string().nullable(),
  nationalStatus: NationalStatus,
  statusLabel: z.object({ vi: z.string(), en: z.string() }),
  receivedAt: Instant.nullable(),
  appointmentAt: Instant.nullable(),
  resultReady: z.boolean(),
  returnedAt: Instant.nullable(),
  /** one entry per change of national status, oldest first, in plain words (no names, no notes) */
  timeline: z.array(z.object({
    at: Instant,
    nationalStatus: NationalStatus,
    label: z.object({ vi: z.string(), en: z.string() }),
    text: z.object({ vi: z.string(), en: z.string() }),
  })),
  /** what the citizen is expected to do now */
  next: z.object({ action: z.enum(['wait', 'supplement', 'pay', 'collect', 'none']), vi: z.string(), en: z.string() }),
});

/** application/problem+json (platform/http/problem.ts). */
/** Error answers of every authenticated dossier route. */
export const READ_PROBLEMS = problems(400, 401, 404);
export const WRITE_PROBLEMS = problems(400, 401, 403, 404, 409, 422, 428);
