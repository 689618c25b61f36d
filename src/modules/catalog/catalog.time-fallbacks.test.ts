import { describe, expect, it } from 'vitest';
import { referenceCatalog, timeLimitSummary } from './catalog.import.js';
import { LEGAL_DEFAULT_LIMITS } from './catalog.time-limits.js';
import { NO_LIMIT_REASONS, limitFromText, matchCaseLimits, noLimitReason, sumTimes } from './catalog.time-fallbacks.js';
import { addCalendarMonths } from './catalog.months.js';

describe('limitFromText', () => {
  it('per case: phases inside a case add up, the longest case wins', () => {
    const r = limitFromText(
      'a) Đối với trường hợp đề nghị thay đổi tên tổ chức cộng đồng: 05 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ; b) Đối với trường hợp đề nghị sửa đổi ranh giới khu vực: - Thông báo nội dung: 02 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ; - Thẩm định hồ sơ: 33 ngày làm việc.',
    );
    expect(r.ok && r.limit).toMatchObject({ kind: 'cases', value: 35, unit: 'working_days' });
    expect(r.ok && r.limit.cases.map((c) => c.value)).toEqual([5, 35]);
  });
  it('"trong trường hợp" (even misspelt "hơp") opens an alternative case, not a phase', () => {
    const r = limitFromText('- 03 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ; - 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ trong trường hơp cần kiểm tra thực tế.');
    expect(r.ok && r.limit).toMatchObject({ kind: 'cases', value: 7, unit: 'working_days' });
  });
  it('phases without cases add up; days with working days are read as working days; brackets are not phases', () => {
    const r = limitFromText('- Thời hạn kiểm tra: 03 ngày làm việc, kể từ khi nhận hồ sơ;\n- Thời hạn thẩm định: 60 ngày (bổ sung thì được tăng thêm 21 ngày làm việc);\n- Thời hạn trả kết quả: 02 ngày làm việc');
    expect(r.ok && r.limit).toMatchObject({ kind: 'phases', value: 65, unit: 'working_days' });
  });
  it('hours with days cannot be added up', () => {
    const r = limitFromText('Thời hạn kiểm tra: 08 giờ làm việc kể từ khi nhận; thẩm định: 05 ngày làm việc kể từ ngày nhận');
    expect(r).toMatchObject({ ok: false, reason: 'mixed_units' });
  });
  it('"ngay sau khi nhận đủ hồ sơ" and "đổi ngay" are the same day; a description without a time is not a limit', () => {
    expect(limitFromText('Thời hạn giải quyết hồ sơ: Ngay sau khi nhận đủ hồ sơ theo quy định.')).toMatchObject({ ok: true, limit: { unit: 'same_day' } });
    expect(limitFromText('đổi ngay')).toMatchObject({ ok: true, limit: { unit: 'same_day' } });
    expect(limitFromText('Trực tiếp tại Công an đơn vị, địa phương có thẩm quyền.')).toMatchObject({ ok: false, reason: 'none' });
    expect(limitFromText('')).toMatchObject({ ok: false });
  });
  it('sumTimes', () => {
    expect(sumTimes([])).toBeNull();
    expect(sumTimes([{ value: 2, unit: 'months', text: '' }, { value: 3, unit: 'days', text: '' }])).toBeNull();
    expect(sumTimes([{ value: 2, unit: 'hours', text: '' }, { value: 3, unit: 'hours', text: '' }])).toEqual({ value: 5, unit: 'hours' });
  });
});

describe('matchCaseLimits', () => {
  const cases = [
    { key: 'c1', title: 'Trường hợp tổ chức, cá nhân đề nghị cấp giấy phép khai thác khoáng sản nhóm IV' },
    { key: 'c2', title: 'Trường hợp tổ chức, cá nhân đề nghị cấp giấy phép khai thác khoáng sản nhóm II; nhóm III' },
  ];
  it('attaches a per-case limit to the component case it names, one to one', () => {
    expect(
      matchCaseLimits(
        [
          { title: 'Trường hợp tổ chức, cá nhân đề nghị cấp giấy phép khai thác khoáng sản nhóm II', value: 70, unit: 'working_days' },
          { title: 'Trường hợp đề nghị cấp giấy phép khai thác khoáng sản nhóm IV', value: 22, unit: 'working_days' },
        ],
        cases,
      ),
    ).toEqual([
      { caseKey: 'c2', value: 70, unit: 'working_days' },
      { caseKey: 'c1', value: 22, unit: 'working_days' },
    ]);
  });
  it('does not attach wording that shares only a few words', () => {
    expect(matchCaseLimits([{ title: 'Đối với trường hợp cấp lại Giấy xác nhận nuôi trồng thủy sản', value: 5, unit: 'working_days' }], cases)).toEqual([]);
    expect(matchCaseLimits([{ title: '', value: 5, unit: 'working_days' }], cases)).toEqual([]);
  });
});

describe('addCalendarMonths (Civil Code: same date, last day of a shorter month)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-23', 3, '2027-02-23'],
    ['2026-03-15', 12, '2027-03-15'],
    ['2026-12-01', 1, '2027-01-01'],
  ])('%s + %i months = %s', (d, n, want) => expect(addCalendarMonths(d, n)).toBe(want));
  it('refuses fractions and bad dates', () => {
    expect(() => addCalendarMonths('2026-1-1', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('noLimitReason', () => {
  const of = (timeText: string | null, description = '', name = 'Thủ tục', steps: string | null = null) => noLimitReason({ name, steps, channels: [{ timeText, description }] }).reason;
  it('names why', () => {
    expect(of('Không phải trả kết quả cho người nộp thuế')).toBe('no_result');
    expect(of('Không quy định')).toBe('not_regulated');
    expect(of('Không có thông tin', 'Thời gian: chưa quy định cụ thể về thời gian giải quyết.')).toBe('not_regulated');
    expect(of('Chậm nhất là ngay trước khi tàu rời cảng.')).toBe('event_bound');
    expect(of(null, '', 'Thủ tục tuyển sinh đào tạo', 'xét duyệt trước ngày 20 tháng 6 hằng năm')).toBe('annual_schedule');
    expect(of(null, 'Thời hạn kiểm tra: 08 giờ làm việc kể từ khi nhận; thẩm định: 05 ngày làm việc kể từ ngày nhận')).toBe('mixed_units');
    expect(of(null)).toBe('not_stated');
  });
});

describe('the whole bundled catalogue', () => {
  const { parsed } = referenceCatalog();
  const targets = parsed.filter((p) => p.levels.includes('province') || p.levels.includes('commune'));
  it('every province- and commune-level record yields a limit or is listed with a named reason', () => {
    const without: string[] = [];
    for (const p of targets) {
      const limit = timeLimitSummary(p) ?? LEGAL_DEFAULT_LIMITS.find((r) => r.name.test(p.name)) ?? null;
      if (limit) {
        expect(limit.value, p.code).toBeGreaterThanOrEqual(0);
        continue;
      }
      const { reason, detail } = noLimitReason(p);
      expect(NO_LIMIT_REASONS[reason], p.code).toBeDefined();
      expect(detail, p.code).not.toBe('');
      without.push(`${p.code} ${reason}`);
    }
    expect(targets.length).toBeGreaterThan(1600);
    // 119 had no limit before the description fallbacks and NĐ 23/2015 Art. 7(2); what is left has a reason
    expect(without.length).toBeLessThanOrEqual(90);
    expect(without.filter((w) => w.endsWith('not_stated')).length).toBeLessThanOrEqual(45);
  });
  it('limits read from descriptions are flagged and never shorter than any of their cases', () => {
    let read = 0;
    for (const p of targets) {
      for (const c of p.channels) {
        if (c.timeLimit?.from !== 'cases' && c.timeLimit?.from !== 'phases') continue;
        read++;
        expect(p.warnings.some((w) => w.field === 'channels.timeLimit'), p.code).toBe(true);
        const r = limitFromText(c.description);
        expect(r.ok, p.code).toBe(true);
        if (r.ok) for (const k of r.limit.cases) expect(c.timeLimit.value, p.code).toBeGreaterThanOrEqual(k.value);
        for (const k of c.caseLimits ?? []) expect(k.value, p.code).toBeLessThanOrEqual(c.timeLimit.value);
      }
    }
    expect(read).toBeGreaterThanOrEqual(15);
  });
  it('1.014257 (mining licence): the per-case limits are attached to its component cases', () => {
    const p = parsed.find((x) => x.code === '1.014257')!;
    const c = p.channels.find((x) => x.caseLimits)!;
    expect(c.timeLimit).toMatchObject({ from: 'cases', value: 70, unit: 'working_days' });
    expect(c.caseLimits!.length).toBe(4);
    expect(new Set(c.caseLimits!.map((x) => x.caseKey)).size).toBe(4);
  });
});
