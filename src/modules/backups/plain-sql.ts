// Loads a pg_dump plain SQL script into PGlite (PostgreSQL → PGlite): statements run through exec(), each
// "COPY … FROM stdin" block through COPY FROM '/dev/blob'. psql meta-commands (\restrict, \connect) are dropped.
import type { PGlite } from '@electric-sql/pglite';

export async function loadPlainSql(lite: PGlite, script: string): Promise<void> {
  const lines = script.split('\n');
  let statements: string[] = [];
  const flush = async () => {
    const text = statements.join('\n');
    statements = [];
    if (text.trim()) await lite.exec(text);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const copy = /^COPY (.+) FROM stdin;$/.exec(line);
    if (copy) {
      await flush();
      const data: string[] = [];
      for (i++; i < lines.length && lines[i] !== '\\.'; i++) data.push(lines[i]!);
      if (data.length) await lite.query(`COPY ${copy[1]} FROM '/dev/blob'`, [], { blob: new Blob([data.join('\n') + '\n']) });
      continue;
    }
    if (/^\\(restrict|unrestrict|connect)\b/.test(line)) continue;
    statements.push(line);
  }
  await flush();
  // the script empties search_path for its own session: give the session its defaults back
  await lite.exec('RESET ALL');
}
