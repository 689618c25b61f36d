// zod schemas for the org module's HTTP API.
import { z } from 'zod';
import { ROLES } from '../../platform/auth/roles.js';

export const RoleSchema = z.enum(ROLES);
/** A calendar day PostgreSQL can store and the domain can mean (z.iso.date() alone accepts year 0000). */
const Day = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { message: 'ngày phải trong khoảng 1900–2999 / date must be between 1900 and 2999' });
export const AgencyKind = z.enum(['province_committee', 'department', 'service_centre', 'commune_committee', 'commune_centre', 'commune_police', 'vertical_agency', 'other']);

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const AssignmentOut = z.object({
  role: RoleSchema,
  agencyId: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  unitId: z.string().nullable(),
});

export const MeOut = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  kind: z.enum(['official', 'integration']),
  roles: z.array(AssignmentOut),
  csrfToken: z.string().optional(),
  expiresAt: z.string().optional(),
});

export const AgencyOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
  parentId: z.string().nullable(),
  adminUnitCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorId: z.string().nullable(),
  depth: z.number().int(),
});

export const AgencyCreate = z.object({
  code: z.string().trim().min(3).max(40),
  name: z.string().trim().min(2).max(300),
  nameEn: z.string().trim().max(300).optional(),
  kind: AgencyKind,
  parentCode: z.string().trim().optional(),
  adminUnitCode: z.string().trim().regex(/^\d{2}(\d{3})?$/).optional(),
  validFrom: Day.optional(),
});

export const AgencyPatch = z.object({
  name: z.string().trim().min(2).max(300).optional(),
  nameEn: z.string().trim().max(300).nullable().optional(),
  adminUnitCode: z.string().trim().regex(/^\d{2}(\d{3})?$/).nullable().optional(),
  /** close the agency (merged/renamed): it keeps its history; optional successor */
  validTo: Day.optional(),
  successorCode: z.string().trim().optional(),
});

export const UnitCreate = z.object({ code: z.string().trim().min(1).max(40), name: z.string().trim().min(2).max(300) });

export const UserOut = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  kind: z.enum(['official', 'integration']),
  active: z.boolean(),
  oidcSubject: z.string().nullable(),
});

/** A role assignment as the administration screens list it (GET /users, POST /users/{id}/roles). */
export const UserRoleOut = z.object({
  /** The assignment id (DELETE /users/{id}/roles/{assignmentId}). */
  id: z.string(),
  role: RoleSchema,
  agencyId: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  /** The unit (phòng) the role is limited to, if any. */
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
});

export const UserWithRolesOut = UserOut.extend({ roles: z.array(UserRoleOut) });

export const OfficialsQuery = z.object({
  role: RoleSchema.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** An official of an agency's subtree (the assignee picker). */
export const OfficialOut = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  /** The official's roles at agencies of that subtree. */
  roles: z.array(z.object({ role: RoleSchema, agencyCode: z.string() })),
});

export const UserCreate = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,60}$/),
  fullName: z.string().trim().min(2).max(200),
  email: z.email().optional(),
  phone: z.string().regex(/^(\+84|0)\d{9,10}$/).optional(),
  kind: z.enum(['official', 'integration']).default('official'),
  password: z.string().min(10).max(200).optional(),
  oidcSubject: z.string().min(1).max(200).optional(),
  /** the agency the user belongs to (default: the creating admin's own agency) */
  agencyCode: z.string().trim().min(1).max(60).optional(),
});

export const UserPatch = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  email: z.email().nullable().optional(),
  phone: z.string().regex(/^(\+84|0)\d{9,10}$/).nullable().optional(),
  active: z.boolean().optional(),
  oidcSubject: z.string().min(1).max(200).nullable().optional(),
});

export const AssignmentCreate = z.object({ role: RoleSchema, agencyCode: z.string().trim().min(1), unitId: z.uuid().optional() });

export const PasswordReset = z.object({ password: z.string().min(10).max(200) });

export const TokenCreate = z.object({
  userId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string().regex(/^[a-z*][a-z:._*-]*$/)).min(1).max(20),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const Problem = z.object({ code: z.string(), title: z.string(), status: z.number() }).passthrough();

export const IdParam = z.object({ id: z.uuid() });
export const CodeParam = z.object({ code: z.string().min(1).max(60) });
