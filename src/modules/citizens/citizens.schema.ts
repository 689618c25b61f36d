// Request schemas of the citizen accounts API.
import { z } from 'zod';

export const CodeStartBody = z.object({
  address: z.string().trim().min(1).max(254).describe('số điện thoại di động hoặc thư điện tử / mobile number or e-mail'),
});

export const CodeVerifyBody = z.object({
  challengeId: z.uuid(),
  code: z.string().trim().regex(/^\d{6}$/, 'mã gồm 6 chữ số / six digits'),
});
