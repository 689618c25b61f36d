// Liên thông and consultation: transfer to another agency and back, ask another agency's opinion and answer.
import type { ActionName } from './actions.js';
import { classify, fullConfig, hoursBetween, iso } from './deadlines.js';
import { PayloadError, asObject, documentList, optNumber, optString, reqNumber, reqString } from './payload.js';
import { findStep } from './process.js';
import { enter, handover, handoverFromStep, party, stateAtStep, type Build } from './event-draft.js';

export const TRANSFER_CONSULT_DECIDERS = {
  consult: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const agencyId = reqString(p, 'agencyId');
    if (agencyId === s.currentAgencyId) throw new PayloadError('Không thể xin ý kiến chính cơ quan mình', 'Cannot consult the holding agency itself');
    const hours = reqNumber(p, 'hours', { positive: true });
    return {
      toState: s.state,
      payload: {
        consultationId: `c${s.version + 1}`,
        agencyId,
        hours,
        dueAt: iso(ctx.addWorkingHours(ctx.now, hours)),
        question: optString(p, 'question'),
      },
    };
  },
  answer_consultation: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const mine = s.openConsultations.filter((c) => cmd.actor.system || c.agencyId === cmd.actor.agencyId);
    const id = optString(p, 'consultationId') ?? (mine.length === 1 ? mine[0]!.id : null);
    const c = mine.find((x) => x.id === id);
    if (!c) throw new PayloadError('Không tìm thấy yêu cầu xin ý kiến', 'consultationId must name an open consultation of your agency');
    const { classification } = classify(ctx.now, c.dueAt, ctx, fullConfig(ctx.config).earlyMarginHours);
    return { toState: s.state, payload: { consultationId: c.id, answer: optString(p, 'answer'), classification } };
  },
  transfer: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const agencyId = reqString(p, 'agencyId');
    if (agencyId === s.currentAgencyId) throw new PayloadError('Không thể liên thông đến chính cơ quan mình', 'Cannot transfer to the holding agency');
    const hours = optNumber(p, 'hours', { positive: true });
    const legDue = hours === null ? null : iso(ctx.addWorkingHours(ctx.now, hours));
    const stepRemainingHours = s.stepDueAt === null ? 0 : hoursBetween(ctx, ctx.now, s.stepDueAt);
    return {
      toState: 'transferred',
      agencyId,
      assigneeId: null,
      payload: { transferId: `t${s.version + 1}`, agencyId, hours, dueAt: legDue, stepRemainingHours },
      handover: handoverFromStep(s, cmd.actor, party(agencyId, null, null), ctx),
      clock: { stepEnteredAt: iso(ctx.now), stepDueAt: legDue },
    };
  },
  return_transfer: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const leg = s.transfers[s.transfers.length - 1]!;
    const origin = findStep(ctx.process, leg.fromStepKey);
    if (!origin) throw new PayloadError('Bước gốc không còn trong quy trình', 'The origin step is not in the process');
    const assigneeId = s.stepHandlers[origin.key] ?? null;
    const loc = enter(origin, s, ctx, assigneeId, 0);
    loc.clock.stepDueAt = iso(ctx.addWorkingHours(ctx.now, leg.stepRemainingHours));
    return {
      toState: stateAtStep(origin, ctx),
      ...loc,
      payload: { transferId: leg.id, result: documentList(p, 'result', false) },
      handover: handover(
        party(s.currentAgencyId, null, cmd.actor.userId),
        party(loc.agencyId, origin.key, assigneeId),
        leg.dueAt,
        ctx,
      ),
    };
  },
} satisfies Partial<Record<ActionName, Build>>;
