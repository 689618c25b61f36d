// The operations of the running server's /openapi.json, for tests that walk every one of them.
import type { HttpClient } from '../helpers.js';

export interface Operation {
  method: string;
  /** OpenAPI path template, e.g. /api/v1/dossiers/{code} */
  path: string;
  op: OpenApiOperation;
}

export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export async function operations(client: HttpClient): Promise<Operation[]> {
  const doc = await client.get('/openapi.json');
  if (doc.status !== 200) throw new Error(`openapi.json: ${doc.status}`);
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, OpenApiOperation>>)) {
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path, op: item[m] });
  }
  return out;
}

/** The path with every {param} replaced by `value(name)`. */
export const fillPath = (path: string, value: (name: string) => string): string =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)));

/** `<area>` of an /api/v1/<area>/… template (null outside the API or for auth, which needs no scope). */
export function areaOf(path: string): string | null {
  const area = /^\/api\/v1\/([a-z-]+)/.exec(path)?.[1];
  // the citizen portal's API (/api/v1/citizen/…) ignores officials' tokens and sessions altogether: it is no
  // token area (its own session tests are in test/citizens)
  return !area || area === 'auth' || area === 'citizen' ? null : area;
}
