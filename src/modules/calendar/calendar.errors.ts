// The calendar's error registry (each code with its status and both messages: defineErrors) and the mapping
// of the pure arithmetic's errors to HTTP problems, shared by the read API and the admin use cases.
import { AppError, defineErrors } from '../../platform/errors.js';
import { NoWorkingTimeError } from './working-time.js';
import { CalendarRangeError } from './agency-working-time.js';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './calendar.schema.js';

export const calendarErrors = defineErrors({
  CALENDAR_DATE_OUT_OF_RANGE: {
    status: 422,
    vi: 'Ngày nằm ngoài phạm vi lịch hỗ trợ ({min} – {max}).',
    en: 'The date is outside the supported calendar range ({min} – {max}).',
  },
  CALENDAR_LUNAR_DATE_INVALID: {
    status: 422,
    vi: 'Ngày âm lịch {day}/{month}{leapVi}/{year} không tồn tại.',
    en: 'The lunar date {day}/{month}{leapEn}/{year} does not exist.',
  },
  CALENDAR_AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan có mã {code}.', en: 'No agency with code {code}.' },
  CALENDAR_HOLIDAY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy ngày nghỉ / ngày làm bù này.', en: 'No such day off or swapped working day.' },
  CALENDAR_DATE_TAKEN: {
    status: 409,
    vi: 'Ngày {date} đã có trong lịch ({name}); hãy sửa mục đó thay vì thêm mới.',
    en: 'The date {date} is already in the calendar ({name}); change that entry instead.',
  },
  CALENDAR_SWAP_NOT_WEEKEND: {
    status: 422,
    vi: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật ({date} là ngày thường).',
    en: 'A swapped working day must be a Saturday or Sunday ({date} is a weekday).',
  },
  CALENDAR_COMPENSATORY_ON_WEEKEND: {
    status: 422,
    vi: 'Ngày nghỉ bù / nghỉ hoán đổi phải là ngày thường ({date} là cuối tuần).',
    en: 'A compensatory day off must be a weekday ({date} is a weekend day).',
  },
  CALENDAR_YEAR_ALREADY_CONFIRMED: { status: 409, vi: 'Lịch nghỉ năm {year} đã được xác nhận.', en: 'The {year} schedule is already confirmed.' },
  CALENDAR_NO_WORKING_TIME: {
    status: 422,
    vi: 'Lịch làm việc không có thời gian làm việc trong khoảng cần tính; kiểm tra giờ làm việc và ngày nghỉ.',
    en: 'The working calendar has no working time in the period; check the office hours and days off.',
  },
  CALENDAR_VERSION_UNKNOWN: {
    status: 422,
    vi: 'Phiên bản lịch {version} chưa tồn tại (phiên bản hiện tại: {current}).',
    en: 'Calendar version {version} does not exist (current version: {current}).',
  },
  CALENDAR_OFFICE_HOURS_INVALID: {
    status: 422, // raised through invalid(), with the errors on their fields
    vi: 'Giờ làm việc không hợp lệ.',
    en: 'Invalid office hours.',
  },
});

export const outOfRange = () => calendarErrors.CALENDAR_DATE_OUT_OF_RANGE({ min: `${MIN_CALENDAR_YEAR}-01-01`, max: `${MAX_CALENDAR_YEAR}-12-31` });

export function toCalendarError(err: unknown): unknown {
  if (err instanceof CalendarRangeError) return outOfRange();
  if (err instanceof NoWorkingTimeError) return calendarErrors.CALENDAR_NO_WORKING_TIME();
  if (err instanceof RangeError || err instanceof TypeError) return new AppError(422, 'VALIDATION_FAILED', {}, { detail: err.message });
  return err;
}
