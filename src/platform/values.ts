// Small value helpers shared by every module.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (ids are UUIDs; codes never are, so a reference can be told apart). */
export const isUuid = (s: string | null | undefined): s is string => !!s && UUID.test(s);

/** An instant as ISO-8601 UTC, or null (database rows give Date, JSON gives string). */
export const isoOrNull = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
