// GET /dossiers/{code}/control-slip: the data of form 06, built from the event log (workflow/control-slip.ts).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { agencyBriefs } from '../org/org.read.js';
import { processById } from '../workflow/workflow.service.js';
import { buildControlSlip } from '../workflow/control-slip.js';
import { visibleDossier } from './access.js';
import * as repo from './dossiers.repo.js';

export async function getControlSlip(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const events = await repo.listEvents(ctx.db, row.id);
  const process = await processById(ctx.db, row.process_id);
  const slip = buildControlSlip(events, { process: process.definition });
  const ids = [slip.handlingAgencyId, ...slip.cooperatingAgencyIds, ...slip.rows.flatMap((r) => [r.giver.agencyId, r.receiver.agencyId])].filter((x): x is string => !!x);
  const ag = await agencyBriefs(ctx.db, ids);
  return {
    form: '06',
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    ...slip,
    applicantName: row.applicant_name,
    agencies: Object.fromEntries([...ag].map(([k, v]) => [k, { code: v.code, name: v.name }])),
  };
}
