// Which agency is competent (cơ quan có thẩm quyền) for a procedure received at a desk, in this order:
// 1. agencies an administrator linked to the procedure (procedure_agencies, performs = true);
// 2. departments or vertical agencies of the desk's province named by the catalogue's implementing-agency
//    text ("Sở Xây dựng", "Công an tỉnh", "Sở Tài chính các tỉnh, thành phố");
// 3. the field → agency map (admin-editable, versioned);
// minus agencies an administrator unlinked. Province-level procedures resolve among the province's agencies;
// commune-level ones to the desk's own commune: its People's Committee or its police. Several candidates: the
// desk must choose. None: the reason names the configuration that is missing.
import type { Db } from '../../platform/db/database.js';
import * as repo from './competence.repo.js';

export type CompetenceLevel = 'province' | 'commune';
export type CompetenceSource = 'link' | 'catalog_text' | 'field_map' | 'commune_default' | 'none';

export interface Competence {
  level: CompetenceLevel;
  source: CompetenceSource;
  candidates: Array<{ id: string; code: string; name: string }>;
  /** Why there is no candidate (Vietnamese, English), naming what an administrator must configure. */
  missing?: { vi: string; en: string };
}

export interface ProcedureForCompetence {
  id: string;
  field: string | null;
  levels: string[];
  implementingAgency: string | null;
}

const COMMUNE_KINDS = ['commune_centre', 'commune_committee', 'commune_police'];

const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').toLowerCase().trim();

/**
 * The words the catalogue uses for an agency of the province: "Sở Tư pháp tỉnh Thanh Hóa" → "sở tư pháp";
 * "Công an tỉnh Thanh Hóa" → "công an tỉnh"; "Kho bạc Nhà nước khu vực Thanh Hóa" → "kho bạc nhà nước khu vực".
 */
export function agencyStem(name: string, kind: string, province = ''): string {
  const m = /^(.*?)\s+tỉnh\s+\S.*$/u.exec(name);
  if (m) return norm(kind === 'department' ? m[1]! : `${m[1]} tỉnh`);
  const p = norm(province);
  const n = norm(name);
  return p && n.endsWith(` ${p}`) ? n.slice(0, -p.length - 1) : n;
}

/** Agencies whose stem the implementing-agency text names (whole words). */
export function namedIn(text: string | null, agencies: repo.AgencyLite[], province = ''): repo.AgencyLite[] {
  if (!text) return [];
  const t = ` ${norm(text).replace(/[,;.()-]/gu, ' ').replace(/\s+/gu, ' ')} `;
  return agencies.filter((a) => t.includes(` ${agencyStem(a.name, a.kind, province)} `));
}

/** "Ủy ban nhân dân tỉnh Thanh Hóa" → "Thanh Hóa". */
const provinceNameOf = (rootName: string | undefined) => /tỉnh\s+(.+)$/u.exec(rootName ?? '')?.[1] ?? /thành phố\s+(.+)$/u.exec(rootName ?? '')?.[1] ?? '';

const POLICE_TEXT = /công an (cấp )?(xã|phường)/iu;
const COMMITTEE_TEXT = /(ủy|uỷ) ban nhân dân (cấp )?(xã|phường)|ubnd (cấp )?xã/iu;

function deskLevel(desk: repo.AgencyLite): CompetenceLevel {
  return COMMUNE_KINDS.includes(desk.kind) ? 'commune' : 'province';
}

function levelFor(proc: ProcedureForCompetence, desk: repo.AgencyLite): CompetenceLevel {
  const own = deskLevel(desk);
  if (proc.levels.includes(own)) return own;
  return proc.levels.includes('province') ? 'province' : proc.levels.includes('commune') ? 'commune' : own;
}

const lite = (a: repo.AgencyLite) => ({ id: a.id, code: a.code, name: a.name });

export async function competenceFor(db: Db, proc: ProcedureForCompetence, desk: repo.AgencyLite): Promise<Competence> {
  const level = levelFor(proc, desk);
  const links = await repo.procedureLinks(db, proc.id);
  const unlinked = new Set(links.filter((l) => !l.performs).map((l) => l.id));
  const keep = (list: repo.AgencyLite[]) => list.filter((a) => !unlinked.has(a.id));
  const root = `/${desk.path.split('/').filter(Boolean)[0]}/`;
  if (level === 'province') return provinceCompetence(db, proc, root, links, keep);
  return communeCompetence(db, proc, desk, links, keep);
}

async function provinceCompetence(
  db: Db,
  proc: ProcedureForCompetence,
  root: string,
  links: Array<repo.AgencyLite & { performs: boolean }>,
  keep: (l: repo.AgencyLite[]) => repo.AgencyLite[],
): Promise<Competence> {
  const linked = keep(links.filter((l) => l.performs && l.path.startsWith(root) && !COMMUNE_KINDS.includes(l.kind) && l.kind !== 'service_centre'));
  if (linked.length > 0) return { level: 'province', source: 'link', candidates: linked.map(lite) };
  const agencies = await repo.agenciesUnder(db, root, ['department', 'vertical_agency']);
  const province = provinceNameOf((await repo.agencyById(db, root.split('/').filter(Boolean)[0]!))?.name);
  const named = keep(namedIn(proc.implementingAgency, agencies, province));
  if (named.length > 0) return { level: 'province', source: 'catalog_text', candidates: named.map(lite) };
  const row = proc.field ? await repo.currentFieldAgency(db, 'province', proc.field) : undefined;
  const mapped = row?.agency_id ? keep(agencies.filter((a) => a.id === row.agency_id)) : [];
  if (mapped.length > 0) return { level: 'province', source: 'field_map', candidates: mapped.map(lite) };
  const field = proc.field ?? '(không có lĩnh vực)';
  return {
    level: 'province',
    source: 'none',
    candidates: [],
    missing: {
      vi: `Lĩnh vực "${field}" chưa được gán cho cơ quan nào của tỉnh. Quản trị viên cần gán: Quản trị › Lĩnh vực – cơ quan có thẩm quyền (hoặc gán cơ quan thực hiện cho thủ tục).`,
      en: `Field "${field}" is not mapped to any agency of the province. An administrator must map it: Administration › Field → competent agency (or link an agency to the procedure).`,
    },
  };
}

async function communeCompetence(
  db: Db,
  proc: ProcedureForCompetence,
  desk: repo.AgencyLite,
  links: Array<repo.AgencyLite & { performs: boolean }>,
  keep: (l: repo.AgencyLite[]) => repo.AgencyLite[],
): Promise<Competence> {
  const committee = desk.kind === 'commune_committee' ? desk : desk.parent_id ? await repo.agencyById(db, desk.parent_id) : undefined;
  const unit = committee?.admin_unit_code ?? desk.admin_unit_code;
  const inCommune = (a: repo.AgencyLite) => a.admin_unit_code === unit && (a.kind === 'commune_committee' || a.kind === 'commune_police');
  const linked = keep(links.filter((l) => l.performs && inCommune(l)));
  if (linked.length > 0) return { level: 'commune', source: 'link', candidates: linked.map(lite) };
  const text = proc.implementingAgency ?? '';
  const row = proc.field ? await repo.currentFieldAgency(db, 'commune', proc.field) : undefined;
  const source: CompetenceSource = POLICE_TEXT.test(text) || COMMITTEE_TEXT.test(text) ? 'catalog_text' : row ? 'field_map' : 'commune_default';
  const kind = POLICE_TEXT.test(text) ? 'commune_police' : COMMITTEE_TEXT.test(text) ? 'commune_committee' : (row?.commune_kind ?? 'commune_committee');
  const agency = kind === 'commune_committee' ? committee : unit ? await repo.agencyByKindAndUnit(db, 'commune_police', unit) : undefined;
  const found = agency ? keep([agency]) : [];
  if (found.length > 0) return { level: 'commune', source, candidates: found.map(lite) };
  const what = kind === 'commune_police' ? 'Công an xã/phường' : 'Ủy ban nhân dân xã/phường';
  return {
    level: 'commune',
    source: 'none',
    candidates: [],
    missing: {
      vi: `Chưa có ${what} của đơn vị hành chính này trong danh mục cơ quan. Quản trị viên cần thêm: Quản trị › Cơ quan, đơn vị.`,
      en: `There is no ${kind === 'commune_police' ? 'commune police' : "commune People's Committee"} of this commune among the agencies. An administrator must add it: Administration › Agencies.`,
    },
  };
}
