// GET /public/dossiers/{code}: the citizen's look-up with the secret printed on the receipt. It shows only
// what the receipt shows, the timeline of its national statuses in plain words (no names, no notes) and
// what is expected of the citizen now; a wrong code and a wrong secret give the same 404 (and take the
// same time).
import type { AppContext } from '../../platform/context.js';

import { agencyBriefs } from '../org/org.read.js';
import { NATIONAL_STATUS_LABELS, nationalStatus } from '../workflow/state-machine.js';
import type { DossierEvent } from '../workflow/types.js';
import { secretMatches } from './lookup-secret.js';
import { iso } from './presenters.js';
import * as repo from './dossiers.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

const LOOKUP_HINT = {
  hintVi: 'Kiểm tra lại mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Mã tra cứu gồm 15 chữ in hoa và chữ số, không có chữ O, chữ I, số 0, số 1; không phân biệt chữ hoa, chữ thường; có thể gõ có hoặc không có dấu cách.',
  hintEn: 'Check the dossier code and the lookup code printed on the receipt. The lookup code has 15 capital letters and digits, without the letters O and I or the digits 0 and 1; upper or lower case and spaces do not matter.',
};

type Words = { vi: string; en: string };

/** What one national status means for the citizen, in plain words. */
export const STATUS_WORDS: Record<number, Words> = {
  1: { vi: 'Hồ sơ đã được gửi, đang chờ Bộ phận Một cửa kiểm tra.', en: 'The dossier was sent and waits for the one-stop desk to check it.' },
  2: { vi: 'Bộ phận Một cửa đã tiếp nhận hồ sơ và hẹn ngày trả kết quả.', en: 'The one-stop desk accepted the dossier and set the date of the result.' },
  3: { vi: 'Hồ sơ không được tiếp nhận; lý do ghi trong phiếu từ chối.', en: 'The dossier was not accepted; the reasons are in the refusal notice.' },
  4: { vi: 'Cơ quan có thẩm quyền đang giải quyết hồ sơ.', en: 'The competent agency is working on the dossier.' },
  5: { vi: 'Cơ quan yêu cầu bổ sung, hoàn thiện giấy tờ.', en: 'The agency asked for papers to be added or corrected.' },
  6: { vi: 'Cơ quan yêu cầu nộp phí, lệ phí hoặc nghĩa vụ tài chính.', en: 'The agency asked for fees or other payments.' },
  7: { vi: 'Đã nhận yêu cầu rút hồ sơ của công dân.', en: 'Your request to withdraw the dossier was received.' },
  8: { vi: 'Hồ sơ đã dừng giải quyết.', en: 'Work on the dossier has stopped.' },
  9: { vi: 'Đã có kết quả, chờ trả cho công dân.', en: 'The result is ready to be handed over.' },
  10: { vi: 'Kết quả đã được trả.', en: 'The result was handed over.' },
};

/** What the citizen is expected to do now, by national status. */
function nextStep(status: number, returnAgency: string | null): { action: 'wait' | 'supplement' | 'pay' | 'collect' | 'none'; vi: string; en: string } {
  const where = returnAgency ?? 'Bộ phận Một cửa';
  const whereEn = returnAgency ?? 'the one-stop desk';
  switch (status) {
    case 5: return { action: 'supplement', vi: 'Bổ sung các giấy tờ theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, nộp tại nơi đã nộp hồ sơ. Thời hạn giải quyết được tính lại khi hồ sơ đủ.', en: 'Bring the papers listed in the supplement request to where you filed the dossier. The time limit starts again once the dossier is complete.' };
    case 6: return { action: 'pay', vi: 'Nộp phí, lệ phí theo thông báo của cơ quan giải quyết.', en: 'Pay the fees as the agency asked.' };
    case 9: return { action: 'collect', vi: `Mang Giấy tiếp nhận hồ sơ và hẹn trả kết quả và giấy tờ tùy thân đến ${where} để nhận kết quả (hoặc chờ bưu điện nếu đã đăng ký nhận qua bưu chính).`, en: `Bring the receipt and your identity document to ${whereEn} to collect the result (or wait for the post if you chose delivery by post).` };
    case 1: case 2: case 4: case 7: return { action: 'wait', vi: 'Không cần làm gì thêm: chờ đến ngày hẹn trả kết quả. Nếu cơ quan cần thêm giấy tờ, trang này và tin nhắn sẽ báo.', en: 'Nothing to do now: wait for the appointment. If the agency needs more papers, this page and a message will tell you.' };
    default: return { action: 'none', vi: 'Hồ sơ đã kết thúc, không cần làm gì thêm.', en: 'The dossier is closed; nothing more to do.' };
  }
}

/** One entry per change of national status, oldest first: when, which status, what it means. */
export function timelineOf(events: Array<Pick<DossierEvent, 'toState' | 'at'>>) {
  const out: Array<{ at: string; nationalStatus: number; label: Words; text: Words }> = [];
  let last = 0;
  for (const e of events) {
    const n = nationalStatus(e.toState);
    if (n === last) continue;
    last = n;
    out.push({ at: new Date(e.at).toISOString(), nationalStatus: n, label: NATIONAL_STATUS_LABELS[n]!, text: STATUS_WORDS[n]! });
  }
  return out;
}

export async function publicLookup(ctx: AppContext, code: string, secret: string) {
  const notFound = () => platformErrors.NOT_FOUND({ what: 'dossier' }, LOOKUP_HINT);
  // dossier codes are matched case-insensitively (they are issued in upper case)
  const typed = code.trim();
  const row = repo.isUuid(typed) ? undefined : await repo.findPublicView(ctx.db, typed);
  // compared even when the dossier does not exist, so timing does not reveal codes
  const ok = secretMatches(secret, row?.secret_hash);
  if (!row || !ok) throw notFound();
  const ag = await agencyBriefs(ctx.db, [row.receiving_agency_id, row.return_agency_id]); // cached
  const returnAgency = ag.get(row.return_agency_id)?.name ?? null;
  return {
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    receivingAgency: ag.get(row.receiving_agency_id)?.name ?? null,
    returnAgency,
    nationalStatus: row.national_status,
    statusLabel: NATIONAL_STATUS_LABELS[row.national_status]!,
    receivedAt: iso(row.accepted_at),
    appointmentAt: iso(row.due_at),
    resultReady: row.national_status === 9,
    returnedAt: iso(row.returned_at),
    timeline: timelineOf(row.events),
    next: nextStep(row.national_status, returnAgency),
  };
}
