// Error messages by stable code, in Vietnamese (default) and English. `{name}` placeholders are filled
// from the error's params. Registries add their codes (defineErrors in platform/errors.ts).
export interface Message {
  vi: string;
  en: string;
}

// VALIDATION_FAILED is the one code with two statuses (400 for a request's shape, 422 for a broken rule), so it is
// registered here rather than through a defineErrors registry; every other code is declared by its owner
// (src/platform/platform.errors.ts, src/modules/*/*.errors.ts).
const catalog = new Map<string, Message>([
  ['VALIDATION_FAILED', { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' }],
]);

export function registerMessages(messages: Record<string, Message>): void {
  for (const [code, m] of Object.entries(messages)) catalog.set(code, m);
}

export type Lang = 'vi' | 'en';

export function message(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const m = catalog.get(code);
  const template = m ? m[lang] : code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

export function hasMessage(code: string): boolean {
  return catalog.has(code);
}

/** Vietnamese unless the client prefers English over Vietnamese (Accept-Language q-values honoured). */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'vi';
  const prefs = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((p) => p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith('vi')) return 'vi';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
