// Form 06 (TT 03/2025; form 05 of TT 01/2018): "Phiếu kiểm soát quá trình giải quyết hồ sơ".
// Derived from the event log ("việc lưu vết được thực hiện tự động"): one row per hand-over
// (forward, approve, send_back, transfer, return_transfer, record_result/reject to the return step,
// return_result to the applicant), with giver, receiver, time, classification and note.

import type { Classification, DossierEvent, EventAction, HandoverParty } from './types.js';
import { findStep, type ProcessDefinition } from './process.js';

export const CLASSIFICATION_LABELS: Readonly<Record<Classification, { vi: string; en: string }>> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};

export interface SlipParty {
  agencyId: string | null;
  stepKey: string | null;
  stepNameVi: string | null;
  stepNameEn: string | null;
  userId: string | null;
  /** The applicant (result returned). */
  applicant: boolean;
}

export interface ControlSlipRow {
  /** 1-based row number ("1. Giao: … Nhận: …"). */
  index: number;
  version: number;
  action: EventAction;
  giver: SlipParty;
  receiver: SlipParty;
  /** Hand-over instant (ISO). */
  at: string;
  /** Due instant of what the giver finished. */
  dueAt: string | null;
  classification: Classification | null;
  classificationVi: string | null;
  note: string | null;
}

export interface ControlSlip {
  dossierId: string | null;
  code: string | null;
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  handlingAgencyId: string | null;
  /** Cơ quan phối hợp giải quyết hồ sơ: transfer targets and consulted agencies. */
  cooperatingAgencyIds: string[];
  rows: ControlSlipRow[];
}

export interface ControlSlipOptions {
  /** The process the dossier was pinned to, to print step names. */
  process?: ProcessDefinition;
}

function toParty(p: HandoverParty, process: ProcessDefinition | undefined): SlipParty {
  const step = process ? findStep(process, p.stepKey) : undefined;
  return {
    agencyId: p.agencyId,
    stepKey: p.stepKey,
    stepNameVi: step?.nameVi ?? null,
    stepNameEn: step?.nameEn ?? null,
    userId: p.userId,
    applicant: p.applicant === true,
  };
}

function noteOf(e: DossierEvent): string | null {
  const reason = typeof e.payload.reason === 'string' ? e.payload.reason : null;
  const parts = [reason, e.note].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join(' — ') : null;
}

function sorted(events: readonly DossierEvent[]): DossierEvent[] {
  return [...events].sort((a, b) => a.version - b.version);
}

/** The rows of form 06, in order. */
export function controlSlipRows(events: readonly DossierEvent[], opts: ControlSlipOptions = {}): ControlSlipRow[] {
  const rows: ControlSlipRow[] = [];
  for (const e of sorted(events)) {
    const h = e.handover;
    if (!h) continue;
    rows.push({
      index: rows.length + 1,
      version: e.version,
      action: e.action,
      giver: toParty(h.from, opts.process),
      receiver: toParty(h.to, opts.process),
      at: h.at,
      dueAt: h.dueAt,
      classification: h.classification,
      classificationVi: h.classification ? CLASSIFICATION_LABELS[h.classification].vi : null,
      note: noteOf(e),
    });
  }
  return rows;
}

/** The whole slip: header fields and rows. */
export function buildControlSlip(events: readonly DossierEvent[], opts: ControlSlipOptions = {}): ControlSlip {
  const list = sorted(events);
  const created = list.find((e) => e.action === 'receive');
  let code: string | null = null;
  for (const e of list) if (typeof e.payload.code === 'string') code = e.payload.code;
  const handlingAgencyId = typeof created?.payload.competentAgencyId === 'string' ? created.payload.competentAgencyId : null;
  const cooperating = new Set<string>();
  for (const e of list) {
    if ((e.action === 'transfer' || e.action === 'consult') && typeof e.payload.agencyId === 'string') {
      cooperating.add(e.payload.agencyId);
    }
  }
  if (handlingAgencyId) cooperating.delete(handlingAgencyId);
  return {
    dossierId: list[0]?.dossierId ?? null,
    code,
    handlingAgencyId,
    cooperatingAgencyIds: [...cooperating],
    rows: controlSlipRows(list, opts),
  };
}
