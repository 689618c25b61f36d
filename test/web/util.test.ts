// Pure helpers of the web app (web/src/util.ts): applicant validation, phone normalisation, Vietnam-time
// formatting, working time left, CSV export, report periods.
import { describe, expect, it } from 'vitest';
import { defaultCalendar, emptyApplicant, fmtDateTime, fmtLocalDate, fmtRate, monthStartBefore, presetRange, fmtWorkingHours, isCitizenId, isPhone, localInputToIso, normalisePhone, toCsv, validateApplicant, workingHoursBetween } from '../../web/src/util.js';

describe('applicant validation', () => {
  it('requires a name and a 12-digit citizen ID for individuals, and one contact', () => {
    const e = validateApplicant(emptyApplicant());
    expect(Object.keys(e).sort()).toEqual(['fullName', 'idNumber', 'phone']);
    expect(e.phone!.key).toBe('v.contact');
    const ok = validateApplicant({ ...emptyApplicant(), fullName: 'Nguyễn Văn A', idNumber: '038190012345', phone: '0912 345 678' });
    expect(ok).toEqual({});
    expect(validateApplicant({ ...emptyApplicant(), fullName: 'A', idNumber: '03819001234', phone: '0912345678' }).idNumber!.key).toBe('v.id12');
    expect(validateApplicant({ ...emptyApplicant(), fullName: 'A', idNumber: '038190012345', email: 'a@b.vn' })).toEqual({});
  });
  it('organisations need a name; the tax code has 10 or 13 digits; an address needs a commune and a line', () => {
    const org = { ...emptyApplicant(), kind: 'organisation' as const, fullName: 'Lê B', phone: '0912345678' };
    expect(Object.keys(validateApplicant(org))).toEqual(['orgName']);
    expect(validateApplicant({ ...org, orgName: 'Công ty X', taxCode: '12345' }).taxCode!.key).toBe('v.tax');
    expect(validateApplicant({ ...org, orgName: 'Công ty X', taxCode: '0101234567-001' })).toEqual({});
    expect(Object.keys(validateApplicant({ ...org, orgName: 'X', provinceCode: '38' })).sort()).toEqual(['communeCode', 'line']);
  });
  it('phones: mobile and landline, with +84, spaces and dots', () => {
    expect(isPhone('0912 345 678')).toBe(true);
    expect(isPhone('+84 356.111.222')).toBe(true);
    expect(normalisePhone('+84 356.111.222')).toBe('0356111222');
    expect(isPhone('0237 3852 123')).toBe(true);
    expect(isPhone('12345')).toBe(false);
    expect(isPhone('0112345678')).toBe(false);
    expect(isCitizenId(' 038190012345 ')).toBe(true);
    expect(isCitizenId('03819001234a')).toBe(false);
  });
});

describe('time', () => {
  it('formats in Vietnam time whatever the machine zone', () => {
    expect(fmtDateTime('2026-11-23T02:00:00Z')).toBe('23/11/2026 09:00');
    expect(fmtDateTime(null)).toBe('—');
    expect(localInputToIso('2026-12-01T08:30')).toBe('2026-12-01T08:30:00+07:00');
    expect(localInputToIso('bad')).toBeNull();
  });
  it('working hours left skip nights, weekends and days off', () => {
    const cal = defaultCalendar();
    // Friday 16:00 → Monday 09:30 (Vietnam): 1 h Friday + 2 h Monday
    expect(workingHoursBetween(new Date('2026-11-27T09:00:00Z'), new Date('2026-11-30T02:30:00Z'), cal)).toBe(3);
    cal.off.add('2026-11-30');
    expect(workingHoursBetween(new Date('2026-11-27T09:00:00Z'), new Date('2026-11-30T02:30:00Z'), cal)).toBe(1);
    // late: negative
    expect(workingHoursBetween(new Date('2026-11-27T09:00:00Z'), new Date('2026-11-27T08:00:00Z'), cal)).toBe(-1);
    cal.swaps.add('2026-11-28'); // Saturday worked
    expect(workingHoursBetween(new Date('2026-11-27T10:00:00Z'), new Date('2026-11-28T10:00:00Z'), cal)).toBe(8);
    expect(fmtWorkingHours(19.5)).toBe('2 ngày 3.5 giờ');
    expect(fmtWorkingHours(-3, 'en')).toBe('3 h');
    expect(fmtWorkingHours(8, 'en')).toBe('1 working day');
  });
});

it('CSV export keeps Vietnamese (BOM) and quotes separators', () => {
  expect(toCsv([['Tên', 'Số'], ['Sở Tư pháp, tỉnh', 3]])).toBe('\uFEFFTên,Số\r\n"Sở Tư pháp, tỉnh",3');
});

describe('report periods', () => {
  it('the current month, quarter and year end today; last month is the whole previous month', () => {
    expect(presetRange('this_month', '2026-05-20')).toEqual({ from: '2026-05-01', to: '2026-05-20' });
    expect(presetRange('last_month', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(presetRange('last_month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last_month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('this_quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(presetRange('this_quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetRange('this_year', '2026-05-20')).toEqual({ from: '2026-01-01', to: '2026-05-20' });
  });
  it('twelve-month windows cross the year; dates and rates display the Vietnamese way', () => {
    expect(monthStartBefore('2026-05-20', 11)).toBe('2025-06-01');
    expect(monthStartBefore('2026-12-01', 11)).toBe('2026-01-01');
    expect(monthStartBefore('2026-01-31', 0)).toBe('2026-01-01');
    expect(monthStartBefore('2026-12-15', -1)).toBe('2027-01-01'); // the next month
    expect(fmtLocalDate('2026-05-01')).toBe('01/05/2026');
    expect(fmtRate(97.5)).toBe('97,5%');
    expect(fmtRate(97.5, 'en')).toBe('97.5%');
    expect(fmtRate(100)).toBe('100%');
    expect(fmtRate(null)).toBe('—');
  });
});

describe('dd/mm/yyyy typing', () => {
  it('digits fill day, month and year; separators close a one-digit part; backspace keeps working', async () => {
    const { maskDmy, parseDmy, isoToDmy, maskDmyHm, parseDmyHm } = await import('../../web/src/util.js');
    expect(maskDmy('15031990')).toBe('15/03/1990');
    expect(maskDmy('150')).toBe('15/0');
    expect(maskDmy('15/031')).toBe('15/03/1');
    expect(maskDmy('1/3/1990')).toBe('1/3/1990');
    expect(maskDmy('15/')).toBe('15/');
    expect(maskDmy('15//')).toBe('15/');
    expect(maskDmy('1503199012')).toBe('15/03/1990');
    expect(maskDmy('ab15x')).toBe('15');
    expect(maskDmy('')).toBe('');
    expect(parseDmy('1/3/1990')).toBe('1990-03-01');
    expect(parseDmy('15/03/1990')).toBe('1990-03-15');
    expect(parseDmy('30/02/1990')).toBeNull();
    expect(parseDmy('29/02/2024')).toBe('2024-02-29');
    expect(parseDmy('15/03')).toBeNull();
    expect(isoToDmy('1990-03-15')).toBe('15/03/1990');
    expect(maskDmyHm('150319901430')).toBe('15/03/1990 14:30');
    expect(maskDmyHm('1503199014')).toBe('15/03/1990 14');
    expect(parseDmyHm('15/03/1990 14:30')).toBe('1990-03-15T14:30');
    expect(parseDmyHm('15/03/1990 24:00')).toBeNull();
  });
});

describe('printed text and problem field errors', () => {
  it('refuses emoji, other scripts, markup and non-letters in names, within the limit', async () => {
    const { textProblem } = await import('../../web/src/util.js');
    expect(textProblem('Đặng-Lê Thị Ánh', 'name', 100)).toBeNull();
    expect(textProblem('Nguyễn 😀', 'name', 100)).toEqual({ key: 'input.unprintable', params: { chars: '😀' } });
    expect(textProblem('Trần 李', 'text', 100)!.key).toBe('input.unprintable');
    expect(textProblem('<b>x</b>', 'text', 100)!.key).toBe('input.markup');
    expect(textProblem('Nguyễn Văn A1', 'name', 100)!.key).toBe('input.nameChars');
    expect(textProblem('Số 12, đường Lê Lợi', 'text', 100)).toBeNull();
    expect(textProblem('x'.repeat(101), 'text', 100)).toEqual({ key: 'input.tooLong', params: { max: 100, n: 101 } });
  });
  it('maps API paths onto the reception fields; unknown paths stay in the rest', async () => {
    const { fieldErrorsFromProblem, RECEPTION_FIELDS } = await import('../../web/src/util.js');
    const r = fieldErrorsFromProblem([
      { path: 'body.applicant.fullName', code: 'too_big', message: 'Tối đa 100 ký tự' },
      { path: 'body.applicant.fullName', code: 'X', message: 'second' },
      { path: 'body.applicant.address.line', message: 'line' },
      { path: 'body.applicant.address.communeCode', message: 'commune' },
      { path: 'body.applicant.organisation.name', message: 'org' },
      { path: 'body.applicant', message: 'contact' },
      { path: 'body.components.3.name', message: 'comp' },
      { path: 'body.somethingNew', message: 'rest' },
    ], RECEPTION_FIELDS);
    expect(r.fields).toEqual({ fullName: 'Tối đa 100 ký tự', line: 'line', communeCode: 'commune', orgName: 'org', phone: 'contact', 'components.3': 'comp' });
    expect(r.rest.map((e) => e.path)).toEqual(['body.somethingNew']);
  });
});
