// Questions citizens sent to the province on the national portal (LayDanhSachHoiDapGuiTuDVCQG), kept in
// this module's table until the Q&A module exists; a question is stored once (by the portal's id).
import type { AppContext } from '../../platform/context.js';
import * as repo from './portal-sync.repo.js';

export async function pullPortalQuestions(ctx: AppContext): Promise<{ pulled: number; new: number }> {
  const list = await ctx.nationalPortal.listQuestions();
  const now = ctx.clock.now();
  const created = await repo.upsertQuestions(ctx.db, list.map((q) => ({
    portal_id: q.ID, field_code: q.MALINHVUC ?? null, agency_code: q.MADONVI ?? null, procedure_code: q.MATTHCDP ?? null,
    asker_name: q.HOVATEN, asker_email: q.THUDIENTU ?? null, asker_phone: q.SODIENTHOAI ?? null, content: q.NOIDUNG,
    answer: null, answered_at: null, answer_synced_at: null, pulled_at: now,
  })));
  return { pulled: list.length, new: created };
}
