// SQL for administrative units (reference data) and the old → new commune mapping.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AdminUnits, DB } from '../../platform/db/schema.gen.js';
import { likeEscape, searchKey, toneKey } from '../../platform/text.js';

export type Generation = 'current' | 'pre2025';

/** An administrative unit as stored (name_key: the tone-insensitive search key). */
export type AdminUnitRow = Selectable<AdminUnits>;

/**
 * Units of a generation, by level / parent; `q` matches the name with the tone placement ignored, or the full
 * name without diacritics (the text is matched literally: % and _ are not wildcards), exact names first.
 */
export async function searchUnits(
  db: Db,
  opts: { generation: Generation; level?: string; parent?: string; q?: string; limit: number; offset: number },
): Promise<{ items: AdminUnitRow[]; total: number }> {
  const { level, parent, q } = opts;
  let query = db.selectFrom('admin_units').selectAll().where('generation', '=', opts.generation);
  if (level) query = query.where('level', '=', level);
  if (parent) query = query.where('parent_code', '=', parent);
  if (q) {
    query = query.where((eb) => eb.or([eb('name_key', 'like', `%${likeEscape(toneKey(q))}%`), eb(sql`f_unaccent(lower(full_name))`, 'like', `%${likeEscape(searchKey(q))}%`)]));
  }
  const order = q ? sql`(name_key = ${toneKey(q)} OR name_key LIKE ${'% ' + likeEscape(toneKey(q))}) DESC, level, code` : sql`code`;
  const [items, total] = await Promise.all([
    query.orderBy(order).limit(opts.limit).offset(opts.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const findUnit = (db: Db, generation: Generation, code: string, level?: string): Promise<AdminUnitRow | undefined> => {
  let q = db.selectFrom('admin_units').selectAll().where('generation', '=', generation).where('code', '=', code);
  if (level) q = q.where('level', '=', level);
  return q.executeTakeFirst();
};

/** The current units that took over a pre-2025 commune (wholly or partly), full takeovers first. */
export async function successorsOf(db: Db, oldCode: string): Promise<Array<AdminUnitRow & { kind: 'full' | 'partial' }>> {
  return db
    .selectFrom('admin_unit_mapping as m')
    .innerJoin('admin_units as u', (j) => j.onRef('u.code', '=', 'm.new_code').on('u.generation', '=', 'current'))
    .selectAll('u')
    .select('m.kind')
    .where('m.old_code', '=', oldCode)
    .orderBy('m.kind')
    .orderBy('u.code')
    .$narrowType<{ kind: 'full' | 'partial' }>()
    .execute();
}

/** Current units by code (names for addresses and place names on forms). */
export async function currentUnitsByCodes(db: Db, codes: string[]): Promise<AdminUnitRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('admin_units').selectAll().where('generation', '=', 'current').where('code', 'in', codes).execute();
}

/** A commune (ward) of the current list still in force, with its province: address validation. */
export const findCurrentCommune = (db: Db, code: string): Promise<{ code: string; province_code: string } | undefined> =>
  db
    .selectFrom('admin_units')
    .select(['code', 'province_code'])
    .where('generation', '=', 'current')
    .where('level', '=', 'commune')
    .where('code', '=', code)
    .where('valid_to', 'is', null)
    .executeTakeFirst() as Promise<{ code: string; province_code: string } | undefined>;

/** How many units are stored (both generations): 0 before the first import. */
export async function countUnits(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM admin_units`.execute(db);
  return rows[0]!.n;
}

/** Inserts reference rows in batches (one statement per `size` rows); rows already there are kept. */
export async function insertBatches<T extends 'admin_units' | 'admin_unit_mapping'>(db: Db, table: T, rows: Insertable<DB[T]>[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size)).onConflict((oc) => oc.doNothing()).execute();
  }
}
