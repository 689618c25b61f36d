// Delivers the sync items to the portal: per dossier in event order (the head of its queue first; a later
// item never overtakes an earlier one), different dossiers independently. The first item the portal accepts
// of a dossier is always a DongBoHoSoMC (the whole dossier): a progress line is sent as one when the portal
// has nothing of the dossier yet. Outcomes:
// - accepted → the next item of the same dossier goes in the same run;
// - rejected (the portal refused the payload) → kept with its code and reason, the queue moves on (later
//   items carry the dossier's whole state); an administrator resends it after the cause is fixed;
// - the portal is unreachable → the item waits with a back-off (10 s doubling, capped) and the dossier's queue
//   waits behind it. The portal keeps SoThuTuDongBo: a call that took effect but lost its answer is accepted
//   again with no further effect, so retries never duplicate anything.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { backoffMs } from '../../platform/outbox/backoff.js';
import { PortalUnavailable, type PortalCall } from '../../platform/ports/national-portal.js';
import * as repo from './portal-sync.repo.js';

export interface PushReport {
  accepted: number;
  rejected: number;
  failed: number;
}

/** One run over the due dossiers (at most `maxDossiers` heads, each queue followed while it is accepted). */
export async function pushToPortal(ctx: AppContext, opts: { maxDossiers?: number; maxPerDossier?: number } = {}): Promise<PushReport> {
  const report: PushReport = { accepted: 0, rejected: 0, failed: 0 };
  const heads = await repo.dueHeads(ctx.db, ctx.clock.now(), opts.maxDossiers ?? 200);
  for (const head of heads) await pushQueue(ctx, head, opts.maxPerDossier ?? 100, report);
  return report;
}

async function pushQueue(ctx: AppContext, head: repo.SyncItemRow, max: number, report: PushReport): Promise<void> {
  let item: repo.SyncItemRow | undefined = head;
  for (let n = 0; item && n < max; n++) {
    const outcome = await pushOne(ctx, item);
    report[outcome]++;
    if (outcome === 'failed') return;
    item = await repo.nextPending(ctx.db, item.dossier_id, item.event_version);
  }
}

async function pushOne(ctx: AppContext, item: repo.SyncItemRow): Promise<keyof PushReport> {
  const call = await callFor(ctx, item);
  try {
    // the same message keeps its key (a retry is answered once); a resend with a corrected payload gets a new one
    const digest = createHash('sha256').update(JSON.stringify(call)).digest('hex').slice(0, 16);
    const answer = await ctx.nationalPortal.send(call, { idempotencyKey: `${item.dossier_id}:${item.event_version}:${digest}` });
    const now = ctx.clock.now();
    if (answer.outcome === 'accepted') {
      await repo.markAccepted(ctx.db, item.id, call.service, answer.ref, now);
      return 'accepted';
    }
    await repo.markRejected(ctx.db, item.id, call.service, answer.code, answer.message, now);
    return 'rejected';
  } catch (e) {
    // unreachable, or any other failure of the call: the dossier's queue waits and retries
    const err = e instanceof Error ? e : new PortalUnavailable(String(e));
    const now = ctx.clock.now();
    const next = new Date(now.getTime() + backoffMs(item.attempts + 1, ctx.config.outbox.maxBackoffSeconds * 1000, item.id));
    await repo.markFailed(ctx.db, item.id, `${err.name}: ${err.message}`, now, next);
    return 'failed';
  }
}

/** Progress line, or the whole dossier when the portal has nothing of it yet. */
async function callFor(ctx: AppContext, item: repo.SyncItemRow): Promise<PortalCall> {
  if (item.payload.progress && (await repo.acceptedBefore(ctx.db, item.dossier_id, item.event_version))) {
    return { service: 'CapNhatTienDoHoSoMC', data: item.payload.progress };
  }
  return { service: 'DongBoHoSoMC', data: item.payload.dongBo };
}
