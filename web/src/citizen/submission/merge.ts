// A field-by-field merge of a draft edited on two devices (pure). `base` is the server copy this device last
// saw, `mine` what it holds now, `theirs` the server copy the 409 DRAFT_VERSION_CONFLICT brought back. A field
// changed on one side only takes that side; changed the same way on both, either; changed differently on both
// sides is a conflict the citizen chooses (the merged value keeps theirs until then). Objects are merged key
// by key; arrays and uploads' entries (components.<id>) are one field each.

export type Json = unknown;
export interface Conflict { path: string[]; mine: Json; theirs: Json }

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** JSON with sorted keys, so the same value compares equal whatever the key order. */
function stable(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  if (isObject(x)) return `{${Object.keys(x).filter((k) => x[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stable(x[k])}`).join(',')}}`;
  return JSON.stringify(x);
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b);

/** Paths whose value is one field even when it is an object (an upload's entry). */
const atomic = (path: string[]) => path.length === 2 && path[0] === 'components';

export function mergeDrafts(base: Json, mine: Json, theirs: Json): { merged: Json; conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  const walk = (b: Json, m: Json, t: Json, path: string[]): Json => {
    if (same(m, t)) return m;
    if (same(m, b)) return t;
    if (same(t, b)) return m;
    if (isObject(m) && isObject(t) && !atomic(path)) {
      const b0 = isObject(b) ? b : {};
      const out: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(t), ...Object.keys(m)])) {
        const v = walk(b0[k], m[k], t[k], [...path, k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    conflicts.push({ path, mine: m, theirs: t });
    return t;
  };
  return { merged: walk(base, mine, theirs, []), conflicts };
}

/** `form` with the value at `path` replaced (pure; undefined removes it). */
export function setAt(form: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const [k, ...rest] = path as [string, ...string[]];
  const o = isObject(form) ? { ...form } : {};
  const v = setAt(o[k], rest, value);
  if (v === undefined) delete o[k];
  else o[k] = v;
  return o;
}
