// A citizen's profile as the API and the read API show it, with the names of the address's units.
import type { Db } from '../../platform/db/database.js';
import { currentAdminUnits } from '../org/org.read.js';
import type * as repo from './citizens.repo.js';
import type { ProfileOut } from './citizens.out.js';

export async function profileView(db: Db, c: repo.CitizenRow): Promise<ProfileOut> {
  let address: ProfileOut['address'] = null;
  if (c.address_unit_code) {
    const [commune] = await currentAdminUnits(db, [c.address_unit_code]);
    const [province] = commune ? await currentAdminUnits(db, [commune.province_code]) : [];
    address = {
      line: c.address_line,
      communeCode: c.address_unit_code,
      communeName: commune?.full_name ?? null,
      provinceCode: commune?.province_code ?? null,
      provinceName: province?.full_name ?? null,
    };
  }
  return {
    id: c.id,
    fullName: c.full_name,
    idNumber: c.id_number,
    birthDate: c.birth_date,
    phone: c.phone,
    email: c.email,
    address,
    verified: { phone: iso(c.phone_verified_at), email: iso(c.email_verified_at), identity: iso(c.identity_verified_at) },
  };
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
