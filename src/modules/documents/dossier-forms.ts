// Forms 01–06 of one dossier as PDF: reads the dossier through the dossiers service (its scope rules: 404
// outside scope), looks up the names, places and numbers a form prints, and hands them to the pure
// builders in forms/. Each form has one filler; a form the dossier has no data for yet is 409.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';

import { userNames } from '../org/org.read.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import type { DossierEvent } from '../workflow/types.js';
import * as repo from './documents.repo.js';
import { renderPdf, vnIsoDate, type RenderInput } from './pdf.js';
import type { FormNumber } from './templates.js';
import { agencyRows, type DossierView } from './dossier-access.js';
import { addressText, footer, headingFor, templateFor, type AddressInput } from './form-heading.js';
import { dossierVars } from './forms/dossier-vars.js';
import { receiptFacts, receiptQr, receiptVars, type ReceiptFiling } from './forms/form-01-receipt.js';
import { apologyVars, lastEvent, refusalVars, requestItems, requestVars, stopNoticeNumber, stopVars } from './forms/notice-forms.js';
import { slipForm, slipPeople } from './forms/form-06-control-slip.js';
import './documents.errors.js';
import { documentErrors } from './documents.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export interface FormRequest {
  /** Form 01 only: the receipt secret given at reception (verified against its hash, never stored). */
  secret?: string;
}

interface FormJob {
  ctx: AppContext;
  /** null for the citizen's own copy (forms 01–03 only) */
  p: Principal | null;
  ref: string;
  form: FormNumber;
  req: FormRequest;
  d: DossierView;
  events: DossierEvent[];
  vars: Record<string, string>;
  /** Filled in place: the heading's date or agency, tables, QR, number. */
  input: RenderInput;
}

const notAvailable = (form: string, reason: string) => documentErrors.FORM_NOT_AVAILABLE({ form, reason });

/** The receipt secret, if given: checked through the public lookup (422 when wrong). */
async function checkedSecret(ctx: AppContext, code: string, secret: string | undefined): Promise<string | null> {
  if (!secret) return null;
  try {
    await dossiers.publicLookup(ctx, code, secret);
    return secret;
  } catch {
    throw documentErrors.RECEIPT_SECRET_INVALID();
  }
}

async function fillReceipt({ ctx, form, req, d, events, vars, input }: FormJob): Promise<void> {
  if (!d.code || !d.acceptedAt) throw notAvailable(form, 'chưa được tiếp nhận chính thức / not accepted');
  const received = events.find((e) => e.action === 'receive' && e.clock?.acceptedAt) ?? events.find((e) => e.action === 'accept');
  const names = await userNames(ctx.db, [received?.actor.userId]);
  const files = await repo.listFiles(ctx.db, d.id);
  const facts = receiptFacts((d.filing ?? {}) as ReceiptFiling, files);
  // the number in the year's register book: the dossier's place among the desk's dossiers accepted so far
  const yearStart = new Date(`${vnIsoDate(d.acceptedAt).slice(0, 4)}-01-01T00:00:00+07:00`);
  const before = await dossiers.listForRegister(ctx, d.agencies.receiving!.id, yearStart, new Date(new Date(d.acceptedAt).getTime() + 1));
  Object.assign(
    vars,
    receiptVars({
      facts,
      acceptedAt: d.acceptedAt,
      dueAt: d.dueAt,
      place: d.agencies.return?.name ?? d.agencies.receiving?.name ?? '',
      applicantAddress: vars.applicantAddress!,
      registerBook: vnIsoDate(d.acceptedAt).slice(0, 4),
      registerSeq: before.findIndex((x) => x.id === d.id) + 1,
      officerName: names.get(received?.actor.userId ?? '') ?? '',
    }),
  );
  input.heading.date = new Date(d.acceptedAt);
  input.tables = { components: facts.components };
  input.qr = receiptQr(ctx.config.publicUrl, d.code, await checkedSecret(ctx, d.code, req.secret));
}

async function fillRequest({ ctx, form, events, vars, input }: FormJob): Promise<void> {
  const e = lastEvent(events, ['request_completion', 'request_supplement']);
  if (!e) throw notAvailable(form, 'chưa có yêu cầu bổ sung, hoàn thiện / no completion or supplement request');
  const names = await userNames(ctx.db, [e.actor.userId]);
  const officerAgency = (await agencyRows(ctx.db, [e.actor.agencyId])).get(e.actor.agencyId);
  Object.assign(vars, requestVars(e, names.get(e.actor.userId) ?? '', officerAgency?.name ?? vars.receivingAgency!));
  input.tables = { items: requestItems(e) };
  if (e.action === 'request_supplement' && officerAgency) input.heading = await headingFor(ctx, officerAgency.id, new Date(e.at));
  else input.heading.date = new Date(e.at);
}

async function fillRefusal({ ctx, form, events, vars, input }: FormJob): Promise<void> {
  const e = lastEvent(events, ['refuse', 'reject']);
  if (!e) throw notAvailable(form, 'hồ sơ không bị từ chối / not refused');
  const names = await userNames(ctx.db, [e.actor.userId]);
  Object.assign(vars, refusalVars(e, names.get(e.actor.userId) ?? '', { receivingAgency: vars.receivingAgency!, competentAgency: vars.competentAgency! }));
  input.heading.date = new Date(e.at);
}

async function fillApology({ ctx, form, d, events, vars, input }: FormJob): Promise<void> {
  const e = lastEvent(events, ['apologize']);
  if (!e) throw notAvailable(form, 'chưa có văn bản xin lỗi / no apology');
  const names = await userNames(ctx.db, [e.actor.userId]);
  Object.assign(vars, apologyVars(e, names.get(e.actor.userId) ?? '', d));
  input.heading = await headingFor(ctx, d.agencies.competent?.id ?? d.currentAgencyId, new Date(e.at));
}

async function fillStop({ ctx, form, events, vars, input }: FormJob): Promise<void> {
  const e = lastEvent(events, ['stop']);
  if (!e) throw notAvailable(form, 'hồ sơ chưa dừng giải quyết / not stopped');
  const w = lastEvent(events, ['request_withdrawal']);
  const names = await userNames(ctx.db, [e.actor.userId]);
  Object.assign(vars, stopVars(e, w, names.get(e.actor.userId) ?? ''));
  input.number = stopNoticeNumber(e);
  input.heading.date = new Date(e.at);
}

async function fillControlSlip({ ctx, p, ref, d, events, vars, input }: FormJob): Promise<void> {
  if (!p) throw platformErrors.NOT_FOUND({ what: 'form' });
  const slip = await dossiers.getControlSlip(ctx, p, ref);
  const names = await userNames(ctx.db, slipPeople(slip, events));
  const out = slipForm(slip, events, names, { applicantName: d.applicantName, competentAgency: vars.competentAgency! });
  Object.assign(vars, out.vars);
  input.tables = { slip: out.rows };
  if (d.acceptedAt) input.heading.date = new Date(d.acceptedAt);
}

const FILLERS: Partial<Record<FormNumber, (job: FormJob) => Promise<void>>> = {
  '01': fillReceipt,
  '02': fillRequest,
  '03': fillRefusal,
  '04': fillApology,
  '05': fillStop,
  '06': fillControlSlip,
};

export async function renderDossierForm(ctx: AppContext, p: Principal, ref: string, form: FormNumber, req: FormRequest = {}): Promise<{ pdf: Buffer; fileName: string }> {
  const { dossier: d, events } = await dossiers.getDossierWithEvents(ctx, p, ref);
  return renderForm(ctx, p, ref, form, req, d, events);
}

/** What a citizen prints of their own dossier online: the receipt (01), the completion / supplement request (02), the refusal (03). */
export const CITIZEN_FORMS: readonly FormNumber[] = ['01', '02', '03'];

export async function renderCitizenForm(ctx: AppContext, who: dossiers.CitizenRef, ref: string, form: FormNumber): Promise<{ pdf: Buffer; fileName: string }> {
  if (!CITIZEN_FORMS.includes(form)) throw platformErrors.NOT_FOUND({ what: 'form' });
  const { dossier: d, events } = await dossiers.getOwnDossierWithEvents(ctx, who, ref);
  return renderForm(ctx, null, ref, form, {}, d, events);
}

async function renderForm(ctx: AppContext, p: Principal | null, ref: string, form: FormNumber, req: FormRequest, d: DossierView, events: DossierEvent[]) {
  const now = ctx.clock.now();
  const template = await templateFor(ctx, form, d.acceptedAt ?? d.submittedAt);
  const vars = dossierVars(d, await addressText(ctx.db, ((d.applicant ?? {}) as { address?: AddressInput }).address));
  const input: RenderInput = {
    template,
    heading: await headingFor(ctx, d.agencies.receiving?.id ?? d.currentAgencyId, now),
    vars,
    footer: footer(ctx, now),
  };
  const fill = FILLERS[form];
  if (!fill) throw platformErrors.NOT_FOUND({ what: 'form' });
  await fill({ ctx, p, ref, form, req, d, events, vars, input });
  // the receipt is one sheet the citizen takes home, however long the checklist (up to 10 components)
  const pdf = await renderPdf(input, { onePage: form === '01' });
  return { pdf, fileName: `Mau-${form}_${(d.code ?? d.id).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf` };
}
