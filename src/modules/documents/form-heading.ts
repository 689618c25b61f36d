// What every printed form needs from the organisation: the heading (parent agency, agency, place, date),
// the province name kept on one line, addresses with current unit names, the template in force, the footer.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import * as orgRead from '../org/org.read.js';
import { modernTones } from '../../platform/text.js';
import * as repo from './documents.repo.js';
import { vnIsoDate, vnShortDateTime, type RenderInput } from './pdf.js';
import { defaultTemplate, type FormNumber, type FormTemplate } from './templates.js';
import './documents.errors.js';

export async function placeOf(db: Db, agency: orgRead.Agency | undefined): Promise<string> {
  let a = agency;
  for (let i = 0; a && i < 5; i++) {
    if (a.admin_unit_code) {
      const [u] = await orgRead.currentAdminUnits(db, [a.admin_unit_code]);
      if (u) return modernTones(u.name.replace(/^(Tỉnh|Thành phố|Phường|Xã|Đặc khu)\s+/u, ''));
    }
    a = a.parent_id ? await orgRead.agencyById(db, a.parent_id) : undefined;
  }
  return '……';
}

/** The name of the agency's province ("Thanh Hóa"), which a form never breaks across two lines. */
export async function provinceNames(db: Db, agency: orgRead.Agency | undefined): Promise<string[]> {
  let a = agency;
  for (let i = 0; a && i < 5; i++) {
    if (a.admin_unit_code) {
      const [u] = await orgRead.currentAdminUnits(db, [a.admin_unit_code]);
      const [province] = u ? await orgRead.currentAdminUnits(db, [u.province_code]) : [];
      if (province) return [modernTones(province.name)];
    }
    a = a.parent_id ? await orgRead.agencyById(db, a.parent_id) : undefined;
  }
  return [];
}

export async function headingFor(ctx: AppContext, agencyId: string, date: Date): Promise<RenderInput['heading']> {
  const a = await orgRead.agencyById(ctx.db, agencyId);
  const parent = a?.parent_id ? await orgRead.agencyById(ctx.db, a.parent_id) : undefined;
  return { parentAgency: parent?.name ?? null, agency: a?.name ?? '', place: await placeOf(ctx.db, a), date, keep: await provinceNames(ctx.db, a) };
}

export async function templateFor(ctx: AppContext, form: FormNumber, at: string | Date): Promise<FormTemplate> {
  return (await repo.templateInForce(ctx.db, form, vnIsoDate(at))) ?? defaultTemplate(form);
}

export interface AddressInput {
  line?: string;
  communeCode?: string;
  provinceCode?: string;
}

/** "12 Lê Lợi, Phường Hạc Thành, Tỉnh Thanh Hóa": the street line plus the current unit names. */
export async function addressText(db: Db, a: AddressInput | null | undefined): Promise<string> {
  if (!a) return '';
  const codes = [a.communeCode, a.provinceCode].filter((c): c is string => Boolean(c));
  const units = await orgRead.currentAdminUnits(db, codes);
  const name = (code?: string) => units.find((u) => u.code === code)?.full_name;
  return [a.line, name(a.communeCode), name(a.provinceCode)].filter(Boolean).map((x) => modernTones(x!)).join(', ');
}

export function footer(ctx: AppContext, now: Date): string {
  return `In từ Hệ thống thông tin giải quyết TTHC (motcua) lúc ${vnShortDateTime(now)} — ${ctx.config.publicUrl}`;
}
