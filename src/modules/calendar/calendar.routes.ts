// HTTP: lunar/solar conversion, due dates, days off (public read, admin changes), office hours per agency.
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import { computeDue, toLunar, toSolar } from './calendar-public.js';
import { listHolidays } from './holiday-list.js';
import { addHoliday, deleteHoliday, updateHoliday } from './holiday-edit.js';
import { confirmYear } from './year-confirm.js';
import { getOfficeHours, setOfficeHours } from './office-hours.js';
import {
  AgencyCodeParam,
  DueOut,
  DueQuery,
  HolidayChangeOut,
  HolidayCreate,
  HolidayDeleteOut,
  HolidayIdParam,
  HolidayPatch,
  HolidaysOut,
  HolidaysQuery,
  LunarOut,
  LunarQuery,
  OfficeHoursOut,
  OfficeHoursPut,
  SolarOut,
  SolarQuery,
  YearConfirm,
  YearOut,
  YearParam,
} from './calendar.schema.js';

const TAGS = ['calendar'];

export function calendarRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/calendar/lunar', {
    config: { anonymous: true },
    schema: { tags: TAGS, summary: 'Đổi dương lịch sang âm lịch / solar to lunar date', querystring: LunarQuery, response: { 200: LunarOut } },
  }, async (req) => toLunar(req.query.date));

  app.get('/api/v1/calendar/solar', {
    config: { anonymous: true },
    schema: { tags: TAGS, summary: 'Đổi âm lịch sang dương lịch / lunar to solar date', querystring: SolarQuery, response: { 200: SolarOut } },
  }, async (req) => {
    const q = req.query;
    return { date: toSolar(q.year, q.month, q.day, q.leap === 'true' || q.leap === '1') };
  });

  app.get('/api/v1/calendar/due', {
    config: { anonymous: true },
    schema: {
      tags: TAGS,
      summary: 'Tính hạn theo ngày/giờ làm việc / due instant after working days or hours',
      description:
        'Exactly one of workingDays (the start is first moved to the next working instant, 1 day = 8 working hours) and workingHours. ' +
        'Optional agency (agency code) for its office hours. calendarVersion recomputes with an older calendar.',
      querystring: DueQuery,
      response: { 200: DueOut },
    },
  }, async (req) => computeDue(ctx, req.query));

  app.get('/api/v1/calendar/holidays', {
    config: { anonymous: true },
    schema: { tags: TAGS, summary: 'Ngày nghỉ lễ, nghỉ bù, làm bù của một năm / days off of a year', querystring: HolidaysQuery, response: { 200: HolidaysOut } },
  }, async (req) => listHolidays(ctx, req.query.year));

  app.post('/api/v1/calendar/holidays', {
    schema: { tags: TAGS, summary: 'Thêm ngày nghỉ / ngày làm bù (quản trị) / add a day off or swapped working day', body: HolidayCreate, response: { 201: HolidayChangeOut } },
  }, async (req, reply) => reply.status(201).send(await addHoliday(ctx, requirePrincipal(req), req.body, originOf(req))));

  app.patch('/api/v1/calendar/holidays/:id', {
    schema: { tags: TAGS, summary: 'Dời / đổi tên ngày nghỉ (quản trị) / move or rename', params: HolidayIdParam, body: HolidayPatch, response: { 200: HolidayChangeOut } },
  }, async (req) => updateHoliday(ctx, requirePrincipal(req), req.params.id, req.body, originOf(req)));

  app.delete('/api/v1/calendar/holidays/:id', {
    schema: { tags: TAGS, summary: 'Xóa ngày nghỉ (quản trị) / remove', params: HolidayIdParam, response: { 200: HolidayDeleteOut } },
  }, async (req) => deleteHoliday(ctx, requirePrincipal(req), req.params.id, originOf(req)));

  app.post('/api/v1/calendar/years/:year/confirm', {
    schema: { tags: TAGS, summary: 'Xác nhận lịch nghỉ của năm (quản trị) / confirm a provisional year', params: YearParam, body: YearConfirm, response: { 200: YearOut } },
  }, async (req) => confirmYear(ctx, requirePrincipal(req), req.params.year, req.body?.note, originOf(req)));

  app.get('/api/v1/agencies/:code/office-hours', {
    schema: { tags: TAGS, summary: 'Giờ làm việc của cơ quan / office hours of an agency', params: AgencyCodeParam, response: { 200: OfficeHoursOut } },
  }, async (req) => {
    requirePrincipal(req);
    return getOfficeHours(ctx, req.params.code);
  });

  app.put('/api/v1/agencies/:code/office-hours', {
    schema: {
      tags: TAGS,
      summary: 'Đặt giờ làm việc từ một ngày (quản trị) / set office hours from a date',
      description: 'Replaces the agency’s schedule starting on validFrom (default today). weekly: null = follow the parent agency from that date.',
      params: AgencyCodeParam,
      body: OfficeHoursPut,
      response: { 200: OfficeHoursOut },
    },
  }, async (req) => setOfficeHours(ctx, requirePrincipal(req), req.params.code, req.body, originOf(req)));
}
