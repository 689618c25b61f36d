// Pure helpers: validation of the applicant form, Vietnam-time formatting, working hours left.
// No React here (unit-tested in util.test.ts).
import { APPLICANT_LIMITS, PHONE_RULES } from './limits.js';

export const TZ = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3_600_000; // Vietnam has no daylight saving time

/** dd/mm/yyyy hh:mm in Vietnam time (both languages: the officials' paper forms use this order). */
export function fmtDateTime(iso: string | null | undefined, _lang = 'vi'): string {
  if (!iso) return '—';
  const s = new Date(new Date(iso).getTime() + OFFSET_MS).toISOString();
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}`;
}
/** Working hours as "2 ngày 3 giờ" / "2 d 3 h" (8 working hours a day). */
export function fmtWorkingHours(h: number, lang = 'vi'): string {
  const total = Math.round(Math.abs(h) * 2) / 2;
  const days = Math.floor(total / 8);
  const hours = Math.round((total - days * 8) * 10) / 10;
  const [d, hh] = lang === 'en' ? [days === 1 ? 'working day' : 'working days', 'h'] : ['ngày', 'giờ'];
  return days > 0 ? `${days} ${d}${hours ? ` ${hours} ${hh}` : ''}` : `${hours} ${hh}`;
}
/** How long ago an instant was, in calendar time: "45 phút", "3 giờ", "2 ngày" (the online queue's age). */
export function fmtAge(iso: string, now: Date, lang = 'vi'): string {
  const min = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  const en = lang === 'en';
  if (min < 60) return en ? `${min} min` : `${min} phút`;
  const h = Math.floor(min / 60);
  if (h < 24) return en ? `${h} h` : `${h} giờ`;
  const d = Math.floor(h / 24);
  return en ? `${d} ${d === 1 ? 'day' : 'days'}` : `${d} ngày`;
}
export function fmtDate(iso: string | null | undefined, lang = 'vi'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}
export function fmtMoney(n: number | null | undefined, lang = 'vi'): string {
  if (n === null || n === undefined) return '—';
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(n)} đ`;
}
/** Local (Vietnam) YYYY-MM-DD of an instant. */
export function localDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
/** `YYYY-MM-DDTHH:MM` (datetime-local input, Vietnam time) → ISO instant with +07:00. */
export function localInputToIso(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return null;
  return `${v}:00+07:00`;
}
export function isoToLocalInput(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Validation

const PHONE_SEPARATORS = new RegExp(PHONE_RULES.separators, 'g');
const MOBILE = new RegExp(PHONE_RULES.mobile);
const LANDLINE = new RegExp(PHONE_RULES.landline);
/** As the server normalises (rules generated from it): separators dropped, +84 / 84 → 0. */
export const normalisePhone = (s: string): string => s.replace(PHONE_SEPARATORS, '').replace(/^\+84/, '0').replace(/^84(?=\d{9,10}$)/, '0');
export const isPhone = (s: string): boolean => MOBILE.test(normalisePhone(s)) || LANDLINE.test(normalisePhone(s));
export const isCitizenId = (s: string): boolean => /^\d{12}$/.test(s.trim());
export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
export const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export interface ApplicantForm {
  kind: 'individual' | 'organisation';
  fullName: string;
  idNumber: string;
  birthDate: string;
  gender: '' | 'male' | 'female';
  orgName: string;
  taxCode: string;
  phone: string;
  email: string;
  provinceCode: string;
  communeCode: string;
  line: string;
}

export const emptyApplicant = (): ApplicantForm => ({
  kind: 'individual', fullName: '', idNumber: '', birthDate: '', gender: '', orgName: '', taxCode: '', phone: '', email: '', provinceCode: '', communeCode: '', line: '',
});

/** An i18n key with its params; `field` is the i18n key of the field's label (for "Vui lòng nhập {{field}}"). */
export interface ValidationMessage { key: string; field?: string; params?: Record<string, string | number> }

/** Field → message key (i18n `v.*`, `input.*`) with params. Empty object = valid. */
export function validateApplicant(a: ApplicantForm): Record<string, ValidationMessage> {
  const e: Record<string, ValidationMessage> = {};
  if (!a.fullName.trim()) e.fullName = { key: 'v.required', field: 'reception.fullName' };
  if (a.kind === 'individual') {
    if (!a.idNumber.trim()) e.idNumber = { key: 'v.required', field: 'reception.idNumber' };
    else if (!isCitizenId(a.idNumber)) e.idNumber = { key: 'v.id12' };
  } else {
    if (!a.orgName.trim()) e.orgName = { key: 'v.required', field: 'reception.orgName' };
    if (a.taxCode.trim() && !/^\d{10}(-\d{3})?$/.test(a.taxCode.trim())) e.taxCode = { key: 'v.tax' };
    if (a.idNumber.trim() && !isCitizenId(a.idNumber)) e.idNumber = { key: 'v.id12' };
  }
  if (a.birthDate && !parseDmy(isoToDmy(a.birthDate))) e.birthDate = { key: 'v.date' };
  else if (a.birthDate && parseDmy(isoToDmy(a.birthDate))! < '1900-01-01') e.birthDate = { key: 'input.dateEarly' };
  const texts: Array<[keyof ApplicantForm, 'name' | 'text', number]> = [
    ['fullName', 'name', APPLICANT_LIMITS.fullName], ['orgName', 'text', APPLICANT_LIMITS.organisationName], ['line', 'text', APPLICANT_LIMITS.addressLine],
  ];
  for (const [k, kind, max] of texts) {
    const p = e[k] ? null : textProblem(a[k], kind, max);
    if (p) e[k] = p;
  }
  if (a.phone.trim() && !isPhone(a.phone)) e.phone = { key: 'v.phone' };
  else if (!a.phone.trim() && !a.email.trim() && !a.communeCode) e.phone = { key: 'v.contact' };
  if (a.email.trim() && !isEmail(a.email)) e.email = { key: 'v.email' };
  if (a.line.trim() || a.provinceCode) {
    if (!a.communeCode) e.communeCode = { key: 'v.commune' };
    if (!a.line.trim()) e.line = { key: 'v.required', field: 'reception.line' };
  }
  return e;
}

// ---------------------------------------------------------------------------------------------
// Working time left (display only: the server owns every deadline)

export type WeeklySessions = Record<string, Array<{ start: string; end: string }>>;
const WD = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DEFAULT_WEEK: WeeklySessions = {
  mon: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }],
  tue: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }],
  wed: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }],
  thu: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }],
  fri: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }],
  sat: [],
  sun: [],
};

export interface WorkCalendar {
  weekly: WeeklySessions;
  /** local dates that are days off */
  off: Set<string>;
  /** local dates that are swapped working days (worked with the Monday schedule) */
  swaps: Set<string>;
}
export const defaultCalendar = (): WorkCalendar => ({ weekly: DEFAULT_WEEK, off: new Set(), swaps: new Set() });

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Working hours between a and b (a ≤ b, else negative), by the calendar; at most 400 days scanned. */
export function workingHoursBetween(a: Date, b: Date, cal: WorkCalendar): number {
  if (b.getTime() < a.getTime()) return -workingHoursBetween(b, a, cal);
  let total = 0;
  const startDay = new Date(localDate(a) + 'T00:00:00Z').getTime();
  for (let day = startDay, i = 0; i < 400; i++, day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    const dayStartUtc = day - OFFSET_MS; // local midnight as an instant
    if (dayStartUtc > b.getTime()) break;
    const wd = WD[new Date(day).getUTCDay()]!;
    let sessions = cal.weekly[wd] ?? [];
    if (cal.off.has(date)) sessions = [];
    else if (cal.swaps.has(date)) sessions = cal.weekly.mon ?? [];
    for (const s of sessions) {
      const from = Math.max(dayStartUtc + minutes(s.start) * 60_000, a.getTime());
      const to = Math.min(dayStartUtc + minutes(s.end) * 60_000, b.getTime());
      if (to > from) total += (to - from) / 3_600_000;
    }
  }
  return total;
}

export function toCsv(rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n');
}

// ---------------------------------------------------------------------------------------------
// Report periods (local dates, `to` inclusive, never past today)

export const PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Last day (1–31) of a month (month 1–12). */
export function monthDays(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
/** The first day of the month `n` months before the month of `date` (YYYY-MM-DD). */
export function monthStartBefore(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${pad2(mm + 1)}-01`;
}
/** from/to of a preset period for a local `today`; the current periods end today. */
export function presetRange(p: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (p) {
    case 'this_month': return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last_month': {
      const from = monthStartBefore(today, 1);
      return { from, to: `${from.slice(0, 8)}${pad2(monthDays(Number(from.slice(0, 4)), Number(from.slice(5, 7))))}` };
    }
    case 'this_quarter': return { from: `${y}-${pad2(Math.floor((m - 1) / 3) * 3 + 1)}-01`, to: today };
    case 'this_year': return { from: `${y}-01-01`, to: today };
  }
}
/** dd/mm/yyyy of a local date (YYYY-MM-DD). */
export function fmtLocalDate(d: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : d;
}
/** A percentage for display: 2 decimals at most, the locale's decimal mark; — when unknown. */
export function fmtRate(r: number | null | undefined, lang = 'vi'): string {
  if (r === null || r === undefined) return '—';
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(r)}%`;
}

// ---------------------------------------------------------------------------------------------
// Dates typed as dd/mm/yyyy (the order of every Vietnamese form; the browser's own date input follows the
// operating system's locale, often mm/dd/yyyy)

/**
 * What the date field shows while typing: digits fill day, month, year in turn and the slashes come by
 * themselves ("15031990" → "15/03/1990"); a typed separator (/ . - or space) closes a one-digit day or month.
 */
export function maskDmy(raw: string): string {
  const parts = ['', '', ''];
  let i = 0;
  let closed = false; // the last character was a separator that opened the next part
  for (const ch of raw) {
    if (/\d/.test(ch)) {
      if (i < 2 && parts[i]!.length === 2) i++;
      if (parts[i]!.length < (i === 2 ? 4 : 2)) parts[i] += ch;
      closed = false;
    } else if (/[/.\-\s]/.test(ch) && i < 2 && parts[i]!.length > 0 && !closed) {
      i++;
      closed = true;
    }
  }
  const shown = parts.slice(0, i + 1);
  return shown.join('/');
}

/** 'YYYY-MM-DD' of a complete dd/mm/yyyy text naming a real day; null otherwise. */
export function parseDmy(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** dd/mm/yyyy of 'YYYY-MM-DD'; other text unchanged (a draft typed earlier). */
export const isoToDmy = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

/** dd/mm/yyyy hh:mm while typing, from the digits ("150319901430" → "15/03/1990 14:30"). */
export function maskDmyHm(raw: string): string {
  const d = raw.replace(/\D/g, '').slice(0, 12);
  const cut = [2, 4, 8, 10];
  const seps = ['/', '/', ' ', ':'];
  let out = '';
  for (let i = 0; i < d.length; i++) {
    const at = cut.indexOf(i);
    if (at >= 0) out += seps[at];
    out += d[i];
  }
  return out;
}

/** 'YYYY-MM-DDTHH:MM' (local Vietnam time) of a complete dd/mm/yyyy hh:mm text; null otherwise. */
export function parseDmyHm(text: string): string | null {
  const m = /^(\S+)\s+(\d{1,2}):(\d{2})$/.exec(text.trim());
  const day = m ? parseDmy(m[1]!) : null;
  if (!m || !day || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return `${day}T${m[2]!.padStart(2, '0')}:${m[3]}`;
}

/** dd/mm/yyyy hh:mm of 'YYYY-MM-DDTHH:MM'. */
export const localInputToDmyHm = (v: string): string => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? `${isoToDmy(v.slice(0, 10))} ${v.slice(11, 16)}` : v);

// ---------------------------------------------------------------------------------------------
// Text printed on the forms: the same checks as the server (src/modules/dossiers/applicant-text.ts), so the
// officer sees them while typing; the server, which knows the exact font coverage, stays the judge.

/** Emoji, control characters, and scripts the document font (Latin, Greek, Cyrillic) does not carry. */
const UNPRINTABLE = /[\p{Extended_Pictographic}\p{Cc}\u{FE0F}\u{200D}]|[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}\p{Script=Greek}\p{Script=Cyrillic}]/gu;
const NAME = /^[\p{L}\p{M} .'\u2019-]+$/u;

/** The first problem of a printed text, as an i18n key of `input.*` with its params; null when fine. */
export function textProblem(s: string, kind: 'name' | 'text', max: number): { key: string; params?: Record<string, string | number> } | null {
  const v = s.trim();
  if (v.length > max) return { key: 'input.tooLong', params: { max, n: v.length } };
  if (/[<>]/.test(v)) return { key: 'input.markup' };
  const bad = [...new Set(v.replace(/[\t\n\r]/g, '').match(UNPRINTABLE) ?? [])];
  if (bad.length > 0) return { key: 'input.unprintable', params: { chars: bad.slice(0, 5).join(' ') } };
  if (kind === 'name' && v && !NAME.test(v)) return { key: 'input.nameChars' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Field errors of a problem+json answer (path "body.applicant.fullName") onto the form's own field keys

export interface ProblemFieldError { path: string; code?: string; message?: string; messageVi?: string; messageEn?: string }

/** Form field key of each API path the reception form shows; a path not listed goes to the form's summary. */
export const RECEPTION_FIELDS: Array<[RegExp, string | ((m: RegExpExecArray) => string)]> = [
  [/^body\.procedureCode$/, 'procedure'],
  [/^body\.applicant\.organisation(\.name)?$/, 'orgName'],
  [/^body\.applicant\.organisation\.taxCode$/, 'taxCode'],
  [/^body\.applicant\.(fullName|idNumber|birthDate|gender|phone|email)$/, (m) => m[1]!],
  [/^body\.applicant\.address\.line$/, 'line'],
  [/^body\.applicant\.address(\.communeCode|\.provinceCode)?$/, 'communeCode'],
  [/^body\.applicant$/, 'phone'], // "at least one contact": shown at the first contact field
  [/^body\.delivery\.address(\..*)?$/, 'deliveryLine'],
  [/^body\.competentAgencyCode$/, 'competent'],
  [/^body\.components\.(\d+)(\..*)?$/, (m) => `components.${m[1]}`],
  [/^body\.reason$/, 'reason'],
  [/^body\.items(\.\d+)?$/, 'items'],
  [/^body\.note$/, 'note'],
];

/** Splits field errors into form fields (first message per field) and the rest, in the caller's language. */
export function fieldErrorsFromProblem(errors: ProblemFieldError[], map: typeof RECEPTION_FIELDS, lang = 'vi'): { fields: Record<string, string>; rest: ProblemFieldError[] } {
  const fields: Record<string, string> = {};
  const rest: ProblemFieldError[] = [];
  for (const e of errors) {
    const text = e.message ?? (lang === 'en' ? e.messageEn : e.messageVi) ?? e.code ?? '';
    const hit = map.map(([re, to]) => [re.exec(e.path), to] as const).find(([m]) => m);
    if (!hit) { rest.push(e); continue; }
    const [m, to] = hit;
    const key = typeof to === 'string' ? to : to(m!);
    fields[key] ??= text;
  }
  return { fields, rest };
}
