// Form texts as data (TT 03/2025/TT-VPCP, Appendix I). Admins add a new version when a circular changes;
// a dossier prints with the highest version in force on its reception date.
//
// Body lines are paragraphs with `{variable}` placeholders (values are printed in bold). A line that
// starts with `?` is left out when any variable it names is empty. `{{table:NAME}}` alone on a line
// inserts a table (components, fees, items, slip, register). `{{qr}}` inserts the look-up QR block.

export const FORM_NUMBERS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

export interface SignatureBlock {
  /** Upper-case role line, e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  title: string;
  /** Italic hint under it, e.g. "(Ký và ghi rõ họ tên)". */
  hint: string;
  /** Variable holding the printed name (may be empty). */
  nameVar?: string;
}

export interface FormTemplateContent {
  /** "Mẫu số 01". */
  formLabel: string;
  /** Title as printed (upper case). */
  title: string;
  /** Line under the agency name in the left heading (e.g. the desk). */
  unitLine?: string;
  /** Document-number suffix: "Số: …/TN". Empty = no number line. */
  numberSuffix?: string;
  /** Paragraph under the title (italic), e.g. "Mã hồ sơ: {code}". */
  subtitle?: string[];
  body: string[];
  signatures: SignatureBlock[];
  /** Small print at the bottom. */
  notes?: string[];
  /** A4 orientation (07 is landscape). */
  landscape?: boolean;
}

export interface FormTemplate {
  form: FormNumber;
  version: number;
  legalBasis: string;
  effectiveFrom: string;
  title: string;
  content: FormTemplateContent;
}

const TT03 = 'Thông tư số 03/2025/TT-VPCP, Phụ lục I';
const FROM = '2025-07-01';

const applicantBlock = [
  'Tiếp nhận hồ sơ của: {applicantName}',
  '?Số định danh cá nhân/Mã số doanh nghiệp: {applicantId}',
  '?Địa chỉ: {applicantAddress}',
  '?Số điện thoại: {applicantPhone}',
  '?Thư điện tử: {applicantEmail}',
  '?Người được ủy quyền: {repName}; số định danh: {repId}; điện thoại: {repPhone}; văn bản ủy quyền: {repDocument}',
];

export const DEFAULT_TEMPLATES: readonly FormTemplate[] = [
  {
    form: '01',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    content: {
      formLabel: 'Mẫu số 01',
      title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      unitLine: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      numberSuffix: '/TN',
      subtitle: ['Mã hồ sơ: {code}'],
      body: [
        'Bộ phận tiếp nhận và trả kết quả: {receivingAgency}',
        ...applicantBlock,
        'Nội dung yêu cầu giải quyết: {procedureName}',
        '1. Thành phần hồ sơ nộp gồm:',
        '{{table:components}}',
        '2. Số lượng hồ sơ: {sets} (bộ)',
        '3. Thời gian giải quyết hồ sơ theo quy định là: {legalTime}',
        '4. Thời gian nhận hồ sơ: {receivedAt}',
        '5. Thời gian trả kết quả giải quyết hồ sơ: {appointmentAt}',
        '6. Phí, lệ phí: {fees}',
        '7. Đăng ký nhận kết quả tại: {deliveryPlace}',
        'Vào Sổ theo dõi hồ sơ, Quyển số: {registerBook}, Số thứ tự: {registerSeq}',
        '{{qr}}',
      ],
      signatures: [
        { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameVar: 'applicantName' },
        { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameVar: 'officerName' },
      ],
      notes: [
        'Ghi chú: Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên; một liên chuyển kèm theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận tiếp nhận và trả kết quả; một liên giao cho cá nhân, tổ chức nộp hồ sơ.',
      ],
    },
  },
  {
    form: '02',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    content: {
      formLabel: 'Mẫu số 02',
      title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      unitLine: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      numberSuffix: '/HDHS',
      subtitle: ['?Mã hồ sơ: {code}'],
      body: [
        'Bộ phận tiếp nhận và trả kết quả: {receivingAgency}',
        'Tiếp nhận hồ sơ/yêu cầu của Ông/Bà: {applicantName}',
        '?Địa chỉ: {applicantAddress}',
        '?Số điện thoại: {applicantPhone}',
        '?Thư điện tử: {applicantEmail}',
        'Nội dung yêu cầu giải quyết: {procedureName}',
        'Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung như sau:',
        '{{table:items}}',
        '?Lý do: {reason}',
        'Thời điểm yêu cầu: {requestedAt}',
        'Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với {officerName}, {officerUnit} để được hướng dẫn.',
      ],
      signatures: [{ title: 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)', nameVar: 'officerName' }],
    },
  },
  {
    form: '03',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    content: {
      formLabel: 'Mẫu số 03',
      title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      unitLine: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      numberSuffix: '/TC',
      subtitle: ['?Mã hồ sơ: {code}'],
      body: [
        'Bộ phận tiếp nhận và trả kết quả {receivingAgency} tiếp nhận hồ sơ của: {applicantName}',
        '?Địa chỉ: {applicantAddress}',
        'Nội dung yêu cầu giải quyết: {procedureName}',
        'Sau khi nghiên cứu, đối chiếu thành phần hồ sơ, {refusingAgency} từ chối tiếp nhận, giải quyết hồ sơ với lý do cụ thể như sau:',
        '{reason}',
        'Thời điểm: {refusedAt}',
        'Xin thông báo để Ông/Bà được biết và thực hiện./.',
      ],
      signatures: [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameVar: 'officerName' }],
    },
  },
  {
    form: '04',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    content: {
      formLabel: 'Mẫu số 04',
      title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      numberSuffix: '/XL',
      subtitle: ['Mã hồ sơ: {code}'],
      body: [
        'Kính gửi: {applicantName}',
        '?Địa chỉ: {applicantAddress}',
        'Ngày {receivedDate}, {competentAgency} tiếp nhận giải quyết hồ sơ của Ông/Bà đề nghị giải quyết thủ tục hành chính {procedureName}, mã hồ sơ {code}.',
        'Thời hạn trả kết quả giải quyết hồ sơ theo quy định là {previousDue}. Tuy nhiên, đến nay {competentAgency} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn quy định.',
        'Lý do: {reason}',
        'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. {competentAgency} xin lỗi Ông/Bà và đề nghị được gia hạn thời gian giải quyết hồ sơ; thời gian trả kết quả giải quyết hồ sơ là {newDue}.',
        'Kính mong Ông/Bà thông cảm./.',
      ],
      signatures: [{ title: 'THỦ TRƯỞNG CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)', nameVar: 'headName' }],
    },
  },
  {
    form: '05',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Thông báo dừng giải quyết hồ sơ',
    content: {
      formLabel: 'Mẫu số 05',
      title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      unitLine: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      numberSuffix: '/TB',
      subtitle: ['Mã hồ sơ: {code}'],
      body: [
        'Kính gửi: {applicantName}',
        '?Địa chỉ: {applicantAddress}',
        'Ngày {withdrawalDate}, Bộ phận tiếp nhận và trả kết quả {receivingAgency} nhận được yêu cầu dừng giải quyết hồ sơ của Ông/Bà đối với thủ tục hành chính {procedureName}, mã hồ sơ {code}, tiếp nhận ngày {receivedDate}.',
        '?Lý do: {reason}',
        'Đến thời điểm nhận được yêu cầu, hồ sơ chưa có quyết định, kết quả giải quyết. Bộ phận tiếp nhận và trả kết quả thông báo dừng giải quyết hồ sơ kể từ {stoppedAt}.',
        'Xin thông báo để Ông/Bà được biết./.',
      ],
      signatures: [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameVar: 'officerName' }],
    },
  },
  {
    form: '06',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    content: {
      formLabel: 'Mẫu số 06',
      title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      unitLine: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      subtitle: ['Mã hồ sơ: {code}', '(Kèm theo hồ sơ của: {applicantName})'],
      body: [
        'Thủ tục: {procedureName}',
        'Cơ quan (bộ phận) giải quyết hồ sơ: {handlingAgency}',
        'Cơ quan phối hợp giải quyết hồ sơ: {cooperatingAgencies}',
        '{{table:slip}}',
        'Việc lưu vết được thực hiện tự động trên Hệ thống thông tin giải quyết thủ tục hành chính.',
      ],
      signatures: [],
    },
  },
  {
    form: '07',
    version: 1,
    legalBasis: TT03,
    effectiveFrom: FROM,
    title: 'Sổ theo dõi hồ sơ',
    content: {
      formLabel: 'Mẫu số 07',
      title: 'SỔ THEO DÕI HỒ SƠ',
      unitLine: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      subtitle: ['Từ ngày {from} đến ngày {to}', 'Quyển số: {registerBook}'],
      body: ['{{table:register}}', 'Tổng số hồ sơ: {total}'],
      signatures: [],
      landscape: true,
    },
  },
];

export function defaultTemplate(form: FormNumber): FormTemplate {
  return DEFAULT_TEMPLATES.find((t) => t.form === form)!;
}

/** Variables named in a line (`{name}`; not `{{…}}` directives). */
export function variablesOf(line: string): string[] {
  return [...line.matchAll(/(?<!\{)\{([a-zA-Z][a-zA-Z0-9]*)\}(?!\})/g)].map((m) => m[1]!);
}

/** Splits a line into literal text and variables, for bold values. */
export function segments(line: string, vars: Record<string, string | null | undefined>): Array<{ text: string; value: boolean }> {
  const out: Array<{ text: string; value: boolean }> = [];
  const re = /(?<!\{)\{([a-zA-Z][a-zA-Z0-9]*)\}(?!\})/g;
  let last = 0;
  for (const m of line.matchAll(re)) {
    if (m.index! > last) out.push({ text: line.slice(last, m.index), value: false });
    out.push({ text: vars[m[1]!] ?? '', value: true });
    last = m.index! + m[0].length;
  }
  if (last < line.length) out.push({ text: line.slice(last), value: false });
  return out;
}

/** Keeps a `?` line only when all its variables have values; returns the line without the `?`. */
export function conditionalLine(line: string, vars: Record<string, string | null | undefined>): string | null {
  if (!line.startsWith('?')) return line;
  const rest = line.slice(1);
  return variablesOf(rest).every((v) => (vars[v] ?? '').trim() !== '') ? rest : null;
}

/** Structural check of an admin-edited template (unknown tables, empty title). Returns problems. */
export function checkTemplate(form: FormNumber, c: FormTemplateContent): string[] {
  const problems: string[] = [];
  if (!c.title.trim()) problems.push('title is empty');
  const tables = new Set(['components', 'fees', 'items', 'slip', 'register']);
  for (const line of c.body) {
    const m = /^\{\{table:([a-z]+)\}\}$/.exec(line.trim());
    if (m && !tables.has(m[1]!)) problems.push(`unknown table ${m[1]}`);
    if (/^\{\{(?!table:|qr\}\})/.test(line.trim())) problems.push(`unknown directive ${line.trim()}`);
  }
  if (form === '01' && !c.body.some((l) => l.trim() === '{{qr}}')) problems.push('form 01 must keep the {{qr}} block');
  return problems;
}
