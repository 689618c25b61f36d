// Every error code the server can answer with: one HTTP status per code (the code is what clients and the
// web app switch on), and a message of its own in Vietnamese and English — never only a placeholder filled
// from elsewhere. The codes are read from the source (AppError constructions, invalid(), defineErrors
// registries); the messages from the running registry after every module has loaded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/app.js'; // loads every module, so every registerMessages / defineErrors has run
import { statusOf } from '../../src/platform/errors.js';
import { hasMessage, message } from '../../src/platform/i18n/messages.js';

/** Request-shape errors (schema) are 400; the same code for a broken domain rule is 422 — both on the field. */
const TWO_STATUSES_ALLOWED = new Set(['VALIDATION_FAILED']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function statusesByCode(): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const add = (code: string, status: number) => out.set(code, (out.get(code) ?? new Set()).add(status));
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new AppError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[2]!, Number(m[1]));
    for (const m of text.matchAll(/invalid\([^;]*?,\s*'([A-Z][A-Z0-9_]*)',\s*(\d{3})\)/g)) add(m[1]!, Number(m[2]));
    for (const m of text.matchAll(/\n\s+([A-Z][A-Z0-9_]*): \{\s*status: (\d{3})/g)) add(m[1]!, Number(m[2]));
  }
  return out;
}

describe('error codes', () => {
  const codes = statusesByCode();
  // every registry, also of modules the HTTP app does not load (the backups run from the CLI)
  beforeAll(async () => {
    for (const f of sourceFiles('src').filter((x) => x.endsWith('.errors.ts'))) await import(pathToFileURL(resolve(f)).href);
  });

  it('finds the codes in the source (the scan itself works)', () => {
    expect(codes.size).toBeGreaterThan(60);
    expect([...codes.get('NOT_FOUND')!]).toEqual([404]);
    expect(statusOf('PDF_ACTIVE_CONTENT')).toBe(422);
  });

  it('answers each code with one HTTP status', () => {
    const doubled = [...codes].filter(([code, s]) => s.size > 1 && !TWO_STATUSES_ALLOWED.has(code)).map(([code, s]) => `${code}: ${[...s].join(', ')}`);
    expect(doubled).toEqual([]);
  });

  it('agrees with the registry where a module declares its codes with defineErrors', () => {
    const disagree = [...codes].filter(([code, s]) => statusOf(code) !== undefined && !s.has(statusOf(code)!)).map(([code]) => code);
    expect(disagree).toEqual([]);
  });

  it('gives every code a Vietnamese and an English message with text of its own', () => {
    const bare = (t: string) => t.replace(/\{\w+\}/g, '').replace(/[\s:.,;()–-]/g, '') === '';
    const problems = [...codes.keys()].flatMap((code) => {
      if (!hasMessage(code)) return [`${code}: no message`];
      return (['vi', 'en'] as const).filter((lang) => bare(message(code, lang))).map((lang) => `${code}: ${lang} is only a placeholder`);
    });
    expect(problems).toEqual([]);
  });
});
