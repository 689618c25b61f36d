// Audit log (nhật ký): logins, failed logins, every admin change — who, what, when, from where.
import type { FastifyRequest } from 'fastify';
import type { Db } from './db/database.js';

export interface AuditEntry {
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export interface RequestOrigin {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export const originOf = (req: FastifyRequest): RequestOrigin => ({
  ip: req.ip,
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : undefined,
  requestId: req.id,
});

export async function writeAudit(db: Db, entry: AuditEntry, origin: RequestOrigin = {}): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId ?? null,
      actor_label: entry.actorLabel ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: origin.ip ?? null,
      user_agent: origin.userAgent ?? null,
      request_id: origin.requestId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
