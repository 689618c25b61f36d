// Set-based cloning of rows in SQL for the benches that grow a database from dossiers the real services made
// (bench/reports.ts, bench/province.ts): every column copied, instants shifted back by m.shift.
import type pg from 'pg';

type Column = { name: string; type: string; hasDefault: boolean };

async function columnsOf(c: pg.PoolClient, table: string): Promise<Column[]> {
  const { rows } = await c.query(
    `SELECT column_name AS name, data_type AS type, column_default IS NOT NULL AS "hasDefault"
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows as Column[];
}

/** INSERT … SELECT of every column of `table` from alias s, instants shifted back by m.shift, `over` replacing some. */
export async function cloneStatement(c: pg.PoolClient, table: string, from: string, over: Record<string, string>, skip: string[] = []): Promise<string> {
  const cols = (await columnsOf(c, table)).filter((x) => !skip.includes(x.name));
  const exprs = cols.map((x) =>
    over[x.name] ?? (x.type === 'timestamp with time zone' ? `s.${x.name} - m.shift` : x.type === 'date' ? `(s.${x.name} - m.shift)::date` : `s.${x.name}`),
  );
  return `INSERT INTO ${table} (${cols.map((x) => x.name).join(', ')}) SELECT ${exprs.join(', ')} ${from}`;
}
