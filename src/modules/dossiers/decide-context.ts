// What decide() needs besides the state: the working calendar of the receiving desk (in force at `now`),
// the process definition and the workflow settings; and the mapping of its refusals to HTTP errors.
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingHours as calAddWorkingHours, sameDayDue, workingMinutesBetween, type WorkingCalendar } from '../calendar/working-time.js';
import { workflowConfigOf, type ProcessRow } from '../workflow/workflow.service.js';
import type { DecideContext, DecideError } from '../workflow/state-machine.js';
import { dossierErrors } from './dossiers.errors.js';

export interface CalendarFns {
  calendar: WorkingCalendar;
  version: string;
}

export async function calendarFor(ctx: AppContext, agencyId: string, at: Date): Promise<CalendarFns> {
  const { calendar, version } = await getWorkingCalendar(ctx, agencyId, at);
  return { calendar, version: String(version) };
}

export function decideContext(now: Date, cal: CalendarFns, process: ProcessRow, base: Partial<DecideContext['config']> = {}): DecideContext {
  const c = cal.calendar;
  return {
    now,
    addWorkingHours: (from, hours) => calAddWorkingHours(c, from, hours),
    workingHoursBetween: (a, b) => workingMinutesBetween(c, a, b) / 60,
    endOfWorkingDay: (d) => sameDayDue(c, d),
    process: process.definition,
    config: workflowConfigOf(process, base),
  };
}

export function configBase(ctx: AppContext): Partial<DecideContext['config']> {
  return { dueSoonHours: ctx.config.dueSoonHours };
}

/** A refusal of decide() as the HTTP error: 403 forbidden, 422 bad payload, 409 for the rest (stale, illegal now). */
export function decideError(e: DecideError): AppError {
  const params = { vi: e.messageVi, en: e.messageEn };
  const extra = { allowed: e.allowed, reason: e.code };
  switch (e.code) {
    case 'FORBIDDEN':
      return dossierErrors.ACTION_FORBIDDEN(params, extra);
    case 'INVALID_PAYLOAD':
      return dossierErrors.INVALID_PAYLOAD(params, {
        ...extra,
        errors: [{ path: e.path ? `body.payload.${e.path}` : 'body.payload', code: 'INVALID_PAYLOAD', messageVi: e.messageVi, messageEn: e.messageEn }],
      });
    default:
      return dossierErrors[e.code](params, extra);
  }
}
