// Form 07: the register (sổ theo dõi) of an agency for a period, as PDF; the rows are built by
// forms/form-07-register.ts.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { can } from '../org/permissions.js';
import * as orgRead from '../org/org.read.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import { renderPdf, vnDate } from './pdf.js';
import { agencyRows } from './dossier-access.js';
import { footer, headingFor, templateFor } from './form-heading.js';
import './documents.errors.js';
import { registerRow } from './forms/form-07-register.js';
import { platformErrors } from '../../platform/platform.errors.js';

export async function renderRegister(ctx: AppContext, p: Principal, agencyCode: string, fromDate: string, toDate: string): Promise<{ pdf: Buffer; fileName: string }> {
  const agency = await orgRead.agencyByCode(ctx.db, agencyCode);
  if (!agency || !can(p, 'dossier.read', agency)) throw platformErrors.NOT_FOUND({ what: 'agency' });
  if (toDate < fromDate) throw invalid([{ path: 'querystring.to', code: 'RANGE', messageVi: 'Ngày kết thúc trước ngày bắt đầu', messageEn: 'to is before from' }]);
  const from = new Date(`${fromDate}T00:00:00+07:00`);
  const to = new Date(new Date(`${toDate}T00:00:00+07:00`).getTime() + 86_400_000);
  if (to.getTime() - from.getTime() > 400 * 86_400_000) {
    throw invalid([{ path: 'querystring', code: 'RANGE_TOO_LONG', messageVi: 'Khoảng thời gian tối đa 400 ngày', messageEn: 'At most 400 days' }]);
  }
  const list = await dossiers.listForRegister(ctx, agency.id, from, to);
  const ags = await agencyRows(ctx.db, list.flatMap((x) => x.state.transfers.map((t) => t.toAgencyId)));
  const rows = list.map((x) => registerRow(x, (id) => ags.get(id)?.name));
  const now = ctx.clock.now();
  const template = await templateFor(ctx, '07', from);
  const pdf = await renderPdf({
    template,
    heading: await headingFor(ctx, agency.id, now),
    vars: { from: vnDate(from), to: vnDate(new Date(to.getTime() - 1)), registerBook: fromDate.slice(0, 4), total: String(rows.length) },
    tables: { register: rows },
    footer: footer(ctx, now),
  });
  return { pdf, fileName: `So-theo-doi_${agency.code}_${fromDate}_${toDate}.pdf` };
}
