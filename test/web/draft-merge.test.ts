// The field-by-field merge of a draft edited on two devices (web/src/citizen/submission/merge.ts, pure): a
// field changed on one side only is taken from that side, the same change on both is no conflict, different
// changes of one field are conflicts (nested fields of the applicant and of the admins' extension included);
// an upload's entry and an array are one field each.
import { describe, expect, it } from 'vitest';
import { mergeDrafts, setAt } from '../../web/src/citizen/submission/merge.js';

const base = {
  receivingAgencyCode: '',
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Ngọc', phone: '0912345678' },
  components: { c1: { fileId: 'f1', name: 'a.pdf' } },
  delivery: { method: 'online' },
  extra: { nguoiCha: { hoTen: '', ngaySinh: '1960-03-02' }, anhChiEm: [{ ten: 'A' }] },
};

describe('draft merge', () => {
  it('takes each side’s own changes, nested ones too, with no conflict', () => {
    const mine = { ...base, applicant: { ...base.applicant, fullName: 'Nguyễn Thị Bích Ngọc' }, extra: { ...base.extra, nguoiCha: { ...base.extra.nguoiCha, hoTen: 'Trần Văn An' } } };
    const theirs = { ...base, receivingAgencyCode: '000.11.01.H56', applicant: { ...base.applicant, phone: '0987654321' }, components: { ...base.components, c2: { fileId: 'f2', name: 'b.pdf' } } };
    const { merged, conflicts } = mergeDrafts(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({
      receivingAgencyCode: '000.11.01.H56',
      applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', phone: '0987654321' },
      components: { c1: { fileId: 'f1', name: 'a.pdf' }, c2: { fileId: 'f2', name: 'b.pdf' } },
      delivery: { method: 'online' },
      extra: { nguoiCha: { hoTen: 'Trần Văn An', ngaySinh: '1960-03-02' }, anhChiEm: [{ ten: 'A' }] },
    });
  });

  it('the same change on both sides is no conflict; a field removed on one side only goes', () => {
    const mine = { ...base, receivingAgencyCode: 'X', delivery: undefined };
    const theirs = { ...base, receivingAgencyCode: 'X' };
    const { merged, conflicts } = mergeDrafts(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ receivingAgencyCode: 'X', applicant: base.applicant, components: base.components, extra: base.extra });
  });

  it('different changes of one field are conflicts with both values; the merge keeps theirs until chosen', () => {
    const mine = { ...base, applicant: { ...base.applicant, fullName: 'Mine' }, components: { c1: { fileId: 'f9', name: 'mine.pdf' } }, extra: { ...base.extra, anhChiEm: [{ ten: 'A' }, { ten: 'B' }] } };
    const theirs = { ...base, applicant: { ...base.applicant, fullName: 'Theirs' }, components: { c1: { fileId: 'f8', name: 'theirs.pdf' } }, extra: { ...base.extra, anhChiEm: [{ ten: 'C' }] } };
    const { merged, conflicts } = mergeDrafts(base, mine, theirs);
    expect(conflicts).toEqual([
      { path: ['applicant', 'fullName'], mine: 'Mine', theirs: 'Theirs' },
      { path: ['components', 'c1'], mine: { fileId: 'f9', name: 'mine.pdf' }, theirs: { fileId: 'f8', name: 'theirs.pdf' } },
      { path: ['extra', 'anhChiEm'], mine: [{ ten: 'A' }, { ten: 'B' }], theirs: [{ ten: 'C' }] },
    ]);
    expect((merged as any).applicant.fullName).toBe('Theirs');
    // the citizen keeps theirs for one and mine for another
    const chosen = setAt(setAt(merged, ['applicant', 'fullName'], 'Mine'), ['extra', 'anhChiEm'], [{ ten: 'A' }, { ten: 'B' }]);
    expect((chosen as any).applicant).toEqual({ kind: 'individual', fullName: 'Mine', phone: '0912345678' });
    expect((chosen as any).extra.anhChiEm).toHaveLength(2);
    expect((chosen as any).components.c1.fileId).toBe('f8');
  });

  it('a field set on both sides where the base had none is a conflict only when the values differ', () => {
    expect(mergeDrafts({}, { caseKey: 'a' }, { caseKey: 'a' }).conflicts).toEqual([]);
    expect(mergeDrafts({}, { caseKey: 'a' }, { caseKey: 'b' }).conflicts).toEqual([{ path: ['caseKey'], mine: 'a', theirs: 'b' }]);
  });
});
