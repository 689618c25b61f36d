// zod schemas of the national-portal sync API (requests and responses).
import { z } from 'zod';

const iso = z.string().meta({ description: 'ISO-8601 instant' });

export const SyncQuery = z.object({
  status: z.enum(['pending', 'accepted', 'rejected']).optional(),
  /** Only the pending items whose last attempt failed (the portal unreachable). */
  failing: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const SyncItemIdParam = z.object({ id: z.uuid() });
export const DossierRefParam = z.object({ ref: z.string().min(1).max(100) });

export const SyncItemOut = z.object({
  id: z.uuid(),
  dossierCode: z.string(),
  eventVersion: z.number().int(),
  action: z.string(),
  service: z.enum(['DongBoHoSoMC', 'CapNhatTienDoHoSoMC']),
  nationalStatus: z.number().int().min(1).max(10),
  nationalStatusVi: z.string(),
  nationalStatusEn: z.string(),
  agencyCode: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  attempts: z.number().int(),
  nextAttemptAt: iso.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: iso.nullable(),
  portalErrorCode: z.string().nullable(),
  portalErrorMessage: z.string().nullable(),
  portalRef: z.string().nullable(),
  acceptedAt: iso.nullable(),
  createdAt: iso,
});

export const SyncDashboardOut = z.object({
  provider: z.string().meta({ description: 'The national-portal adapter: recording = the built-in simulated portal, nothing sent' }),
  counts: z.object({ pending: z.number().int(), failing: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), oldestPendingAt: iso.nullable() }),
  items: z.array(SyncItemOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const DossierSyncOut = z.object({ dossierCode: z.string().nullable(), provider: z.string(), items: z.array(SyncItemOut) });

export const PortalQuestionsOut = z.object({
  items: z.array(z.object({
    portalId: z.string(), fieldCode: z.string().nullable(), agencyCode: z.string().nullable(), procedureCode: z.string().nullable(),
    askerName: z.string(), content: z.string(), answer: z.string().nullable(), pulledAt: iso,
    questionCode: z.string().nullable().describe('the question in the officials\' Q&A inbox it became'),
    handoverError: z.string().nullable().describe('why it is not in the Q&A inbox yet (tried again on every pull)'),
    answeredAt: iso.nullable(), answerSyncedAt: iso.nullable().describe('when the portal accepted the answer (DongBoKetQuaHoiDapGuiTuDVCQG)'),
    answerError: z.string().nullable().describe('the portal refused the answer: its code and reason'),
  })),
});

export const PortalInboundOut = z.object({
  items: z.array(z.object({
    portalId: z.string(), status: z.enum(['registered', 'refused']), dossierId: z.string().nullable(),
    procedureCode: z.string().nullable(), agencyCode: z.string().nullable(), submittedAt: iso.nullable(),
    reason: z.string().nullable(), errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string().optional() })),
    pulledAt: iso, acknowledgedAt: iso.nullable(), ackError: z.string().nullable(),
  })),
});

export const ExchangesQuery = z.object({
  port: z.enum(['nationalPortal', 'postal']).optional(),
  failed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const ExchangesOut = z.object({
  items: z.array(z.object({
    id: z.string(), port: z.string(), at: iso, method: z.string(), path: z.string(), request: z.unknown(), status: z.number().int().nullable(),
    response: z.unknown(), error: z.string().nullable(), durationMs: z.number().int().nullable(),
  })),
});
