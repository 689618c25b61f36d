// Demo organisation for Thanh Hóa (a real province of the current list, code 38, QCVN 102 suffix H56):
// provincial People's Committee, its centre, departments, a vertical agency, five communes with their
// People's Committees and centres, and demo officials for every role. Idempotent.
// The agency codes follow the national style but are demo values, not the province's real register.
import type { AppContext } from '../../platform/context.js';
import type { Role } from '../../platform/auth/roles.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import * as org from '../org/org.provision.js';
import { seedFieldAgencies } from '../competence/field-agencies.service.js';
import { COMMUNE_POLICE_FIELDS, DEMO_FIELD_AGENCIES } from './demo-field-agencies.js';

export const DEMO_PROVINCE = { code: '38', suffix: 'H56', name: 'Thanh Hóa' };

interface AgencySpec {
  key: string;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  parent?: string;
  adminUnit?: string;
  units?: Array<{ code: string; name: string }>;
}

const P = DEMO_PROVINCE.suffix;
export const DEMO_COMMUNES = [
  { key: 'xa1', unit: '14797', name: 'Phường Hạc Thành', nameEn: 'Hac Thanh Ward' },
  { key: 'xa2', unit: '14758', name: 'Phường Hàm Rồng', nameEn: 'Ham Rong Ward' },
  { key: 'xa3', unit: '14812', name: 'Phường Bỉm Sơn', nameEn: 'Bim Son Ward' },
  { key: 'xa4', unit: '14818', name: 'Phường Quang Trung', nameEn: 'Quang Trung Ward' },
  { key: 'xa5', unit: '14845', name: 'Xã Mường Lát', nameEn: 'Muong Lat Commune' },
];

export const DEMO_AGENCIES: AgencySpec[] = [
  { key: 'ubnd', code: `000.00.00.${P}`, name: 'Ủy ban nhân dân tỉnh Thanh Hóa', nameEn: "Thanh Hoa Provincial People's Committee", kind: 'province_committee', adminUnit: '38' },
  { key: 'ttpvhcc', code: `000.00.01.${P}`, name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa', nameEn: 'Thanh Hoa Public Administration Service Centre', kind: 'service_centre', parent: 'ubnd', adminUnit: '38' },
  { key: 'stp', code: `000.00.02.${P}`, name: 'Sở Tư pháp tỉnh Thanh Hóa', nameEn: 'Department of Justice', kind: 'department', parent: 'ubnd', adminUnit: '38', units: [{ code: 'HCTP', name: 'Phòng Hành chính tư pháp' }, { code: 'BTTP', name: 'Phòng Bổ trợ tư pháp' }] },
  { key: 'sxd', code: `000.00.03.${P}`, name: 'Sở Xây dựng tỉnh Thanh Hóa', nameEn: 'Department of Construction', kind: 'department', parent: 'ubnd', adminUnit: '38', units: [{ code: 'QLXD', name: 'Phòng Quản lý xây dựng' }] },
  { key: 'snnmt', code: `000.00.04.${P}`, name: 'Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa', nameEn: 'Department of Agriculture and Environment', kind: 'department', parent: 'ubnd', adminUnit: '38', units: [{ code: 'QLDD', name: 'Phòng Quản lý đất đai' }] },
  { key: 'stc', code: `000.00.05.${P}`, name: 'Sở Tài chính tỉnh Thanh Hóa', nameEn: 'Department of Finance', kind: 'department', parent: 'ubnd', adminUnit: '38', units: [{ code: 'DKKD', name: 'Phòng Đăng ký kinh doanh' }] },
  { key: 'syt', code: `000.00.06.${P}`, name: 'Sở Y tế tỉnh Thanh Hóa', nameEn: 'Department of Health', kind: 'department', parent: 'ubnd', adminUnit: '38' },
  { key: 'thue', code: `000.00.07.${P}`, name: 'Thuế tỉnh Thanh Hóa', nameEn: 'Thanh Hoa Provincial Tax Office', kind: 'vertical_agency', parent: 'ubnd', adminUnit: '38' },
  // The other specialised agencies of the People's Committee after the 2025 reorganisation (the national
  // model of Nghị định 45/2025/NĐ-CP: Nội vụ absorbs Lao động - Thương binh và Xã hội, Tài chính absorbs Kế
  // hoạch và Đầu tư, Khoa học và Công nghệ absorbs Thông tin và Truyền thông, Xây dựng absorbs Giao thông vận
  // tải, Nông nghiệp và Môi trường merges Nông nghiệp and Tài nguyên và Môi trường) [M: the province's own
  // resolution was not read].
  ...(
    [
      ['snv', '50', 'Sở Nội vụ', 'Department of Home Affairs'],
      ['sct', '51', 'Sở Công Thương', 'Department of Industry and Trade'],
      ['skhcn', '52', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
      ['sgddt', '53', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
      ['svhttdl', '54', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'],
      ['sdttg', '55', 'Sở Dân tộc và Tôn giáo', 'Department of Ethnic and Religious Affairs'],
      ['ttra', '56', 'Thanh tra tỉnh Thanh Hóa', 'Provincial Inspectorate'],
      ['vpubnd', '57', 'Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa', "Office of the Provincial People's Committee"],
      ['bqlkkt', '58', 'Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp', 'Nghi Son Economic Zone and Industrial Parks Authority'],
    ] as const
  ).map(([key, n, name, nameEn]): AgencySpec => ({ key, code: `000.00.${n}.${P}`, name: name.startsWith('Sở ') ? `${name} tỉnh Thanh Hóa` : name, nameEn, kind: 'department', parent: 'ubnd', adminUnit: '38' })),
  // Central agencies organised vertically that receive procedures at provincial level (demo names and codes).
  ...(
    [
      ['cat', '60', 'Công an tỉnh Thanh Hóa', 'Thanh Hoa Provincial Police'],
      ['hq', '61', 'Chi cục Hải quan khu vực Thanh Hóa', 'Regional Customs Branch'],
      ['bhxh', '62', 'Bảo hiểm xã hội tỉnh Thanh Hóa', 'Provincial Social Insurance'],
      ['kbnn', '63', 'Kho bạc Nhà nước khu vực Thanh Hóa', 'Regional State Treasury'],
      ['nhnn', '64', 'Ngân hàng Nhà nước Khu vực Thanh Hóa', 'State Bank regional branch'],
      ['tand', '65', 'Tòa án nhân dân tỉnh Thanh Hóa', "Provincial People's Court"],
      ['thads', '66', 'Thi hành án dân sự tỉnh Thanh Hóa', 'Provincial Civil Judgment Enforcement'],
      ['bchqs', '67', 'Bộ Chỉ huy Quân sự tỉnh Thanh Hóa', 'Provincial Military Command'],
    ] as const
  ).map(([key, n, name, nameEn]): AgencySpec => ({ key, code: `000.00.${n}.${P}`, name, nameEn, kind: 'vertical_agency', parent: 'ubnd', adminUnit: '38' })),
  ...DEMO_COMMUNES.flatMap((c, i): AgencySpec[] => [
    { key: `${c.key}`, code: `000.${String(i + 11).padStart(2, '0')}.00.${P}`, name: `Ủy ban nhân dân ${c.name}`, nameEn: `${c.nameEn} People's Committee`, kind: 'commune_committee', parent: 'ubnd', adminUnit: c.unit, units: [{ code: 'VHXH', name: 'Phòng Văn hóa - Xã hội' }, { code: 'KT', name: 'Phòng Kinh tế' }] },
    { key: `${c.key}.tt`, code: `000.${String(i + 11).padStart(2, '0')}.01.${P}`, name: `Trung tâm Phục vụ hành chính công ${c.name}`, nameEn: `${c.nameEn} Public Administration Service Centre`, kind: 'commune_centre', parent: c.key, adminUnit: c.unit },
    // residence and ID procedures at commune level (Luật Cư trú): the commune police, under the provincial police
    { key: `${c.key}.ca`, code: `000.${String(i + 11).padStart(2, '0')}.02.${P}`, name: `Công an ${c.name}`, nameEn: `${c.nameEn} Police`, kind: 'commune_police', parent: 'cat', adminUnit: c.unit },
  ]),
];

interface UserSpec {
  username: string;
  fullName: string;
  roles: Array<[Role, string]>; // role at agency key
  kind?: 'official' | 'integration';
}

export const DEMO_USERS: UserSpec[] = [
  { username: 'demo.admin', fullName: 'Lê Văn Quản', roles: [['admin', 'ubnd']] },
  { username: 'demo.tiepnhan', fullName: 'Nguyễn Thị Hồng Nhung', roles: [['reception', 'ttpvhcc']] },
  { username: 'demo.chuyenvien', fullName: 'Trần Minh Đức', roles: [['handler', 'stp']] },
  { username: 'demo.lanhdao', fullName: 'Phạm Quốc Hưng', roles: [['unit_leader', 'stp'], ['agency_leader', 'stp']] },
  { username: 'demo.vanthu', fullName: 'Đỗ Thị Thu Hà', roles: [['clerk', 'stp']] },
  { username: 'demo.traketqua', fullName: 'Vũ Thị Lan Anh', roles: [['return_officer', 'ttpvhcc']] },
  { username: 'demo.thuphi', fullName: 'Hoàng Văn Tài', roles: [['cashier', 'ttpvhcc']] },
  { username: 'demo.kiemsoat', fullName: 'Bùi Thị Kim Oanh', roles: [['procedure_control', 'ubnd']] },
  { username: 'demo.lanhdaotinh', fullName: 'Ngô Văn Thành', roles: [['agency_leader', 'ubnd']] },
  { username: 'demo.xa.tiepnhan', fullName: 'Lưu Thị Mỹ Duyên', roles: [['reception', 'xa1.tt'], ['return_officer', 'xa1.tt']] },
  { username: 'demo.xa.chuyenvien', fullName: 'Đặng Văn Khoa', roles: [['handler', 'xa1']] },
  { username: 'demo.xa.lanhdao', fullName: 'Trịnh Xuân Bách', roles: [['unit_leader', 'xa1'], ['agency_leader', 'xa1'], ['clerk', 'xa1']] },
  { username: 'demo.xa2.tiepnhan', fullName: 'Mai Thị Phương', roles: [['reception', 'xa2.tt'], ['return_officer', 'xa2.tt']] },
  { username: 'demo.xa2.chuyenvien', fullName: 'Cao Văn Long', roles: [['handler', 'xa2'], ['unit_leader', 'xa2'], ['clerk', 'xa2']] },
  { username: 'demo.lienthong', fullName: 'Trục liên thông LGSP (demo)', roles: [['reception', 'ttpvhcc']], kind: 'integration' },
  ...COMPETENT_STAFF(),
];

/**
 * One official per competent agency who handles, approves and issues, so that a dossier of every field reaches
 * someone who can act (demo.<agency>.xuly). The Department of Justice and the two demo communes have their own
 * named officials above.
 */
function COMPETENT_STAFF(): UserSpec[] {
  const names = ['Lê Thị Thanh Hương', 'Nguyễn Văn Bình', 'Hoàng Thị Mai', 'Phạm Văn Cường', 'Trần Thị Dung', 'Vũ Đức Giang', 'Đỗ Thị Hạnh', 'Bùi Văn Hiếu', 'Ngô Thị Kim', 'Đinh Văn Lâm', 'Lý Thị Ngân', 'Trương Văn Phúc', 'Hà Thị Quyên', 'Mạc Văn Sơn', 'Tạ Thị Thảo', 'Lương Văn Toàn', 'Kiều Thị Uyên', 'Châu Văn Vinh', 'Phan Thị Xuân', 'Dương Văn Yên', 'Quách Thị Ánh', 'Tôn Văn Bảo', 'Lã Thị Cúc'];
  const keys = ['sxd', 'snnmt', 'stc', 'syt', 'thue', 'snv', 'sct', 'skhcn', 'sgddt', 'svhttdl', 'sdttg', 'ttra', 'vpubnd', 'bqlkkt', 'cat', 'hq', 'bhxh', 'kbnn', 'nhnn', 'tand', 'thads', 'bchqs', 'xa1.ca', 'xa2.ca'];
  return keys.map((key, i) => ({
    username: `demo.${key.replace('.', '')}.xuly`,
    fullName: names[i % names.length]!,
    roles: (['handler', 'unit_leader', 'clerk'] as Role[]).map((r): [Role, string] => [r, key]),
  }));
}

export const DEMO_LOGINS = DEMO_USERS.filter((u) => u.kind !== 'integration').map((u) => u.username);

export async function seedDemoOrg(ctx: AppContext, password: string): Promise<{ agencies: Map<string, org.Agency>; created: number }> {
  // read what exists in two statements and write the roles in one: a start from the template (or any
  // restart) finds everything in place, and the password is hashed (argon2, ~0.2 s) only if a user is missing
  const existing = new Map((await org.findAgencies(ctx.db, DEMO_AGENCIES.map((a) => a.code))).map((a) => [a.code, a]));
  const agencies = new Map<string, org.Agency>();
  let created = 0;
  for (const spec of DEMO_AGENCIES) {
    let row = existing.get(spec.code);
    if (!row) {
      row = await org.provisionAgency(ctx.db, { code: spec.code, name: spec.name, nameEn: spec.nameEn, kind: spec.kind, parentId: spec.parent ? agencies.get(spec.parent)!.id : null, adminUnitCode: spec.adminUnit });
      for (const u of spec.units ?? []) await org.provisionUnit(ctx.db, { agencyId: row.id, ...u });
      created++;
    }
    agencies.set(spec.key, row);
  }
  const users = new Map((await org.findUsers(ctx.db, DEMO_USERS.map((u) => u.username))).map((u) => [u.username, u]));
  let passwordHash: string | undefined;
  const roles: Array<{ userId: string; role: Role; agencyId: string }> = [];
  for (const u of DEMO_USERS) {
    let user = users.get(u.username);
    if (!user) {
      if (u.kind !== 'integration') passwordHash ??= await hashPassword(password);
      user = await org.provisionUser(ctx.db, { username: u.username, fullName: u.fullName, kind: u.kind ?? 'official', passwordHash: u.kind === 'integration' ? null : passwordHash!, oidcSubject: u.kind === 'integration' ? null : `sso-${u.username}` });
      created++;
    }
    for (const [role, key] of u.roles) roles.push({ userId: user.id, role, agencyId: agencies.get(key)!.id });
  }
  await org.provisionRoles(ctx.db, roles);
  return { agencies, created };
}

/** The first version of the field → competent agency map of the demo province (idempotent). */
export async function seedDemoFieldAgencies(ctx: AppContext): Promise<number> {
  const byCode = new Map((await org.findAgencies(ctx.db, DEMO_AGENCIES.map((a) => a.code))).map((a) => [a.code, a.id]));
  const ids = new Map<string, string>();
  for (const spec of DEMO_AGENCIES) {
    const id = byCode.get(spec.code);
    if (id) ids.set(spec.key, id);
  }
  const province = DEMO_FIELD_AGENCIES.filter(([, key]) => ids.has(key)).map(([field, key]) => ({ level: 'province' as const, field, agencyId: ids.get(key)! }));
  const commune = COMMUNE_POLICE_FIELDS.map((field) => ({ level: 'commune' as const, field, communeKind: 'commune_police' as const }));
  return seedFieldAgencies(ctx.db, [...province, ...commune], ctx.clock.now());
}
