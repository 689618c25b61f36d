// Provisioning the organisation without an acting official: the demo province and first-run seeding
// create agencies, units, users and role assignments before anyone can sign in, so there is no principal
// to check nor an admin to audit. Everything else goes through org.service, which checks and audits.
export {
  findAgencyByCode as findAgency,
  findAgenciesByCodes as findAgencies,
  insertAgency as provisionAgency,
  insertUnit as provisionUnit,
  findUserByUsername as findUser,
  findUsersByUsernames as findUsers,
  insertUser as provisionUser,
  insertAssignment as provisionRole,
  insertAssignments as provisionRoles,
} from './org.repo.js';
export type { AgencyRow as Agency } from './org.repo.js';
