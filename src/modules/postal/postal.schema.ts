// zod schemas of the postal-service API.
import { z } from 'zod';
import { FilingAddress, ReceiveBody } from '../dossiers/dossiers.service.js';

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

// A collection at home: the reception filing (without channel and outcome: channel 3, registered when
// picked up) and where the postal worker collects it (default: the applicant's address).
export const PickupBody = ReceiveBody.omit({ channel: true, outcome: true, reason: true, items: true, submittedAt: true }).extend({
  pickupAddress: FilingAddress.optional().meta({ description: 'Where the postal worker collects the papers; default: the applicant\'s address' }),
});

export const PickupOut = z.object({
  id: z.uuid(),
  orderNumber: z.string().meta({ description: 'The order\'s OrderNumber: the pickup reference (the dossier has no code before reception)' }),
  status: z.string(),
  itemCode: z.string().nullable(),
  problem: z.string().nullable(),
  deskCode: z.string(), procedureCode: z.string(), procedureName: z.string(), applicantName: z.string(),
  checklist: z.array(z.object({ componentId: z.string(), name: z.string(), required: z.boolean() })).meta({ description: 'The postal worker\'s checklist: the case\'s components' }),
  dossierId: z.uuid().nullable().meta({ description: 'The dossier registered in the desk\'s queue once the papers were picked up' }),
  dossierCode: z.string().nullable().meta({ description: 'The dossier\'s code once the desk received it (none while it waits in the queue)' }),
  createdAt: z.string(), bookedAt: z.string().nullable(),
});
export const PickupsQuery = z.object({ desk: z.string().min(1).max(40) });
export const PickupsOut = z.object({ items: z.array(PickupOut) });
