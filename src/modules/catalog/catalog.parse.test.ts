import { timeFromSteps } from './catalog.parse-channels.js';
import { readRecords } from './catalog.import.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildParseReport, formatParseReport } from './catalog.import-report.js';
import { parsePortalComponents, splitNameAndTemplates } from './catalog.parse-components.js';
import { parseAmount, parseDefenceFees, parseFeeText, readPortalFeeCell } from './catalog.parse-fees.js';
import { isoDate, parsePortalLegalBasis } from './catalog.parse-legal.js';
import { findTimeExpressions, parseTimeCell } from './catalog.parse-time.js';
import { IssueLog } from './catalog.parse-util.js';
import {
  PARSE_FIELDS,
  normaliseDecisionNumber,
  parseDefenceRecord,
  parseLevels,
  parseNationalRecord,
  type ParsedProcedure,
} from './catalog.parse.js';

type Raw = Record<string, unknown>;

const here = new URL('./', import.meta.url);
const readJson = (name: string): Raw[] => JSON.parse(readFileSync(new URL(`fixtures/${name}`, here), 'utf8')) as Raw[];
const national = new Map(readJson('tthc-national-tricky.json').map((r) => [r.ma_thu_tuc as string, r]));
const defence = new Map(readJson('tthc-defence-tricky.json').map((r) => [r.thu_tuc_id as string, r]));

function nat(code: string): ParsedProcedure {
  const raw = national.get(code);
  if (!raw) throw new Error(`fixture ${code} missing`);
  return parseNationalRecord(raw);
}
function def(code: string): ParsedProcedure {
  const raw = defence.get(code);
  if (!raw) throw new Error(`fixture ${code} missing`);
  return parseDefenceRecord(raw);
}
const issuesOf = (p: ParsedProcedure, field: string) => p.issues.filter((i) => i.field === field);
const warningsOf = (p: ParsedProcedure, field: string) => p.warnings.filter((w) => w.field === field);

describe('time cells and time expressions (domain-vn §9)', () => {
  it.each([
    ['5 Ngày làm việc', 5, 'working_days'],
    ['05 ngày làm việc', 5, 'working_days'],
    ['15 Ngày', 15, 'days'],
    ['03 giờ', 3, 'hours'],
    ['01 Giờ', 1, 'hours'],
    ['0.5 Giờ', 0.5, 'hours'],
    ['1.5 Ngày làm việc', 1.5, 'working_days'],
    ['2 Giờ làm việc', 2, 'working_hours'],
    ['6 Tháng', 6, 'months'],
    ['Trong ngày', 1, 'same_day'],
    ['Ngay trong ngày làm việc', 1, 'same_day'],
  ] as const)('reads the time column %j', (text, value, unit) => {
    expect(parseTimeCell(text)).toEqual({ kind: 'ok', time: { value, unit, text } });
  });

  it('keeps a number without unit as unit-less (never guesses "days")', () => {
    expect(parseTimeCell('1')).toEqual({ kind: 'unitless', value: 1, text: '1' });
  });

  it('separates "no data" from an explicit "not regulated" and from unreadable text', () => {
    expect(parseTimeCell('Không có thông tin')).toMatchObject({ kind: 'none', explicit: false });
    expect(parseTimeCell('')).toMatchObject({ kind: 'none', explicit: false });
    expect(parseTimeCell('Không quy định')).toMatchObject({ kind: 'none', explicit: true });
    expect(parseTimeCell('Không phải trả kết quả cho người nộp thuế')).toMatchObject({ kind: 'none', explicit: true });
    expect(parseTimeCell('10-25')).toMatchObject({ kind: 'failed' });
    expect(parseTimeCell('Chậm nhất là ngay trước khi tàu rời cảng')).toMatchObject({ kind: 'failed' });
  });

  it('finds durations in free text but not dates or "the next working day"', () => {
    expect(findTimeExpressions('Trong thời hạn 30 ngày kể từ ngày nhận đủ hồ sơ')).toEqual([
      { value: 30, unit: 'days', text: '30 ngày' },
    ]);
    expect(findTimeExpressions('tối đa 10 (mười) ngày làm việc')).toEqual([
      { value: 10, unit: 'working_days', text: '10 (mười) ngày làm việc' },
    ]);
    expect(findTimeExpressions('Ngay trong ngày làm việc')).toEqual([
      { value: 1, unit: 'same_day', text: 'Ngay trong ngày làm việc' },
    ]);
    expect(findTimeExpressions('trong 1,5 ngày làm việc hoặc 03 giờ')).toEqual([
      { value: 1.5, unit: 'working_days', text: '1,5 ngày làm việc' },
      { value: 3, unit: 'hours', text: '03 giờ' },
    ]);
    expect(findTimeExpressions('Nghị định ngày 15 tháng 6 năm 2025')).toEqual([]);
    expect(findTimeExpressions('trả kết quả trong ngày làm việc tiếp theo')).toEqual([]);
  });
});

describe('fees', () => {
  it.each([
    ['Miễn phí', 0, 'VND'],
    ['Không', 0, 'VND'],
    ['Không Đồng', 0, 'VND'],
    ['0 Đồng', 0, 'VND'],
    ['50.000 đồng', 50000, 'VND'],
    ['100.000đ/hồ sơ', 100000, 'VND'],
    ['1,200,000 Việt Nam Đồng', 1200000, 'VND'],
    ['50,000 VNĐ(Lệ phí cấp giấy chứng nhận)', 50000, 'VND'],
  ] as const)('reads %j', (text, amountVnd, currency) => {
    const { fee, problem } = parseFeeText(text);
    expect(problem).toBeUndefined();
    expect(fee).toMatchObject({ amountVnd, amount: amountVnd, currency, text });
  });

  it('keeps what follows the amount as the note', () => {
    expect(parseFeeText('100.000đ/hồ sơ').fee.note).toBe('/hồ sơ');
    expect(parseFeeText('25 USD (Cấp thị thực có giá trị một lần)').fee).toMatchObject({
      amount: 25,
      amountVnd: null,
      currency: 'USD',
      note: 'Cấp thị thực có giá trị một lần',
    });
  });

  it('does not invent an amount from a rule or a bare "Đồng"', () => {
    const rule = parseFeeText('Mức thu bằng 50% mức thu phí quy định tại Mục I Đồng (Thông tư số 64/2025/TT-BTC)');
    expect(rule.fee.amountVnd).toBeNull();
    expect(rule.problem).toMatch(/not a number/);
    const empty = parseFeeText('Đồng (Theo quy định của Bộ Tài chính)');
    expect(empty.fee.amountVnd).toBeNull();
    expect(empty.problem).toMatch(/no amount/);
    expect(parseFeeText('o Đồng').fee.amountVnd).toBeNull();
  });

  it('refuses a VND amount below 1.000 đồng (the portal sometimes stores thousands)', () => {
    const r = parseFeeText('50 VNĐ((áp dụng mức phí 25.000 đồng/hồ sơ))');
    expect(r.fee).toMatchObject({ amount: 50, amountVnd: null, currency: 'VND' });
    expect(r.problem).toMatch(/implausible/);
  });

  it('reads the portal fee cell and stops at the end of the bracketed note', () => {
    const cell = readPortalFeeCell('50,000 VNĐ(Lệ phí (mức 2))Nộp qua Cổng DVC');
    expect(cell.kind).toBe('amount');
    expect(cell.fee?.note).toBe('Lệ phí (mức 2)');
    expect(cell.consumed).toBe('50,000 VNĐ(Lệ phí (mức 2))'.length);
    expect(readPortalFeeCell('Không có thông tinMô tả').kind).toBe('none');
    expect(readPortalFeeCell('Miễn phí').fee).toMatchObject({ amountVnd: 0 });
  });

  it('splits several defence fee lines', () => {
    const { fees, problems } = parseDefenceFees(
      'Lệ phí : 01 USD (từ 16 tuổi trở lên)\nLệ phí : 0.5 USD (dưới 16 tuổi)\nLệ phí : 20000 Đồng (Người điều khiển phương tiện)',
    );
    expect(problems).toEqual([]);
    expect(fees.map((f) => [f.name, f.amount, f.currency, f.amountVnd])).toEqual([
      ['Lệ phí', 1, 'USD', null],
      ['Lệ phí', 0.5, 'USD', null],
      ['Lệ phí', 20000, 'VND', 20000],
    ]);
  });

  it('parses grouped amounts back to the same number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (n) => {
        const dots = n.toLocaleString('de-DE'); // 1.200.000
        const commas = n.toLocaleString('en-US'); // 1,200,000
        return parseAmount(dots, 'VND') === n && parseAmount(commas, 'VND') === n && parseAmount(String(n), 'VND') === n;
      }),
    );
  });
});

describe('components', () => {
  it('separates a template file glued to the document name', () => {
    expect(splitNameAndTemplates('Dự án thành lập Cơ sở bảo tồn đa dạng sinh họcDu án thanh lap CSBT.docx')).toEqual({
      name: 'Dự án thành lập Cơ sở bảo tồn đa dạng sinh học',
      templates: ['Du án thanh lap CSBT.docx'],
      unsplit: false,
    });
    expect(splitNameAndTemplates('Đơn đề nghị cấp Giấy chứng nhậnĐơn đề nghi.CSBT.docx').templates).toEqual([
      'Đơn đề nghi.CSBT.docx',
    ]);
    expect(splitNameAndTemplates('Văn bản theo mẫu tại Phụ lục I Thông tư số 56/2025/TT-NHNN.Phụ lục I.docx')).toMatchObject({
      name: 'Văn bản theo mẫu tại Phụ lục I Thông tư số 56/2025/TT-NHNN.',
      templates: ['Phụ lục I.docx'],
    });
    expect(splitNameAndTemplates('Báo cáo năm 2026Mẫu số 11.docxMẫu số 12.docx').templates).toEqual([
      'Mẫu số 11.docx',
      'Mẫu số 12.docx',
    ]);
    expect(splitNameAndTemplates('Tờ khai theo mẫu quy địnhvăn bản đề nghị.docx').unsplit).toBe(true);
  });

  it('reads counts glued to a year and ignores counts written inside a name', () => {
    const log = new IssueLog();
    const comps = parsePortalComponents(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo Mẫu số 01 Thông tư số 02/2026/TT-BNNMT ngày 01/01/20261 bản chính,1 bản sao' +
        'Hóa đơn thương mại: 01 bản chính;0 bản chính,1 bản sao' +
        'Giấy phép nhập khẩu: 01 bản chính1 bản chính',
      log,
    );
    expect(comps.map((c) => [c.name, c.originals, c.copies])).toEqual([
      ['Tờ khai theo Mẫu số 01 Thông tư số 02/2026/TT-BNNMT ngày 01/01/2026', 1, 1],
      ['Hóa đơn thương mại: 01 bản chính', 0, 1],
      ['Giấy phép nhập khẩu: 01 bản chính', 1, 0],
    ]);
    expect(log.issues).toEqual([]);
  });
});

describe('legal basis', () => {
  it('splits title and number where they repeat and run together', () => {
    const log = new IssueLog();
    const lb = parsePortalLegalBasis(
      'Tên văn bản pháp lýMã văn bảnLuật 54/2014/QH1354/2014/QH13Thông tư 92/2015/TT-BTC92/2015/TT-BTC' +
        'Nghị định số 94/2025/NĐ-CP ngày 29 tháng 4 năm 2025 của Chính phủ.94/2025/NĐ-CP' +
        'Luật Cư trú 202068/2020/QH14Quyết định số 09/2023/QĐ-TTg09/2023/QĐ-TTg',
      log,
    );
    expect(lb).toEqual([
      { number: '54/2014/QH13', title: 'Luật 54/2014/QH13' },
      { number: '92/2015/TT-BTC', title: 'Thông tư 92/2015/TT-BTC' },
      { number: '94/2025/NĐ-CP', title: 'Nghị định số 94/2025/NĐ-CP ngày 29 tháng 4 năm 2025 của Chính phủ.' },
      { number: '68/2020/QH14', title: 'Luật Cư trú 2020' },
      { number: '09/2023/QĐ-TTg', title: 'Quyết định số 09/2023/QĐ-TTg' },
    ]);
    expect(log.issues).toEqual([]);
  });

  it('converts defence dates to ISO and rejects impossible ones', () => {
    expect(isoDate('24-03-2021')).toBe('2021-03-24');
    expect(isoDate('31-02-2021')).toBeNull();
  });
});

describe('levels, decision numbers', () => {
  it('maps level labels of both sets', () => {
    const log = new IssueLog();
    expect(parseLevels('Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác', log)).toEqual({
      levels: ['ministry', 'province', 'commune'],
      otherLevels: ['Cơ quan khác'],
    });
    expect(parseLevels('Cấp Bộ, Cấp Tỉnh', log).levels).toEqual(['ministry', 'province']);
    expect(log.issues).toEqual([]);
  });

  it('reads "Cấp huyện" as commune (districts abolished 07/2025) with a warning, and fails unknown labels', () => {
    const log = new IssueLog();
    expect(parseLevels('Cấp huyện', log).levels).toEqual(['commune']);
    expect(log.warnings).toHaveLength(1);
    parseLevels('Cấp thôn', log);
    expect(log.issues).toEqual([{ field: 'levels', status: 'failed', detail: 'unknown level "Cấp thôn"' }]);
  });

  it('normalises decision numbers', () => {
    expect(normaliseDecisionNumber('Quyết định số 6225/QĐ-BQP')).toBe('6225/QĐ-BQP');
    expect(normaliseDecisionNumber('3980 /QĐ-BQP')).toBe('3980/QĐ-BQP');
    expect(normaliseDecisionNumber('163/QĐ-BTP')).toBe('163/QĐ-BTP');
    expect(normaliseDecisionNumber('')).toBeNull();
  });
});

describe('national records (real, tricky)', () => {
  it('khai sinh 1.001193: unit-less "1" is read as 1 working day (the portal default), flagged, free fees, grouped components, result code', () => {
    const p = nat('1.001193');
    expect(p).toMatchObject({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', levels: ['commune'] });
    expect(p.decisionNumber).toBe('163/QĐ-BTP');
    expect(p.sourceId).toBe('019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7'); // formality_id is empty: taken from detail_url
    expect(p.channels.map((c) => c.kind)).toEqual(['online', 'postal', 'in_person']);
    for (const c of p.channels) {
      expect(c.timeLimit).toEqual({ value: 1, unit: 'working_days', text: '1', from: 'unit_inferred' });
      expect(c.timeText).toBe('1');
      expect(c.fees).toEqual([{ name: 'Phí, lệ phí', amountVnd: 0, amount: 0, currency: 'VND', text: 'Miễn phí', note: null }]);
    }
    expect(issuesOf(p, 'channels.timeLimit')).toEqual([]);
    expect(p.warnings.filter((w) => w.field === 'channels.timeLimit').map((w) => w.detail)).toEqual([
      'Trực tuyến: time column "1" has no unit; read as working days (đơn vị suy ra)',
      'Dịch vụ bưu chính: time column "1" has no unit; read as working days (đơn vị suy ra)',
      'Trực tiếp: time column "1" has no unit; read as working days (đơn vị suy ra)',
    ]);
    const birth = p.components.find((c) => c.name.startsWith('Giấy chứng sinh'));
    expect(birth).toMatchObject({ originals: 1, copies: 0, required: true, group: '* Giấy tờ phải nộp:' });
    expect(new Set(p.components.map((c) => c.group))).toEqual(
      new Set(['* Giấy tờ phải nộp:', '* Giấy tờ phải xuất trình:', '* Lưu ý:', undefined]),
    );
    // Rows the portal uses for notes (0 originals, 0 copies) are kept but not required.
    expect(p.components.filter((c) => c.group === '* Lưu ý:').every((c) => !c.required)).toBe(true);
    expect(p.resultDocs).toEqual([{ name: 'Giấy khai sinh', code: 'KQ.G15.000031' }]);
    expect(p.results).toEqual(['Giấy khai sinh']);
    expect(p.legalBasis.map((l) => l.number)).toContain('123/2015/NĐ-CP');
    expect(issuesOf(p, 'implementingAgency')).toEqual([
      { field: 'implementingAgency', status: 'missing', detail: 'no implementing agency in source' },
    ]);
  });

  it('1.000005: time digits glued to the fee ("120,000 VNĐ") are reported, neither value is guessed', () => {
    const p = nat('1.000005');
    expect(p.channels).toHaveLength(1);
    const [c] = p.channels;
    expect(c).toMatchObject({ kind: 'online', timeLimit: null, timeText: null });
    expect(c.fees[0]).toMatchObject({ amountVnd: null, amount: null, currency: 'VND' });
    expect(c.fees[0].text).toMatch(/^120,000 VNĐ\(Theo khoản 1 Điều 3/);
    expect(issuesOf(p, 'channels.timeLimit')[0]).toMatchObject({ status: 'failed' });
    expect(issuesOf(p, 'channels.fees')[0]).toMatchObject({ status: 'failed' });
    expect(p.legalBasis).toEqual([
      { number: '54/2014/QH13', title: 'Luật 54/2014/QH13' },
      { number: '92/2015/TT-BTC', title: 'Thông tư 92/2015/TT-BTC' },
      { number: '78/2006/QH11', title: 'Luật 78/2006/QH11' },
    ]);
  });

  it('1.007857: glued "220 VNĐ" on one channel does not spoil the other ("2 Giờ", free)', () => {
    const p = nat('1.007857');
    expect(p.channels.map((c) => [c.kind, c.timeLimit?.value ?? null, c.timeLimit?.unit ?? null])).toEqual([
      ['online', null, null],
      ['in_person', 2, 'hours'],
    ]);
    expect(p.channels[1].fees[0].amountVnd).toBe(0);
  });

  it('3.000496: several channels with different limits', () => {
    const p = nat('3.000496');
    expect(p.channels.map((c) => [c.kind, c.timeLimit])).toEqual([
      ['online', { value: 15, unit: 'working_days', text: '15 Ngày làm việc', from: 'time_column' }],
      ['postal', { value: 3, unit: 'working_days', text: '3 Ngày làm việc', from: 'time_column' }],
      ['in_person', { value: 3, unit: 'working_days', text: '3 Ngày làm việc', from: 'time_column' }],
    ]);
    expect(p.issues.filter((i) => i.status === 'failed')).toEqual([]);
  });

  it('1.000028: two rows per channel (reception step and appraisal step) are both kept', () => {
    const p = nat('1.000028');
    expect(p.channels.map((c) => `${c.kind}:${c.timeLimit?.value}`)).toEqual([
      'in_person:1',
      'in_person:1',
      'online:2',
      'online:1',
      'postal:2',
      'postal:1',
    ]);
    expect(p.channels[0].description).toBe('Tiếp nhận và kiểm tra thành phần hồ sơ ngay trong ngày làm việc.');
    expect(issuesOf(p, 'channels.fees').map((i) => i.status)).toEqual(Array(6).fill('missing'));
  });

  it('1.004222 thường trú / 1.001194 thị thực: different fees per channel, VND and USD', () => {
    const tr = nat('1.004222');
    expect(tr.channels.map((c) => [c.kind, c.fees[0].amountVnd])).toEqual([
      ['online', 10000],
      ['in_person', 20000],
    ]);
    const visa = nat('1.001194');
    expect(visa.channels.map((c) => [c.kind, c.fees[0].amount, c.fees[0].currency, c.fees[0].amountVnd])).toEqual([
      ['online', 25, 'USD', null],
      ['postal', 25, 'USD', null],
      ['in_person', 5, 'USD', null],
    ]);
    expect(visa.channels[0].fees[0].note).toBe('Cấp thị thực có giá trị một lần');
  });

  it('1.002010: "50 VNĐ" whose note says 25.000 đồng is not taken as 50 đồng', () => {
    const p = nat('1.002010');
    for (const c of p.channels) {
      expect(c.fees[0]).toMatchObject({ amount: 50, amountVnd: null });
      expect(c.fees[0].note).toContain('25.000 đồng/hồ sơ');
    }
    expect(issuesOf(p, 'channels.fees').every((i) => i.status === 'failed' && /implausible/.test(i.detail))).toBe(true);
  });

  it('1.002345: "Miễn phí" with a note quoting 150.000 đồng is free as stated, with a warning', () => {
    const p = nat('1.002345');
    expect(p.channels.every((c) => c.fees[0].amountVnd === 0 && c.fees[0].note === '150.000 đồng/giấy')).toBe(true);
    expect(warningsOf(p, 'channels.fees')).toHaveLength(3);
  });

  it('1.002372 hours, 1.013097 "1.5 Ngày làm việc", 1.001010 months', () => {
    expect(nat('1.002372').channels[0].timeLimit).toMatchObject({ value: 3, unit: 'hours' });
    expect(nat('1.013097').channels[0].timeLimit).toMatchObject({ value: 1.5, unit: 'working_days' });
    const pr = nat('1.001010');
    expect(pr.channels[0].timeLimit).toMatchObject({ value: 6, unit: 'months' });
    expect(pr.channels[0].fees[0]).toMatchObject({ amount: 100, currency: 'USD' });
    expect(pr.components.find((c) => c.name === 'Bản sao hộ chiếu có chứng thực')).toMatchObject({
      originals: 0,
      copies: 1,
      certifiedCopies: 1,
    });
    expect(nat('1.013097')).toMatchObject({ levels: [], otherLevels: ['Cơ quan khác'] });
  });

  it('2.000815 chứng thực: no time limit in source (missing, not failed), fee per page, two rows of one channel', () => {
    const p = nat('2.000815');
    expect(p.levels).toEqual(['commune']);
    expect(p.otherLevels).toEqual(['Cơ quan khác']);
    expect(p.channels.map((c) => [c.kind, c.timeLimit, c.timeText])).toEqual([
      ['in_person', null, 'Không có thông tin'],
      ['in_person', null, 'Không có thông tin'],
    ]);
    expect(p.channels[0].fees[0]).toMatchObject({ amountVnd: 2000, note: '/trang' });
    expect(p.channels[1].fees[0]).toMatchObject({ amount: 10, currency: 'USD', note: '/bản' });
    expect(issuesOf(p, 'channels.timeLimit').map((i) => i.status)).toEqual(['missing', 'missing']);
  });

  it('1.003851: empty time column, limit read from a description that states it, marked as such', () => {
    const p = nat('1.003851');
    for (const c of p.channels) {
      expect(c.timeLimit).toEqual({ value: 15, unit: 'working_days', text: '15 ngày làm việc', from: 'description' });
    }
    expect(warningsOf(p, 'channels.timeLimit')).toHaveLength(3);
    expect(issuesOf(p, 'channels.timeLimit')).toEqual([]);
  });

  it('takes the unit of a unit-less time column from the description only when it states the processing time', () => {
    const row = (cell: string) => ({
      ma_thu_tuc: '9.999999',
      ten_thu_tuc: 'Thử nghiệm',
      cach_thuc_thuc_hien: `Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp${cell}`,
    });
    const ok = parseNationalRecord(row('3Miễn phíTrong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.'));
    expect(ok.channels[0].timeLimit).toEqual({ value: 3, unit: 'working_days', text: '03 ngày làm việc', from: 'description' });
    expect(warningsOf(ok, 'channels.timeLimit')).toHaveLength(1);
    // Same number, but about something else: no unit is borrowed; the portal's default unit (working days) is
    // used and flagged for review.
    const other = parseNationalRecord(row('1Miễn phíẢnh chụp không quá 01 tháng, nộp kèm tờ khai.'));
    expect(other.channels[0].timeLimit).toEqual({ value: 1, unit: 'working_days', text: '1', from: 'unit_inferred' });
    expect(issuesOf(other, 'channels.timeLimit')).toEqual([]);
    // Two units for the same number: ambiguous.
    const two = parseNationalRecord(row('5Miễn phí05 ngày làm việc kể từ ngày nhận hồ sơ; 05 ngày đối với hồ sơ bổ sung'));
    expect(two.channels[0].timeLimit).toBeNull();
    expect(issuesOf(two, 'channels.timeLimit')[0].status).toBe('failed');
  });

  it('1.007689: "Không phải trả kết quả cho người nộp thuế" is an answer (missing), not a parse failure', () => {
    const p = nat('1.007689');
    expect(p.channels.every((c) => c.timeLimit === null)).toBe(true);
    expect(issuesOf(p, 'channels.timeLimit').every((i) => i.status === 'missing')).toBe(true);
    expect(p.components.map((c) => c.template)).toEqual(['01 BĐS.docx', '01 BK-BĐS.docx']);
  });

  it('1.008682 / 1.003586: templates and counts glued to names', () => {
    expect(nat('1.008682').components.map((c) => [c.name, c.template])).toEqual([
      ['Dự án thành lập Cơ sở bảo tồn đa dạng sinh học', 'Du án thanh lap CSBT.docx'],
      ['Đơn đề nghị cấp Giấy chứng nhận Cơ sở bảo tồn đa dạng sinh học', 'Đơn đề nghi.CSBT.docx'],
    ]);
    const p = nat('1.003586');
    expect(p.components).toHaveLength(4);
    expect(p.components.every((c) => c.originals === 1 && c.copies === 1)).toBe(true);
    expect(p.components.some((c) => c.name.endsWith('ngày 01/01/2026'))).toBe(true);
  });

  it('6.003500: component field holding a result code is a failure, not a component', () => {
    const p = nat('6.003500');
    expect(p.components).toEqual([]);
    expect(issuesOf(p, 'components')).toEqual([
      { field: 'components', status: 'failed', detail: 'component table header not found: "KQ.G04.000398"' },
    ]);
  });

  it('1.009543: several results with non-standard codes', () => {
    expect(nat('1.009543').resultDocs).toEqual([
      { name: 'Chứng chỉ hành nghề chứng khoán được cấp, cấp lại', code: 'KQ0.00.00.G12-002223' },
      { name: 'văn bản yêu cầu bổ sung hồ sơ hoặc văn bản từ chối.', code: 'KQ0.00.00.G12-0321' },
    ]);
  });
});

describe('defence records (structured)', () => {
  it('1.013124: channels, components with template, full legal number recovered from the title', () => {
    const p = def('1.013124');
    expect(p).toMatchObject({ source: 'defence', code: '1.013124', levels: ['ministry'], decisionNumber: '6225/QĐ-BQP' });
    expect(p.sourceId).toBe('ChiTietTTHC_1.013124.doc');
    expect(p.channels.map((c) => [c.kind, c.timeLimit?.value, c.timeLimit?.unit, c.fees[0].amountVnd])).toEqual([
      ['in_person', 30, 'working_days', 0],
      ['online', 30, 'working_days', 0],
      ['postal', 30, 'working_days', 0],
    ]);
    expect(p.components[1]).toMatchObject({ template: '5-PHLCII.doc', originals: 1, copies: 0 });
    expect(p.legalBasis).toEqual([
      {
        number: '12/2021/QĐ-TTg',
        title: expect.stringMatching(/^Quyết định số 12\/2021\/QĐ-TTg ngày 24\/3\/2021/),
        issuedAt: '2021-03-24',
        issuer: 'Thủ tướng Chính phủ',
      },
    ]);
    expect(p.issues).toEqual([]);
  });

  it('1.013539: four fees on one channel', () => {
    const fees = def('1.013539').channels[0].fees;
    expect(fees.map((f) => f.amountVnd)).toEqual([2_000_000, 3_500_000, 4_000_000, 5_000_000]);
    expect(fees.every((f) => f.name === 'Phí' && f.note?.startsWith('Thẩm định cấp phép'))).toBe(true);
  });

  it('1.013575: USD and đồng fees together; "0 Giờ" kept with a warning', () => {
    const p = def('1.013575');
    expect(p.channels[0].fees.map((f) => [f.amount, f.currency])).toEqual([
      [1, 'USD'],
      [0.5, 'USD'],
      [20000, 'VND'],
    ]);
    expect(p.channels[0].timeLimit).toMatchObject({ value: 0, unit: 'hours' });
    expect(warningsOf(p, 'channels.timeLimit')).toHaveLength(1);
  });

  it('1.013144 "Không quy định" (missing), 1.013629 "10-25" and 1.013577 free text (failed)', () => {
    expect(issuesOf(def('1.013144'), 'channels.timeLimit').every((i) => i.status === 'missing')).toBe(true);
    const range = def('1.013629');
    expect(range.channels.every((c) => c.timeLimit === null && c.timeText === '10-25')).toBe(true);
    expect(issuesOf(range, 'channels.timeLimit').every((i) => i.status === 'failed')).toBe(true);
    const ship = def('1.013577');
    expect(ship.channels[0]).toMatchObject({ timeLimit: null, timeText: 'Chậm nhất là ngay trước khi tàu rời cảng' });
    expect(issuesOf(ship, 'channels.timeLimit')[0].status).toBe('failed');
    expect(ship.channels[0].fees[0]).toMatchObject({ amountVnd: 0, text: 'Phí : Không Đồng' });
    expect(ship.legalBasis.find((l) => l.title.includes('HÀNG HẢI'))?.number ?? null).toBeNull();
  });

  it('1.013140: four level labels', () => {
    expect(def('1.013140')).toMatchObject({ levels: ['ministry', 'province', 'commune'], otherLevels: ['Cơ quan khác'] });
  });
});

describe('robustness', () => {
  it('never throws and always reports on arbitrary input (property)', () => {
    const str = fc.oneof(fc.string(), fc.constantFrom('Không có thông tin', '', 'Trực tuyến1Miễn phí', '1 bản chính'));
    const rec = fc.record(
      {
        ma_thu_tuc: str,
        ten_thu_tuc: str,
        cap_thuc_hien: str,
        cach_thuc_thuc_hien: fc.oneof(str, str.map((s) => `Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp${s}`)),
        thanh_phan_ho_so: fc.oneof(str, str.map((s) => `--Tên giấy tờMẫu đơn, tờ khaiSố lượng${s}`)),
        can_cu_phap_ly: str,
        ket_qua_xu_ly: str,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(rec, fc.anything()), (raw) => {
        const a = parseNationalRecord(raw);
        const b = parseDefenceRecord(raw);
        return Array.isArray(a.issues) && Array.isArray(b.issues) && a.source === 'national' && b.source === 'defence';
      }),
      { numRuns: 300 },
    );
  });

  it('returns NFC text for decomposed (NFD) input', () => {
    const raw = { ...national.get('1.001193')! };
    for (const k of Object.keys(raw)) if (typeof raw[k] === 'string') raw[k] = (raw[k] as string).normalize('NFD');
    const p = parseNationalRecord(raw);
    expect(p.name).toBe('Thủ tục đăng ký khai sinh'.normalize('NFC'));
    expect(p.name).toBe(p.name.normalize('NFC'));
    expect(p.components.every((c) => c.name === c.name.normalize('NFC'))).toBe(true);
    expect(p.channels).toHaveLength(3);
  });

  it('keeps the parsing modules free of I/O', () => {
    const files = readdirSync(here).filter((f) => /^catalog\.(parse|import-report).*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = readFileSync(new URL(f, here), 'utf8');
      expect(src, f).not.toMatch(/from ['"](node:)?(fs|fs\/promises|zlib|path|pg|kysely)['"]/);
    }
  });
});

describe('parse report', () => {
  it('counts each record once per field by its worst state', () => {
    const parsed = [...national.values()].map(parseNationalRecord);
    const report = buildParseReport(parsed);
    expect(report.total).toBe(national.size);
    for (const f of PARSE_FIELDS) {
      const c = report.fields[f];
      expect(c.parsed + c.missing + c.failed, f).toBe(report.total);
    }
    expect(report.fields['channels.timeLimit'].failed).toBeGreaterThan(0);
    const text = formatParseReport(report, { title: 'Fixtures' });
    expect(text).toMatch(/^Fixtures: 20 records \(national 20, defence 0\)/);
    expect(text).toContain('channels.timeLimit');
    expect(text).toContain('Most frequent issues');
  });
});

// ---- full reference sets -------------------------------------------------------------------------------------

const REF = new URL('../../../reference-data/tthc/', import.meta.url);
const MAIN_FILE = new URL('tthc_bo_nganh_2026-07.jsonl.gz', REF);
const DEFENCE_FILE = new URL('tthc_bqp_structured_207.jsonl', REF);
const SAMPLE_FILE = new URL('tthc_sample_18_common.json', REF);
const haveRef = existsSync(MAIN_FILE) && existsSync(DEFENCE_FILE);

const jsonl = (text: string): Raw[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Raw);

/** Raw-text test of the target, independent of the parser: a channel row whose time cell has a number and a unit. */
const SOURCE_HAS_TIME = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)\d+(?:[.,]\d+)?\s?(Ngày làm việc|Ngày|Giờ|Tháng)/i;
const SOURCE_HAS_COMPONENTS = /\d bản chính/;

describe.skipIf(!haveRef)('full reference sets', () => {
  const main = haveRef ? jsonl(gunzipSync(readFileSync(MAIN_FILE)).toString('utf8')) : [];
  const bqp = haveRef ? jsonl(readFileSync(DEFENCE_FILE, 'utf8')) : [];

  it('parses all 2,642 national + 207 defence records without throwing', () => {
    expect(main).toHaveLength(2642);
    expect(bqp).toHaveLength(207);
    const parsed = [...main.map(parseNationalRecord), ...bqp.map(parseDefenceRecord)];
    expect(parsed).toHaveLength(2849);
    expect(new Set(parsed.filter((p) => p.source === 'national').map((p) => p.code)).size).toBe(2642);
    const report = buildParseReport(parsed);
    expect(report.bySource).toEqual({ national: 2642, defence: 207 });
    for (const f of ['code', 'name', 'field', 'levels', 'channels'] as const) expect(report.fields[f].failed, f).toBe(0);
    if (process.env.CATALOG_PARSE_REPORT) {
      console.log(formatParseReport(buildParseReport(parsed.slice(0, 2642)), { title: 'Main set' }));
      console.log(formatParseReport(buildParseReport(parsed.slice(2642)), { title: 'Defence set' }));
    }
  });

  it('target: every record whose source has a time limit and a component list yields both', () => {
    let eligible = 0;
    const missed: string[] = [];
    for (const r of main) {
      if (!SOURCE_HAS_TIME.test(String(r.cach_thuc_thuc_hien)) || !SOURCE_HAS_COMPONENTS.test(String(r.thanh_phan_ho_so))) continue;
      eligible++;
      const p = parseNationalRecord(r);
      if (!p.channels.some((c) => c.timeLimit !== null) || p.components.length === 0) missed.push(p.code);
    }
    for (const r of bqp) {
      const tables = (r.tables ?? {}) as { hinh_thuc_nop?: Raw[]; thanh_phan_ho_so?: Raw[] };
      const hasTime = (tables.hinh_thuc_nop ?? []).some((c) => /^\s*\d+(?:[.,]\d+)?\s*(Ngày|Giờ|Tháng)/i.test(String(c.thoi_han_giai_quyet)));
      if (!hasTime || (tables.thanh_phan_ho_so ?? []).length === 0) continue;
      eligible++;
      const p = parseDefenceRecord(r);
      if (!p.channels.some((c) => c.timeLimit !== null) || p.components.length === 0) missed.push(p.code);
    }
    expect(eligible).toBeGreaterThan(2200);
    expect(missed).toEqual([]);
  });

  it.skipIf(!existsSync(SAMPLE_FILE))('parses the 18 common procedures', () => {
    const sample = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as Raw[];
    const parsed = sample.map(parseNationalRecord);
    expect(parsed).toHaveLength(18);
    const byCode = new Map(parsed.map((p) => [p.code, p]));
    expect(byCode.get('1.004194')?.channels[0]).toMatchObject({
      kind: 'online',
      timeLimit: { value: 3, unit: 'working_days' },
      fees: [{ amountVnd: 7000 }],
    });
    expect(byCode.get('1.012753')?.channels.map((c) => [c.kind, c.timeLimit?.value])).toEqual([
      ['online', 17],
      ['postal', 30],
      ['in_person', 20],
    ]);
  });
});

describe('time limits stated only in the steps text', () => {
  it('hộ kinh doanh 1.001612: "trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ" fills the channels, flagged', () => {
    const raw = (readRecords(new URL('../../../reference-data/tthc/tthc_sample_18_common.json', import.meta.url).pathname) as Array<{ ma_thu_tuc: string }>).find((r) => r.ma_thu_tuc === '1.001612');
    const p = parseNationalRecord(raw);
    for (const c of p.channels) expect(c.timeLimit).toEqual({ value: 3, unit: 'working_days', text: '03 ngày làm việc', from: 'steps' });
    expect(issuesOf(p, 'channels.timeLimit')).toEqual([]);
    expect(warningsOf(p, 'channels.timeLimit').some((w) => w.detail.includes('steps text'))).toBe(true);
  });

  it('steps with two different stated times are not used', () => {
    expect(timeFromSteps('Trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ… trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ')).toBeNull();
    expect(timeFromSteps('Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ')).toMatchObject({ value: 5, unit: 'working_days' });
    expect(timeFromSteps('Nộp hồ sơ trong 05 ngày làm việc')).toBeNull();
  });
});
