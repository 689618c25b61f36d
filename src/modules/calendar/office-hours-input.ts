// Office hours as an admin enters them: the sessions of each weekday checked (start before end, no
// overlap, some working time in the week) and turned into the stored shape (pure: no I/O).
import type { z } from 'zod';
import { invalid, type FieldError } from '../../platform/errors.js';
import type { Session } from './working-time.js';
import { WEEKDAY_KEYS, type OfficeHoursPut } from './calendar.schema.js';
import type { ScheduleRow } from './timeline.js';
import './calendar.errors.js';

const clockMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** Validates sessions (start < end, no overlap, some working time in the week) → stored shape. */
export function storedWeekly(weekly: NonNullable<z.infer<typeof OfficeHoursPut>['weekly']>): ScheduleRow['weekly'] {
  const errors: FieldError[] = [];
  const out: Record<string, Session[]> = {};
  let total = 0;
  WEEKDAY_KEYS.forEach((k, i) => {
    const sessions = [...(weekly[k] ?? [])].sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
    sessions.forEach((s, j) => {
      const start = clockMinutes(s.start);
      const end = clockMinutes(s.end);
      if (start >= end) {
        errors.push({ path: `body.weekly.${k}.${j}`, code: 'SESSION_ORDER', messageVi: `Giờ bắt đầu ${s.start} phải trước giờ kết thúc ${s.end}.`, messageEn: `Start ${s.start} must be before end ${s.end}.` });
      }
      if (j > 0 && start < clockMinutes(sessions[j - 1].end)) {
        errors.push({ path: `body.weekly.${k}`, code: 'SESSION_OVERLAP', messageVi: 'Các buổi làm việc chồng lên nhau.', messageEn: 'Sessions overlap.' });
      }
      total += Math.max(0, end - start);
    });
    out[String(i)] = sessions.map((s) => ({ start: s.start, end: s.end }));
  });
  if (errors.length === 0 && total === 0) {
    errors.push({ path: 'body.weekly', code: 'NO_SESSIONS', messageVi: 'Tuần phải có ít nhất một buổi làm việc.', messageEn: 'The week needs at least one session.' });
  }
  if (errors.length > 0) throw invalid(errors, 'CALENDAR_OFFICE_HOURS_INVALID');
  return out;
}
