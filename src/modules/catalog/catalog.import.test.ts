// Pure parts of the importer and the reception API: CSV, file reading, agency fill, time-limit summary and
// the working-hours conversion.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fillAgencies, parseCsv, readAgencyList, readRecords, referenceCatalog, timeLimitSummary } from './catalog.import.js';
import { parseNationalRecord } from './catalog.parse.js';
import { searchWords, isCodeQuery } from './catalog.repo.js';
import { defaultLevelOfAgencyKind, legalLimitHours } from './catalog.service.js';

const dir = mkdtempSync(join(tmpdir(), 'motcua-catalog-'));

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and CRLF line ends', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","he said ""hi"""\n2,"line\nbreak",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'he said "hi"'],
      ['2', 'line\nbreak', ''],
    ]);
  });
  it('keeps a last row without a newline and strips a BOM', () => {
    expect(parseCsv('\uFEFFa,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('readRecords', () => {
  it('reads JSON lines, gzip JSON lines and a JSON array', () => {
    const lines = '{"a":1}\n\n{"a":2}\n';
    writeFileSync(join(dir, 'x.jsonl'), lines);
    writeFileSync(join(dir, 'x.jsonl.gz'), gzipSync(lines));
    writeFileSync(join(dir, 'x.json'), '[{"a":1},{"a":2}]');
    for (const f of ['x.jsonl', 'x.jsonl.gz', 'x.json']) expect(readRecords(join(dir, f))).toEqual([{ a: 1 }, { a: 2 }]);
  });
  it('names the line that is not JSON', () => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"a":1}\n{oops\n');
    expect(() => readRecords(join(dir, 'bad.jsonl'))).toThrow(/bad\.jsonl:2/);
  });
});

describe('implementing agency from the list export', () => {
  it('fills only missing agencies and turns the issue into a warning', () => {
    writeFileSync(join(dir, 'list.csv'), 'source_file,ma_so,ten,co_quan_ban_hanh,co_quan_thuc_hien,linh_vuc\nf,1.000001,"Tên",Bộ,"Ủy ban nhân dân cấp xã",Hộ tịch\n');
    const list = readAgencyList(join(dir, 'list.csv'));
    expect(list.get('1.000001')).toBe('Ủy ban nhân dân cấp xã');
    const missing = parseNationalRecord({ ma_thu_tuc: '1.000001', ten_thu_tuc: 'Tên' });
    const present = parseNationalRecord({ ma_thu_tuc: '1.000001', ten_thu_tuc: 'Tên', co_quan_thuc_hien: 'Sở Tư pháp' });
    expect(missing.issues.some((i) => i.field === 'implementingAgency')).toBe(true);
    expect(fillAgencies([missing, present], list)).toBe(1);
    expect(missing.implementingAgency).toBe('Ủy ban nhân dân cấp xã');
    expect(missing.issues.some((i) => i.field === 'implementingAgency')).toBe(false);
    expect(missing.warnings.some((w) => w.field === 'implementingAgency')).toBe(true);
    expect(present.implementingAgency).toBe('Sở Tư pháp');
  });

  it('reads the reference list export (2,642 codes, some without an agency)', () => {
    const { parsed, agencyList } = referenceCatalog();
    expect(parsed.length).toBe(2642 + 207);
    expect(agencyList.size).toBeGreaterThan(2000);
  });
});

describe('time limits', () => {
  const ch = (kind: 'in_person' | 'online' | 'postal', value: number | null, unit = 'working_days') => ({
    kind,
    timeLimit: value === null ? null : { value, unit: unit as 'working_days', text: `${value}`, from: 'time_column' as const },
    timeText: null,
    fees: [],
    description: '',
  });
  it('summarises with the in-person channel, else the first channel that has a limit', () => {
    expect(timeLimitSummary({ channels: [ch('online', 3), ch('in_person', 5)] })).toMatchObject({ value: 5, channel: 'in_person' });
    expect(timeLimitSummary({ channels: [ch('in_person', null), ch('postal', 7)] })).toMatchObject({ value: 7, channel: 'postal' });
    expect(timeLimitSummary({ channels: [ch('in_person', null)] })).toBeNull();
  });
  it('converts to working hours (8 per working day; calendar days as working days; months not convertible)', () => {
    expect(legalLimitHours({ value: 5, unit: 'working_days' })).toBe(40);
    expect(legalLimitHours({ value: 1.5, unit: 'working_days' })).toBe(12);
    expect(legalLimitHours({ value: 15, unit: 'days' })).toBe(120);
    expect(legalLimitHours({ value: 4, unit: 'working_hours' })).toBe(4);
    expect(legalLimitHours({ value: 3, unit: 'hours' })).toBe(3);
    expect(legalLimitHours({ value: 1, unit: 'same_day' })).toBe(0);
    expect(legalLimitHours({ value: 6, unit: 'months' })).toBeNull();
    expect(legalLimitHours(null)).toBeNull();
  });
});

describe('search keys', () => {
  it('drops diacritics, case and punctuation like SQL catalog_search_key', () => {
    expect(searchWords('  Đăng ký KHAI SINH, (lưu động)')).toEqual(['dang', 'ky', 'khai', 'sinh', 'luu', 'dong']);
    expect(searchWords('—')).toEqual([]);
  });
  it('recognises code queries', () => {
    expect(isCodeQuery('1.001193')).toBe(true);
    expect(isCodeQuery('1.0011')).toBe(true);
    expect(isCodeQuery('1.000948.H38')).toBe(true);
    expect(isCodeQuery('khai sinh')).toBe(false);
  });
  it('maps agency kinds to the level they perform by default', () => {
    expect(defaultLevelOfAgencyKind('department')).toBe('province');
    expect(defaultLevelOfAgencyKind('service_centre')).toBe('province');
    expect(defaultLevelOfAgencyKind('commune_committee')).toBe('commune');
    expect(defaultLevelOfAgencyKind('vertical_agency')).toBeNull();
  });
});
