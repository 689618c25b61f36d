// What the operator does to accounts from the command line (`motcua user add`, `user reset-password`, `token
// create`'s lookup): the same changes an administrator makes through the API, audited as 'cli'. The CLI parses
// its arguments and calls these; it never reaches the organisation's tables itself.
import type { AppContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import { ROLES, type Role } from '../../platform/auth/roles.js';
import * as repo from './org.repo.js';

/** A mistake in what the operator asked for (unknown user, role or agency): the CLI prints it as usage. */
export class OperatorInputError extends Error {}

export interface OperatorNewUser {
  username: string;
  fullName: string;
  integration: boolean;
  password?: string;
  role?: { role: string; agencyCode: string };
}

export async function addUserAsOperator(ctx: AppContext, u: OperatorNewUser): Promise<{ id: string; username: string }> {
  const role = u.role?.role as Role | undefined;
  if (role !== undefined && !ROLES.includes(role)) throw new OperatorInputError(`unknown role ${role}`);
  const agency = u.role ? await repo.findAgencyByCode(ctx.db, u.role.agencyCode) : undefined;
  if (u.role && !agency) throw new OperatorInputError('no such agency');
  const user = await repo.insertUser(ctx.db, {
    username: u.username.toLowerCase(),
    fullName: u.fullName,
    kind: u.integration ? 'integration' : 'official',
    passwordHash: u.password ? await hashPassword(u.password) : null,
  });
  if (role && agency) await repo.insertAssignment(ctx.db, { userId: user.id, role, agencyId: agency.id });
  await writeAudit(ctx.db, { actorLabel: 'cli', action: 'user.create', targetType: 'user', targetId: user.id });
  return { id: user.id, username: user.username };
}

/** As an admin's reset does: the new password, the lockout cleared, whoever signed in with the old one signed out. */
export async function resetPasswordAsOperator(ctx: AppContext, username: string, password: string): Promise<{ username: string }> {
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user) throw new OperatorInputError('no such user');
  await repo.updateUser(ctx.db, user.id, { password_hash: await hashPassword(password), failed_logins: 0, locked_until: null });
  await repo.revokeSessionsOfUser(ctx.db, user.id, ctx.clock.now());
  await repo.revokeTokensOfUser(ctx.db, user.id, ctx.clock.now());
  await writeAudit(ctx.db, { actorLabel: 'cli', action: 'user.reset_password', targetType: 'user', targetId: user.id });
  return { username: user.username };
}
