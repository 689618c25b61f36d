import { describe, expect, it } from 'vitest';
import type { CompiledQuery } from 'kysely';
import { mergeWrites } from './write-batch.js';

const q = (sql: string, parameters: unknown[]) => ({ sql, parameters }) as unknown as CompiledQuery;

describe('mergeWrites', () => {
  it('one part is sent as it is', () => {
    expect(mergeWrites([q('update t set a = $1 where id = $2', [1, 'x'])])).toEqual({ sql: 'update t set a = $1 where id = $2', parameters: [1, 'x'] });
  });

  it('parts become CTEs before the last; placeholders are renumbered in order, $10 and above too', () => {
    const many = Array.from({ length: 11 }, (_, i) => `$${i + 1}`).join(', ');
    const m = mergeWrites([
      q(`insert into e values (${many})`, Array.from({ length: 11 }, (_, i) => i)),
      q('update d set v = $1 where id = $2', ['v', 'id']),
      q('update k set s = $1', [200]),
    ]);
    expect(m.sql).toBe(`WITH w1 AS (insert into e values (${many})), w2 AS (update d set v = $12 where id = $13) update k set s = $14`);
    expect(m.parameters).toEqual([...Array.from({ length: 11 }, (_, i) => i), 'v', 'id', 200]);
  });
});
