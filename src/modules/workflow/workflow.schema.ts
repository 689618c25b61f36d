// zod schemas of the process-definition admin API. Only the shape is checked here; the rules (roles,
// actions, budgets, reachability) are checked by validateProcess() and answered as 422 with per-field errors.
import { z } from 'zod';

const AgencyChoice = z.union([
  z.enum(['receiving_centre', 'competent_agency', 'return_point']),
  z.object({ agencyId: z.string().min(1).max(100) }),
]);

export const StepIn = z.object({
  key: z.string().max(60),
  nameVi: z.string().max(300),
  nameEn: z.string().max(300),
  role: z.string().max(40),
  agency: AgencyChoice,
  unitId: z.string().max(100).nullable().optional(),
  budgetHours: z.number(),
  actions: z.array(z.string().max(40)).max(20),
  next: z.array(z.string().max(60)).max(20),
});

export const WorkflowConfigIn = z
  .object({
    maxSupplementRequests: z.number().int().min(0).max(10).optional(),
    maxApologies: z.number().int().min(0).max(10).optional(),
    dueSoonHours: z.number().min(0).max(400).optional(),
    suspendOnPayment: z.boolean().optional(),
    earlyMarginHours: z.number().min(0).max(400).optional(),
    apologyLeadHours: z.number().min(0).max(400).optional(),
    stepDueSoonHours: z.number().min(0).max(400).optional(),
  })
  .strict();

export const ProcessSave = z.object({
  /** Per-agency override (the competent agency's code); omitted = the procedure-wide process. */
  agencyCode: z.string().min(1).max(40).optional(),
  steps: z.array(StepIn).min(1).max(30),
  config: WorkflowConfigIn.optional(),
});

export const ProcessQuery = z.object({ agencyCode: z.string().min(1).max(40).optional() });
export const ProcedureParam = z.object({ procedureCode: z.string().min(1).max(60) });

export const ProcessOut = z.object({
  id: z.string(),
  procedureId: z.string(),
  agencyId: z.string().nullable(),
  version: z.number(),
  derived: z.boolean(),
  legalLimitHours: z.number(),
  steps: z.array(z.any()),
  config: z.record(z.string(), z.any()),
  createdAt: z.string(),
});

export const StatusMappingOut = z.object({
  states: z.array(z.object({
    state: z.string(),
    nationalStatus: z.number().int(),
    labelVi: z.string(),
    labelEn: z.string(),
    terminal: z.boolean(),
  })),
  nationalStatuses: z.array(z.object({
    code: z.number().int(),
    labelVi: z.string(),
    labelEn: z.string(),
    states: z.array(z.string()),
  })),
  actions: z.array(z.object({ action: z.string(), vi: z.string(), en: z.string(), system: z.boolean() })),
});
