// The SQL of the backups module: what a backup records about its source, whether a restore target is empty,
// the table-by-table copy between two databases of the same schema (PGlite ↔ PostgreSQL), and the reads the
// verification needs. Everything goes through pg pools (PGlite through its socket server).
import type pg from 'pg';

export async function migrationLevel(pool: pg.Pool): Promise<string> {
  const r = await pool.query(`SELECT coalesce(max(version), '0000') AS v FROM schema_migrations`);
  return String(r.rows[0].v);
}

export async function serverVersion(pool: pg.Pool): Promise<string> {
  return String((await pool.query(`SELECT version() AS v`)).rows[0].v);
}

/** Every blob a file row refers to (the blob store part of a backup). */
export async function fileBlobs(pool: pg.Pool): Promise<{ sha256: string; size: number }[]> {
  const r = await pool.query(`SELECT sha256, max(size) AS size FROM files GROUP BY sha256 ORDER BY sha256`);
  return r.rows.map((x) => ({ sha256: String(x.sha256), size: Number(x.size) }));
}

/** Number of tables outside the system schemas (0 = an empty database a restore may write into). */
export async function userTableCount(pool: pg.Pool): Promise<number> {
  const r = await pool.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
  return Number(r.rows[0].n);
}

/** --force: empties the database (the application schemas). */
export async function dropApplicationSchemas(pool: pg.Pool): Promise<void> {
  const r = await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg_%'`);
  for (const row of r.rows) await pool.query(`DROP SCHEMA ${ident(row.nspname)} CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS public CASCADE`);
  await pool.query(`CREATE SCHEMA public`);
}

function ident(name: string): string {
  return `"${String(name).replace(/"/g, '""')}"`;
}

interface TableInfo {
  name: string;
  columns: string[];
}

/** The tables a backup holds: UNLOGGED ones keep only transient state (rate-limit windows) and are left out. */
async function publicTables(pool: pg.Pool | pg.PoolClient): Promise<TableInfo[]> {
  const r = await pool.query(`SELECT c.relname AS t, array_agg(a.attname::text ORDER BY a.attnum) AS cols
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relpersistence = 'p' GROUP BY c.relname ORDER BY c.relname`);
  return r.rows.map((x) => ({ name: String(x.t), columns: x.cols as string[] }));
}

/** Row count of every table of the public schema (the moves' before/after comparison). */
export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await publicTables(pool)) out[t.name] = Number((await pool.query(`SELECT count(*)::int AS n FROM public.${ident(t.name)}`)).rows[0].n);
  return out;
}

/**
 * Copies every row of the public schema from `source` to `target` (both migrated to the same level) in ONE
 * target transaction, triggers and foreign keys off (session_replication_role = replica: needs a superuser
 * on PostgreSQL), then the sequences. Rows the migrations put in the target are replaced. pg-boss's schema
 * (queued jobs) is not copied: the server recreates it and re-registers its schedules at start.
 */
export async function copyPublicSchema(source: pg.Pool, target: pg.Pool, batch = 2000): Promise<number> {
  const tables = await publicTables(source);
  const client = await target.connect();
  let rows = 0;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    const targetTables = new Set((await publicTables(client)).map((t) => t.name));
    for (const t of tables) {
      if (!targetTables.has(t.name)) throw new Error(`table ${t.name} is missing in the target`);
      const tbl = `public.${ident(t.name)}`;
      const cols = t.columns.map(ident).join(', ');
      await client.query(`DELETE FROM ${tbl}`);
      let after = '(0,0)';
      for (;;) {
        const page = await source.query(`SELECT ctid::text AS tid, to_json(x)::text AS j FROM ${tbl} x WHERE ctid > $1::tid ORDER BY ctid LIMIT ${batch}`, [after]);
        if (page.rows.length === 0) break;
        after = page.rows[page.rows.length - 1].tid;
        const json = `[${page.rows.map((r) => r.j).join(',')}]`;
        await client.query(`INSERT INTO ${tbl} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${tbl}, $1::json)`, [json]);
        rows += page.rows.length;
      }
    }
    const seqs = await source.query(`SELECT c.relname AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`);
    for (const s of seqs.rows) {
      const v = (await source.query(`SELECT last_value, is_called FROM public.${ident(s.s)}`)).rows[0];
      await client.query(`SELECT setval($1::regclass, $2, $3)`, [`public.${ident(s.s)}`, v.last_value, v.is_called]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  return rows;
}

// ---- verification reads ----

export interface StoredDossier {
  id: string;
  code: string | null;
  version: number;
  status: string;
  national_status: number;
  state: Record<string, unknown>;
}

export async function dossiersForCheck(pool: pg.Pool): Promise<StoredDossier[]> {
  const r = await pool.query(`SELECT id, code, version, status, national_status, state FROM dossiers ORDER BY id`);
  return r.rows as StoredDossier[];
}

/** The event log, grouped by dossier in version order. */
export async function eventsByDossier(pool: pg.Pool): Promise<Map<string, unknown[]>> {
  const r = await pool.query(`SELECT dossier_id, event FROM dossier_events ORDER BY dossier_id, version`);
  const out = new Map<string, unknown[]>();
  for (const row of r.rows) {
    const list = out.get(row.dossier_id) ?? [];
    list.push(row.event);
    out.set(row.dossier_id, list);
  }
  return out;
}

/** Each agency's daily code counter (the last number issued) and the agency's code. */
export async function codeCounters(pool: pg.Pool): Promise<{ agencyCode: string; localDate: string; n: number }[]> {
  const r = await pool.query(`SELECT a.code AS agency_code, c.local_date::text AS local_date, c.n
    FROM dossier_code_counters c JOIN agencies a ON a.id = c.agency_id ORDER BY a.code, c.local_date`);
  return r.rows.map((x) => ({ agencyCode: String(x.agency_code), localDate: String(x.local_date), n: Number(x.n) }));
}

export async function dossierCodes(pool: pg.Pool): Promise<Set<string>> {
  const r = await pool.query(`SELECT code FROM dossiers WHERE code IS NOT NULL`);
  return new Set(r.rows.map((x) => String(x.code)));
}

export async function fileRows(pool: pg.Pool): Promise<{ id: string; sha256: string }[]> {
  const r = await pool.query(`SELECT id, sha256 FROM files ORDER BY id`);
  return r.rows.map((x) => ({ id: String(x.id), sha256: String(x.sha256) }));
}
