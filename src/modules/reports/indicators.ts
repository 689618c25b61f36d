// QĐ 766/QĐ-TTg indicator set (pure): groups, maxima and scoring formulas as the national portal scores them
// (domain-vn §0.5 "QĐ 766 indicator set" and §7 "Formulas"). Every metric is rounded to 2 decimals; a ratio
// with denominator 0 is shown as N/A (ratio null) and scores 0 (§0.5: "counts as 0 unless stated").
// Indicators the data here cannot support are listed with available = false and a note saying what is
// missing — never a made-up number.

/** Round half up to 2 decimals (the tiny bias absorbs binary noise such as 1.005 × 100 = 100.4999…). */
export function round2(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** num ÷ den as a percentage in [0, 100], 2 decimals; null when den ≤ 0 (N/A). */
export function percent(num: number, den: number): number | null {
  if (!(den > 0)) return null;
  return round2(clamp((num / den) * 100, 0, 100));
}

/** QĐ 766 2.1: (resolved early + resolved on time + in process within the deadline) ÷ received, in %. */
export function onTimeRate(r: { received: number; resolvedEarly: number; resolvedOnTime: number; inProcessOnTime: number }): number | null {
  return percent(r.resolvedEarly + r.resolvedOnTime + r.inProcessOnTime, r.received);
}

/**
 * How a ratio r ∈ [0, 1] becomes points:
 * linear: max × r; fullAt: min(max, max × r ÷ at) (full score from `at` on); factor: min(max, k × r).
 */
export type Scoring = { kind: 'linear'; whenNone?: 'full' } | { kind: 'fullAt'; at: number } | { kind: 'factor'; k: number };

/** Points of an indicator; 0 when the denominator is 0 (max with whenNone 'full': the petition metrics); never below 0 or above max. */
export function scoreOf(max: number, scoring: Scoring, num: number, den: number): number {
  if (!(den > 0)) return scoring.kind === 'linear' && scoring.whenNone === 'full' ? max : 0;
  const r = clamp(num / den, 0, 1);
  const raw = scoring.kind === 'linear' ? max * r : scoring.kind === 'fullAt' ? (max * r) / scoring.at : scoring.k * r;
  return round2(clamp(raw, 0, max));
}

export type GroupCode = 'CKMB' | 'TDGQ' | 'CLGQ' | 'TTTT' | 'MDSH' | 'MDHL';

export interface IndicatorDef {
  code: string;
  nameVi: string;
  nameEn: string;
  max: number;
  /** Absent: the data cannot support the indicator (available = false). */
  scoring?: Scoring;
  noteVi: string;
  noteEn: string;
}

export interface GroupDef {
  code: GroupCode;
  nameVi: string;
  nameEn: string;
  max: number;
  indicators: IndicatorDef[];
}

const LINEAR: Scoring = { kind: 'linear' };

const NOT_CONNECTED_PORTAL = {
  noteVi: 'Cần dữ liệu đồng bộ với Cổng Dịch vụ công quốc gia (chưa kết nối).',
  noteEn: 'Needs data synchronised with the national public service portal (not connected).',
};
const NO_FEEDBACK = {
  noteVi: 'Cần dữ liệu đánh giá mức độ hài lòng và phản ánh, kiến nghị của người dân (hệ thống chưa thu thập).',
  noteEn: "Needs citizens' satisfaction ratings and petitions (not collected by this system yet).",
};

export const GROUPS: GroupDef[] = [
  {
    code: 'CKMB', nameVi: 'Công khai, minh bạch', nameEn: 'Publicity and transparency', max: 18,
    indicators: [
      {
        code: '1.1', nameVi: 'Công bố, công khai TTHC đúng hạn', nameEn: 'Procedures published on time', max: 6,
        noteVi: 'Cần ngày ban hành quyết định công bố và ngày hiệu lực của văn bản quy định thủ tục (CSDL quốc gia về TTHC); danh mục trong hệ thống chưa có các ngày này.',
        noteEn: 'Needs the dates of the publication decisions and of the legal bases coming into force (national procedure database); the catalogue here does not hold them.',
      },
      {
        code: '1.2', nameVi: 'Cập nhật, công khai TTHC trên CSDL quốc gia đúng hạn', nameEn: 'Procedures updated on the national database on time', max: 4,
        noteVi: 'Cần thời điểm công khai thủ tục trên CSDL quốc gia về TTHC (chưa kết nối).',
        noteEn: 'Needs the publication times on the national procedure database (not connected).',
      },
      {
        code: '1.3', nameVi: 'Công khai đầy đủ các nội dung TTHC', nameEn: 'Procedures published with full content', max: 2, scoring: LINEAR,
        noteVi: 'Thủ tục đang công khai do các cơ quan trong phạm vi thực hiện có đủ tên, trình tự, cách thức, thành phần hồ sơ, thời hạn, đối tượng và cơ quan thực hiện / thủ tục đang công khai (danh mục hiện hành, không phụ thuộc kỳ báo cáo).',
        noteEn: 'Published procedures performed by the agencies in scope with a name, steps, channels, components, time limit, applicants and agency ÷ published procedures (current catalogue, independent of the period).',
      },
      {
        code: '1.4', nameVi: 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia', nameEn: 'Dossiers synchronised to the national portal', max: 6, scoring: LINEAR,
        noteVi: 'Hồ sơ tiếp nhận trong kỳ đã được Cổng DVCQG nhận đồng bộ (DongBoHoSoMC) / hồ sơ tiếp nhận trong kỳ của hệ thống; điểm = 6 × tỷ lệ. Cổng tính mẫu số bằng max(số hồ sơ theo hệ thống báo cáo, theo Cổng): ở đây là số của hệ thống.',
        noteEn: 'Dossiers received in the period that the national portal accepted (DongBoHoSoMC) ÷ dossiers received in the period here; points = 6 × ratio. The portal takes the larger of its own and the reporting count as the denominator: here it is this system\'s count.',
      },
    ],
  },
  {
    code: 'TDGQ', nameVi: 'Tiến độ giải quyết', nameEn: 'Progress of resolution', max: 20,
    indicators: [
      {
        code: '2.1', nameVi: 'Hồ sơ giải quyết trước hạn, đúng hạn', nameEn: 'Dossiers resolved early or on time', max: 20, scoring: LINEAR,
        noteVi: '(Đã giải quyết trước hạn, đúng hạn + đang giải quyết trong hạn) / hồ sơ nhận giải quyết trong kỳ; trừ thời gian chờ bổ sung; yêu cầu bổ sung quá 1 lần hoặc có văn bản xin lỗi tính là quá hạn.',
        noteEn: '(Resolved early or on time + in process within the deadline) ÷ dossiers handled in the period; supplement waits are subtracted; more than one supplement request or an apology counts as late.',
      },
    ],
  },
  {
    code: 'CLGQ', nameVi: 'Cung cấp dịch vụ công trực tuyến', nameEn: 'Online public services', max: 12,
    indicators: [
      {
        code: '3.1', nameVi: 'TTHC cung cấp dịch vụ công trực tuyến', nameEn: 'Procedures offered as online services', max: 2, scoring: { kind: 'fullAt', at: 0.8 },
        noteVi: 'Thủ tục có cách thức nộp trực tuyến (một phần hoặc toàn trình) / thủ tục đang công khai do các cơ quan trong phạm vi thực hiện (danh mục hiện hành); tối đa khi ≥ 80%.',
        noteEn: 'Procedures with an online channel (partial or full) ÷ published procedures performed by the agencies in scope (current catalogue); full score at ≥ 80%.',
      },
      {
        code: '3.2', nameVi: 'Dịch vụ công trực tuyến có phát sinh hồ sơ', nameEn: 'Online services that received dossiers', max: 4, scoring: LINEAR,
        noteVi: 'Thủ tục có cách thức trực tuyến có hồ sơ trực tuyến mới tiếp nhận trong kỳ / thủ tục có cách thức trực tuyến.',
        noteEn: 'Online-capable procedures with online dossiers received in the period ÷ online-capable procedures.',
      },
      {
        code: '3.3', nameVi: 'Hồ sơ nộp trực tuyến', nameEn: 'Dossiers submitted online', max: 6, scoring: { kind: 'fullAt', at: 0.5 },
        noteVi: 'Hồ sơ mới tiếp nhận trực tuyến / hồ sơ mới tiếp nhận trong kỳ, nhân tỷ lệ đồng bộ với Cổng DVCQG (chỉ số 1.4); tối đa khi ≥ 50%.',
        noteEn: 'Online dossiers ÷ dossiers received in the period, multiplied by the national sync rate (indicator 1.4); full score at ≥ 50%.',
      },
    ],
  },
  {
    code: 'TTTT', nameVi: 'Thanh toán trực tuyến', nameEn: 'Online payment', max: 10,
    indicators: [
      {
        code: '3.5', nameVi: 'TTHC có phí, lệ phí phát sinh thanh toán trực tuyến', nameEn: 'Fee-bearing procedures with an online payment', max: 2, scoring: { kind: 'factor', k: 2.5 },
        noteVi: 'Thủ tục có phí, lệ phí (theo danh mục) có hồ sơ thanh toán trực tuyến trong kỳ / thủ tục có phí, lệ phí; điểm = min(2; 2,5 × tỷ lệ).',
        noteEn: 'Fee-bearing procedures (catalogue) with a dossier paid online in the period ÷ fee-bearing procedures; points = min(2, 2.5 × ratio).',
      },
      {
        code: '3.5b', nameVi: 'TTHC có phí, lệ phí phát sinh hồ sơ', nameEn: 'Fee-bearing procedures with dossiers', max: 2, scoring: { kind: 'factor', k: 2.5 },
        noteVi: 'Thủ tục có phí, lệ phí có hồ sơ nhận giải quyết trong kỳ / thủ tục có phí, lệ phí; điểm = min(2; 2,5 × tỷ lệ).',
        noteEn: 'Fee-bearing procedures with dossiers handled in the period ÷ fee-bearing procedures; points = min(2, 2.5 × ratio).',
      },
      {
        code: '3.6', nameVi: 'Hồ sơ thanh toán trực tuyến', nameEn: 'Dossiers paid online', max: 6, scoring: LINEAR,
        noteVi: 'Hồ sơ có khoản nộp theo hình thức thanh toán trực tuyến (online: Cổng DVCQG / nền tảng thanh toán; dữ liệu cũ ghi tự do: trực tuyến, dvcqg…) / hồ sơ có yêu cầu thực hiện nghĩa vụ tài chính trong kỳ; phí thu tại quầy khi tiếp nhận không được ghi là khoản nộp nên không tính.',
        noteEn: 'Dossiers with a payment made online (method online: national portal / payment platform; older free-text records: online, dvcqg, gateway…) ÷ dossiers with a payment request in the period; fees taken at the desk on reception are not recorded as payments and are not counted.',
      },
    ],
  },
  {
    code: 'MDSH', nameVi: 'Số hóa hồ sơ', nameEn: 'Digitisation of dossiers', max: 22,
    indicators: [
      {
        code: '4.1', nameVi: 'Hồ sơ có kết quả điện tử', nameEn: 'Dossiers with an electronic result', max: 6, scoring: LINEAR,
        noteVi: 'Hồ sơ có kết quả trong kỳ có tệp kết quả điện tử / hồ sơ có kết quả trong kỳ.',
        noteEn: 'Dossiers with a result in the period that have an electronic result file ÷ dossiers with a result in the period.',
      },
      {
        code: '4.2', nameVi: 'Hồ sơ được số hóa thành phần và kết quả', nameEn: 'Dossiers with digitised components and result', max: 4, scoring: LINEAR,
        noteVi: 'Hồ sơ có kết quả trong kỳ có tệp thành phần hồ sơ và tệp kết quả điện tử / hồ sơ có kết quả trong kỳ.',
        noteEn: 'Dossiers with a result in the period that have component files and an electronic result file ÷ dossiers with a result in the period.',
      },
      {
        code: '4.3', nameVi: 'Hồ sơ tái sử dụng dữ liệu số hóa', nameEn: 'Dossiers reusing digitised data', max: 2, scoring: { kind: 'fullAt', at: 0.8 },
        noteVi: 'Hồ sơ mới tiếp nhận trong kỳ có ít nhất một thành phần tái sử dụng / hồ sơ mới tiếp nhận; tối đa khi ≥ 80%.',
        noteEn: 'Dossiers received in the period with at least one reused component ÷ dossiers received; full score at ≥ 80%.',
      },
      {
        code: '4.4', nameVi: 'Hồ sơ kết nối Kho quản lý dữ liệu điện tử của tổ chức, cá nhân', nameEn: 'Dossiers connected to the personal data store', max: 4,
        noteVi: 'Cần kết nối Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng DVCQG (chưa kết nối).',
        noteEn: "Needs the connection to citizens' and organisations' data stores on the national portal (not connected).",
      },
      {
        code: '4.5a', nameVi: 'Hồ sơ khai thác dữ liệu dân cư (VNeID)', nameEn: 'Dossiers using population data (VNeID)', max: 2,
        noteVi: 'Cần xác thực VNeID và kết nối CSDL quốc gia về dân cư (chưa kết nối).',
        noteEn: 'Needs VNeID authentication and the national population database (not connected).',
      },
      {
        code: '4.5b', nameVi: 'TTHC khai thác dữ liệu dân cư (VNeID)', nameEn: 'Procedures using population data (VNeID)', max: 2,
        noteVi: 'Cần xác thực VNeID và kết nối CSDL quốc gia về dân cư (chưa kết nối).',
        noteEn: 'Needs VNeID authentication and the national population database (not connected).',
      },
      {
        code: '4.6', nameVi: 'Cấp bản sao điện tử, chứng thực điện tử', nameEn: 'Electronic certified copies', max: 2,
        noteVi: 'Cần dữ liệu cấp bản sao điện tử từ sổ gốc và chứng thực bản sao điện tử (hệ thống chưa ghi nhận).',
        noteEn: 'Needs data on electronic copies from master registers and electronic certification (not recorded by this system).',
      },
    ],
  },
  {
    code: 'MDHL', nameVi: 'Mức độ hài lòng', nameEn: 'Satisfaction', max: 18,
    indicators: [
      {
        code: '5.1', nameVi: 'Phản ánh, kiến nghị được xử lý đúng hạn', nameEn: 'Petitions handled on time', max: 6, scoring: { kind: 'linear', whenNone: 'full' },
        noteVi: 'Phản ánh, kiến nghị trả lời đúng hạn (15 ngày làm việc) / phản ánh, kiến nghị phải trả lời trong kỳ (đã trả lời trong kỳ + chưa trả lời mà đến hạn trong kỳ; không tính phản ánh không thụ lý); điểm = 6 × tỷ lệ; không có phản ánh: đủ 6 điểm.',
        noteEn: 'Petitions answered on time (15 working days) ÷ petitions due in the period (answered in the period + unanswered and due in the period; refused ones not counted); points = 6 × ratio; no petitions: the full 6.',
      },
      {
        code: '5.3', nameVi: 'Mức độ hài lòng khi xử lý phản ánh, kiến nghị', nameEn: 'Satisfaction with petition handling', max: 6, scoring: { kind: 'linear', whenNone: 'full' },
        noteVi: 'Trả lời phản ánh, kiến nghị được người gửi đánh giá hài lòng / trả lời được đánh giá trong kỳ; điểm = 6 × tỷ lệ; không có đánh giá: đủ 6 điểm.',
        noteEn: 'Petition answers the petitioner rated satisfied ÷ answers rated in the period; points = 6 × ratio; none rated: the full 6.',
      },
      {
        code: '5.4', nameVi: 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC', nameEn: 'Satisfaction with reception and processing', max: 6, scoring: { kind: 'fullAt', at: 0.9 },
        noteVi: 'Hồ sơ nhận giải quyết trong kỳ không quá hạn, không bị đánh giá "Không hài lòng" (mức hài lòng chung) và không có phản ánh, kiến nghị / hồ sơ nhận giải quyết trong kỳ; điểm = min(6; 6 × tỷ lệ / 0,9), tối đa khi ≥ 90% (satisfaction-score.ts). Hồ sơ có phản ánh, kiến nghị (tiếp nhận đến cuối kỳ, trừ phản ánh không thụ lý) bị trừ.',
        noteEn: 'Dossiers handled in the period that are not overdue, not rated "not satisfied" overall and without a petition ÷ dossiers handled in the period; points = min(6, 6 × ratio / 0.9), full at ≥ 90 % (satisfaction-score.ts). A dossier named by a petition (received by the end of the period, refused ones not counted) counts against it.',
      },
    ],
  },
];

export interface Fraction {
  numerator: number;
  denominator: number;
  /** A rate the ratio is multiplied by (3.3: the sync rate of 1.4), 0–1; absent = 1. */
  factor?: number;
}

export interface IndicatorResult {
  code: string;
  nameVi: string;
  nameEn: string;
  numerator: number | null;
  denominator: number | null;
  /** The factor applied to numerator ÷ denominator (3.3: the sync rate), 0–1; null when none. */
  factor: number | null;
  /** Percentage 0–100, 2 decimals; null when unavailable or the denominator is 0. */
  ratio: number | null;
  score: number | null;
  max: number;
  available: boolean;
  noteVi: string;
  noteEn: string;
}

export interface GroupResult {
  code: GroupCode;
  nameVi: string;
  nameEn: string;
  max: number;
  /** Sum of the available indicators' points; null when none is available. */
  score: number | null;
  indicators: IndicatorResult[];
}

export interface Evaluation {
  groups: GroupResult[];
  /** Sum of the available indicators' points. */
  score: number;
  /** Sum of the maxima of the available indicators (the score is out of this). */
  maxAvailable: number;
}

/** Scores the indicators from their counts (by code). An indicator without scoring or without counts is unavailable. */
export function evaluate(counts: Record<string, Fraction | undefined>, groups: GroupDef[] = GROUPS): Evaluation {
  let score = 0;
  let maxAvailable = 0;
  const out = groups.map((g): GroupResult => {
    let gScore: number | null = null;
    const indicators = g.indicators.map((d): IndicatorResult => {
      const c = counts[d.code];
      const base = { code: d.code, nameVi: d.nameVi, nameEn: d.nameEn, max: d.max, noteVi: d.noteVi, noteEn: d.noteEn };
      if (!d.scoring || !c) return { ...base, numerator: null, denominator: null, factor: null, ratio: null, score: null, available: false };
      const f = c.factor ?? 1;
      const s = scoreOf(d.max, d.scoring, c.numerator * f, c.denominator);
      gScore = round2((gScore ?? 0) + s);
      maxAvailable += d.max;
      return { ...base, numerator: c.numerator, denominator: c.denominator, factor: c.factor ?? null, ratio: percent(c.numerator * f, c.denominator), score: s, available: true };
    });
    if (gScore !== null) score = round2(score + gScore);
    return { code: g.code, nameVi: g.nameVi, nameEn: g.nameEn, max: g.max, score: gScore, indicators };
  });
  return { groups: out, score, maxAvailable };
}
