// HTTP: agencies, units, users, role assignments, audit log.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import * as svc from './org.service.js';
import {
  AgencyCreate, AgencyOut, AgencyPatch, AssignmentCreate, CodeParam, IdParam, OfficialOut, OfficialsQuery, Paging, PasswordReset, UnitCreate,
  UserCreate, UserOut, UserPatch, UserRoleOut, UserWithRolesOut,
} from './org.schema.js';

export function orgRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/agencies', {
    config: { anonymous: true },
    schema: {
      tags: ['org'],
      summary: 'Cây cơ quan / agency tree',
      querystring: z.object({ includeHistory: z.enum(['true', 'false']).optional(), kind: z.string().max(40).optional() }),
      response: { 200: z.object({ items: z.array(AgencyOut), total: z.number() }) },
    },
  }, async (req) => svc.listAgencies(ctx, { includeHistory: req.query.includeHistory === 'true', kind: req.query.kind }));

  app.get('/api/v1/agencies/:code', { config: { anonymous: true }, schema: { tags: ['org'], params: CodeParam, response: { 200: AgencyOut.extend({ units: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })) }) } } }, async (req) =>
    svc.getAgencyWithUnits(ctx, req.params.code),
  );

  app.post('/api/v1/agencies', { schema: { tags: ['org'], summary: 'Thêm cơ quan / create agency', body: AgencyCreate, response: { 201: AgencyOut } } }, async (req, reply) =>
    reply.status(201).send(await svc.createAgency(ctx, requirePrincipal(req), req.body, originOf(req))),
  );

  app.patch('/api/v1/agencies/:code', { schema: { tags: ['org'], params: CodeParam, body: AgencyPatch, response: { 200: AgencyOut } } }, async (req) =>
    svc.updateAgency(ctx, requirePrincipal(req), req.params.code, req.body, originOf(req)),
  );

  app.post('/api/v1/agencies/:code/units', { schema: { tags: ['org'], summary: 'Thêm phòng / create unit', params: CodeParam, body: UnitCreate } }, async (req, reply) =>
    reply.status(201).send(await svc.createUnit(ctx, requirePrincipal(req), req.params.code, req.body, originOf(req))),
  );

  app.get('/api/v1/agencies/:code/officials', {
    schema: {
      tags: ['org'],
      summary: 'Cán bộ của cơ quan (chọn người xử lý) / officials of an agency (assignee picker)',
      description:
        'Active officials holding a role (role: that role only) at the agency or an agency of its subtree, sorted by name; ' +
        'q: name or username, with or without diacritics; limit: at most this many (default 100). ' +
        'roles: each official\'s roles in that subtree. Readable by whoever may read the agency\'s dossiers; ' +
        'an unknown agency or one outside the caller\'s scope → 404.',
      params: CodeParam,
      querystring: OfficialsQuery,
      response: { 200: z.object({ items: z.array(OfficialOut) }) },
    },
  }, async (req) => svc.listOfficials(ctx, requirePrincipal(req), req.params.code, req.query));

  app.get('/api/v1/users', {
    schema: {
      tags: ['org'],
      summary: 'Người dùng và vai trò / users and their roles',
      description:
        'Users with a role in the caller\'s admin subtrees (q: name or username, with or without diacritics), each with ' +
        'all their role assignments (roles: id for DELETE /users/{id}/roles/{assignmentId}, role, agency, unit if any).',
      querystring: Paging.extend({ q: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(UserWithRolesOut), total: z.number() }) },
    },
  }, async (req) => svc.listUsers(ctx, requirePrincipal(req), req.query));

  app.post('/api/v1/users', { schema: { tags: ['org'], summary: 'Thêm người dùng / create user', body: UserCreate, response: { 201: UserOut } } }, async (req, reply) =>
    reply.status(201).send(await svc.createUser(ctx, requirePrincipal(req), req.body, originOf(req))),
  );

  app.patch('/api/v1/users/:id', { schema: { tags: ['org'], params: IdParam, body: UserPatch, response: { 200: UserOut } } }, async (req) =>
    svc.updateUser(ctx, requirePrincipal(req), req.params.id, req.body, originOf(req)),
  );

  app.post('/api/v1/users/:id/password', { schema: { tags: ['org'], summary: 'Đặt lại mật khẩu / reset password', params: IdParam, body: PasswordReset } }, async (req, reply) => {
    await svc.resetPassword(ctx, requirePrincipal(req), req.params.id, req.body.password, originOf(req));
    return reply.status(204).send();
  });

  app.post('/api/v1/users/:id/roles', {
    schema: {
      tags: ['org'],
      summary: 'Gán vai trò / assign role',
      description: 'Returns all the user\'s role assignments (same items as GET /users roles).',
      params: IdParam,
      body: AssignmentCreate,
      response: { 201: z.object({ items: z.array(UserRoleOut) }) },
    },
  }, async (req, reply) =>
    reply.status(201).send({ items: await svc.assignRole(ctx, requirePrincipal(req), req.params.id, req.body, originOf(req)) }),
  );

  app.delete('/api/v1/users/:id/roles/:assignmentId', { schema: { tags: ['org'], params: z.object({ id: z.uuid(), assignmentId: z.uuid() }) } }, async (req, reply) => {
    await svc.removeRole(ctx, requirePrincipal(req), req.params.id, req.params.assignmentId, originOf(req));
    return reply.status(204).send();
  });

  app.get('/api/v1/audit', { schema: { tags: ['org'], summary: 'Nhật ký hệ thống / audit log', querystring: Paging.extend({ action: z.string().max(60).optional() }) } }, async (req) =>
    svc.listAudit(ctx, requirePrincipal(req), req.query),
  );
}
