// Every installed package must run on the oldest Node.js the project supports (package.json engines):
// `npm ci` on Node 20 then prints no EBADENGINE warning. A dependency that drops Node 20 fails here.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8'));

describe('package engines', () => {
  it('every locked package accepts the oldest supported Node.js', () => {
    const oldest = semver.minVersion(read('package.json').engines.node)!.version;
    expect(oldest).toBe('20.19.0');
    const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const demanding = Object.entries(lock.packages)
      .map(([path, p]) => [path, Array.isArray(p.engines) ? undefined : p.engines?.node] as const)
      .filter(([, node]) => node !== undefined);
    expect(demanding.length).toBeGreaterThan(100);
    const refusing = demanding.filter(([, node]) => !semver.satisfies(oldest, node!)).map(([path, node]) => `${path} (node ${node})`);
    expect(refusing).toEqual([]);
  });
});
