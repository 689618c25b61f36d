// Writes of one transaction that need no answer, sent to the database as ONE statement. On a 2-core host
// the cost of a write is mostly its round trips (each statement is a socket write, a wake-up of the
// server and a reply), so the last writes of an action — its events, its projection, its outbox
// messages and its Idempotency-Key answer — travel together as data-modifying CTEs:
//   WITH w1 AS (INSERT …), w2 AS (UPDATE …) INSERT …
// All parts see the same snapshot and none reads another's rows, which is what such writes need; a part
// that must read what an earlier write wrote cannot be batched. An error in any part fails the statement
// and so the transaction, as separate statements would.
import { CompiledQuery, type Kysely } from 'kysely';

type Compilable = { compile(): CompiledQuery };

/** The parts as one statement: their `$n` placeholders renumbered in order (no part may hold a literal `$n`). */
export function mergeWrites(parts: readonly CompiledQuery[]): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const texts = parts.map((p) => {
    const offset = parameters.length;
    parameters.push(...p.parameters);
    return p.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  if (texts.length === 1) return { sql: texts[0]!, parameters };
  const ctes = texts.slice(0, -1).map((t, i) => `w${i + 1} AS (${t})`).join(', ');
  return { sql: `WITH ${ctes} ${texts.at(-1)}`, parameters };
}

export class WriteBatch {
  private parts: CompiledQuery[] = [];

  add(q: Compilable | CompiledQuery): void {
    this.parts.push('compile' in q ? q.compile() : q);
  }

  get size(): number {
    return this.parts.length;
  }

  /** Sends what was added (nothing when empty) and starts over. */
  async flush(db: Kysely<any>): Promise<void> {
    if (this.parts.length === 0) return;
    const merged = mergeWrites(this.parts);
    this.parts = [];
    await db.executeQuery(CompiledQuery.raw(merged.sql, merged.parameters));
  }
}
