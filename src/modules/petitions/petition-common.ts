// What the petition use cases share: settings, deadlines in working days (the calendar module, honouring the
// province's holidays and the agency's office hours), who may see and do what, the views.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { addWorkingDaysWithVersion } from '../calendar/calendar.service.js';
import { actsFromTop, can, scopePaths } from '../org/permissions.js';
import { agencyBriefs } from '../org/org.read.js';
import { parseSettings, type PetitionSettings } from './petition-settings.js';
import { allowedActions, isAnswered, type PetitionStatus } from './petition-machine.js';
import { maskEmail, maskName, maskPhone } from './mask.js';
import * as repo from './petitions.repo.js';

export async function settingsOf(ctx: AppContext): Promise<PetitionSettings> {
  return parseSettings(await repo.settingsConfig(ctx.db));
}

/** `from` plus `days` working days in the agency's calendar (null = the province's default). */
export async function addDays(ctx: AppContext, agencyId: string | null, from: Date, days: number): Promise<Date> {
  return (await addWorkingDaysWithVersion(ctx, agencyId, from, days)).value;
}

/** A readable unique code: PAKN-yymmdd-XXXXX / HD-yymmdd-XXXXX (local date, Asia/Ho_Chi_Minh). */
export function newCode(prefix: string, now: Date): string {
  const local = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const tail = [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}-${local}-${tail}`;
}

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

/** The principal's standing on a petition: handles it (its agency, or the province's intake while unassigned). */
export interface Standing {
  handles: boolean;
  intake: boolean;
  /** The official who recorded the desk/phone petition (sees what they typed, acts only if they handle it). */
  recorder?: boolean;
}

export function standingOf(p: Principal | null, row: { agency_id: string | null; recorded_by?: string | null }, agency: { id: string; path: string } | undefined): Standing {
  if (!p) return { handles: false, intake: false };
  const intake = actsFromTop(p, 'petition.assign');
  const handles = row.agency_id ? (!!agency && can(p, 'petition.handle', agency)) || intake : intake;
  return { handles, intake, recorder: !!row.recorded_by && row.recorded_by === p.userId };
}

/** Officials with any petition role may open a petition (masked unless they handle it). */
export const isPetitionOfficial = (p: Principal): boolean => scopePaths(p, 'petition.handle').length > 0 || scopePaths(p, 'petition.assign').length > 0;

/** What an online petition or question stores as the name when the citizen's account has none. */
export const UNNAMED = 'Công dân';

type PetitionerRow = { petitioner_name: string; petitioner_phone: string | null; petitioner_email: string | null; petitioner_address: string | null };

/** The citizen gave no name: the stored name is their phone, e-mail or the placeholder (fileOnline, askQuestion). */
export const isUnnamed = (row: PetitionerRow): boolean => {
  const n = row.petitioner_name.trim();
  return n === UNNAMED || n === row.petitioner_phone?.trim() || n === row.petitioner_email?.trim();
};

/** The petitioner as the viewer may see them: `name` null when none was given (the screens say "Người dân"). */
export function petitionerOf(row: PetitionerRow, show: boolean) {
  const name = isUnnamed(row) ? null : row.petitioner_name;
  if (show) return { name, phone: row.petitioner_phone, email: row.petitioner_email, address: row.petitioner_address, masked: false };
  return { name: name === null ? null : maskName(name), phone: maskPhone(row.petitioner_phone), email: maskEmail(row.petitioner_email), address: null, masked: true };
}

/** The deadline the petition runs against now: to publish once answered, to supplement while info is asked, else to handle. */
export function currentDue(row: repo.PetitionRow): Date | null {
  const s = row.status as PetitionStatus;
  if (s === 'answered') return row.publish_due_at;
  if (s === 'info_requested') return row.info_due_at;
  if (s === 'received' || s === 'assigned') return row.handle_due_at;
  return null;
}

export type Viewer = { kind: 'official'; standing: Standing } | { kind: 'citizen' };

export async function petitionViews(ctx: AppContext, rows: repo.PetitionRow[], viewerOf: (row: repo.PetitionRow, agency: { id: string; path: string } | undefined) => Viewer) {
  const agencies = await agencyBriefs(ctx.db, rows.map((r) => r.agency_id).filter((x): x is string => !!x));
  const now = ctx.clock.now();
  return rows.map((row) => {
    const agency = row.agency_id ? agencies.get(row.agency_id) : undefined;
    const viewer = viewerOf(row, agency);
    const status = row.status as PetitionStatus;
    const due = currentDue(row);
    const show = viewer.kind === 'citizen' || viewer.standing.handles || !!viewer.standing.recorder;
    let actions: string[] = [];
    if (viewer.kind === 'citizen') actions = allowedActions(status).filter((a) => (a === 'rate' && row.channel === 'online') || a === 'supplement');
    else if (viewer.standing.handles) {
      actions = allowedActions(status).filter((a) => a !== 'rate' && a !== 'supplement' && (a !== 'assign' || viewer.standing.intake) && (a !== 'answer' || !!row.agency_id));
    }
    return {
      code: row.code,
      kind: row.kind as 'regulation' | 'behaviour',
      channel: row.channel as 'online' | 'desk' | 'phone',
      status,
      title: row.title,
      content: row.content,
      procedureCode: row.procedure_code,
      dossierCode: row.dossier_code,
      agency: agency ? { code: agency.code, name: agency.name } : null,
      petitioner: petitionerOf(row, show),
      receivedAt: iso(row.received_at)!,
      refuseDueAt: iso(row.refuse_due_at)!,
      handleDueAt: iso(row.handle_due_at)!,
      infoDueAt: iso(row.info_due_at),
      infoRequest: row.info_request,
      refusedAt: iso(row.refused_at),
      refuseReason: row.refuse_reason,
      answeredAt: iso(row.answered_at),
      answer: row.answer,
      publishDueAt: iso(row.publish_due_at),
      publishedAt: iso(row.published_at),
      public: row.public,
      rating: row.rating as 'satisfied' | 'unsatisfied' | null,
      ratingComment: row.rating_comment,
      ratedAt: iso(row.rated_at),
      overdue: !!due && due.getTime() < now.getTime(),
      actions,
      version: row.version,
    };
  });
}

export const answeredStatus = isAnswered;
export { iso };
