// The agency an admin or public calendar request names by its code (office hours, due dates).
import type { AppContext } from '../../platform/context.js';
import { agencyByCodeInHistory, type Agency } from '../org/org.read.js';
import { calendarErrors } from './calendar.errors.js';

/** Finds an agency in force by its code; 404 CALENDAR_AGENCY_NOT_FOUND. */
export async function agencyByCode(ctx: AppContext, code: string): Promise<Agency> {
  const a = await agencyByCodeInHistory(ctx.db, code);
  if (!a) throw calendarErrors.CALENDAR_AGENCY_NOT_FOUND({ code });
  return a;
}
