import { describe, expect, it } from 'vitest';
import { ImmutableCache } from './immutable-cache.js';

describe('ImmutableCache', () => {
  it('loads a key once, forgets a failed load, and drops the oldest entry past its bound', async () => {
    const c = new ImmutableCache(2);
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.get('v', 'a', load)).toBe(1);
    expect(await c.get('v', 'a', load)).toBe(1);
    await expect(c.get('v', 'b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await c.get('v', 'b', load)).toBe(2);
    expect(await c.get('w', 'a', load)).toBe(3); // another kind, same key
    expect(c.size).toBe(2);
    expect(await c.get('v', 'a', load)).toBe(4); // the oldest went
  });
});
