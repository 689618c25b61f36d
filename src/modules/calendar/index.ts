/**
 * Calendar module: Vietnamese lunar calendar, statutory and official days
 * off, and working-time arithmetic for time limits (thời hạn giải quyết).
 * Everything here is pure: no I/O, no clock; callers pass instants in.
 */
export { InvalidDateError, addDaysIso, formatIsoDate, parseIsoDate, weekdayOfIso } from './civil-date.js';

export {
  InvalidLunarDate,
  MAX_LUNAR_YEAR,
  MAX_SOLAR_DATE,
  MIN_LUNAR_YEAR,
  MIN_SOLAR_DATE,
  leapMonthOf,
  lunarToSolar,
  lunarYearInfo,
  solarToLunar,
  tetDate,
  type LunarDate,
  type LunarMonthInfo,
  type LunarYearInfo,
} from './lunar.js';

export {
  InvalidScheduleError,
  breakLength,
  buildWorkingCalendar,
  daysOffForYears,
  generateStatutoryDaysOff,
  loadOfficialSchedule,
  type DayOffEntry,
  type DayOffKind,
  type HolidaySource,
  type LoadOptions,
  type StatutoryOptions,
} from './holiday-rules.js';

export {
  DEFAULT_OFFICE_HOURS,
  MAX_IDLE_DAYS,
  NoWorkingTimeError,
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  formatLocalDateTime,
  isWorkingDay,
  isWorkingInstant,
  localDate,
  nextWorkingInstant,
  parseLocalDateTime,
  sameDayDue,
  workingMinutesBetween,
  type Interval,
  type OfficeHours,
  type Session,
  type Weekday,
  type WorkingCalendar,
} from './working-time.js';
