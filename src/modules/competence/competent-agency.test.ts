import { describe, expect, it } from 'vitest';
import { agencyStem, namedIn } from './competent-agency.js';

const a = (name: string, kind = 'department') => ({ id: name, code: name, name, kind, path: '/', parent_id: null, admin_unit_code: null });

describe('implementing-agency text naming an agency of the province', () => {
  it('stems drop the province the way the catalogue words them', () => {
    expect(agencyStem('Sở Tư pháp tỉnh Thanh Hóa', 'department')).toBe('sở tư pháp');
    expect(agencyStem('Công an tỉnh Thanh Hóa', 'vertical_agency')).toBe('công an tỉnh');
    expect(agencyStem('Kho bạc Nhà nước khu vực Thanh Hóa', 'vertical_agency', 'Thanh Hóa')).toBe('kho bạc nhà nước khu vực');
  });

  it('whole words only, several when the text names several, none for unrelated text', () => {
    const list = [a('Sở Tài chính tỉnh Thanh Hóa'), a('Sở Xây dựng tỉnh Thanh Hóa'), a('Công an tỉnh Thanh Hóa', 'vertical_agency'), a('Sở Y tế tỉnh Thanh Hóa')];
    expect(namedIn('Sở Tài chính các tỉnh, thành phố', list).map((x) => x.name)).toEqual(['Sở Tài chính tỉnh Thanh Hóa']);
    expect(namedIn('Sở Xây dựng, Công an tỉnh', list)).toHaveLength(2);
    expect(namedIn('Công an cấp Xã', list)).toEqual([]);
    expect(namedIn('Ủy ban nhân dân cấp tỉnh', list)).toEqual([]);
    expect(namedIn('Sở Y tế dự phòng', list)).toHaveLength(1);
    expect(namedIn(null, list)).toEqual([]);
  });
});
