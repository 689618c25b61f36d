// Notification templates: the events, the variables each one may use, the built-in Vietnamese texts (version 1
// of every template, until an admin saves a new version) and the renderer. Pure: no I/O.
// Texts are Vietnamese with diacritics on every channel: the SMS edge (sms-encoding) strips them only when that
// saves segments. Syntax: {{variable}}. A variable the event does not provide is refused when a template is saved (422 on the
// field), so a message never goes out with a hole or a raw placeholder in it.
import type { FieldError } from '../../platform/errors.js';

export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

const COMMON = ['applicantName', 'dossierCode', 'procedureName', 'agencyName', 'lookupUrl'] as const;

/** Each event and the variables its templates may use. */
export const EVENT_VARIABLES = {
  submitted: [...COMMON, 'submittedAt'],
  accepted: [...COMMON, 'lookupSecret', 'appointment'],
  completion_requested: [...COMMON, 'reason', 'missingItems'],
  refused: [...COMMON, 'reason'],
  supplement_requested: [...COMMON, 'reason', 'missingItems'],
  payment_requested: [...COMMON, 'amount', 'howToPay', 'reason'],
  receipt_issued: [...COMMON, 'amount', 'receiptNumber', 'paidAt', 'feeLines', 'receiptUrl'],
  apology: [...COMMON, 'reason', 'newAppointment', 'previousAppointment'],
  result_ready: [...COMMON, 'returnPlace', 'howToCollect'],
  result_returned: [...COMMON, 'returnMethod', 'trackingNumber'],
  rating_invitation: [...COMMON, 'ratingUrl'],
  sign_in_code: ['code', 'minutes', 'purpose'],
  official_digest: ['officialName', 'dueSoonCount', 'overdueCount', 'dossierList', 'inboxUrl'],
  operator_alert: ['alertTitle', 'details', 'adminUrl'],
} as const satisfies Record<string, readonly string[]>;
export type EventKind = keyof typeof EVENT_VARIABLES;
export const EVENT_KINDS = Object.keys(EVENT_VARIABLES) as EventKind[];
export const isEventKind = (x: string): x is EventKind => Object.hasOwn(EVENT_VARIABLES, x);

export const EVENT_LABELS: Record<EventKind, { vi: string; en: string }> = {
  submitted: { vi: 'Đã nhận hồ sơ nộp trực tuyến', en: 'Online submission received' },
  accepted: { vi: 'Tiếp nhận hồ sơ', en: 'Dossier accepted' },
  completion_requested: { vi: 'Yêu cầu hoàn thiện hồ sơ', en: 'Completion requested' },
  refused: { vi: 'Từ chối hồ sơ', en: 'Dossier refused' },
  supplement_requested: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  payment_requested: { vi: 'Yêu cầu nộp phí, lệ phí', en: 'Payment requested' },
  receipt_issued: { vi: 'Biên lai điện tử thanh toán trực tuyến', en: 'Electronic receipt of an online payment' },
  apology: { vi: 'Xin lỗi và hẹn lại ngày trả', en: 'Apology and new date' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  result_returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  rating_invitation: { vi: 'Mời đánh giá mức độ hài lòng', en: 'Rating invitation' },
  sign_in_code: { vi: 'Mã xác thực đăng nhập', en: 'Sign-in code' },
  official_digest: { vi: 'Tổng hợp hằng ngày cho cán bộ', en: "Officials' daily digest" },
  operator_alert: { vi: 'Cảnh báo vận hành (sao lưu…)', en: 'Operator alert (backups…)' },
};

export interface TemplateText {
  /** E-mail only. */
  subject: string | null;
  body: string;
}

const SIGN = '\n\n{{agencyName}}\nTra cứu hồ sơ: {{lookupUrl}}';

/** Version 1 of every template (what a fresh deployment sends). */
export const DEFAULT_TEMPLATES: Record<EventKind, Record<Channel, TemplateText>> = {
  // the acknowledgement of an online submission: no code yet, the desk checks it first
  submitted: {
    sms: { subject: null, body: 'Đã nhận hồ sơ trực tuyến «{{procedureName}}» lúc {{submittedAt}}. {{agencyName}} sẽ kiểm tra và báo mã hồ sơ.' },
    email: {
      subject: 'Đã nhận hồ sơ nộp trực tuyến: {{procedureName}}',
      body: 'Kính gửi {{applicantName}},\n\n{{agencyName}} đã nhận hồ sơ thủ tục «{{procedureName}}» bạn nộp trực tuyến lúc {{submittedAt}}.\n\nBộ phận Một cửa sẽ kiểm tra hồ sơ; khi hồ sơ được tiếp nhận, bạn sẽ nhận được mã hồ sơ, mã tra cứu và ngày hẹn trả kết quả. Bạn cũng có thể theo dõi hồ sơ trong mục «Hồ sơ của tôi».' + SIGN,
    },
  },
  accepted: {
    sms: { subject: null, body: 'Hồ sơ {{dossierCode}} đã được tiếp nhận. Mã tra cứu: {{lookupSecret}}. Hẹn trả: {{appointment}}. {{lookupUrl}}' },
    email: {
      subject: 'Tiếp nhận hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\n{{agencyName}} đã tiếp nhận hồ sơ {{dossierCode}} — thủ tục «{{procedureName}}».\n\nMã tra cứu: {{lookupSecret}}\nNgày hẹn trả kết quả: {{appointment}}\n\nGiấy tiếp nhận hồ sơ và hẹn trả kết quả được gửi kèm thư này.' + SIGN,
    },
  },
  completion_requested: {
    sms: { subject: null, body: 'Hồ sơ «{{procedureName}}» cần bổ sung, hoàn thiện: {{missingItems}}. Lý do: {{reason}}.' },
    email: {
      subject: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
      body: 'Kính gửi {{applicantName}},\n\nHồ sơ thủ tục «{{procedureName}}» chưa đủ điều kiện tiếp nhận. Đề nghị bổ sung, hoàn thiện:\n{{missingItems}}\n\nLý do: {{reason}}' + SIGN,
    },
  },
  refused: {
    sms: { subject: null, body: 'Hồ sơ {{dossierCode}} không được giải quyết. Lý do: {{reason}}.' },
    email: {
      subject: 'Thông báo từ chối hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{dossierCode}} — thủ tục «{{procedureName}}» không được giải quyết.\n\nLý do: {{reason}}' + SIGN,
    },
  },
  supplement_requested: {
    sms: { subject: null, body: 'Hồ sơ {{dossierCode}} cần bổ sung: {{missingItems}}. Lý do: {{reason}}.' },
    email: {
      subject: 'Yêu cầu bổ sung hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\nĐể giải quyết hồ sơ {{dossierCode}} — thủ tục «{{procedureName}}», đề nghị Ông/Bà bổ sung:\n{{missingItems}}\n\nLý do: {{reason}}\nThời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ.' + SIGN,
    },
  },
  payment_requested: {
    sms: { subject: null, body: 'Hồ sơ {{dossierCode}}: đề nghị nộp {{amount}}. {{howToPay}}' },
    email: {
      subject: 'Đề nghị nộp phí, lệ phí cho hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\nĐể tiếp tục giải quyết hồ sơ {{dossierCode}}, đề nghị Ông/Bà nộp {{amount}}.\n\nCách nộp: {{howToPay}}' + SIGN,
    },
  },
  // the electronic receipt of an online payment, once per payment (the confirm_payment the gateway's "paid" records)
  receipt_issued: {
    sms: { subject: null, body: 'Hồ sơ {{dossierCode}}: đã nhận {{amount}}, biên lai {{receiptNumber}}. Tải biên lai: {{receiptUrl}}' },
    email: {
      subject: 'Biên lai điện tử {{receiptNumber}} — hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\n{{agencyName}} đã nhận {{amount}} phí, lệ phí của hồ sơ {{dossierCode}} — thủ tục «{{procedureName}}», thanh toán trực tuyến lúc {{paidAt}}.\n\nCác khoản:\n{{feeLines}}\n\nBiên lai điện tử số {{receiptNumber}} được đính kèm thư này (tải lại tại: {{receiptUrl}}, nhập mã tra cứu in trên Giấy tiếp nhận).' + SIGN,
    },
  },
  apology: {
    sms: { subject: null, body: 'Xin lỗi: hồ sơ {{dossierCode}} trễ hẹn. Ngày hẹn mới: {{newAppointment}}. Lý do: {{reason}}.' },
    email: {
      subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\n{{agencyName}} xin lỗi vì hồ sơ {{dossierCode}} — thủ tục «{{procedureName}}» chưa giải quyết được đúng hẹn ({{previousAppointment}}).\n\nLý do: {{reason}}\nNgày hẹn trả kết quả mới: {{newAppointment}}' + SIGN,
    },
  },
  result_ready: {
    sms: { subject: null, body: 'Hồ sơ {{dossierCode}} đã có kết quả. Nhận tại: {{returnPlace}} ({{howToCollect}}).' },
    email: {
      subject: 'Hồ sơ {{dossierCode}} đã có kết quả',
      body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{dossierCode}} — thủ tục «{{procedureName}}» đã có kết quả.\n\nNơi nhận: {{returnPlace}}\nCách nhận: {{howToCollect}}' + SIGN,
    },
  },
  result_returned: {
    sms: { subject: null, body: 'Kết quả hồ sơ {{dossierCode}} đã được trả ({{returnMethod}}). Mã bưu gửi: {{trackingNumber}}.' },
    email: {
      subject: 'Đã trả kết quả hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\nKết quả hồ sơ {{dossierCode}} đã được trả: {{returnMethod}}.\nMã bưu gửi: {{trackingNumber}}' + SIGN,
    },
  },
  rating_invitation: {
    sms: { subject: null, body: 'Mời Ông/Bà đánh giá mức độ hài lòng về hồ sơ {{dossierCode}}: {{ratingUrl}}' },
    email: {
      subject: 'Mời đánh giá mức độ hài lòng — hồ sơ {{dossierCode}}',
      body: 'Kính gửi {{applicantName}},\n\nXin Ông/Bà dành một phút đánh giá mức độ hài lòng về việc giải quyết hồ sơ {{dossierCode}}:\n{{ratingUrl}}' + SIGN,
    },
  },
  sign_in_code: {
    sms: { subject: null, body: 'Mã xác thực {{purpose}}: {{code}} (hiệu lực {{minutes}} phút). Không cung cấp mã này cho người khác.' },
    email: {
      subject: 'Mã xác thực: {{code}}',
      body: 'Mã xác thực {{purpose}} của Ông/Bà là: {{code}}\nMã có hiệu lực trong {{minutes}} phút. Không cung cấp mã này cho người khác.',
    },
  },
  official_digest: {
    sms: { subject: null, body: 'Hồ sơ sắp đến hạn: {{dueSoonCount}}, quá hạn: {{overdueCount}}. {{inboxUrl}}' },
    email: {
      subject: 'Hồ sơ sắp đến hạn: {{dueSoonCount}}, quá hạn: {{overdueCount}}',
      body: 'Kính gửi {{officialName}},\n\nHồ sơ sắp đến hạn: {{dueSoonCount}}\nHồ sơ quá hạn: {{overdueCount}}\n\n{{dossierList}}\n\nHộp hồ sơ: {{inboxUrl}}',
    },
  },
  operator_alert: {
    sms: { subject: null, body: 'Cảnh báo hệ thống một cửa: {{alertTitle}}. {{adminUrl}}' },
    email: {
      subject: 'Cảnh báo hệ thống một cửa: {{alertTitle}}',
      body: 'Kính gửi quản trị hệ thống,\n\n{{alertTitle}}\n\n{{details}}\n\nTrang quản trị: {{adminUrl}}',
    },
  },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Variables a text uses, in order of appearance. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Problems of a template text for the event: unknown variables, unbalanced braces, an e-mail without subject. */
export function checkTemplate(event: EventKind, channel: Channel, t: TemplateText, pathPrefix = 'body'): FieldError[] {
  const allowed = new Set<string>(EVENT_VARIABLES[event]);
  const errors: FieldError[] = [];
  const fields: Array<['subject' | 'body', string | null]> = [['subject', t.subject], ['body', t.body]];
  if (channel === 'email' && !t.subject?.trim()) {
    errors.push({ path: `${pathPrefix}.subject`, code: 'TEMPLATE_SUBJECT_REQUIRED', messageVi: 'Thư điện tử cần có tiêu đề', messageEn: 'An e-mail needs a subject' });
  }
  for (const [field, text] of fields) {
    if (text === null) continue;
    const unknown = [...new Set(variablesIn(text).filter((v) => !allowed.has(v)))];
    if (unknown.length) {
      errors.push({
        path: `${pathPrefix}.${field}`,
        code: 'TEMPLATE_UNKNOWN_VARIABLE',
        messageVi: `Biến không có cho sự kiện này: ${unknown.map((v) => `{{${v}}}`).join(', ')}. Biến dùng được: ${[...allowed].map((v) => `{{${v}}}`).join(', ')}`,
        messageEn: `Unknown variable for this event: ${unknown.map((v) => `{{${v}}}`).join(', ')}. Available: ${[...allowed].map((v) => `{{${v}}}`).join(', ')}`,
      });
    }
    const stripped = text.replace(PLACEHOLDER, '');
    if (stripped.includes('{{') || stripped.includes('}}')) {
      errors.push({ path: `${pathPrefix}.${field}`, code: 'TEMPLATE_UNBALANCED_BRACES', messageVi: 'Dấu {{ }} không khớp', messageEn: 'Unbalanced {{ }}' });
    }
  }
  return errors;
}

/** Fills the placeholders; a variable without a value becomes "—" (never a raw placeholder). */
export function renderText(text: string, vars: Record<string, string | null | undefined>, escape: (s: string) => string = (s) => s): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = vars[name];
    return escape(v === null || v === undefined || v === '' ? '—' : v);
  });
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The HTML part of an e-mail: the same text, escaped, paragraphs and links, the agency as header, the opt-out link as footer. */
export function renderEmailHtml(body: string, vars: Record<string, string | null | undefined>, opts: { agencyName: string; unsubscribeUrl?: string }): string {
  const filled = renderText(escapeHtml(body), vars, escapeHtml);
  const paragraphs = filled
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('\n');
  const footer = opts.unsubscribeUrl
    ? `<p style="color:#666;font-size:12px">Thư tự động, vui lòng không trả lời. <a href="${escapeHtml(opts.unsubscribeUrl)}">Ngừng nhận thư thông báo</a>.</p>`
    : '<p style="color:#666;font-size:12px">Thư tự động, vui lòng không trả lời.</p>';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;line-height:1.5">\n<p><strong>${escapeHtml(opts.agencyName)}</strong></p>\n${paragraphs}\n${footer}\n</body></html>`;
}
