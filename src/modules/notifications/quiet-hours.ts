// Quiet hours for SMS (MOTCUA_SMS_QUIET_HOURS, default 21:00-07:00 local time): a message due inside them is
// deferred to their end. Pure; local time is Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
const VN_OFFSET_MS = 7 * 3_600_000;
const MINUTE = 60_000;

export type QuietHours = { startMinute: number; endMinute: number } | null;

/** When an SMS may be sent: `now` itself outside quiet hours, else the end of the quiet period. */
export function smsAllowedAt(now: Date, quiet: QuietHours): Date {
  if (!quiet) return now;
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const { startMinute: s, endMinute: e } = quiet;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return now;
  // midnight of the local day, in UTC
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VN_OFFSET_MS;
  const endToday = dayStart + e * MINUTE;
  return new Date(endToday > now.getTime() ? endToday : endToday + 24 * 60 * MINUTE);
}
