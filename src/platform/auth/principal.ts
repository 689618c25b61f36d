// Who is calling: an official (session cookie), an integration client (bearer token) or nobody.
import type { Role } from './roles.js';

export interface RoleAssignment {
  role: Role;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  /** materialised path of the agency ('/root/…/id/'): the assignment covers this subtree */
  agencyPath: string;
  unitId: string | null;
}

export interface Principal {
  kind: 'official' | 'integration';
  userId: string;
  username: string;
  fullName: string;
  assignments: RoleAssignment[];
  authMethod: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  /** token scopes; undefined for sessions (sessions are limited by roles only) */
  scopes?: string[];
}
