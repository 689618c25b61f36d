// HTTP: the desk's competent agency for a procedure; admin: the field → agency map and the stranded dossiers.
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import { ProcedureCodeParam } from '../catalog/catalog.schema.js';
import { competenceAtDesk } from './competence.service.js';
import { listFieldAgencies, listPublicAgencyFields, setFieldAgency } from './field-agencies.service.js';
import { listStranded } from './stranded.service.js';
import { CompetenceOut, CompetenceQuery, FieldAgencyBody, FieldAgencyItem, FieldAgencyList, FieldAgencyQuery, PublicAgencyFieldsOut, StrandedList, StrandedQuery } from './competence.schema.js';

export function competenceRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/procedures/:code/competence', {
    schema: {
      tags: ['catalog'],
      summary: 'Cơ quan có thẩm quyền tại quầy / competent agency for a desk',
      description: 'Candidates in order: agencies linked by an admin, agencies named by the catalogue text, the field → agency map. One candidate: preselect it; several: the desk chooses.',
      params: ProcedureCodeParam,
      querystring: CompetenceQuery,
      response: { 200: CompetenceOut },
    },
  }, async (req) => competenceAtDesk(ctx, requirePrincipal(req), req.params.code, req.query.desk));

  app.get('/api/v1/public/agency-fields', {
    config: { anonymous: true },
    schema: {
      tags: ['public'],
      summary: 'Thủ tục theo cơ quan / the catalogue by competent agency (public)',
      description: 'From the field → agency map: each province agency and commune body with its fields and how many public procedures each field has at that level.',
      response: { 200: PublicAgencyFieldsOut },
    },
  }, async () => listPublicAgencyFields(ctx));

  app.get('/api/v1/admin/field-agencies', {
    schema: { tags: ['catalog'], summary: 'Lĩnh vực → cơ quan có thẩm quyền / field → competent agency map', querystring: FieldAgencyQuery, response: { 200: FieldAgencyList } },
  }, async (req) => listFieldAgencies(ctx, requirePrincipal(req), req.query.level));

  app.put('/api/v1/admin/field-agencies', {
    schema: { tags: ['catalog'], summary: 'Gán lĩnh vực cho cơ quan (phiên bản mới) / map a field (new version)', body: FieldAgencyBody, response: { 200: FieldAgencyItem } },
  }, async (req) => setFieldAgency(ctx, requirePrincipal(req), req.body, originOf(req)));

  app.get('/api/v1/admin/dossiers/stranded', {
    schema: { tags: ['dossiers'], summary: 'Hồ sơ không ai xử lý được / dossiers nobody can act on', querystring: StrandedQuery, response: { 200: StrandedList } },
  }, async (req) => listStranded(ctx, requirePrincipal(req), req.query));
}
