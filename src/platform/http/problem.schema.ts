// The problem+json answer (RFC 9457) as a zod response schema, for the OpenAPI document of every module.
import { z } from 'zod';

/** Loose (unknown keys pass through the serializer): some errors carry extra members. */
const loose = <T extends z.ZodRawShape>(shape: T): z.ZodObject<T> => z.looseObject(shape) as unknown as z.ZodObject<T>;

export const ProblemOut = loose({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(loose({ path: z.string().optional(), code: z.string().optional(), message: z.string().optional() })).optional(),
  allowed: z.array(z.string()).optional().meta({ description: 'On 409/403 of an action: the actions allowed now' }),
});

/** `{ 400: ProblemOut, 401: ProblemOut, … }` for a route's `response` schema. */
export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemOut])) as Record<number, typeof ProblemOut>;
