// zod schemas of the postal-service API.
import { z } from 'zod';

export const PostalRefParam = z.object({ ref: z.string().min(1).max(100) });

export const DossierPostalOut = z.object({
  provider: z.string().meta({ description: 'The postal adapter: recording = the built-in simulated post office, nothing sent' }),
  items: z.array(z.object({
    id: z.uuid(),
    direction: z.enum(['INBOUND_DOSSIER', 'OUTBOUND_RESULT']),
    itemCode: z.string().nullable().meta({ description: 'VNPost item code (mã bưu gửi)' }),
    status: z.string(),
    codAmount: z.number().int(),
    problem: z.string().nullable(),
    createdAt: z.string(), bookedAt: z.string().nullable(), deliveredAt: z.string().nullable(), returnRecordedAt: z.string().nullable(),
    tracking: z.array(z.object({ vnpostStatus: z.number().int(), status: z.string(), statusVi: z.string(), at: z.string(), place: z.string().nullable() })),
  })),
});
