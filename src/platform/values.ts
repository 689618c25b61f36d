// Small value helpers shared by every module.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (ids are UUIDs; codes never are, so a reference can be told apart). */
export const isUuid = (s: string | null | undefined): s is string => !!s && UUID.test(s);

/** An instant as ISO-8601 UTC, or null (database rows give Date, JSON gives string). */
export const isoOrNull = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

const VN_OFFSET_MS = 7 * 3_600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

/** "23/11/2026 09:05" in Vietnam time (dd/mm/yyyy on every screen and message); '' for none. */
export function vnDateTime(d: string | Date | null | undefined): string {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + VN_OFFSET_MS);
  return `${p2(t.getUTCDate())}/${p2(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}`;
}
