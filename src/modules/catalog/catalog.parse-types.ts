/**
 * Normalised shape of one administrative procedure (TTHC) after parsing the
 * crawled national portal records (main set) or the Ministry of Defence set.
 *
 * Rule for every field: never invent a value. When the source has nothing the
 * parser records an issue with status 'missing'; when the source has text that
 * could not be turned into structure it records status 'failed' and keeps the
 * verbatim text somewhere visible (the `text` / `timeText` / `description`
 * fields), so that an admin can fix it by hand.
 */

export type ChannelKind = 'in_person' | 'online' | 'postal';

/**
 * Units of a time limit (domain-vn.md §9).
 * - `working_days`  "Ngày làm việc"
 * - `days`          "Ngày" (calendar days: the Civil Code default when the text does not say "làm việc")
 * - `hours`         "Giờ"
 * - `working_hours` "Giờ làm việc"
 * - `months`        "Tháng"
 * - `same_day`      "Trong ngày", "Ngay trong ngày (làm việc)": result on the day of receipt. `value` is always 1.
 */
export type TimeUnit = 'working_days' | 'days' | 'hours' | 'working_hours' | 'months' | 'same_day';

export type Level = 'ministry' | 'province' | 'commune';

export interface TimeLimit {
  value: number;
  unit: TimeUnit;
  /** The verbatim source text the value was read from. */
  text: string;
  /**
   * Where the value came from: the portal's time column, or (only when the column is empty or has a bare number
   * without unit) the single unambiguous time expression found in the channel's description; 'unit_inferred'
   * for a bare number with no unit anywhere, read in the national portal's default unit (working days).
   */
  from: 'time_column' | 'description' | 'unit_inferred' | 'steps' | 'cases' | 'phases';
}

export interface Fee {
  /** Fee label from the source: "Phí", "Lệ phí" (defence set) or the column header "Phí, lệ phí" (main set). */
  name: string;
  /** 0 = free ("Miễn phí", "0 Đồng", "Không Đồng"); null = no parseable VND amount (see `text`, `currency`). */
  amountVnd: number | null;
  /** The verbatim fee text, including the note in brackets. */
  text: string;
  /** Amount in the stated currency (e.g. 25 for "25 USD"); null when not parseable. */
  amount: number | null;
  currency: 'VND' | 'USD' | null;
  /** The note in brackets after the amount, if any (often names the fee or gives the real schedule). */
  note: string | null;
}

export interface Channel {
  kind: ChannelKind;
  timeLimit: TimeLimit | null;
  /** Verbatim time column ("5 Ngày làm việc", "1", "Không có thông tin", "Không quy định"…); null if absent. */
  timeText: string | null;
  fees: Fee[];
  /** The "Mô tả" column (free text), '' when empty. */
  description: string;
  /** Per-case limits of the description matched to the component cases (catalog.time-fallbacks.ts). */
  caseLimits?: Array<{ caseKey: string; value: number; unit: TimeUnit }>;
}

export interface Component {
  name: string;
  /** First form template file name (e.g. "Mẫu số 02.docx"); null when none. All of them are in `templates`. */
  template: string | null;
  templates: string[];
  originals: number;
  /**
   * How many of `copies` must be certified. Neither source has a separate column: this equals `copies` when the
   * document name demands a certified copy ("Bản sao có chứng thực …", "Bản sao hộ chiếu có chứng thực") without
   * offering an alternative ("hoặc", "bản chụp", "bản sao điện tử"), else 0.
   */
  certifiedCopies: number;
  /** Copies ("bản sao"), certified or not, as counted by the portal / defence table. */
  copies: number;
  /**
   * false when the source wording marks the document as conditional or optional: "(nếu có)", "Trường hợp …",
   * "Đối với …", "Nếu …", or a row with 0 originals and 0 copies (portal rows used for notes). Otherwise true.
   * This is a reading of explicit wording, not a legal judgement.
   */
  required: boolean;
  /** Group heading the row belongs to ("* Giấy tờ phải nộp:", "Trường hợp (1): …"), if any. */
  group?: string;
}

export interface LegalBasis {
  /** Document number like "123/2015/NĐ-CP"; null when the source gives none that can be read. */
  number: string | null;
  title: string;
  /** ISO date (YYYY-MM-DD) when the source gives it (defence set). */
  issuedAt?: string | null;
  issuer?: string | null;
}

export interface ResultDoc {
  name: string;
  /** Result code like "KQ.G15.000031" (main set) when present. */
  code: string | null;
}

export type IssueStatus = 'missing' | 'failed';

export interface ParseIssue {
  /** One of PARSE_FIELDS (e.g. 'channels.timeLimit'). */
  field: string;
  status: IssueStatus;
  detail: string;
}

export interface ParseWarning {
  field: string;
  detail: string;
}

export interface ParsedProcedure {
  /** National code like '1.001193' (local suffixes such as '.H38' are kept). */
  code: string;
  name: string;
  field: string | null;
  /** Neither source carries a field code; always null for now (kept for the catalogue schema). */
  fieldCode?: string | null;
  levels: Level[];
  /** Level labels that do not map to ministry/province/commune, verbatim (e.g. "Cơ quan khác"). */
  otherLevels: string[];
  implementingAgency: string | null;
  competentAgency: string | null;
  applicants: string | null;
  steps: string | null;
  channels: Channel[];
  components: Component[];
  results: string[];
  resultDocs: ResultDoc[];
  legalBasis: LegalBasis[];
  requirements: string | null;
  procedureType: string | null;
  receivingAddress: string | null;
  source: 'national' | 'defence';
  /** Portal formality id (main set) or source file name (defence set). */
  sourceId?: string;
  sourceUrl?: string | null;
  decisionNumber?: string | null;
  /** What could not be parsed, visible to admins. */
  issues: ParseIssue[];
  /** Parsed, but something looks wrong in the source (e.g. "Miễn phí" with a note that quotes an amount). */
  warnings: ParseWarning[];
}

/** The fields the parse report counts, in display order. */
export const PARSE_FIELDS = [
  'code',
  'name',
  'field',
  'levels',
  'implementingAgency',
  'applicants',
  'steps',
  'decisionNumber',
  'channels',
  'channels.timeLimit',
  'channels.fees',
  'components',
  'components.template',
  'results',
  'legalBasis',
  'requirements',
] as const;

export type ParseField = (typeof PARSE_FIELDS)[number];
